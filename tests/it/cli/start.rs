//! What the reader opens when no folder is named: the current folder when it holds day
//! files, else the samples built into the binary (never the checkout it was built from).

use crate::common::TempDir;
use crate::common::tmux::Tmux;

/// The reader started with no folder in `cwd`, in tmux.
fn reader_in(name: &str, cwd: &std::path::Path) -> Option<Tmux> {
    let line = format!(
        "cd '{}' && '{}' --no-state; echo CHATLOG-EXITED; sleep 30",
        cwd.display(),
        env!("CARGO_BIN_EXE_chatlog")
    );
    Tmux::start(name, &line, 100, 30)
}

#[test]
fn with_no_folder_the_reader_opens_the_samples_built_in() {
    // A folder with Markdown but no dated day file, as a source checkout's root is.
    let temp = TempDir::new("start-samples");
    std::fs::write(temp.path().join("README.md"), "# notes\n").unwrap();
    let Some(t) = reader_in("start-samples", temp.path()) else {
        return;
    };
    let screen = t.wait_for("devarch · 2018-03-07 Wed");
    assert!(screen.contains("? help"), "{screen}");
    t.type_text(":group quirks");
    t.keys(&["Enter"]);
    t.wait_for("┌ quirks · 2 days");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}

#[test]
fn with_no_folder_the_reader_opens_the_current_folder_when_it_holds_day_files() {
    let temp = TempDir::new("start-here");
    let posts = temp.path().join("mine/_posts");
    std::fs::create_dir_all(&posts).unwrap();
    let day = "---\ntitle: \"2020-02-02-WeChat\"\ndate: 2020-02-02 12:00:00\n---\n\
               > 09:00:00  Me  \n   \nhello from here  \n   \n";
    std::fs::write(posts.join("2020-02-02-chat.md"), day).unwrap();
    let Some(t) = reader_in("start-here", temp.path()) else {
        return;
    };
    let screen = t.wait_for("mine · 2020-02-02 Sun");
    assert!(screen.contains("hello from here"), "{screen}");
    t.keys(&["q"]);
    t.wait_for("CHATLOG-EXITED");
}
