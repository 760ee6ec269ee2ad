//! The reader on a site root: documents and unnamed messages read, searched and found as
//! messages are, and a site's groups as a tree.

use ratatui::style::Modifier;

use super::*;
use crate::common::real_logs::real_site;

/// The reader on the sample site, at `date` of its group `wechat`.
fn wechat_at(date: &str, width: u16) -> Option<App> {
    let mut app = app_at(&real_site()?, width, 30);
    type_str(&mut app, ":group wechat");
    press(&mut app, [enter()]);
    type_str(&mut app, &format!(":{date}"));
    press(&mut app, [enter()]);
    Some(app)
}

/// The write-up of 2018-03-27 opens under its title with the day list's document mark, and
/// `/` finds its text, the frame exact around its wide characters.
#[test]
fn the_write_up_opens_and_slash_searches_it() {
    let Some(mut app) = wechat_at("2018-03-27", 100) else {
        return;
    };
    let buf = draw(&app);
    assert_exact(&app, &buf);
    let shown = screen(&buf);
    assert!(shown.contains("│2018-03-27 Tue     0≡ │"), "{shown}");
    assert!(shown.contains("│document 20180327-p2p账户系统"), "{shown}");
    type_str(&mut app, "/账户系统");
    press(&mut app, [enter()]);
    let hits = app.derived.hits.len();
    let doc = &app.day().documents[0];
    let held = app.day().document_text(doc).matches("账户系统").count();
    assert_eq!(hits, held + 1, "every one in the text and the title's");
    assert!(
        app.derived.hits.iter().any(|h| h.in_name),
        "the title is searched too"
    );
    assert!(
        status_row(&app).contains(&format!("/{hits}")),
        "{}",
        status_row(&app)
    );
    // `n` walks the hits down the document, scrolling it.
    press(&mut app, std::iter::repeat_n(key('n'), hits - 1));
    assert_eq!(app.view.hit, hits - 1);
    assert_exact(&app, &draw(&app));
    // At any size the document's wide text, headings and hits keep every cell whole.
    for (w, h) in [
        (1, 1),
        (3, 2),
        (9, 5),
        (20, 8),
        (45, 12),
        (59, 20),
        (61, 20),
        (133, 7),
    ] {
        app.update(Action::Resize(Size::new(w, h)));
        assert_exact(&app, &draw(&app));
    }
}

/// The older unnamed logs show their mark in place of a name, dimmed; the mark is a
/// speaker of its own in the filter, which leaves documents out.
#[test]
fn unnamed_messages_show_a_mark_and_filter_as_a_speaker() {
    let Some(mut app) = wechat_at("2017-05-06", 100) else {
        return;
    };
    let buf = draw(&app);
    let shown = screen(&buf);
    assert!(shown.contains("│08:08:09 (no name)"), "{shown}");
    let row = row_text(&buf, 1);
    let x = row[..row.find("(no name)").unwrap()].width() as u16;
    assert!(buf[(x, 1)].modifier.contains(Modifier::DIM));
    assert_eq!(app.derived.shown.len(), 89);
    press(&mut app, [key('s')]);
    let Some(Overlay::Speakers(picker)) = &app.overlay else {
        panic!("picker open")
    };
    let entries = picker.entries(&app.archive);
    assert_eq!(entries.len(), 1);
    assert_eq!(app.archive.person_name(entries[0].0), "(no name)");
    press(&mut app, [key(' '), enter()]);
    assert_eq!(filter_names(&app), ["(no name)"]);
    assert_eq!(app.derived.shown.len(), 89);
    type_str(&mut app, ":2018-03-27");
    press(&mut app, [enter()]);
    assert!(app.derived.shown.is_empty(), "a document has no speaker");
}

/// `F` finds a document's text beside messages; its result names the document, and Enter
/// opens it there.
#[test]
fn archive_search_finds_documents_by_title() {
    let Some(mut app) = wechat_at("2018-03-27", 120) else {
        return;
    };
    find_all(&mut app, "会计科目");
    let search = app.archive_search.as_ref().unwrap();
    // Newest first: the write-up, two messages of 2017-05-10, the digest of 2017-05-09.
    let dates: Vec<String> = (search.found.iter())
        .map(|f| app.archive.days[f.day].date.to_string())
        .collect();
    assert_eq!(
        dates,
        ["2018-03-27", "2017-05-10", "2017-05-10", "2017-05-09"]
    );
    let shown = screen(&draw(&app));
    assert!(
        shown.contains("2018-03-27 document 20180327-p2p账户…: …户是"),
        "{shown}"
    );
    assert!(
        shown.contains("2017-05-10 15:18:20 (no name): 会计科目"),
        "{shown}"
    );
    press(&mut app, [enter()]);
    assert_eq!(app.day().date.to_string(), "2018-03-27");
    assert!(!app.day().documents.is_empty());
}

/// The group picker dims the folders a group shares with the one above it.
#[test]
fn the_group_picker_reads_as_a_tree() {
    let Some(site) = real_site() else { return };
    let mut app = app_at(&site, 100, 30);
    type_str(&mut app, "c");
    let buf = draw(&app);
    let shown = screen(&buf);
    let y = (0..buf.area.height)
        .find(|&y| row_text(&buf, y).contains("source/proddev"))
        .unwrap_or_else(|| panic!("{shown}"));
    let row = row_text(&buf, y);
    let x = row[..row.find("source/proddev").unwrap()].width() as u16;
    let dim = |x: u16| buf[(x, y)].modifier.contains(Modifier::DIM);
    assert!((x..x + 7).all(dim), "source/ is dimmed:\n{shown}");
    assert!(!dim(x + 7), "proddev is not");
}
