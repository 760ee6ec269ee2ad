//! :export, carried out as the terminal loop does.

use super::*;

#[test]
fn export_writes_the_day_under_the_filter_in_the_format_of_the_extension() {
    let temp = TempDir::new("reader-export");
    let mut app = sample_app(100, 30);
    let (date, count) = (app.day().date, app.day().messages.len());

    // The whole day as Markdown: a day file that loads as the same messages.
    let markdown = temp.path().join("md/export.md");
    std::fs::create_dir(markdown.parent().unwrap()).unwrap();
    let notice = command(&mut app, &format!("export {}", markdown.display()));
    assert_eq!(
        notice,
        format!("wrote {count} messages to {}", markdown.display())
    );
    let (copy, problems) = load(markdown.parent().unwrap()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(copy.days[0].date, date);
    let loaded: Vec<(String, String)> = (copy.days[0].messages.iter())
        .map(|m| {
            (
                copy.speaker(m.speaker).to_owned(),
                copy.days[0].body(m).to_owned(),
            )
        })
        .collect();
    assert_eq!(loaded, shown_messages(&app));

    // The busiest speaker only, as JSON: exactly their messages and texts.
    press(&mut app, [key('s'), key(' '), enter()]);
    let only = shown_messages(&app);
    assert!(only.len() > 1 && only.len() < count);
    let json = temp.path().join("day.json");
    let notice = command(&mut app, &format!("export {}", json.display()));
    assert_eq!(
        notice,
        format!("wrote {} messages to {}", only.len(), json.display())
    );
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["group"], "prodarch");
    assert_eq!(value["date"], date.to_string());
    let exported: Vec<(String, String)> = (value["messages"].as_array().unwrap().iter())
        .map(|m| {
            (
                m["speaker"].as_str().unwrap().into(),
                m["text"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(exported, only);

    // Any other name is text, as `show` prints it, under the same filter.
    let text_file = temp.path().join("day.txt");
    command(&mut app, &format!("export {}", text_file.display()));
    let text = std::fs::read_to_string(&text_file).unwrap();
    let mut lines = text.lines();
    // The heading counts what is written, and says what chose it.
    let heading = format!(
        "# prodarch {date} ({}) · {} of {count} messages, speaker {}",
        date.format("%A"),
        only.len(),
        only[0].0
    );
    assert_eq!(lines.next(), Some(heading.as_str()));
    let speaker = &only[0].0;
    let firsts: Vec<&str> = lines.filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(firsts.len(), only.len());
    assert!(
        firsts
            .iter()
            .all(|l| l[9..].starts_with(&format!("{speaker}: ")))
    );
}

#[test]
fn export_never_writes_inside_the_archive() {
    let temp = TempDir::new("reader-export-archive");
    let mut app = sample_app(100, 30);
    let posts = sample().join("prodarch/_posts");
    let refused = |notice: &str| {
        notice.starts_with("not exported: ") && notice.contains("inside the archive")
    };
    for file in [posts.join("new.md"), PathBuf::from("sample-logs/new.md")] {
        let notice = command(&mut app, &format!("export! {}", file.display()));
        assert!(refused(&notice), "{notice}");
        assert!(!file.exists());
    }
    // Nor through a link to a day file or to a folder of the archive.
    let day_file = posts.join("2018-03-07-chat.markdown");
    let before = std::fs::read(&day_file).unwrap();
    let link = temp.path().join("link.md");
    std::os::unix::fs::symlink(&day_file, &link).unwrap();
    let folder = temp.path().join("folder");
    std::os::unix::fs::symlink(&posts, &folder).unwrap();
    for file in [link, folder.join("new.md")] {
        let notice = command(&mut app, &format!("export! {}", file.display()));
        assert!(refused(&notice), "{notice}");
    }
    assert_eq!(std::fs::read(&day_file).unwrap(), before);
    assert!(!posts.join("new.md").exists());
}

#[test]
fn export_overwrites_only_with_a_bang_and_says_why_not() {
    let temp = TempDir::new("reader-export-overwrite");
    let mut app = sample_app(100, 30);
    let file = temp.path().join("day.txt");
    std::fs::write(&file, "mine").unwrap();
    let notice = command(&mut app, &format!("export {}", file.display()));
    let path = file.display();
    assert_eq!(
        notice,
        format!("not exported: {path} exists (:export! overwrites it)")
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    let notice = command(&mut app, &format!("export! {path}"));
    assert!(notice.starts_with("wrote "), "{notice}");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("# prodarch ")
    );
    // A folder that is not there, a folder as the file, no file at all: a notice each.
    let missing = command(&mut app, "export /no/such/folder/day.md");
    assert!(
        missing.starts_with("not exported: /no/such/folder"),
        "{missing}"
    );
    let folder = command(&mut app, &format!("export! {}", temp.path().display()));
    assert!(folder.starts_with("not exported: "), "{folder}");
    let nothing = command(&mut app, "export");
    assert!(nothing.starts_with("not exported: no file"), "{nothing}");
}

/// `:export FILE DATES` writes the open group's days in DATES under the filters in force,
/// each with its heading; a span with nothing shown writes nothing and says so.
#[test]
fn export_with_dates_writes_each_day_of_the_group_in_them() {
    let temp = TempDir::new("reader-export-dates");
    let mut app = sample_app(100, 30);
    let file = temp.path().join("march.txt");
    let notice = command(&mut app, &format!("export {} 2018-03", file.display()));
    assert_eq!(
        notice,
        format!("wrote 699 messages (4 days) to {}", file.display())
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(
        headings,
        [
            "# prodarch 2018-03-04 (Sunday) · 222 messages",
            "# prodarch 2018-03-05 (Monday) · 158 messages",
            "# prodarch 2018-03-06 (Tuesday) · 169 messages",
            "# prodarch 2018-03-07 (Wednesday) · 150 messages",
        ]
    );
    // Under a text filter, as CSV: only the days and messages it lets through.
    type_str(&mut app, "&银联");
    press(&mut app, [enter()]);
    let csv = temp.path().join("union.csv");
    let notice = command(
        &mut app,
        &format!("export {} 2018-03-05..2018-03-06", csv.display()),
    );
    let rows = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<&str> = rows.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows[0], "group,date,time,speaker,kind,text");
    assert!(
        rows[1..]
            .iter()
            .all(|r| r.starts_with("prodarch,2018-03-0") && r.contains("银联")),
        "{rows:?}"
    );
    assert_eq!(
        notice,
        format!(
            "wrote {} messages (2 days) to {}",
            rows.len() - 1,
            csv.display()
        )
    );
    let none = command(
        &mut app,
        &format!("export {} 2017", temp.path().join("none.txt").display()),
    );
    assert_eq!(
        none,
        "not exported: nothing shown in 2017-01-01..2017-12-31"
    );
    assert!(!temp.path().join("none.txt").exists());
}

/// With the results of `F` open, `:export FILE` writes those results, day by day in the
/// order listed, and the results come back.
#[test]
fn export_over_the_results_writes_the_results() {
    let temp = TempDir::new("reader-export-results");
    let mut app = sample_app(100, 30);
    find_all(&mut app, "对账");
    let found = app.archive_search.as_ref().unwrap().found.clone();
    assert!(found.len() > 2);
    let file = temp.path().join("found.json");
    let notice = command(&mut app, &format!("export {}", file.display()));
    assert!(
        matches!(app.overlay, Some(Overlay::Results(_))),
        "the results are back"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let days: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let written: Vec<(String, String)> = (days.iter())
        .flat_map(|d| {
            let date = d["date"].as_str().unwrap().to_owned();
            let texts = d["messages"].as_array().unwrap().iter();
            texts.map(move |m| (date.clone(), m["text"].as_str().unwrap().to_owned()))
        })
        .collect();
    let expected: Vec<(String, String)> = (found.iter())
        .map(|f| {
            let day = &app.archive.days[f.day];
            (
                day.date.to_string(),
                day.body(&day.messages[f.message]).to_owned(),
            )
        })
        .collect();
    assert_eq!(written, expected);
    assert_eq!(
        notice,
        format!(
            "wrote {} messages ({} days) to {}",
            found.len(),
            days.len(),
            file.display()
        )
    );
    // As text, each heading says the messages were chosen by the search.
    let file = temp.path().join("found.txt");
    command(&mut app, &format!("export {}", file.display()));
    let text = std::fs::read_to_string(&file).unwrap();
    let first = text.lines().next().unwrap();
    assert!(first.ends_with("messages, matching \"对账\""), "{first}");
    // Esc at the prompt goes back to the results too.
    press(&mut app, [key(':'), code(KeyCode::Esc)]);
    assert!(matches!(app.overlay, Some(Overlay::Results(_))));
}
