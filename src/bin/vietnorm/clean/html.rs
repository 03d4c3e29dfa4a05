//! Main text of an HTML page, with html5ever's spec-conformant tokenizer.
//!
//! Scripts, styles, the head, forms, embedded objects and navigation
//! (`nav`, `header`, `footer`, `aside`, and elements whose class or id is a
//! navigation word such as `menu` or `breadcrumb`) are dropped with all they
//! contain. When the page marks its content with `<article>` or `<main>` and
//! that holds a real amount of text, only that is kept. Block elements end a
//! line, so each paragraph comes out on its own line (which is what
//! boilerplate learning counts); runs of spaces collapse except in `<pre>`.
//! Character references are decoded by the tokenizer.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// Below this many characters inside `<article>`/`<main>`, the whole body is
/// used instead (the markers were around a teaser, not the content).
const MIN_MAIN_CHARS: usize = 200;

/// Elements dropped with everything inside them.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "select"
            | "button"
            | "textarea"
            | "form"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "menu"
            | "noembed"
            | "noframes"
    )
}

/// Class or id tokens that mark navigation and widgets (matched whole,
/// ignoring ASCII case).
const NAV_TOKENS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "main-menu",
    "mainmenu",
    "topmenu",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "site-header",
    "site-footer",
    "footer",
    "pagination",
    "share",
    "social",
    "social-share",
    "cookie-banner",
];

fn is_nav_token(token: &str) -> bool {
    // checked on every class token of every tag: no allocation
    NAV_TOKENS.iter().any(|t| t.eq_ignore_ascii_case(token))
}

/// Elements that end a line of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "thead"
            | "tbody"
            | "section"
            | "article"
            | "main"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "hr"
            | "address"
            | "body"
            | "html"
            | "caption"
            | "center"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
    )
}

/// Length of the char at `b[i..]` when `char::is_whitespace` accepts it:
/// ASCII spaces, U+0085, U+00A0, U+1680, U+2000..=U+200A, U+2028, U+2029,
/// U+202F, U+205F, U+3000.
#[inline]
fn space_at(b: &[u8], i: usize) -> Option<usize> {
    let tail = |n: usize| b.get(i + 1..i + 1 + n);
    match b.get(i)? {
        b'\t'..=b'\r' | b' ' => Some(1),
        0xC2 => matches!(tail(1), Some([0x85 | 0xA0])).then_some(2),
        0xE1 => (tail(2) == Some(&[0x9A, 0x80])).then_some(3),
        0xE2 => match tail(2)? {
            [0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F] => Some(3),
            _ => None,
        },
        0xE3 => (tail(2) == Some(&[0x80, 0x80])).then_some(3),
        _ => None,
    }
}

/// Position and length of the first whitespace char of `b` (UTF-8) at or
/// after `from`. Bytes are tested one by one: ASCII bytes and lead bytes
/// never occur inside another char.
fn next_space(b: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    loop {
        // most bytes cannot start a space: skip them with one table lookup
        i += b
            .get(i..)?
            .iter()
            .position(|&c| MAY_START_SPACE[c as usize])?;
        if let Some(n) = space_at(b, i) {
            return Some((i, n));
        }
        i += 1;
    }
}

/// True when `s` is not empty, starts and ends with a non-space and has no
/// whitespace ([`space_at`]) but single ASCII spaces: what [`Text::push_chars`]
/// would copy as one stretch.
fn single_spaced(s: &str) -> bool {
    use memchr::{memchr, memchr2, memchr3, memmem};
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    if first == b' ' || last == b' ' {
        return false;
    }
    if memchr3(b'\t', b'\n', b'\r', b).is_some()
        || memchr2(0x0B, 0x0C, b).is_some()
        || memchr(0xC2, b).is_some()
        || memmem::find(b, b"  ").is_some()
        || memmem::find(b, b"\xE1\x9A").is_some()
        || memmem::find(b, b"\xE3\x80\x80").is_some()
    {
        return false;
    }
    // dashes and quotes share the lead byte of the general punctuation spaces
    memchr::memchr_iter(0xE2, b).all(|i| space_at(b, i).is_none())
}

/// The first bytes of the chars [`space_at`] accepts.
static MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = matches!(c, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        c += 1;
    }
    t
};

#[derive(Default)]
struct Text {
    out: String,
    /// A space is owed before the next visible character.
    space: bool,
}

impl Text {
    fn push_chars(&mut self, s: &str, pre: bool) {
        if pre {
            self.out.push_str(s);
            self.space = false;
            return;
        }
        // The common case first: words joined by single ASCII spaces, the
        // whole text one stretch (found with a few vectorized searches).
        if single_spaced(s) {
            if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push_str(s);
            return;
        }
        // Split where `char::is_whitespace` would, but copy a stretch of
        // words joined by single ASCII spaces in one go: that is what
        // pushing the words one by one would write.
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let mut j = i;
            let sep = loop {
                match next_space(b, j) {
                    // a single space between two words stays as it is
                    Some((p, 1))
                        if p > i
                            && b.get(p) == Some(&b' ')
                            && p + 1 < b.len()
                            && space_at(b, p + 1).is_none() =>
                    {
                        j = p + 1;
                    }
                    Some((p, n)) => break Some((p, n)),
                    None => break None,
                }
            };
            let end = sep.map_or(b.len(), |(p, _)| p);
            let run = s.get(i..end).unwrap_or("");
            if !run.is_empty() {
                if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push_str(run);
            }
            match sep {
                Some((p, n)) => {
                    self.space = true;
                    i = p + n;
                }
                None => break,
            }
        }
    }

    fn line_break(&mut self) {
        self.space = false;
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    /// Whether the text has at least `n` visible chars (counted no further).
    fn has_chars(&self, n: usize) -> bool {
        self.out
            .chars()
            .filter(|c| !c.is_whitespace())
            .take(n)
            .count()
            >= n
    }
}

#[derive(Default)]
struct State {
    all: Text,
    main: Text,
    /// The dropped element we are inside and how deeply it nests.
    drop: Option<(String, usize)>,
    /// Depth inside `<article>`/`<main>`.
    main_depth: usize,
    pre_depth: usize,
}

struct Sink<'q> {
    state: RefCell<State>,
    /// The tokenizer's input, for skipping the text of dropped raw-text
    /// elements (see [`Sink::skip_raw_text`]).
    input: &'q BufferQueue,
    skip_raw: bool,
}

impl Sink<'_> {
    fn start_tag(st: &mut State, name: &str, nav_attr: bool, self_closing: bool) {
        if let Some((dropped, depth)) = &mut st.drop {
            if dropped == name && !is_void(name) && !self_closing {
                *depth += 1;
            }
            return;
        }
        if (is_dropped(name) || nav_attr) && !is_void(name) && !self_closing {
            st.drop = Some((name.to_string(), 1));
            return;
        }
        if is_block(name) {
            st.all.line_break();
            st.main.line_break();
        }
        if self_closing || is_void(name) {
            return;
        }
        match name {
            "article" | "main" => st.main_depth += 1,
            "pre" => st.pre_depth += 1,
            _ => {}
        }
    }

    fn end_tag(st: &mut State, name: &str) {
        if let Some((dropped, depth)) = &mut st.drop {
            if dropped == name {
                *depth -= 1;
                if *depth == 0 {
                    st.drop = None;
                    st.all.line_break();
                    st.main.line_break();
                }
            }
            return;
        }
        match name {
            "article" | "main" => st.main_depth = st.main_depth.saturating_sub(1),
            "pre" => st.pre_depth = st.pre_depth.saturating_sub(1),
            _ => {}
        }
        if is_block(name) {
            st.all.line_break();
            st.main.line_break();
        }
    }
}

/// Where the end tag of raw-text element `name` starts in `rest` (the
/// input right after its start tag), by the tokenizer's own rule: `</`,
/// the name in any ASCII case, then a space, `/` or `>` (a carriage return
/// reaches the tokenizer as a line feed). For `<script>`, None when a
/// `<!--` comes first: escaped script text may hide an end tag, and only
/// the tokenizer can tell.
fn raw_text_end(rest: &str, name: &str) -> Option<usize> {
    let b = rest.as_bytes();
    let n = name.len();
    let mut from = 0;
    loop {
        let at = from + memchr::memmem::find(b.get(from..)?, b"</")?;
        if name == "script" && memchr::memmem::find(b.get(..at)?, b"<!--").is_some() {
            return None;
        }
        let tag = b.get(at + 2..at + 2 + n);
        let after = b.get(at + 2 + n);
        if tag.is_some_and(|t| t.eq_ignore_ascii_case(name.as_bytes()))
            && matches!(
                after,
                Some(b'\t' | b'\n' | 0x0C | b'\r' | b' ' | b'/' | b'>')
            )
        {
            return Some(at);
        }
        from = at + 2;
    }
}

impl Sink<'_> {
    /// Drops the text of a raw-text element that is dropped anyway, up to
    /// its end tag, so the tokenizer does not turn it into character tokens
    /// only for them to be thrown away (scripts and styles are a good part
    /// of a page). Called right after the start tag: the front of the
    /// input is what follows it. When the end is not in the front buffer
    /// (or not certain), nothing is skipped.
    fn skip_raw_text(&self, name: &str) {
        let Some(mut front) = self.input.pop_front() else {
            return;
        };
        if let Some(at) = raw_text_end(&front, name) {
            if let Ok(n) = u32::try_from(at) {
                // on a char boundary: `at` is where `</` starts
                let _ = front.try_pop_front(n);
            }
        }
        self.input.push_front(front);
    }
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => {
                let name: &str = &tag.name;
                match tag.kind {
                    TagKind::StartTag => {
                        let nav_attr = tag.attrs.iter().any(|a| {
                            let n: &str = &a.name.local;
                            (n == "class" || n == "id" || n == "role")
                                && a.value.split_ascii_whitespace().any(is_nav_token)
                        });
                        Sink::start_tag(&mut st, name, nav_attr, tag.self_closing);
                        // The tokenizer alone does not know which elements hold raw text.
                        if !tag.self_closing {
                            let kind = match name {
                                "script" => RawKind::ScriptData,
                                "style" | "xmp" | "iframe" | "noembed" | "noframes"
                                | "noscript" => RawKind::Rawtext,
                                "title" | "textarea" => RawKind::Rcdata,
                                "plaintext" => return TokenSinkResult::Plaintext,
                                _ => return TokenSinkResult::Continue,
                            };
                            // its text would only be dropped (xmp is kept)
                            if self.skip_raw && st.drop.is_some() {
                                drop(st);
                                self.skip_raw_text(name);
                            }
                            return TokenSinkResult::RawData(kind);
                        }
                    }
                    TagKind::EndTag => Sink::end_tag(&mut st, name),
                }
            }
            Token::CharacterTokens(t) if st.drop.is_none() => {
                let pre = st.pre_depth > 0;
                st.all.push_chars(&t, pre);
                if st.main_depth > 0 {
                    st.main.push_chars(&t, pre);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// The main text of `html`, one block per line.
pub fn main_text(html: &str) -> String {
    main_text_with(html, true)
}

/// [`main_text`]; `skip_raw` off leaves the text of dropped raw-text
/// elements to the tokenizer (to test and fuzz that skipping it changes
/// nothing).
pub fn main_text_with(html: &str, skip_raw: bool) -> String {
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let sink = Sink {
        state: RefCell::new(State::default()),
        input: &queue,
        skip_raw,
    };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tok.feed(&queue);
    tok.end();
    let st = tok.sink.state.into_inner();
    let text = if st.main.has_chars(MIN_MAIN_CHARS) {
        st.main.out
    } else {
        st.all.out
    };
    let mut text = text;
    text.truncate(text.trim_end().len());
    text.push('\n');
    text
}

/// True when `text` (the first few KB of a file) looks like HTML.
pub fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    // Every sign below starts with `<`: without one in the first 4096
    // chars (at most 4 bytes each) it is not HTML, and most plain text
    // has none, so it need not be counted out and lowercased.
    let window = t.as_bytes().get(..16 * 1024).unwrap_or(t.as_bytes());
    if memchr::memchr(b'<', window).is_none() {
        return false;
    }
    // the first 4096 chars, lowercased in one byte copy (markup is ASCII)
    let end = t.char_indices().nth(4096).map_or(t.len(), |(i, _)| i);
    let head = t
        .as_bytes()
        .get(..end)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let has = |needle: &str| memchr::memmem::find(&head, needle.as_bytes()).is_some();
    head.starts_with(b"<!doctype html")
        || has("<html")
        || has("<body")
        || has("<head>")
        || (head.starts_with(b"<")
            && ["<p>", "<p ", "<div", "<br", "<article", "<span"]
                .iter()
                .any(|t| has(t)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_nav_and_keeps_paragraphs() {
        let html = r#"<!DOCTYPE html><html><head><title>T</title>
<script>var a = "<p>không</p>"; if (a<b) {}</script><style>p{color:red}</style></head>
<body><nav><a href="/">Trang chủ</a> | <a>Thời sự</a></nav>
<div class="menu"><div><a>Kinh tế</a></div></div>
<h1>Tiêu đề bài viết</h1><p>Đoạn một &amp; có   thực thể&nbsp;&#7879;.</p>
<p>Đoạn <b>hai</b><br>dòng ba</p><footer>Bản quyền</footer></body></html>"#;
        let t = main_text(html);
        assert_eq!(
            t,
            "Tiêu đề bài viết\nĐoạn một & có thực thể ệ.\nĐoạn hai\ndòng ba\n"
        );
    }

    #[test]
    fn prefers_article_when_it_holds_the_text() {
        let body = "Nội dung chính của bài báo rất dài. ".repeat(10);
        let html = format!(
            "<html><body><div>Quảng cáo bên lề</div><article><p>{body}</p></article></body></html>"
        );
        let t = main_text(&html);
        assert!(!t.contains("Quảng cáo"));
        assert!(t.starts_with("Nội dung chính"));
    }

    #[test]
    fn broken_markup_does_not_lose_text() {
        assert_eq!(main_text("<p>một <b>hai</p><p ba"), "một hai\n");
        assert_eq!(main_text(""), "\n");
        assert_eq!(main_text("<div class=menu>chưa đóng"), "\n");
    }

    #[test]
    fn next_space_agrees_with_is_whitespace() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            let want = c.is_whitespace().then_some((0, b.len()));
            assert_eq!(next_space(b, 0), want, "{c:?}");
        }
    }

    #[test]
    fn push_chars_splits_like_is_whitespace() {
        // the former implementation, as the reference
        fn reference(t: &mut Text, s: &str) {
            for (i, run) in s.split(char::is_whitespace).enumerate() {
                if i > 0 {
                    t.space = true;
                }
                if run.is_empty() {
                    continue;
                }
                if t.space && !t.out.is_empty() && !t.out.ends_with('\n') {
                    t.out.push(' ');
                }
                t.space = false;
                t.out.push_str(run);
            }
        }
        let pieces = [
            "", " ", "a", "Việt", "\u{a0}", "\u{2009}", "\u{3000}", "\n", "\t\t", "ở", "\u{85}",
            "\u{1680}", "\u{205f}", "\u{200b}", "đ", "“", "–", "Ú", "ự", "a b", " c d",
        ];
        let mut seed = 7u64;
        for _ in 0..2000 {
            let (mut a, mut b) = (Text::default(), Text::default());
            for _ in 0..4 {
                let mut s = String::new();
                for _ in 0..6 {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                }
                a.push_chars(&s, false);
                reference(&mut b, &s);
                assert_eq!((&a.out, a.space), (&b.out, b.space), "{s:?}");
                if seed % 5 == 0 {
                    a.line_break();
                    b.line_break();
                }
            }
        }
    }

    #[test]
    fn single_spaced_text() {
        assert!(single_spaced("Đoạn một – “có” thực thể."));
        assert!(single_spaced("a"));
        for s in [
            "",
            " a",
            "a ",
            "a  b",
            "a\nb",
            "a\u{a0}b",
            "a\u{2009}b",
            "a\u{1680}b",
            "a\u{3000}b",
        ] {
            assert!(!single_spaced(s), "{s:?}");
        }
    }

    #[test]
    fn skips_dropped_raw_text_by_the_tokenizer_rules() {
        assert_eq!(raw_text_end("a{}</style>x", "style"), Some(3));
        assert_eq!(raw_text_end("</styles></STYLE\n>", "style"), Some(9));
        assert_eq!(raw_text_end("x</style", "style"), None);
        assert_eq!(raw_text_end("if (a</b) {}</script >", "script"), Some(12));
        assert_eq!(
            raw_text_end("<!-- <script></script> --></script>", "script"),
            None
        );
        // the text comes out the same with or without the skip
        let page = "<html><head><title>T&amp;</title><style>p{}</style></head><body>\
                    <script>var s = '<p>không</p>';</SCRIPT\t>\
                    <script><!-- <script>x</script> y --></script><p>còn</p>\
                    <div class=menu><style>a</style>z</div><xmp><b>giữ</b></xmp>\
                    <noscript><p>bỏ</p></noscript><p>hết</p><script>chưa đóng";
        assert_eq!(main_text(page), "còn\n<b>giữ</b>\nhết\n");
        assert_eq!(main_text_with(page, false), main_text(page));
    }

    #[test]
    fn sniffs_html() {
        assert!(looks_like_html("  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<div><p>xin chào</p></div>"));
        assert!(!looks_like_html("Hà Nội, ngày 1/1 <b> không phải"));
    }
}
