//! The chat-group picker: each group with its number of days, the cursor's row marked. A
//! site's groups are folder paths (`source/devarch`, `wechat/monthly`): the folders a name
//! shares with the one above it are dimmed, so the list reads as a tree.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::cells::RowWriter;
use super::chrome::overlay_box;
use crate::app::App;
use crate::app::overlay::groups::GroupPicker;
use crate::layout;
use crate::text;

pub fn render(app: &App, picker: &GroupPicker, area: Rect, buf: &mut Buffer) {
    let theme = &app.settings.theme;
    let groups = &app.archive.groups;
    let longest = groups
        .iter()
        .map(|g| text::width(&g.name))
        .max()
        .unwrap_or(0);
    let (box_area, name_cells) = layout::groups_box(area, longest, groups.len());
    let inner = overlay_box(box_area, " chat groups ", theme, buf);
    let rows = inner.height as usize;
    // The cursor's row stays in view.
    let top = (picker.cursor + 1).saturating_sub(rows.max(1));
    for (row, (i, g)) in groups.iter().enumerate().skip(top).take(rows).enumerate() {
        let style = if i == picker.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let mut w = RowWriter::new(buf, inner.x, inner.y + row as u16, inner.right());
        let name = text::fit(&g.name, name_cells);
        let above = i.checked_sub(1).map_or("", |p| groups[p].name.as_str());
        let (shared, own) = name.split_at(shared_folders(above, &name));
        w.put(shared, style.patch(theme.dim));
        w.put(own, style);
        let pad = " ".repeat(name_cells.saturating_sub(text::width(&name)));
        let days = g.days.len();
        let noun = text::plural(days, "day ", "days");
        w.put(&format!("{pad} {days:>5} {noun}"), style);
        w.fill(style);
    }
}

/// Bytes of `name` that are whole folders (`a/b/`) it shares with `above`, or that are
/// `above` itself followed by `/`.
fn shared_folders(above: &str, name: &str) -> usize {
    let same = above
        .bytes()
        .zip(name.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    if same == above.len() && name.as_bytes().get(same) == Some(&b'/') {
        return same + 1;
    }
    // Bytes, not text: two names may share half a character.
    let slash = name.as_bytes()[..same].iter().rposition(|&b| b == b'/');
    slash.map_or(0, |slash| slash + 1)
}

#[cfg(test)]
mod tests {
    use super::shared_folders;

    #[test]
    fn only_whole_shared_folders_are_dimmed() {
        assert_eq!(shared_folders("source/prodarch", "source/proddev"), 7);
        assert_eq!(shared_folders("wechat", "wechat/monthly"), 7);
        assert_eq!(shared_folders("wechat", "wechat2"), 0);
        assert_eq!(shared_folders("", "essay"), 0);
        assert_eq!(shared_folders("a/b/c", "a/b"), 2);
        assert_eq!(
            shared_folders("x/给", "x/绘/y"),
            2,
            "no cut inside a character"
        );
    }
}
