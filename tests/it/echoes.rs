//! Echoes and aliases on the real archive: the figures the issue gives, reproduced.

use chatlog::activity::{Span, per_person};
use chatlog::load::load;

use crate::common::real_logs::real_logs;

#[test]
fn the_real_archive_has_6147_echoes_and_proddev_2017_12_22_has_961() {
    let Some(dir) = real_logs() else {
        return;
    };
    let (archive, _) = load(&dir).unwrap();
    assert_eq!(archive.message_count(), 94_208);
    assert_eq!(archive.echo_count(), 6_147);
    let proddev = archive.find_group("proddev").expect("proddev");
    let day = archive
        .find_day(proddev, "2017-12-22".parse().unwrap())
        .map(|d| &archive.days[d])
        .expect("proddev 2017-12-22");
    assert_eq!((day.messages.len(), day.echoes.len()), (2_102, 961));
    // Each echo repeats an earlier message of its day at the same second.
    for day in &archive.days {
        for echo in &day.echoes {
            let (m, of) = (echo.message as usize, echo.of as usize);
            assert!(of < m);
            assert_eq!(day.messages[m].time, day.messages[of].time);
        }
    }
}

#[test]
fn echoes_link_306_name_pairs_and_join_the_names_of_one_person() {
    let Some(dir) = real_logs() else {
        return;
    };
    let (archive, _) = load(&dir).unwrap();
    let links = chatlog::echoes::name_links(&archive);
    assert_eq!(links.len(), 306);
    let id = |name: &str| archive.speakers_named(&[name])[0];
    let tian = id("田浩沛");
    let pair = (
        tian.min(id("田浩沛-银生宝电子支付公司技术总")),
        tian.max(id("田浩沛-银生宝电子支付公司技术总")),
    );
    assert_eq!(links[&pair], 500);
    assert_eq!(
        archive.person_of[tian.0 as usize],
        archive.person_of[pair.1.0 as usize]
    );
    // Every message belongs to exactly one person.
    let total: u32 = archive.people.iter().map(|p| p.messages).sum();
    assert_eq!(total as usize, archive.message_count());
    let mut sets: Vec<_> = archive
        .people
        .iter()
        .filter(|p| p.names.len() > 1)
        .collect();
    sets.sort_by_key(|p| std::cmp::Reverse((p.names.len(), p.messages)));
    for p in sets.iter().take(12) {
        let names: Vec<String> = p
            .names
            .iter()
            .map(|&n| {
                format!(
                    "{} ({})",
                    archive.speaker(n),
                    archive.speakers[n.0 as usize].messages
                )
            })
            .collect();
        eprintln!(
            "{} names, {} messages: {}",
            p.names.len(),
            p.messages,
            names.join(" / ")
        );
    }
    eprintln!("people with several names: {}", sets.len());
}

/// The real binary, its standard output as lines.
fn lines_of(args: &[&str]) -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_chatlog"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{args:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn show_search_and_stats_fold_echoes_unless_all() {
    let Some(dir) = real_logs() else {
        return;
    };
    let dir = dir.to_str().unwrap();
    let day = ["show", dir, "2017-12-22", "--group", "proddev"];
    assert_eq!(
        lines_of(&day).len(),
        1 + 1141,
        "a header line and the kept messages"
    );
    let all: Vec<&str> = day.iter().copied().chain(["--all"]).collect();
    assert_eq!(lines_of(&all).len(), 1 + 2102);
    let folded = lines_of(&["search", dir, "代扣", "--json"]);
    let every = lines_of(&["search", dir, "代扣", "--json", "--all"]);
    assert!(
        folded.len() < every.len(),
        "{} {}",
        folded.len(),
        every.len()
    );
    assert!(folded.iter().all(|l| every.contains(l)));
    // People: a row names the most used name and the others as aliases.
    let rows = lines_of(&["stats", dir, "--by", "speaker", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&rows[0]).unwrap();
    let tian = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["speaker"] == "田浩沛")
        .expect("田浩沛");
    assert_eq!(
        tian["aliases"],
        serde_json::json!(["田浩沛-银生宝电子支付公司技术总"])
    );
    // Any of a person's names picks all of their messages.
    let by_alias = lines_of(&[
        "search",
        dir,
        "的",
        "--speaker",
        "田浩沛-银生宝电子支付公司技术总",
    ]);
    let by_name = lines_of(&["search", dir, "的", "--speaker", "田浩沛"]);
    assert_eq!(by_alias, by_name);
    assert!(by_name.iter().any(|l| l.contains(" 田浩沛: ")));
}

#[test]
fn the_reader_folds_echoes_and_e_shows_every_copy() {
    use chatlog::action::Action;
    use chatlog::app::App;
    use ratatui::layout::Size;
    let Some(dir) = real_logs() else {
        return;
    };
    let (archive, _) = load(&dir).unwrap();
    let mut app = App::new(std::sync::Arc::new(archive), Size::new(100, 30));
    let go = |app: &mut App, line: &str| {
        app.update(Action::OpenCommand);
        for c in line.chars() {
            app.update(Action::Type(c));
        }
        app.update(Action::Submit);
    };
    go(&mut app, "group proddev");
    go(&mut app, "2017-12-22");
    assert_eq!(app.derived.shown.len(), 1141);
    assert!(
        !app.derived.also.is_empty(),
        "kept messages name their echoes' names"
    );
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| chatlog::ui::render(&app, f)).unwrap();
    let screen: String = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(screen.contains("(also "), "{screen}");
    assert!(
        screen.contains("msg 1/1141 · 961 echoes folded"),
        "{screen}"
    );
    app.update(Action::ToggleFold);
    assert_eq!(app.derived.shown.len(), 2102);
    assert_eq!(
        app.view.notice.as_deref(),
        Some("every copy shown: echoes not folded")
    );
    go(&mut app, "fold");
    assert_eq!(app.derived.shown.len(), 1141);
    assert_eq!(app.view.notice.as_deref(), Some("961 echoes folded"));
}

/// The archive's count per person, taken from the loader's totals less each echo, is the
/// count of the messages themselves, folded or not.
#[test]
fn people_are_counted_from_the_totals_as_their_messages_count_them() {
    let Some(dir) = real_logs() else {
        return;
    };
    let (archive, _) = load(&dir).unwrap();
    for fold in [true, false] {
        let mut counted = vec![0usize; archive.people.len()];
        for msg in archive.days.iter().flat_map(|d| d.kept(fold)) {
            counted[archive.person_of[msg.speaker.0 as usize].0 as usize] += 1;
        }
        let mut expected: Vec<(usize, usize)> = counted
            .into_iter()
            .enumerate()
            .filter(|&(_, n)| n > 0)
            .collect();
        expected.sort_unstable();
        let mut got: Vec<(usize, usize)> = per_person(&archive, Span::Archive, fold)
            .into_iter()
            .map(|(p, n)| (p.0 as usize, n))
            .collect();
        got.sort_unstable();
        assert_eq!(got, expected, "fold {fold}");
    }
}
