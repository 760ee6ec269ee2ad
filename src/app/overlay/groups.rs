//! The chat-group picker (`c`): a cursor over the archive's groups.

use super::layer::{Layer, Next};
use crate::action::Action;
use crate::app::reader::Reader;
use crate::keymap::Context;
use crate::model::{Archive, GroupId};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupPicker {
    /// Index of the group under the cursor.
    pub cursor: usize,
}

/// The picker with the open group under the cursor.
pub fn open(app: &dyn Reader) -> GroupPicker {
    GroupPicker {
        cursor: app.view().group.0 as usize,
    }
}

impl Layer for GroupPicker {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Groups, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        let last = app.archive().groups.len().saturating_sub(1);
        match action {
            Action::CursorUp => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorDown => self.cursor = (self.cursor + 1).min(last),
            Action::Submit => {
                app.switch_group(GroupId(self.cursor as u32));
                return Next::Close;
            }
            Action::Cancel => return Next::Close,
            _ => {}
        }
        Next::Stay
    }

    /// The cursor stays on its group, by folder (on the open group if that one is gone).
    fn reload(&mut self, app: &dyn Reader, old: &Archive) -> Next {
        let under = GroupId(self.cursor.min(old.groups.len().saturating_sub(1)) as u32);
        self.cursor = app.same_group(old, under).0 as usize;
        Next::Stay
    }
}
