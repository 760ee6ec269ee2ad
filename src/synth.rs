//! Synthetic day files in the real format (FORMAT.md), for benchmarks and the
//! `gen-archive` example: Chinese and mixed chat, hundreds of speakers with a few busy
//! ones, images, links, emoticons, entity escapes and the odd control character.

use std::fmt::Write as _;

use chrono::NaiveDate;

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
const PHRASES: &[&str] = &[
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
    "微服务",
    "分布式事务",
    "数据库",
    "Redis",
    "Kafka",
    "MySQL",
    "Spring Cloud",
    "API",
    "SDK",
    "HTTPS",
    "TPS",
    "幂等",
];
const ENDINGS: &[&str] = &["。", "？", "！", "，", "…", "", " ", "吧", "吗", "呢"];
const EMOTICONS: &[&str] = &[
    "[强]", "[呲牙]", "[捂脸]", "[玫瑰]", "[微笑]", "[抱拳]", "[奸笑]", "[偷笑]",
];

/// A seeded generator of day files.
pub struct Synth {
    rng: fastrand::Rng,
    speakers: Vec<String>,
}

impl Synth {
    /// `speakers` distinct names; the same seed gives the same files.
    pub fn new(seed: u64, speakers: usize) -> Synth {
        let mut rng = fastrand::Rng::with_seed(seed);
        let speakers = (0..speakers.max(1))
            .map(|i| speaker_name(&mut rng, i))
            .collect();
        Synth { rng, speakers }
    }

    /// One day file with `messages` messages, times spread over the day.
    pub fn day(&mut self, date: NaiveDate, messages: usize) -> String {
        let mut out = String::with_capacity(messages * 170 + 256);
        let _ = write!(
            out,
            "---\nlayout:     source \ntitle:      \"{date}-WeChat\"\ndate:       {date} 12:00:00\nauthor:     \"PaymentGroup\"\nlines:      {} \ntag:\t\t  [chat]\nheader-img: \"img/post-bg-wechat.jpg\"\n---\n",
            messages * 4
        );
        let mut second = 7 * 3600;
        for _ in 0..messages {
            // Mostly seconds apart, sometimes the same second; never past the day.
            second = (second + self.rng.usize(0..=(60_000 / messages.max(1)).max(2))).min(86_399);
            let speaker = self.zipf(self.speakers.len());
            let speaker = &self.speakers[speaker];
            let _ = write!(
                out,
                "> {:02}:{:02}:{:02}  {speaker}  \n   \n",
                second / 3600,
                second / 60 % 60,
                second % 60
            );
            let body = self.body(date, second);
            let _ = write!(out, "{body}  \n   \n");
        }
        out
    }

    /// An index in `0..n`, small ones far more often (a few speakers talk most).
    fn zipf(&mut self, n: usize) -> usize {
        let u = self.rng.f64();
        ((u * u * u) * n as f64) as usize % n
    }

    fn body(&mut self, date: NaiveDate, second: usize) -> String {
        let (h, m, s) = (second / 3600, second / 60 % 60, second % 60);
        match self.rng.u32(0..100) {
            0..=4 => EMOTICONS[self.rng.usize(0..EMOTICONS.len())].to_owned(),
            5..=8 => format!(
                "![{date} {h:02}:{m:02}:{s:02}](http://static.example.org/img/{}_{h:02}{m:02}{s:02}.png)",
                date.format("%Y%m%d")
            ),
            9 => format!(
                "{} https://example.org/doc/{}",
                self.sentence(6),
                self.rng.u32(..)
            ),
            10 => {
                let (quoted, reply) = (self.sentence(4), self.sentence(3));
                format!(
                    "「{}：{quoted}」 - - - - - - - - - - - - - - - {reply}",
                    self.speakers[0]
                )
            }
            11 => {
                let who = self.zipf(self.speakers.len());
                let text = self.sentence(5);
                format!("@{}? {text}", self.speakers[who])
            }
            12 => {
                let (a, b, c) = (self.sentence(3), self.sentence(2), self.sentence(2));
                format!("{a} &amp;gt; {b}&amp;#160;{c}")
            }
            13 if self.rng.u32(0..10) == 0 => {
                let (a, b) = (self.sentence(2), self.sentence(2));
                format!("{a}\u{10}{b}")
            }
            _ => {
                // A long tail of lengths: mostly short, sometimes a paragraph.
                let words = match self.rng.u32(0..100) {
                    0..=59 => self.rng.usize(1..6),
                    60..=94 => self.rng.usize(6..20),
                    _ => self.rng.usize(20..90),
                };
                self.sentence(words)
            }
        }
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            s.push_str(PHRASES[self.rng.usize(0..PHRASES.len())]);
            if i % 3 == 2 || i + 1 == words {
                s.push_str(ENDINGS[self.rng.usize(0..ENDINGS.len())]);
            }
        }
        s.trim_end().to_owned()
    }
}

/// Names as found in the wild: `姓名-公司-角色-城市`, Latin names, lost emoji as `??`,
/// inner runs of spaces, full-width parentheses.
fn speaker_name(rng: &mut fastrand::Rng, i: usize) -> String {
    let pick = |rng: &mut fastrand::Rng, list: &[&str]| list[rng.usize(0..list.len())].to_owned();
    let name = pick(rng, SURNAMES) + &pick(rng, GIVEN);
    let base = match i % 10 {
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
        _ => name,
    };
    format!(
        "{base}{}",
        if i >= 100 {
            i.to_string()
        } else {
            String::new()
        }
    )
}
