//! Links as a reader sees them. `[title](url)` shows its title (HTML tags left out, white
//! space made single), an image its caption and URL, and a bare URL stops before trailing
//! punctuation, an unbalanced closing bracket or CJK text. Each link keeps the URL it opens.

use std::borrow::Cow;
use std::ops::Range;

/// A link in the shown text: where it is, and the URL it leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub range: Range<usize>,
    pub url: String,
}

/// What a body shows, and its links; `image` for a message that is one image.
pub fn show(body: &str, image: bool) -> (Cow<'_, str>, Vec<Link>) {
    if image && let Some((caption, url)) = image_parts(body) {
        let text = format!("▣ image {caption}  {url}");
        let start = text.len() - url.len();
        let link = Link {
            range: start..text.len(),
            url: clean_url(url),
        };
        return (Cow::Owned(text), vec![link]);
    }
    if !body.contains("](") {
        return (Cow::Borrowed(body), bare(body, 0..body.len()));
    }
    let mut text = String::with_capacity(body.len());
    let mut links = Vec::new();
    let mut done = 0;
    for (start, title, url, end) in markdown_links(body) {
        let before = text.len();
        text.push_str(&body[done..start]);
        links.extend(bare_in(&text, before));
        let shown = plain_title(title, url);
        let range = text.len()..text.len() + shown.len();
        text.push_str(&shown);
        if is_web(url) {
            links.push(Link {
                range,
                url: clean_url(url),
            });
        }
        done = end;
    }
    let before = text.len();
    text.push_str(&body[done..]);
    links.extend(bare_in(&text, before));
    (Cow::Owned(text), links)
}

/// The bare URLs of `text` from byte `from` on.
fn bare_in(text: &str, from: usize) -> Vec<Link> {
    bare(text, from..text.len())
}

/// The bare URLs in `range` of `text`.
fn bare(text: &str, range: Range<usize>) -> Vec<Link> {
    url_ranges(&text[range.clone()])
        .into_iter()
        .map(|r| {
            let r = range.start + r.start..range.start + r.end;
            Link {
                url: clean_url(&text[r.clone()]),
                range: r,
            }
        })
        .collect()
}

/// `![caption](url)` → (caption, url).
fn image_parts(body: &str) -> Option<(&str, &str)> {
    let inner = body.strip_prefix("![")?.strip_suffix(')')?;
    inner.split_once("](")
}

/// The `[title](url)` links of `body`: (start, title, url, end) byte by byte, in order.
/// The title may run over lines (exports put its closing bracket on the next); the URL
/// ends at the `)` that balances its brackets, on the same line.
fn markdown_links(body: &str) -> Vec<(usize, &str, &str, usize)> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(mid) = body[from..].find("](").map(|i| from + i) {
        let (Some(open), Some(close)) = (opening_bracket(body, from, mid), url_end(body, mid + 2))
        else {
            from = mid + 2;
            continue;
        };
        links.push((open, &body[open + 1..mid], &body[mid + 2..close], close + 1));
        from = close + 1;
    }
    links
}

/// The `[` that the `]` at `close` closes, not before `from`.
fn opening_bracket(body: &str, from: usize, close: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in body[from..close].char_indices().rev() {
        match c {
            ']' => depth += 1,
            '[' if depth == 0 => return Some(from + i),
            '[' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The `)` that ends a URL starting at `start`, its own brackets balanced.
fn url_end(body: &str, start: usize) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in body[start..].char_indices() {
        match c {
            '\n' => return None,
            '(' => depth += 1,
            ')' if depth == 0 => return Some(start + i),
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A title as read: HTML tags left out, white space made single, the URL if nothing is left.
fn plain_title(title: &str, url: &str) -> String {
    let mut plain = String::with_capacity(title.len());
    let mut in_tag = false;
    for c in title.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = plain.split_whitespace().collect();
    match words.join(" ") {
        empty if empty.is_empty() && is_web(url) => url.to_owned(),
        joined => joined,
    }
}

fn is_web(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// A URL as handed to an opener: no control characters or white space in it.
fn clean_url(url: &str) -> String {
    url.chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect()
}

/// Byte ranges of the bare `http://` and `https://` URLs in `text`: up to white space,
/// a CJK (or other non-ASCII) character, `<`, `>` or `"`, then without trailing
/// punctuation and without a closing bracket that opens nowhere in the URL.
pub fn url_ranges(text: &str) -> Vec<Range<usize>> {
    let mut links = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("http").map(|i| from + i) {
        let rest = &text[i..];
        if !is_web(rest) {
            from = i + 4;
            continue;
        }
        let len = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || !c.is_ascii() || matches!(c, '<' | '>' | '"'))
            .map_or(rest.len(), |(j, _)| j);
        let len = trimmed(&rest[..len]);
        links.push(i..i + len);
        from = i + len.max(4);
    }
    links
}

/// The length of `url` without trailing punctuation or unbalanced closing brackets.
fn trimmed(url: &str) -> usize {
    let mut end = url.len();
    loop {
        let Some(last) = url[..end].chars().next_back() else {
            return end;
        };
        let unbalanced = |open, close| {
            let part = &url[..end];
            last == close && part.matches(close).count() > part.matches(open).count()
        };
        let trailing = matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*');
        if trailing || unbalanced('(', ')') || unbalanced('[', ']') || unbalanced('{', '}') {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str) -> Vec<&str> {
        url_ranges(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn bare_urls_leave_out_what_follows_them() {
        assert_eq!(
            urls("see https://a.cn/x. and http://b.cn/y,"),
            ["https://a.cn/x", "http://b.cn/y"]
        );
        assert_eq!(
            urls("(https://en.wikipedia.org/wiki/Foo_(bar))"),
            ["https://en.wikipedia.org/wiki/Foo_(bar)"]
        );
        assert_eq!(urls("链接https://a.cn/p?q=1。谢谢"), ["https://a.cn/p?q=1"]);
        assert_eq!(urls("https://a.cn/x！后"), ["https://a.cn/x"]);
        assert_eq!(urls("https://a.cn/a?b=c&d=e;"), ["https://a.cn/a?b=c&d=e"]);
        assert_eq!(urls("httpx http:/ no"), Vec::<&str>::new());
    }

    #[test]
    fn markdown_links_show_their_titles_and_keep_their_urls() {
        let body = "看这个[支付&lt;b&gt;新规</td>\n](http://mp.weixin.qq.com/s?a=1&b=2) 好文";
        let (text, links) = show(body, false);
        assert_eq!(text, "看这个支付&lt;b&gt;新规 好文");
        assert_eq!(links.len(), 1);
        assert_eq!(&text[links[0].range.clone()], "支付&lt;b&gt;新规");
        assert_eq!(links[0].url, "http://mp.weixin.qq.com/s?a=1&b=2");
    }

    #[test]
    fn html_debris_in_place_of_a_url_shows_the_title_and_no_link() {
        let body =
            "[请教问题</td></tr>\n](<tr style='mso-height-source:userset'><td x:str>636@chatroom)";
        let (text, links) = show(body, false);
        assert_eq!(text, "请教问题");
        assert!(links.is_empty());
    }

    #[test]
    fn an_image_shows_its_caption_and_url_and_text_without_links_is_borrowed() {
        let (text, links) = show("![shot](http://s.cn/a.png)", true);
        assert_eq!(text, "▣ image shot  http://s.cn/a.png");
        assert_eq!(links[0].url, "http://s.cn/a.png");
        assert_eq!(&text[links[0].range.clone()], "http://s.cn/a.png");
        assert!(matches!(show("[呲牙] plain", false).0, Cow::Borrowed(_)));
        let (text, links) = show("a [x](http://u.cn/(1)) b https://v.cn/.", false);
        assert_eq!(text, "a x b https://v.cn/.");
        let urls: Vec<&str> = links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["http://u.cn/(1)", "https://v.cn/"]);
    }
}
