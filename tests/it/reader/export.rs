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
    let heading = format!(
        "# prodarch {date} ({}) · {count} messages",
        date.format("%A")
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
