//! The tokenizer: turns source text into tokens (names, keywords, numbers, strings,
//! operators, and the NEWLINE / INDENT / DEDENT tokens that carry Python's layout), with
//! CPython 3.11's tokenizer error messages and positions.
//!
//! The whole source is tokenized up front. The first tokenizer error ends the token list
//! with an [`Tok::Error`] token; the parser decides, the way CPython does, whether that
//! error or a parser error found earlier is the one the learner sees (see [`Override`]).
//!
//! Number and string literals are read in `literal.rs`.

mod literal;

/// Whether `c` may go on a name: a letter, `_`, or a decimal digit of any script, not a digit
/// such as `²` or `½` (`x² = 5` is CPython's "invalid character '²'", not a name `x²`).
fn is_name_char(c: char) -> bool {
    c == '_' || c.is_alphabetic() || crate::format::is_decimal(c)
}

/// Whether `s` is a name as this lexer reads one (`str.isidentifier()`).
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic()) && chars.all(is_name_char)
}

use literal::is_string_prefix;

use crate::parser::{ErrorKind, SyntaxError};

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// An identifier that is not a keyword.
    Name(String),
    /// A reserved keyword (`if`, `None`, `await`, …).
    Kw(&'static str),
    /// An operator or delimiter (`+=`, `(`, `...`, …).
    Op(&'static str),
    /// An integer literal that fits in an `i64`.
    Int(i64),
    /// An integer literal that does not fit in an `i64`.
    BigInt,
    /// A float literal.
    Float(f64),
    /// An imaginary literal (`1j`).
    Imag,
    /// One string literal, still undecoded (the parser joins and decodes them).
    Str(Box<StrLit>),
    /// The end of a logical line.
    Newline,
    /// The start of a more-indented block.
    Indent,
    /// The end of an indented block.
    Dedent,
    /// The end of the source.
    End,
    /// Where the tokenizer stopped with an error (the error itself is in [`Lexed::error`]).
    Error,
}

/// A string literal as written: its prefix and its body between the quotes.
#[derive(Debug, Clone, PartialEq)]
pub struct StrLit {
    /// `r` prefix: backslashes are literal.
    pub raw: bool,
    /// `f` prefix.
    pub fstr: bool,
    /// `b` prefix.
    pub bytes: bool,
    /// The text between the quotes, undecoded.
    pub body: String,
    /// Line of the body's first character.
    pub body_line: u32,
    /// Column of the body's first character.
    pub body_col: u32,
}

/// A token and its place: 1-based line, 1-based start column and exclusive end column, in
/// characters.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Line of its first character.
    pub line: u32,
    /// Column of its first character.
    pub col: u32,
    /// Line of its last character.
    pub end_line: u32,
    /// Column just after its last character.
    pub end_col: u32,
}

/// When a tokenizer error beats a parser error found at an earlier token. CPython re-reads
/// the rest of the file after a parser error, and some tokenizer errors found there win.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Override {
    /// Always replaces the parser's error (bad strings, characters and brackets).
    Always,
    /// Replaces it only if the bracket never closed opened on a line before the parser's
    /// error.
    IfBeforeLine(u32),
    /// Only shown if the parser gets as far as it (indentation, end of file).
    Never,
}

/// The tokens of a source, ending with [`Tok::End`] or [`Tok::Error`].
#[derive(Debug)]
pub struct Lexed {
    /// The tokens.
    pub tokens: Vec<Token>,
    /// The error that the final [`Tok::Error`] token stands for, and when it wins.
    pub error: Option<(SyntaxError, Override)>,
    /// The tokenizer's warnings, by line (a keyword straight after a number: `1if x`).
    pub warnings: Vec<(u32, String)>,
}

/// Python's keywords (`keyword.kwlist`).
pub const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
    "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
    "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

// Longest first, so that the first match is the longest.
const OPS: [&str; 47] = [
    "**=", "//=", ">>=", "<<=", "...", "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=", "/=",
    "%=", "&=", "|=", "^=", "@=", ":=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]",
    "{", "}", ",", ":", ";", ".", "=",
];

/// CPython's limits: deeper brackets or indentation are errors, which also bounds the
/// parser's recursion.
const MAX_BRACKETS: usize = 200;
const MAX_INDENT: usize = 100;

/// Tokenizes a whole module.
pub fn tokenize(source: &str) -> Lexed {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    Lexer::new(source, 1, 1, false).run()
}

/// Tokenizes the expression of an f-string field, which starts at `line`:`col` of the
/// module. Newlines are ignored, as inside brackets (CPython parses it as `(expr)`).
pub fn tokenize_expr(text: &str, line: u32, col: u32) -> Lexed {
    Lexer::new(text, line, col, true).run()
}

struct Lexer {
    chars: Vec<char>,
    i: usize,
    line: u32,
    line_start: usize,
    /// Added to columns on the first line (an f-string field starts mid-line).
    first_shift: u32,
    first_line: u32,
    in_expr: bool,
    brackets: Vec<(char, u32, u32)>,
    /// Each open block's indentation: its width with tabs to the next multiple of 8, and with
    /// tabs as one column (CPython's `altcol`); two lines that compare differently by the two
    /// mix tabs and spaces ambiguously (`TabError`).
    indents: Vec<(usize, usize)>,
    tokens: Vec<Token>,
    warnings: Vec<(u32, String)>,
}

type LexResult<T> = Result<T, (SyntaxError, Override)>;

fn err(kind: ErrorKind, message: String, line: u32, col: u32) -> SyntaxError {
    SyntaxError { kind, message, line, col, end_col: col, shown: None, compiled: false }
}

impl Lexer {
    fn new(text: &str, line: u32, col: u32, in_expr: bool) -> Lexer {
        // CPython reads source with universal newlines.
        let chars = text.replace("\r\n", "\n").replace('\r', "\n").chars().collect();
        Lexer {
            chars,
            i: 0,
            line,
            line_start: 0,
            first_shift: col.saturating_sub(1),
            first_line: line,
            in_expr,
            brackets: Vec::new(),
            indents: vec![(0, 0)],
            tokens: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn col_at(&self, i: usize) -> u32 {
        let shift = if self.line == self.first_line { self.first_shift } else { 0 };
        (i.saturating_sub(self.line_start) as u32).saturating_add(shift + 1)
    }

    fn at(&self, i: usize) -> char {
        self.chars.get(i).copied().unwrap_or('\0')
    }

    fn newline_at(&mut self, i: usize) {
        self.line += 1;
        self.line_start = i + 1;
    }

    fn push(&mut self, tok: Tok, line: u32, col: u32) {
        let end_col = self.col_at(self.i);
        self.tokens.push(Token { tok, line, col, end_line: self.line, end_col });
    }

    fn run(mut self) -> Lexed {
        match self.lex_all() {
            Ok(()) => Lexed { tokens: self.tokens, error: None, warnings: self.warnings },
            Err((e, o)) => {
                let (line, col) = (e.line, e.col);
                self.tokens.push(Token { tok: Tok::Error, line, col, end_line: line, end_col: col });
                Lexed { tokens: self.tokens, error: Some((e, o)), warnings: self.warnings }
            }
        }
    }

    fn lex_all(&mut self) -> LexResult<()> {
        let mut at_line_start = !self.in_expr;
        let mut comment_col = None;
        loop {
            if at_line_start {
                at_line_start = false;
                if !self.indentation()? {
                    at_line_start = true;
                    continue;
                }
            }
            let c = self.at(self.i);
            if self.i >= self.chars.len() {
                return self.finish();
            }
            let (line, col) = (self.line, self.col_at(self.i));
            match c {
                ' ' | '\t' | '\x0c' => self.i += 1,
                '#' => {
                    // The NEWLINE token of a line with a comment starts at the comment.
                    comment_col = Some(col);
                    while self.i < self.chars.len() && self.at(self.i) != '\n' {
                        self.i += 1;
                    }
                }
                '\\' => {
                    self.i += 1;
                    if self.i >= self.chars.len() {
                        let e = err(ErrorKind::Syntax, "unexpected EOF while parsing".into(), line, col + 1);
                        return Err((e, Override::Never));
                    }
                    if self.at(self.i) != '\n' {
                        let m = "unexpected character after line continuation character".to_string();
                        return Err((err(ErrorKind::Syntax, m, line, col + 1), Override::Never));
                    }
                    self.newline_at(self.i);
                    self.i += 1;
                }
                '\n' => {
                    let comment_col = comment_col.take();
                    if self.brackets.is_empty() && !self.in_expr {
                        let col = comment_col.unwrap_or(col);
                        self.tokens.push(Token { tok: Tok::Newline, line, col, end_line: line, end_col: col + 1 });
                        at_line_start = true;
                    }
                    self.newline_at(self.i);
                    self.i += 1;
                }
                '0'..='9' => self.number(line, col)?,
                '.' if self.at(self.i + 1).is_ascii_digit() => self.number(line, col)?,
                '"' | '\'' => self.string(line, col, "")?,
                c if c == '_' || c.is_alphabetic() => {
                    let start = self.i;
                    while is_name_char(self.at(self.i)) {
                        self.i += 1;
                    }
                    let word: String = self.chars[start..self.i].iter().collect();
                    let q = self.at(self.i);
                    if (q == '"' || q == '\'') && is_string_prefix(&word) {
                        self.string(line, col, &word)?;
                    } else if let Some(kw) = KEYWORDS.iter().find(|k| **k == word) {
                        self.push(Tok::Kw(kw), line, col);
                    } else {
                        self.push(Tok::Name(word), line, col);
                    }
                }
                _ => self.operator(c, line, col)?,
            }
        }
    }

    /// Measures a line's indentation and emits INDENT/DEDENT; false for a blank or
    /// comment-only line (no tokens at all, as in CPython).
    fn indentation(&mut self) -> LexResult<bool> {
        let (mut width, mut alt) = (0, 0);
        let start = self.i;
        loop {
            match self.at(self.i) {
                ' ' => width += 1,
                '\t' => width = (width / 8 + 1) * 8,
                '\x0c' => (width, alt) = (0, 0),
                _ => break,
            }
            alt += usize::from(self.at(self.i) != '\x0c');
            self.i += 1;
        }
        let c = self.at(self.i);
        if self.i >= self.chars.len() || c == '#' || c == '\n' || c == '\\' && self.at(self.i + 1) == '\n' {
            if c == '#' {
                while self.i < self.chars.len() && self.at(self.i) != '\n' {
                    self.i += 1;
                }
            }
            if self.at(self.i) == '\n' {
                self.newline_at(self.i);
                self.i += 1;
                return Ok(false);
            }
            return Ok(true);
        }
        let (line, col) = (self.line, self.col_at(self.i));
        let (current, alt_current) = self.indents.last().copied().unwrap_or((0, 0));
        let tab_error = || {
            let m = "inconsistent use of tabs and spaces in indentation".to_string();
            Err((err(ErrorKind::Tab, m, line, 1), Override::Never)) // CPython points at no column
        };
        if width > current {
            if alt <= alt_current {
                return tab_error();
            }
            if self.indents.len() > MAX_INDENT {
                let e = err(ErrorKind::Indentation, "too many levels of indentation".into(), line, col);
                return Err((e, Override::Never));
            }
            self.indents.push((width, alt));
            // CPython puts INDENT at the last whitespace character.
            let icol = ((self.i - start) as u32).max(1);
            self.tokens.push(Token { tok: Tok::Indent, line, col: icol, end_line: line, end_col: col });
        } else {
            while self.indents.last().is_some_and(|&(w, _)| w > width) {
                self.indents.pop();
                self.tokens.push(Token { tok: Tok::Dedent, line, col, end_line: line, end_col: col });
            }
            match self.indents.last() {
                Some(&(w, a)) if w == width && a != alt => return tab_error(),
                _ => {}
            }
            if self.indents.last().map(|&(w, _)| w) != Some(width) {
                // CPython points just past the end of the offending line.
                let mut end = self.i;
                while end < self.chars.len() && self.at(end) != '\n' {
                    end += 1;
                }
                let m = "unindent does not match any outer indentation level".to_string();
                return Err((err(ErrorKind::Indentation, m, line, self.col_at(end)), Override::Never));
            }
        }
        Ok(true)
    }

    fn finish(&mut self) -> LexResult<()> {
        if let Some(&(open, line, col)) = self.brackets.last() {
            if !self.in_expr {
                let e = err(ErrorKind::Syntax, format!("'{open}' was never closed"), line, col);
                return Err((e, Override::IfBeforeLine(line)));
            }
        }
        let (mut line, mut col) = (self.line, self.col_at(self.i));
        if !self.in_expr {
            match self.tokens.last() {
                Some(t) if t.tok != Tok::Newline => {
                    self.tokens.push(Token { tok: Tok::Newline, line, col, end_line: line, end_col: col + 1 })
                }
                // Tokens at the end take the place of the last NEWLINE, where CPython
                // reports a missing block, or the end of the source's last line if comments
                // or blank lines follow it (a `# TODO` under a `for`).
                Some(t) => {
                    (line, col) = (t.line, t.col);
                    let last_line = match self.chars.split_last() {
                        Some(('\n', rest)) => {
                            let start = rest.iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1);
                            (self.line - 1, (rest.len() - start) as u32 + 1)
                        }
                        _ => (self.line, self.col_at(self.i)),
                    };
                    if last_line.0 > t.line {
                        (line, col) = last_line;
                    }
                }
                None => {}
            }
            for _ in 1..self.indents.len() {
                self.tokens.push(Token { tok: Tok::Dedent, line, col, end_line: line, end_col: col });
            }
        }
        self.tokens.push(Token { tok: Tok::End, line, col, end_line: line, end_col: col });
        Ok(())
    }

    fn operator(&mut self, c: char, line: u32, col: u32) -> LexResult<()> {
        let op = OPS.iter().find(|op| op.chars().enumerate().all(|(k, oc)| self.at(self.i + k) == oc));
        let Some(&op) = op else {
            if c.is_ascii() {
                // `$`, `?`, `!`, a backtick: CPython's parser says just "invalid syntax".
                return Err((err(ErrorKind::Syntax, "invalid syntax".into(), line, col), Override::Never));
            }
            let m = if c.is_whitespace() || c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}') {
                format!("invalid non-printable character U+{:04X}", c as u32)
            } else {
                format!("invalid character '{c}' (U+{:04X})", c as u32)
            };
            return Err((err(ErrorKind::Syntax, m, line, col), Override::Always));
        };
        self.i += op.chars().count();
        match op {
            "(" | "[" | "{" => {
                if self.brackets.len() >= MAX_BRACKETS {
                    let e = err(ErrorKind::Syntax, "too many nested parentheses".into(), line, col);
                    return Err((e, Override::Always));
                }
                self.brackets.push((c, line, col));
            }
            ")" | "]" | "}" => {
                let Some((open, oline, _)) = self.brackets.pop() else {
                    return Err((err(ErrorKind::Syntax, format!("unmatched '{c}'"), line, col), Override::Always));
                };
                let expected = match open {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if c != expected {
                    let mut m = format!("closing parenthesis '{c}' does not match opening parenthesis '{open}'");
                    if oline != line {
                        m += &format!(" on line {oline}");
                    }
                    return Err((err(ErrorKind::Syntax, m, line, col), Override::Always));
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), line, col);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Tok> {
        tokenize(src).tokens.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn layout_tokens_follow_indentation_and_skip_blank_lines() {
        let toks = kinds("if x:\n\n    # note\n    y\nz\n");
        let want = [
            Tok::Kw("if"),
            Tok::Name("x".into()),
            Tok::Op(":"),
            Tok::Newline,
            Tok::Indent,
            Tok::Name("y".into()),
            Tok::Newline,
            Tok::Dedent,
            Tok::Name("z".into()),
            Tok::Newline,
            Tok::End,
        ];
        assert_eq!(toks, want);
    }

    #[test]
    fn numbers_of_every_form_are_read() {
        let toks = kinds("1_000 0x1F 0o17 0b101 1.5 1e-3 .5 5. 99999999999999999999");
        let want = [
            Tok::Int(1000),
            Tok::Int(31),
            Tok::Int(15),
            Tok::Int(5),
            Tok::Float(1.5),
            Tok::Float(0.001),
            Tok::Float(0.5),
            Tok::Float(5.0),
            Tok::BigInt,
            Tok::Newline,
            Tok::End,
        ];
        assert_eq!(toks, want);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let t = tokenize("görev = 'ş' + x").tokens;
        assert_eq!((t[1].col, t[2].col, t[3].col, t[4].col), (7, 9, 13, 15));
    }

    #[test]
    fn crlf_a_bom_and_a_missing_final_newline_are_accepted() {
        assert_eq!(kinds("\u{feff}a\r\nb"), kinds("a\nb\n"));
    }
}
