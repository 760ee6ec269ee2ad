//! The results of the search across the archive (`F`, `:search`): the list's keys.

use super::layer::{Layer, Next};
use crate::action::{Action, ResultsOption};
use crate::app::reader::Reader;
use crate::keymap::Context;
use crate::model::Archive;

/// The results list, over the message pane; what it lists is `App::archive_search`, which
/// outlives it (`n`/`N` follow it across days once a result is opened).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results;

impl Layer for Results {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Results, Context::Always]
    }

    fn input(&mut self, app: &mut dyn Reader, action: Action) -> Next {
        let page = app.page_height() as isize;
        let Some(search) = app.archive_search() else {
            return Next::Close;
        };
        let last = search.found.len().saturating_sub(1);
        let moved = |by: isize| search.cursor.saturating_add_signed(by).min(last);
        match action {
            Action::CursorDown => search.cursor = moved(1),
            Action::CursorUp => search.cursor = moved(-1),
            Action::ScrollLines(n) => search.cursor = moved(n),
            Action::ScrollPage(dir) => search.cursor = moved(dir * page),
            Action::Top => search.cursor = 0,
            Action::Bottom => search.cursor = last,
            Action::Submit => {
                return if app.open_found() {
                    Next::Close
                } else {
                    Next::Stay
                };
            }
            Action::Cancel => {
                search.stop();
                return Next::Close;
            }
            Action::OpenCommand => {
                app.open_results_command();
                return Next::Close;
            }
            Action::ResultsOption(option) => {
                let mut query = search.query.clone();
                match option {
                    ResultsOption::AllGroups => query.all_groups = !query.all_groups,
                    ResultsOption::Regex => query.regex = !query.regex,
                    ResultsOption::NewestFirst => query.newest_first = !query.newest_first,
                }
                app.start_archive_search(query);
                return Next::Close;
            }
            _ => {}
        }
        // Keep the cursor in view.
        let rows = page as usize;
        search.top = search
            .top
            .min(search.cursor)
            .max((search.cursor + 1).saturating_sub(rows));
        Next::Stay
    }

    /// The search itself is started again by the reload, on the new archive (and with
    /// none, the list closes at the next key).
    fn reload(&mut self, _: &dyn Reader, _: &Archive) -> Next {
        Next::Stay
    }
}
