//! `chatlog mcp`: driven by a real MCP client nobody here wrote (the Python SDK's stdio
//! client, `tests/mcp_client.py`), by hand over raw JSON-RPC for the protocol's edges and
//! live reload, and its tools held to the command line's own JSON output.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use chatlog::load::load;
use chatlog::mcp::day::{ReadDayArgs, read_day};
use chatlog::mcp::lists::{ListSpeakersArgs, list_speakers};
use chatlog::mcp::reply::inert;
use chatlog::mcp::search::{SearchArgs, search};
use chatlog::mcp::stats::{StatsArgs, stats};
use chatlog::model::Archive;
use serde_json::{Value, json};

use crate::common::TempDir;
use crate::common::real_logs::{missing, real_logs};

const CHATLOG: &str = env!("CARGO_BIN_EXE_chatlog");

/// The Python SDK release `.ci/run` installs.
const PYTHON_MCP: &str = "2.3.0";

fn chatlog(args: &[&str]) -> Output {
    let out = Command::new(CHATLOG)
        .args(args)
        .output()
        .expect("chatlog runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    out
}

/// Each line of `chatlog ARGS` stdout, parsed as JSON.
fn cli_json(args: &[&str]) -> Vec<Value> {
    let out = chatlog(args);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

/// `value` with every string made inert as the server makes texts inert.
fn inert_strings(value: Value) -> Value {
    match value {
        Value::String(s) => Value::String(inert(s.as_str().into()).into_owned()),
        Value::Array(items) => Value::Array(items.into_iter().map(inert_strings).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, inert_strings(v)))
                .collect(),
        ),
        other => other,
    }
}

/// A `search` call and the `chatlog search` arguments that ask the same.
struct SearchCase {
    tool: Value,
    cli: Vec<&'static str>,
}

/// Queries covering every argument of `search`: literal and regex, smart case, group,
/// speaker (by another of the person's names), dates as days and months, echoes, a limit
/// that cuts, and texts with control characters.
fn search_cases() -> Vec<SearchCase> {
    let case = |tool: Value, cli: &[&'static str]| SearchCase {
        tool,
        cli: cli.to_vec(),
    };
    vec![
        case(json!({"query": "代扣", "limit": 1000}), &["代扣"]),
        case(json!({"query": "代扣"}), &["代扣"]),
        case(json!({"query": "Pay", "limit": 1000}), &["Pay"]),
        case(json!({"query": "pay", "limit": 1000}), &["pay"]),
        case(
            json!({"query": r"\d{3,}元", "regex": true, "group": "proddev", "limit": 1000}),
            &[r"\d{3,}元", "--regex", "--group", "proddev"],
        ),
        case(
            json!({"query": "", "speaker": "龚晓冬-银商账户-产品-上海", "from": "2018-03", "to": "2018-04-15", "limit": 1000}),
            &[
                "",
                "--speaker",
                "龚晓冬-银商账户-产品-上海",
                "--from",
                "2018-03-01",
                "--to",
                "2018-04-15",
            ],
        ),
        case(
            json!({"query": "支付", "group": "prodarch", "from": "2018-03-26", "to": "2018-03-26", "all": true, "limit": 1000}),
            &[
                "支付",
                "--group",
                "prodarch",
                "--from",
                "2018-03-26",
                "--to",
                "2018-03-26",
                "--all",
            ],
        ),
        case(
            json!({"query": r"[\x00-\x08\x0b-\x1f\x7f]", "regex": true}),
            &[r"[\x00-\x08\x0b-\x1f\x7f]", "--regex"],
        ),
    ]
}

/// A `read_day` call and what it takes of `chatlog show DATE --format json ARGS`: the
/// messages from `offset`, at most `limit`, between the times.
struct DayCase {
    tool: Value,
    cli: Vec<&'static str>,
    window: (usize, usize),
    times: (&'static str, &'static str),
}

fn day_cases() -> Vec<DayCase> {
    let case = |tool: Value, cli: &[&'static str], window, times| DayCase {
        tool,
        cli: cli.to_vec(),
        window,
        times,
    };
    let day = ("00:00:00", "23:59:59");
    vec![
        case(
            json!({"group": "prodarch", "date": "2018-03-26", "limit": 1000}),
            &["2018-03-26", "--group", "prodarch"],
            (0, 1000),
            day,
        ),
        case(
            json!({"group": "proddev", "date": "2017-12-22", "limit": 1000, "all": true}),
            &["2017-12-22", "--group", "proddev", "--all"],
            (0, 1000),
            day,
        ),
        case(
            json!({"group": "proddev", "date": "2017-12-22", "offset": 150, "limit": 50}),
            &["2017-12-22", "--group", "proddev"],
            (150, 50),
            day,
        ),
        case(
            json!({"group": "prodarch", "date": "2018-03-26", "from_time": "10:00", "to_time": "14:30:00"}),
            &["2018-03-26", "--group", "prodarch"],
            (0, 100),
            ("10:00:00", "14:30:00"),
        ),
        case(
            json!({"date": "2019-03-15", "speaker": "wxid_8dyy1k4a19fk21"}),
            &["2019-03-15", "--speaker", "wxid_8dyy1k4a19fk21"],
            (0, 100),
            day,
        ),
    ]
}

/// What the command line prints for a search case, as the tool gives it: the first `limit`
/// messages, how many match, whether more follow.
fn cli_search(dir: &str, case: &SearchCase) -> Value {
    let mut args = vec!["search", dir];
    args.extend(&case.cli);
    args.push("--json");
    let all = cli_json(&args);
    let limit = case.tool["limit"].as_u64().unwrap_or(100) as usize;
    inert_strings(json!({
        "messages": all.iter().take(limit).collect::<Vec<_>>(),
        "total": all.len(),
        "truncated": all.len() > limit,
    }))
}

/// What the command line prints for a day case, cut as the tool cuts it.
fn cli_day(dir: &str, case: &DayCase) -> Value {
    let mut args = vec!["show", dir];
    args.extend(&case.cli);
    args.extend(["--format", "json"]);
    let [shown] = <[Value; 1]>::try_from(cli_json(&args)).expect("one JSON object");
    let (from, to) = case.times;
    let in_time: Vec<&Value> = (shown["messages"].as_array().unwrap().iter())
        .filter(|m| (from..=to).contains(&m["time"].as_str().unwrap()))
        .collect();
    let (offset, limit) = case.window;
    let messages: Vec<&&Value> = in_time.iter().skip(offset).take(limit).collect();
    inert_strings(json!({
        "group": shown["group"],
        "date": shown["date"],
        "truncated": offset + messages.len() < in_time.len(),
        "total": in_time.len(),
        "offset": offset,
        "messages": messages,
    }))
}

fn real() -> Option<(PathBuf, Archive)> {
    let dir = real_logs()?;
    let archive = load(&dir).expect("the real archive loads").0;
    Some((dir, archive))
}

#[test]
fn search_and_read_day_agree_with_the_command_line() {
    let Some((dir, archive)) = real() else { return };
    let dir = dir.to_str().unwrap();
    for case in search_cases() {
        let args: SearchArgs = serde_json::from_value(case.tool.clone()).unwrap();
        let found = search(&archive, args).unwrap();
        let tool = serde_json::to_value(&found).unwrap();
        assert_eq!(tool, cli_search(dir, &case), "search {}", case.tool);
        assert!(found.total > 0, "search {} finds something", case.tool);
    }
    for case in day_cases() {
        let args: ReadDayArgs = serde_json::from_value(case.tool.clone()).unwrap();
        let read = read_day(&archive, args).unwrap();
        let tool = serde_json::to_value(&read).unwrap();
        assert_eq!(tool, cli_day(dir, &case), "read_day {}", case.tool);
        assert!(
            !read.messages.is_empty(),
            "read_day {} reads something",
            case.tool
        );
    }
}

#[test]
fn texts_are_inert_and_cite_their_message() {
    let Some((_, archive)) = real() else { return };
    let found = search(
        &archive,
        SearchArgs {
            query: r"[\x00-\x08\x0b-\x1f\x7f]".into(),
            regex: true,
            ..SearchArgs::default()
        },
    )
    .unwrap();
    // 2017-09-10 holds U+0014, 2017-11-29 U+0010.
    assert_eq!(found.total, 2);
    for m in &found.messages {
        assert!(
            !m.text.chars().any(|c| c != '\n' && c.is_control()),
            "{m:?}"
        );
        assert!(m.text.contains('␔') || m.text.contains('␐'), "{m:?}");
        assert!(!m.group.is_empty() && m.date.len() == 10 && m.time.len() == 8);
    }
}

#[test]
fn stats_and_speakers_count_as_the_command_line_does() {
    let Some((dir, archive)) = real() else { return };
    let dir = dir.to_str().unwrap();
    let [cli] = <[Value; 1]>::try_from(cli_json(&["stats", dir, "--json"])).unwrap();
    let tool = serde_json::to_value(stats(&archive, StatsArgs::default()).unwrap()).unwrap();
    for key in ["days", "messages", "echoes", "speakers", "first", "last"] {
        assert_eq!(tool[key], cli[key], "{key}");
    }
    let [people] =
        <[Value; 1]>::try_from(cli_json(&["stats", dir, "--by", "speaker", "--json"])).unwrap();
    let people = people.as_array().unwrap();
    let row = |p: &Value| json!([p["speaker"], p["aliases"], p["messages"]]);
    let tool_row = |p: &Value| json!([p["name"], p["aliases"], p["messages"]]);
    let top: Vec<Value> = tool["top_speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(tool_row)
        .collect();
    let cli_top: Vec<Value> = people.iter().take(20).map(row).collect();
    assert_eq!(top, cli_top);
    let listed = list_speakers(
        &archive,
        ListSpeakersArgs {
            limit: Some(1000),
            ..ListSpeakersArgs::default()
        },
    )
    .unwrap();
    assert_eq!(listed.total, people.len());
    let listed = serde_json::to_value(&listed.people).unwrap();
    let listed: Vec<Value> = listed.as_array().unwrap().iter().map(tool_row).collect();
    let cli_listed: Vec<Value> = people.iter().take(1000).map(row).collect();
    assert_eq!(listed, cli_listed);
    let per_month: u64 = (tool["per_month"].as_array().unwrap().iter())
        .map(|m| m["messages"].as_u64().unwrap())
        .sum();
    assert_eq!(per_month, 94_208 - 6_147, "echoes left out");
}

/// Whether python3 has the `mcp` package; if not, the test skips (fails under CI).
fn python_mcp() -> bool {
    let probe = Command::new("python3")
        .args([
            "-c",
            "import importlib.metadata as m; print(m.version('mcp'))",
        ])
        .output();
    match probe {
        Ok(out) if out.status.success() => {
            let version = String::from_utf8_lossy(&out.stdout).trim().to_owned();
            if version != PYTHON_MCP {
                eprintln!("note: python's mcp is {version}; .ci/run pins {PYTHON_MCP}");
            }
            true
        }
        _ => {
            missing(&format!(
                "python3 with the mcp package (pip install mcp=={PYTHON_MCP})"
            ));
            false
        }
    }
}

/// What the Python SDK's client saw making `calls` to `chatlog mcp DIR`.
fn python_client(dir: &Path, calls: &Value) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mcp_client.py");
    let out = Command::new("python3")
        .arg(script)
        .args([CHATLOG, dir.to_str().unwrap(), &calls.to_string()])
        .output()
        .expect("python3 runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the client failed: {stderr}");
    serde_json::from_slice(&out.stdout).expect("the client reports JSON")
}

#[test]
fn python_sdk_client_drives_every_tool_on_the_real_archive() {
    let Some(dir) = real_logs() else { return };
    if !python_mcp() {
        return;
    }
    let searches = search_cases();
    let days = day_cases();
    let mut calls: Vec<Value> = Vec::new();
    calls.extend(searches.iter().map(|c| json!(["search", c.tool])));
    calls.extend(days.iter().map(|c| json!(["read_day", c.tool])));
    calls.extend([
        json!(["stats", {}]),
        json!(["stats", {"group": "devarch", "all": true}]),
        json!(["list_groups", {}]),
        json!(["list_speakers", {"query": "支付", "limit": 5}]),
        json!(["list_speakers", {"group": "prodrd"}]),
        json!(["search", {"query": "代扣", "group": "payments"}]),
        json!(["read_day", {"group": "prodarch", "date": "26/03/2018"}]),
        json!(["read_day", {"date": "2018-03-26"}]),
        json!(["search", {"query": "代扣", "from": "March"}]),
        json!(["search", {"query": "(", "regex": true}]),
        json!(["list_speakers", {"grup": "devarch"}]),
    ]);
    let seen = python_client(&dir, &Value::Array(calls));

    assert_eq!(seen["protocol_version"], "2025-11-25");
    assert_eq!(seen["server"], "chatlog");
    assert_eq!(
        seen["stream_errors"],
        json!([]),
        "stdout held only protocol"
    );
    let tools = seen["tools"].as_object().unwrap();
    let names: Vec<&str> = tools.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "list_groups",
            "list_speakers",
            "read_day",
            "search",
            "stats"
        ]
    );
    for (name, tool) in tools {
        assert_eq!(tool["input"]["type"], "object", "{name}");
        assert_eq!(tool["output"]["type"], "object", "{name}");
        assert!(tool["description"].as_str().is_some_and(|d| d.len() > 40));
    }
    let calls = seen["calls"].as_array().unwrap();
    for call in calls {
        assert!(call.get("client_error").is_none(), "{call}");
        let text = call["text"].as_array().unwrap();
        assert_eq!(text.len(), 1, "one text block: {call}");
    }
    let (agreeing, rest) = calls.split_at(searches.len() + days.len());
    let dir_str = dir.to_str().unwrap();
    for (call, case) in agreeing.iter().zip(&searches) {
        assert_eq!(call["is_error"], false, "{call}");
        assert_eq!(
            call["structured"],
            cli_search(dir_str, case),
            "{}",
            case.tool
        );
    }
    for (call, case) in agreeing[searches.len()..].iter().zip(&days) {
        assert_eq!(call["is_error"], false, "{call}");
        assert_eq!(call["structured"], cli_day(dir_str, case), "{}", case.tool);
    }
    let text = |i: usize| rest[i]["text"][0].as_str().unwrap().to_owned();
    let ok = |i: usize| {
        assert_eq!(rest[i]["is_error"], false, "{}", rest[i]);
        &rest[i]["structured"]
    };
    assert_eq!(ok(0)["messages"], 94_208);
    assert_eq!(ok(0)["groups"], 4);
    assert_eq!(ok(1)["group"], "devarch");
    assert_eq!(ok(1)["days"], 123);
    assert!(text(0).starts_with("archive: 4 groups, 537 days from 2017-05-06 to 2019-03-15"));
    let groups = ok(2)["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    assert_eq!(
        groups[3],
        json!({"name": "prodrd", "days": 1, "messages": 41, "echoes": 0, "first": "2019-03-15", "last": "2019-03-15"})
    );
    assert_eq!(ok(3)["people"].as_array().unwrap().len(), 5);
    assert_eq!(ok(3)["truncated"], true);
    assert!(ok(4)["total"].as_u64().is_some_and(|n| n > 0));
    for call in &rest[5..] {
        assert_eq!(call["is_error"], true, "{call}");
        assert_eq!(call["structured"], Value::Null, "{call}");
    }
    assert_eq!(
        text(5),
        "no group \"payments\" (groups: devarch, prodarch, proddev, prodrd)"
    );
    assert_eq!(
        text(6),
        "bad date \"26/03/2018\": give a date: YYYY-MM-DD, e.g. 2018-03-26"
    );
    assert_eq!(
        text(7),
        "2018-03-26 has a log in several groups (devarch, prodarch, proddev): name one as group"
    );
    assert!(
        text(8).contains("YYYY-MM-DD, a month YYYY-MM or a year YYYY"),
        "{}",
        text(8)
    );
    assert!(text(9).starts_with("bad regex:"), "{}", text(9));
    assert!(text(10).contains("unknown field `grup`"), "{}", text(10));
}

/// `chatlog mcp DIR` spoken to line by line, each stdout line read on a thread of its own so
/// that a silent server fails the test instead of hanging it.
struct Raw {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
    next_id: u64,
}

/// How long a reply may take.
const REPLY: Duration = Duration::from_secs(20);

impl Raw {
    fn start(dir: &Path) -> Raw {
        let mut child = Command::new(CHATLOG)
            .args(["mcp", dir.to_str().unwrap()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chatlog mcp starts");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Raw {
            stdin: child.stdin.take(),
            child,
            lines,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let stdin = self.stdin.as_mut().unwrap();
        writeln!(stdin, "{message}").unwrap();
        stdin.flush().unwrap();
    }

    /// Sends a request and returns its response; every line read must be JSON-RPC 2.0.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let line = self.lines.recv_timeout(REPLY).expect("a reply in time");
            let message: Value = serde_json::from_str(&line).expect("stdout holds JSON only");
            assert_eq!(message["jsonrpc"], "2.0", "{line}");
            if message["id"] == id {
                return message;
            }
        }
    }

    fn call(&mut self, tool: &str, arguments: Value) -> Value {
        let reply = self.request("tools/call", json!({"name": tool, "arguments": arguments}));
        reply["result"]["structuredContent"].clone()
    }

    /// Closes stdin and waits for the server to end; returns its stderr.
    fn close(mut self) -> String {
        drop(self.stdin.take());
        let deadline = Instant::now() + REPLY;
        while self.child.try_wait().unwrap().is_none() {
            assert!(
                Instant::now() < deadline,
                "the server ends when stdin closes"
            );
            thread::sleep(Duration::from_millis(20));
        }
        let out = self.child.wait_with_output().unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }
}

/// A day file of `messages` one-line messages.
fn day_file(date: &str, messages: usize) -> String {
    let mut file = format!("---\ntitle: \"{date}-WeChat\"\ndate: {date} 12:00:00\n---\n");
    for i in 0..messages {
        file.push_str(&format!(
            "> 10:00:{:02}  Ann  \n   \nhello {i}  \n   \n",
            i % 60
        ));
    }
    file
}

#[test]
fn negotiates_at_initialize_and_follows_the_folder_as_it_changes() {
    let tmp = TempDir::new("mcp-reload");
    let posts = tmp.path().join("team/_posts");
    fs::create_dir_all(&posts).unwrap();
    fs::write(posts.join("2019-01-01-chat.md"), day_file("2019-01-01", 3)).unwrap();
    let mut server = Raw::start(tmp.path());

    let init = server.request(
        "initialize",
        json!({"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}),
    );
    assert_eq!(init["result"]["protocolVersion"], "2025-06-18");
    assert_eq!(init["result"]["serverInfo"]["name"], "chatlog");
    assert!(init["result"]["capabilities"]["tools"].is_object());
    server.send(json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));
    let groups = server.call("list_groups", json!({}));
    assert_eq!(groups["groups"][0]["days"], 1);

    fs::write(posts.join("2019-01-02-chat.md"), day_file("2019-01-02", 5)).unwrap();
    let deadline = Instant::now() + REPLY;
    let read = loop {
        let read = server.call("read_day", json!({"group": "team", "date": "2019-01-02"}));
        if read.is_object() || Instant::now() > deadline {
            break read;
        }
        thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(read["total"], 5, "the new day is served");
    let groups = server.call("list_groups", json!({}));
    assert_eq!(groups["groups"][0]["days"], 2);

    let stderr = server.close();
    assert!(
        stderr.contains("chatlog mcp: loaded 1 group, 1 day, 3 messages"),
        "{stderr}"
    );
    assert!(
        stderr.contains("chatlog mcp: reloaded 1 group, 2 days, 8 messages"),
        "{stderr}"
    );
}

#[test]
fn an_older_or_unknown_protocol_version_gets_the_newest_with_a_handshake() {
    let tmp = TempDir::new("mcp-versions");
    fs::write(
        tmp.path().join("2019-01-01-chat.md"),
        day_file("2019-01-01", 1),
    )
    .unwrap();
    for (asked, answered) in [("2024-11-05", "2024-11-05"), ("2099-01-01", "2025-11-25")] {
        let mut server = Raw::start(tmp.path());
        let init = server.request(
            "initialize",
            json!({"protocolVersion": asked, "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}}),
        );
        assert_eq!(init["result"]["protocolVersion"], answered, "{asked}");
        server.close();
    }
}

#[test]
fn a_missing_archive_is_said_on_stderr_and_nothing_reaches_stdout() {
    let tmp = TempDir::new("mcp-missing");
    let out = Command::new(CHATLOG)
        .args(["mcp", tmp.path().join("nope").to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
}
