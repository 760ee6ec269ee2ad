//! Synthetic day files and whole archives in the real format (FORMAT.md), for benchmarks
//! and the `gen-archive` example: Chinese and mixed chat, hundreds of speakers with a few
//! busy ones, images, links, emoticons, entity escapes and the quirks of real exports
//! (empty names, all-space bodies, control characters, split links).
//!
//! Everything is derived from a seed, so a benchmark archive can be rebuilt byte for byte.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use chrono::{Datelike, NaiveDate, Weekday};
use rayon::prelude::*;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
    "何", "郭", "马", "罗",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    "秀英", "晓东", "建华", "志强", "海燕",
];
const COMPANIES: &[&str] = &[
    "云支付",
    "中金支付",
    "通联",
    "银联商务",
    "拉卡拉",
    "快钱",
    "汇付",
    "易宝",
    "连连",
    "宝付",
];
const ROLES: &[&str] = &[
    "产品", "研发", "架构", "运营", "风控", "测试", "CTO", "技术",
];
const CITIES: &[&str] = &["北京", "上海", "深圳", "杭州", "广州", "成都"];
const LATIN: &[&str] = &[
    "Ryan Cao", "Steven", "kyle", "Leo Qin", "wood", "Yezhiwei", "MyCity", "csp", "Rolia",
    "BarryLiu",
];
/// Emoji that survived some exports (others became `??`).
const EMOJI: &[&str] = &["🐳", "🌞", "🍀", "🚀", "😀", "🐟"];
/// Industry terms; one word in sixty, so a term like `代扣` is in about one message in a
/// hundred, as in the real archive.
const TERMS: &[&str] = &[
    "代扣",
    "清算",
    "对账",
    "支付通道",
    "风控规则",
    "银联",
    "网联",
    "备付金",
    "商户进件",
    "T+1结算",
    "分账",
    "退款",
    "聚合支付",
    "跨境支付",
    "反洗钱",
    "实名认证",
    "四要素",
    "快捷支付",
    "协议支付",
    "资金池",
    "二清",
    "收单",
    "手续费",
    "费率",
    "头寸",
    "幂等",
    "PayPal",
    "alipay",
    "分布式事务",
    "微服务",
];
/// Chat phrases and tech words; one word in ten.
const PHRASES: &[&str] = &[
    "大家好",
    "请教一下",
    "有没有人了解",
    "我们这边",
    "这个问题",
    "其实",
    "感觉",
    "应该是",
    "不一定",
    "确实",
    "可以考虑",
    "数据库",
    "Redis",
    "Kafka",
    "MySQL",
    "Spring Cloud",
    "API",
    "SDK",
    "HTTPS",
    "TPS",
    "gateway",
    "token",
    "callback",
    "timeout",
    "OK",
    "ok",
];
/// Common characters: random one- to three-character words from these make up most text,
/// so a search word is as rare as in real chat rather than one phrase in sixty.
const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可\
主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理\
起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全\
表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系很情\
者最立代想已通并提直题程展五果料象员位入常文总次品式活设及管特件长求老头基资边流路级少图山统\
接知较将组见计别她手角期根论运农指几九区强放决西被干做必先回则任取据处队南给色光门即保治北造\
百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教\
速花带安场身车例真务具万每目至达走积示议声报完类八离华名确才科张信马节话米整空元况今集温传土\
许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近千周委素技\
备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候毛亲快效院查\
江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该价严";
const ENDINGS: &[&str] = &["。", "？", "！", "，", "…", "", " ", "吧", "吗", "呢"];
const EMOTICONS: &[&str] = &[
    "[强]", "[呲牙]", "[捂脸]", "[玫瑰]", "[微笑]", "[抱拳]", "[奸笑]", "[偷笑]",
];
/// Every escape era of FORMAT.md: raw, once, and twice or three times escaped.
const ESCAPES: &[&str] = &[
    "&amp;lt;",
    "&amp;gt;",
    "&amp;#160;",
    "&amp;amp;",
    "&amp;quot;",
    "&amp;#183;",
    "&amp;amp;amp;",
    "&gt;",
    "&lt;=",
    "<",
    ">",
    "&",
];
/// Raw control characters found in real text.
const CONTROLS: &[char] = &['\u{10}', '\u{12}', '\u{14}'];
const AUTHORS: &[&str] = &["\"PaymentGroup\"", "PaymentGroup", "None", "\"刘超\""];
/// Folder names for `--groups` > 1, then `groupN`.
const GROUP_NAMES: &[&str] = &["devarch", "prodarch", "proddev", "prodrd"];

static COMMON_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| COMMON.chars().collect());

/// A seeded generator of day files.
pub struct Synth {
    rng: fastrand::Rng,
    /// Shared so that `fork` is cheap: one fork per day file when writing in parallel.
    speakers: Arc<[String]>,
}

impl Synth {
    /// `speakers` names (a few of the first hundred coincide, as the same nickname does
    /// in real groups); the same seed gives the same files.
    pub fn new(seed: u64, speakers: usize) -> Synth {
        let mut rng = fastrand::Rng::with_seed(seed);
        let speakers = (0..speakers.max(1))
            .map(|i| speaker_name(&mut rng, i))
            .collect();
        Synth { rng, speakers }
    }

    /// The same speakers with an independent random stream, so days can be generated in
    /// any order (or in parallel) and still come out the same.
    pub fn fork(&self, seed: u64) -> Synth {
        Synth {
            rng: fastrand::Rng::with_seed(seed),
            speakers: self.speakers.clone(),
        }
    }

    /// One day file with `messages` messages, times spread over the day.
    pub fn day(&mut self, date: NaiveDate, messages: usize) -> String {
        let mut out = String::with_capacity(messages * 180 + 256);
        self.front_matter(&mut out, date, messages);
        let mut second = 7 * 3600;
        for _ in 0..messages {
            // Mostly seconds apart, sometimes the same second; never past the day.
            second = (second + self.rng.usize(0..=(60_000 / messages.max(1)).max(2))).min(86_399);
            self.message(&mut out, date, second);
        }
        out
    }

    /// Front matter as exported: padded values, the `tag:\t\t  [chat]` tab quirk, and an
    /// author that is quoted or not, or `None`.
    fn front_matter(&mut self, out: &mut String, date: NaiveDate, messages: usize) {
        let author = self.pick(AUTHORS);
        let _ = write!(
            out,
            "---\nlayout:     source \ntitle:      \"{date}-WeChat\"\ndate:       {date} 12:00:00\nauthor:     {author}\nlines:      {} \ntag:\t\t  [chat]\nheader-img: \"img/post-bg-wechat.jpg\"\n---\n",
            messages * 4
        );
    }

    /// A header `> HH:MM:SS  Name  `, the separator line, the body and the next separator.
    /// One header in 5,000 has an empty name.
    fn message(&mut self, out: &mut String, date: NaiveDate, second: usize) {
        let who = self.zipf(self.speakers.len());
        let speaker = match self.rng.u32(0..5000) {
            0 => "",
            _ => &self.speakers[who],
        };
        let (h, m, s) = (second / 3600, second / 60 % 60, second % 60);
        let _ = write!(out, "> {h:02}:{m:02}:{s:02}  {speaker}  \n   \n");
        let body = self.body(date, second);
        // Image lines end in one space, text lines in two, sometimes more.
        let pad = match (body.starts_with("!["), self.rng.u32(0..20)) {
            (true, _) => 1,
            (false, 0) => self.rng.usize(3..10),
            _ => 2,
        };
        let _ = write!(out, "{body}{:pad$}\n   \n", "");
    }

    /// An index in `0..n`, small ones far more often (a few speakers talk most).
    fn zipf(&mut self, n: usize) -> usize {
        let u = self.rng.f64();
        ((u * u * u) * n as f64) as usize % n
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.rng.usize(0..list.len())]
    }

    /// A message body. Shares follow FORMAT.md's counts over the real archive (5.8 %
    /// emoticon-only, 3.9 % images, 0.25 % all-space …).
    fn body(&mut self, date: NaiveDate, second: usize) -> String {
        match self.rng.u32(0..1000) {
            0..=57 => self.pick(EMOTICONS).to_owned(),
            58..=96 => image(date, second),
            97..=103 => format!(
                "{} https://example.org/doc/{}",
                self.text(),
                self.rng.u32(..)
            ),
            104..=109 => self.titled_link(),
            110..=124 => {
                let who = self.zipf(self.speakers.len());
                let (quoted, reply) = (self.text(), self.text());
                let name = &self.speakers[who];
                format!("「{name}：{quoted}」 - - - - - - - - - - - - - - - {reply}")
            }
            125..=164 => {
                let who = self.zipf(self.speakers.len());
                let text = self.text();
                format!("@{}? {text}", self.speakers[who])
            }
            165..=189 => self.escaped(),
            190..=191 => self.controlled(),
            192..=193 => " ".repeat(self.rng.usize(1..8)),
            194..=203 => format!("{}\u{3000}{}\t{}", self.text(), self.text(), self.text()),
            // Line breaks lost in export: runs of three or more spaces.
            204..=233 => format!("{}     {}   {}", self.text(), self.text(), self.text()),
            234..=236 => format!("## {}", self.text()),
            _ => self.text(),
        }
    }

    /// `[title](url)`; one in twenty split over two lines with a CR, as later exports do.
    fn titled_link(&mut self) -> String {
        let words = self.rng.usize(2..6);
        let title = self.sentence(words);
        let cr = if self.rng.u32(0..20) == 0 { "\r\n" } else { "" };
        let id = self.rng.u32(..);
        format!("[{title}{cr}](https://mp.weixin.qq.com/s/{id:08x})")
    }

    fn escaped(&mut self) -> String {
        let (a, b) = (self.text(), self.sentence(3));
        let escape = self.pick(ESCAPES);
        format!("{a} {escape} {b}")
    }

    fn controlled(&mut self) -> String {
        let (a, b) = (self.sentence(3), self.sentence(3));
        let control = CONTROLS[self.rng.usize(0..CONTROLS.len())];
        format!("{a}{control}{b}")
    }

    /// Ordinary chat text of a long-tailed length: mostly a short line, sometimes a
    /// paragraph. Bodies average about 120 bytes, so that ten years of 300 messages a day
    /// come to the ~180 MB of issue 4 (real bodies are shorter, ~60 bytes).
    fn text(&mut self) -> String {
        let words = match self.rng.u32(0..100) {
            0..=49 => self.rng.usize(1..8),
            50..=89 => self.rng.usize(8..28),
            _ => self.rng.usize(28..120),
        };
        self.sentence(words)
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            self.word(&mut s);
            if i % 4 == 3 || i + 1 == words {
                s.push_str(self.pick(ENDINGS));
            }
        }
        s.trim_end().to_owned()
    }

    /// A word: an industry term, a chat phrase, or one to three common characters.
    fn word(&mut self, s: &mut String) {
        match self.rng.u32(0..60) {
            0 => s.push_str(self.pick(TERMS)),
            1..=6 => s.push_str(self.pick(PHRASES)),
            _ => {
                for _ in 0..self.rng.usize(1..4) {
                    s.push(COMMON_CHARS[self.rng.usize(0..COMMON_CHARS.len())]);
                }
            }
        }
    }
}

fn image(date: NaiveDate, second: usize) -> String {
    let (h, m, s) = (second / 3600, second / 60 % 60, second % 60);
    format!(
        "![{date} {h:02}:{m:02}:{s:02}](http://static.example.org/img/{}_{h:02}{m:02}{s:02}.png)",
        date.format("%Y%m%d")
    )
}

/// Names as found in the wild: `姓名-公司-角色-城市`, Latin names, emoji kept or lost as
/// `??`, inner runs of spaces, full-width parentheses, `@` and `&`.
fn speaker_name(rng: &mut fastrand::Rng, i: usize) -> String {
    let pick = |rng: &mut fastrand::Rng, list: &[&str]| list[rng.usize(0..list.len())].to_owned();
    let name = pick(rng, SURNAMES) + &pick(rng, GIVEN);
    let base = match i % 12 {
        0..=4 => format!(
            "{name}-{}-{}-{}",
            pick(rng, COMPANIES),
            pick(rng, ROLES),
            pick(rng, CITIES)
        ),
        5 => format!("{}{i}", pick(rng, LATIN)),
        6 => format!("{name}??"),
        7 => format!("A??&    {}", pick(rng, LATIN)),
        8 => format!("{name}（{}）", pick(rng, LATIN)),
        9 => format!("{}{name}", pick(rng, EMOJI)),
        10 => format!("{}@{}", pick(rng, LATIN), pick(rng, COMPANIES)),
        _ => name,
    };
    if i >= 100 { format!("{base}{i}") } else { base }
}

/// What `write_archive` writes.
#[derive(Clone, Debug)]
pub struct ArchiveSpec {
    /// Days per group, consecutive from `start`.
    pub days: usize,
    /// Average messages per day; busy and quiet days vary around it.
    pub per_day: usize,
    /// One group writes year folders at the root; more write one folder per group.
    pub groups: usize,
    pub seed: u64,
    pub start: NaiveDate,
}

impl ArchiveSpec {
    /// The archive the scale benchmarks measure, and `gen-archive`'s defaults: ten years of
    /// one group, 300 messages a day, from 2015-01-01 (about 182 MB).
    pub fn ten_years() -> ArchiveSpec {
        ArchiveSpec {
            days: 3650,
            per_day: 300,
            groups: 1,
            seed: 1,
            start: NaiveDate::from_ymd_opt(2015, 1, 1).expect("a valid date"),
        }
    }
}

/// What `write_archive` wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub messages: usize,
    pub bytes: u64,
}

impl Written {
    fn add(self, other: Written) -> Written {
        Written {
            files: self.files + other.files,
            messages: self.messages + other.messages,
            bytes: self.bytes + other.bytes,
        }
    }
}

/// Written last into an archive by `write_archive`: its presence says the archive is
/// complete, and it records how it was made. A dot-file, so the loader skips it.
pub const MARKER: &str = ".gen-archive";

/// Writes a synthetic archive to `out` as `[group/]YYYY/MM/YYYY-MM-DD-WeChat.md`.
/// Refuses an `out` that exists and is not empty: it never overwrites or deletes.
pub fn write_archive(out: &Path, spec: &ArchiveSpec) -> io::Result<Written> {
    ensure_empty(out)?;
    let jobs = day_jobs(out, spec);
    for dir in month_dirs(&jobs) {
        std::fs::create_dir_all(dir)?;
    }
    let synth = Synth::new(spec.seed, 800);
    let written = jobs
        .par_iter()
        .map(|job| job.write(&synth))
        .try_reduce(Written::default, |a, b| Ok(a.add(b)))?;
    let marker = format!(
        "{spec:?}\nfiles={} messages={} bytes={}\n",
        written.files, written.messages, written.bytes
    );
    std::fs::write(out.join(MARKER), marker)?;
    Ok(written)
}

/// An error unless `dir` is missing or an empty directory.
fn ensure_empty(dir: &Path) -> io::Result<()> {
    let mut entries = match std::fs::read_dir(dir) {
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        entries => entries?,
    };
    match entries.next() {
        None => Ok(()),
        Some(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty: refusing to write into it", dir.display()),
        )),
    }
}

/// One day file to write.
struct DayJob {
    path: PathBuf,
    date: NaiveDate,
    messages: usize,
    seed: u64,
}

impl DayJob {
    fn write(&self, synth: &Synth) -> io::Result<Written> {
        let text = synth.fork(self.seed).day(self.date, self.messages);
        std::fs::write(&self.path, &text)?;
        Ok(Written {
            files: 1,
            messages: self.messages,
            bytes: text.len() as u64,
        })
    }
}

/// Every day file of the archive, with its size and its own seed.
fn day_jobs(out: &Path, spec: &ArchiveSpec) -> Vec<DayJob> {
    let mut jobs = Vec::with_capacity(spec.days * spec.groups);
    for g in 0..spec.groups {
        let root = match spec.groups {
            1 => out.to_path_buf(),
            _ => out.join(group_name(g)),
        };
        let seed = spec.seed.wrapping_add(g as u64 + 1);
        let sizes = day_sizes(seed, spec.start, spec.days, spec.per_day);
        for (d, (date, messages)) in sizes.into_iter().enumerate() {
            let path = root
                .join(format!("{:04}", date.year()))
                .join(format!("{:02}", date.month()))
                .join(format!("{date}-WeChat.md"));
            let seed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ d as u64;
            jobs.push(DayJob {
                path,
                date,
                messages,
                seed,
            });
        }
    }
    jobs
}

fn group_name(g: usize) -> String {
    GROUP_NAMES
        .get(g)
        .map_or_else(|| format!("group{}", g + 1), |n| (*n).to_owned())
}

/// The distinct month folders of `jobs`, in order.
fn month_dirs(jobs: &[DayJob]) -> Vec<&Path> {
    let mut dirs: Vec<&Path> = jobs.iter().filter_map(|j| j.path.parent()).collect();
    dirs.dedup();
    dirs
}

/// `days` dates from `start` with message counts that vary like a real group's (quiet
/// weekends, busy bursts, one empty day in a hundred) and add up to exactly
/// `days × per_day`.
pub fn day_sizes(
    seed: u64,
    start: NaiveDate,
    days: usize,
    per_day: usize,
) -> Vec<(NaiveDate, usize)> {
    let mut rng = fastrand::Rng::with_seed(seed);
    let dates: Vec<NaiveDate> = start.iter_days().take(days).collect();
    let weights: Vec<f64> = dates.iter().map(|d| activity(&mut rng, *d)).collect();
    let total_weight: f64 = weights.iter().sum();
    let total = (days * per_day) as f64;
    let mut cumulative = 0.0;
    let mut assigned = 0;
    dates
        .into_iter()
        .zip(weights)
        .map(|(date, w)| {
            // Rounding the running total keeps the sum exact.
            cumulative += w;
            let upto = (cumulative / total_weight * total).round() as usize;
            let messages = upto - assigned;
            assigned = upto;
            (date, messages)
        })
        .collect()
}

/// A day's relative activity: exponential bursts around 1, less at weekends, and now and
/// then a day with no messages at all.
fn activity(rng: &mut fastrand::Rng, date: NaiveDate) -> f64 {
    if rng.u32(0..100) == 0 {
        return 0.0;
    }
    let burst = 0.3 + 0.7 * -(1.0 - rng.f64()).ln();
    match date.weekday() {
        Weekday::Sat | Weekday::Sun => 0.5 * burst,
        _ => burst,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn day_sizes_vary_and_add_up() {
        let sizes = day_sizes(1, date(2015, 1, 1), 365, 300);
        assert_eq!(sizes.len(), 365);
        assert_eq!(sizes.iter().map(|s| s.1).sum::<usize>(), 365 * 300);
        let max = sizes.iter().map(|s| s.1).max().unwrap();
        let min = sizes.iter().map(|s| s.1).min().unwrap();
        assert!(max > 600 && min < 100, "max {max}, min {min}");
    }

    #[test]
    fn a_day_parses_back_with_every_message() {
        let mut synth = Synth::new(3, 300);
        let text = synth.day(date(2018, 3, 26), 2000);
        let (day, problems) = crate::parse::parse_day(Path::new("x.md"), text.as_bytes());
        let day = day.unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(day.messages.len(), 2000);
        assert_eq!(day.date, Some(date(2018, 3, 26)));
    }

    #[test]
    fn same_seed_same_day() {
        let synth = Synth::new(5, 100);
        let a = synth.fork(9).day(date(2020, 1, 1), 50);
        let b = synth.fork(9).day(date(2020, 1, 1), 50);
        assert_eq!(a, b);
    }

    #[test]
    fn refuses_a_non_empty_folder() {
        let dir = std::env::temp_dir().join(format!("chatlog-synth-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("keep.txt"), "mine").unwrap();
        let spec = ArchiveSpec {
            days: 2,
            per_day: 3,
            groups: 1,
            seed: 1,
            start: date(2020, 1, 1),
        };
        assert!(write_archive(&dir, &spec).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.join("keep.txt")).unwrap(),
            "mine"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
