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
        // whole runs of non-space text at a time, not char by char
        for (i, run) in s.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if run.is_empty() {
                continue;
            }
            if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push_str(run);
        }
    }

    fn line_break(&mut self) {
        self.space = false;
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
    }

    fn chars(&self) -> usize {
        self.out.chars().filter(|c| !c.is_whitespace()).count()
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

struct Sink {
    state: RefCell<State>,
}

impl Sink {
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

impl TokenSink for Sink {
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
                            match name {
                                "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                                "style" | "xmp" | "iframe" | "noembed" | "noframes"
                                | "noscript" => return TokenSinkResult::RawData(RawKind::Rawtext),
                                "title" | "textarea" => {
                                    return TokenSinkResult::RawData(RawKind::Rcdata)
                                }
                                "plaintext" => return TokenSinkResult::Plaintext,
                                _ => {}
                            }
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
    let sink = Sink {
        state: RefCell::new(State::default()),
    };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&queue);
    tok.end();
    let st = tok.sink.state.into_inner();
    let text = if st.main.chars() >= MIN_MAIN_CHARS {
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
    fn sniffs_html() {
        assert!(looks_like_html("  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<div><p>xin chào</p></div>"));
        assert!(!looks_like_html("Hà Nội, ngày 1/1 <b> không phải"));
    }
}
