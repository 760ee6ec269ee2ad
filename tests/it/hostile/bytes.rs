//! What is inside a file: other encodings, broken and huge front matter, a 1 MB line, NUL
//! bytes, binary files and files too big for a day log.

use super::*;

#[test]
fn gbk_utf16_and_latin1_files_are_decoded_and_named() {
    let archive = Archive::new("encodings");
    let gbk = "---\ntitle: \"2019-01-02-WeChat\"\n---\n> 10:00:00  张三  \n   \n\
               我们讨论一下代扣和清算的对账流程，还有备付金的问题。  \n";
    let utf16 = "---\ntitle: \"2019-01-04-WeChat\"\n---\n> 10:00:00  李四  \n   \n你好  \n";
    let latin1 = "---\ntitle: \"2019-01-05-WeChat\"\n---\n> 10:00:00  José  \n   \n\
                  Le café crème était très léger, à côté du gâteau  \n";
    let mut utf16_bytes = vec![0xff, 0xfe];
    utf16_bytes.extend(utf16.encode_utf16().flat_map(u16::to_le_bytes));
    archive
        .write("2019-01-02-gbk.md", encoding_rs::GBK.encode(gbk).0)
        .write("2019-01-04-utf16.md", utf16_bytes)
        .write(
            "2019-01-05-latin1.md",
            encoding_rs::WINDOWS_1252.encode(latin1).0,
        );

    let no_date =
        |date| format!(": warning: no date in the front matter: date {date} taken from the title");
    let expected = [
        archive.problem(
            "2019-01-02-gbk.md",
            ": warning: file is not UTF-8: decoded as GBK",
        ),
        archive.problem("2019-01-02-gbk.md", &no_date("2019-01-02")),
        archive.problem(
            "2019-01-04-utf16.md",
            ": warning: file is UTF-16LE: decoded",
        ),
        archive.problem("2019-01-04-utf16.md", &no_date("2019-01-04")),
        archive.problem(
            "2019-01-05-latin1.md",
            ": warning: file is not UTF-8: decoded as windows-1252",
        ),
        archive.problem("2019-01-05-latin1.md", &no_date("2019-01-05")),
    ];
    let summary = "5 days, 8 messages in 1 groups: 6 problems (0 errors, 6 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(
        &["2019-01-02"],
        "10:00:00 张三: 我们讨论一下代扣和清算的对账流程，还有备付金的问题。",
    );
    archive.assert_shows(&["2019-01-04"], "10:00:00 李四: 你好");
    archive.assert_shows(
        &["2019-01-05"],
        "10:00:00 José: Le café crème était très léger, à côté du gâteau",
    );
}

#[test]
fn broken_and_unclosed_front_matter_keep_their_days() {
    let archive = Archive::new("front-matter");
    let broken =
        "---\ntitle: \"2019-01-02-WeChat\nauthor: [x\n---\n> 10:00:00  A  \n   \nbroken  \n";
    // No date in the file name: only the unclosed front matter knows the day.
    let unclosed =
        "---\ntitle: \"2019-01-04-WeChat\"\nauthor: x\n> 10:00:00  A  \n   \nunclosed  \n";
    archive
        .write("2019-01-02-broken.md", broken)
        .write("notes.md", unclosed);

    let expected = [
        archive.problem(
            "2019-01-02-broken.md",
            ":4: warning: front matter is not valid YAML (found unexpected end of stream \
             at line 4 column 1, while scanning a quoted scalar at line 2 column 8): \
             read line by line",
        ),
        archive.problem(
            "2019-01-02-broken.md",
            ": warning: no date in the front matter: date 2019-01-02 taken from the title",
        ),
        archive.problem(
            "notes.md",
            ":1: warning: front matter has no closing `---`: \
             lines 2 to 3 read as front matter, messages from line 4",
        ),
        archive.problem(
            "notes.md",
            ": warning: no date in the front matter: date 2019-01-04 taken from the title",
        ),
    ];
    let summary = "4 days, 7 messages in 1 groups: 4 problems (0 errors, 4 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(&["2019-01-02"], "10:00:00 A: broken");
    archive.assert_shows(&["2019-01-04"], "10:00:00 A: unclosed");
}

/// 5 MiB of ever deeper `[`: YAML took four minutes on a fifth of this.
#[test]
fn a_five_megabyte_front_matter_is_read_line_by_line_at_once() {
    let archive = Archive::new("huge-front-matter");
    let huge = format!(
        "---\ntitle: \"2019-01-05-WeChat\"\n{}---\n> 10:00:00  A  \n   \nhuge  \n",
        "a: [\n".repeat(1 << 20)
    );
    archive.write("2019-01-05-huge.md", huge);

    let expected = [
        archive.problem(
            "2019-01-05-huge.md",
            ":1: warning: front matter is 5120 KiB, far more than a day log's: \
             read line by line, not as YAML",
        ),
        archive.problem(
            "2019-01-05-huge.md",
            ": warning: no date in the front matter: date 2019-01-05 taken from the title",
        ),
    ];
    let summary = "3 days, 6 messages in 1 groups: 2 problems (0 errors, 2 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

/// 200 front matters just under the YAML cap, each ten `[` deeper than a day log's: at
/// 0.3 s apiece in libyaml they took a minute. A glance refuses them before the parser
/// sees them, and each is read line by line with a warning naming its file and line.
#[test]
fn two_hundred_deeply_nested_front_matters_are_read_line_by_line() {
    let archive = Archive::new("deep-front-matter");
    let nested = format!("tag: {}\n", "[".repeat(8 * 1024 - 200));
    for i in 0..200 {
        let text = format!(
            "---\ntitle: \"2019-01-02-WeChat\"\ndate: 2019-01-02 12:00:00\n{nested}---\n\
             > 10:00:{:02}  A  \n   \nmessage {i}  \n",
            i % 60
        );
        archive.write(&format!("deep/2019-01-02-{i:03}.md"), text);
    }

    let expected: Vec<String> = (0..200)
        .map(|i| {
            archive.problem(
                &format!("deep/2019-01-02-{i:03}.md"),
                ":4: warning: front matter nested more than 8 levels deep: \
                 read line by line, not as YAML",
            )
        })
        .collect();
    let summary = "3 days, 205 messages in 2 groups: 200 problems (0 errors, 200 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

/// A UTF-8 day with one flipped byte, and another cut in the middle of its last character,
/// stay UTF-8: each loses that byte alone (U+FFFD), and a warning names its line. Both
/// were decoded as windows-1252, every Chinese message garbled.
#[test]
fn a_utf8_day_with_a_bad_byte_or_a_cut_tail_keeps_its_text() {
    let archive = Archive::new("bad-utf8");
    let messages = [
        ("10:00:00", "张三", "代扣和清算的对账流程"),
        ("10:00:01", "李四", "备付金 X 的问题"),
        ("10:00:02", "王五", "好的，明天再说"),
    ];
    archive.day("2019-01-02-flipped.md", "2019-01-02", &messages);
    let mut flipped = fs::read(archive.path("2019-01-02-flipped.md")).unwrap();
    let x = flipped.iter().position(|&b| b == b'X').unwrap();
    flipped[x] = 0xff;
    archive.write("2019-01-02-flipped.md", flipped);
    archive.day("2019-01-04-cut.md", "2019-01-04", &messages);
    let whole = fs::read(archive.path("2019-01-04-cut.md")).unwrap();
    // The file ends `说  \n   \n`: cut after the first byte of 说.
    let cut = whole.len() - "说  \n   \n".len() + 1;
    archive.write("2019-01-04-cut.md", &whole[..cut]);

    let damaged = |n| {
        format!(
            ": warning: {n} byte(s) that are not UTF-8 in a UTF-8 file, the first on this \
             line (a damaged or cut file?): shown as \u{fffd}"
        )
    };
    let expected = [
        archive.problem("2019-01-02-flipped.md", &format!(":11{}", damaged(1))),
        archive.problem("2019-01-04-cut.md", &format!(":15{}", damaged(1))),
    ];
    let summary = "4 days, 11 messages in 1 groups: 2 problems (0 errors, 2 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(&["2019-01-02"], "10:00:01 李四: 备付金 \u{fffd} 的问题");
    archive.assert_shows(&["2019-01-02"], "10:00:02 王五: 好的，明天再说");
    archive.assert_shows(&["2019-01-04"], "10:00:00 张三: 代扣和清算的对账流程");
    archive.assert_shows(&["2019-01-04"], "10:00:02 王五: 好的，明天再\u{fffd}");
}

#[test]
fn a_one_megabyte_line_is_one_whole_message() {
    let archive = Archive::new("long-line");
    let line = format!("{}END", "支付 pay ".repeat(1 << 17));
    assert!(line.len() > 1 << 20);
    archive.day(
        "2019-01-02-long.md",
        "2019-01-02",
        &[("10:00:00", "A", &line)],
    );

    let summary = "3 days, 6 messages in 1 groups: 0 problems (0 errors, 0 warnings)";
    assert_check(&archive.check(), &[], summary);
    archive.assert_shows(&["2019-01-02"], &format!("10:00:00 A: {line}\n"));
    let search = archive.run(&["search"], &["END", "--json"]);
    assert_eq!(search.stdout.lines().count(), 1);
}

#[test]
fn nul_bytes_in_a_body_are_shown_and_reported_at_their_line() {
    let archive = Archive::new("nul");
    archive.day(
        "2019-01-02-nul.md",
        "2019-01-02",
        &[
            ("10:00:00", "A", "before"),
            ("10:00:01", "B", "zeroed \0\0\0 block"),
        ],
    );

    let expected = [archive.problem(
        "2019-01-02-nul.md",
        ":11: warning: 3 NUL byte(s), the first on this line (a damaged file?): shown as ␀",
    )];
    let summary = "3 days, 7 messages in 1 groups: 1 problems (0 errors, 1 warnings)";
    assert_check(&archive.check(), &expected, summary);
    archive.assert_shows(&["2019-01-02"], "10:00:01 B: zeroed ␀␀␀ block");
}

#[test]
fn binary_files_named_md_are_skipped_and_named() {
    let archive = Archive::new("binary");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    let elf = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0\x01\0\0\0";
    archive
        .write("2019-01-02-photo.md", [&png[..], &noise(1, 4096)].concat())
        .write(
            "tools/2019-01-04-program.markdown",
            [&elf[..], &noise(2, 4096)].concat(),
        )
        .write("2019-01-05-zip.md", noise(3, 4096));

    let skipped = |what| format!(": error: not a text file ({what}): skipped");
    let expected = [
        archive.problem("2019-01-02-photo.md", &skipped("a PNG image")),
        archive.problem("2019-01-05-zip.md", &skipped("binary data")),
        archive.problem(
            "tools/2019-01-04-program.markdown",
            &skipped("an ELF program"),
        ),
    ];
    let summary = "2 days, 5 messages in 1 groups: 3 problems (3 errors, 0 warnings)";
    assert_check(&archive.check(), &expected, summary);
}

/// A disk image or a video named `.md` is not read at all (a sparse file here: no disk used).
#[test]
fn a_file_too_big_for_a_day_log_is_not_read() {
    let archive = Archive::new("too-big");
    let path = archive.path("2019-01-02-disk.md");
    File::create(&path).unwrap().set_len(300 << 20).unwrap();

    let expected = [archive.problem(
        "2019-01-02-disk.md",
        ": error: cannot read: 300 MiB, more than a day log could be (the limit is 256 MiB): \
         skipped",
    )];
    let summary = "2 days, 5 messages in 1 groups: 1 problems (1 errors, 0 warnings)";
    assert_check(&archive.check(), &expected, summary);
}
