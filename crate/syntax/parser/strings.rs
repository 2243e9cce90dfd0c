//! String literals: adjacent ones joined, escapes decoded, and f-strings split into literal text and
//! replacement fields whose expressions are parsed by a parser of their own.

use std::rc::Rc;

use crate::ast::{Const, Expr, ExprKind, FPart};
use crate::lexer::{self, StrLit, Tok};

use super::targets::is_bitwise_or;
use super::{boxed, starts_atom, syntax, unsupported, ErrorKind, PResult, Parser, SyntaxError};

impl Parser {
    /// Adjacent string literals, joined; any f-string among them makes an `FString`.
    pub(super) fn strings(&mut self) -> PResult<Expr> {
        let (line, col) = self.here();
        let mut lits = Vec::new();
        while let Tok::Str(lit) = self.peek() {
            let lit = lit.clone();
            let (l, c) = self.here();
            if lit.bytes && !lit.body.is_ascii() {
                let mut e = syntax("bytes can only contain ASCII literal characters", l, c);
                e.end_col = self.cur().end_col;
                return Err(e);
            }
            lits.push(lit);
            self.advance();
        }
        // CPython 3.11 reports string errors at the token after the strings (an f-string's
        // underlines that token).
        let (el, ec) = self.here();
        let next_end = match self.cur() {
            t if t.line == el && t.end_col > ec => t.end_col,
            _ => ec + 1,
        };
        let at = |m: &str| syntax(m, el, ec);
        if lits.iter().any(|l| l.bytes != lits[0].bytes) {
            return Err(at("cannot mix bytes and nonbytes literals"));
        }
        if lits[0].bytes {
            let mut bytes = Vec::new();
            for lit in &lits {
                let text = decode(&lit.body, lit.raw, true).map_err(|e| e.into_error(el, ec, &at))?;
                bytes.extend(text.chars().map(|c| c as u8)); // each at most '\xff': see `decode`
            }
            return Ok(self.mk(line, col, ExprKind::Const(Const::Bytes(bytes.into()))));
        }
        let mut parts = Vec::new();
        let mut any_f = false;
        for lit in &lits {
            if lit.fstr {
                any_f = true;
                let chars = positions(lit);
                let mut scan = FScan { chars, i: 0, raw: lit.raw, at: (el, ec), end: next_end };
                self.fparts(&mut scan, 0, &mut parts)?;
            } else {
                let text = decode(&lit.body, lit.raw, false).map_err(|e| e.into_error(el, ec, &at))?;
                push_lit(&mut parts, &text);
            }
        }
        if any_f {
            return Ok(self.mk(line, col, ExprKind::FString(parts)));
        }
        let text = match parts.pop() {
            // One that could be a name is CPython's interned string: `name is "bob"` is True
            // when `name = "bob"`, the same object.
            Some(FPart::Lit(s)) if s.len() <= 32 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
                crate::ast::name_text(crate::ast::intern(&s))
            }
            // Any other: one object for each text in the module, as CPython's compiler merges
            // equal constants (`durum is "hazır"` holds when `durum = "hazır"`).
            Some(FPart::Lit(s)) => match self.constants.iter().find(|c| ***c == *s) {
                Some(same) => Rc::clone(same),
                // (A program of thousands of texts shares its first 512: the search stays short.)
                None if self.constants.len() < 512 => {
                    self.constants.push(Rc::clone(&s));
                    s
                }
                None => s,
            },
            _ => crate::ast::name_text(crate::ast::intern("")),
        };
        Ok(self.mk(line, col, ExprKind::Const(Const::Str(text))))
    }

    /// F-string text up to its end, or up to the `}` that ends a format spec (`nested` > 0).
    fn fparts(&mut self, s: &mut FScan, nested: u32, out: &mut Vec<FPart>) -> PResult<()> {
        let mut lit = String::new();
        loop {
            let Some(c) = s.ch(0) else {
                if nested > 0 {
                    return Err(s.err("f-string: expecting '}'"));
                }
                break;
            };
            match c {
                '{' if s.ch(1) == Some('{') && nested == 0 => {
                    lit.push('{');
                    s.i += 2;
                }
                '}' if nested > 0 => break,
                '}' if s.ch(1) == Some('}') => {
                    lit.push('}');
                    s.i += 2;
                }
                '}' => return Err(s.err("f-string: single '}' is not allowed")),
                '{' => {
                    self.flush_lit(s, &mut lit, out)?;
                    s.i += 1;
                    let field = self.ffield(s, nested)?;
                    out.push(field);
                }
                '\\' if !s.raw && s.ch(1) == Some('N') && s.ch(2) == Some('{') => {
                    return Err(unsupported("named Unicode escapes (\\N{...})", s.at.0, s.at.1));
                }
                c => {
                    lit.push(c);
                    s.i += 1;
                    // A doubled backslash is copied whole, so that `\\N{x}` is not taken for `\N{…}`.
                    if c == '\\' && !s.raw {
                        if let Some(next) = s.ch(0).filter(|n| *n == '\\') {
                            lit.push(next);
                            s.i += 1;
                        }
                    }
                }
            }
        }
        self.flush_lit(s, &mut lit, out)
    }

    fn flush_lit(&mut self, s: &FScan, lit: &mut String, out: &mut Vec<FPart>) -> PResult<()> {
        let at = |m: &str| syntax(m, s.at.0, s.at.1);
        let text = decode(lit, s.raw, false).map_err(|e| e.into_error(s.at.0, s.at.1, &at))?;
        push_lit(out, &text);
        lit.clear();
        Ok(())
    }

    /// One replacement field, after its `{`, up to and including its `}` (CPython 3.11's
    /// rules for where the expression ends).
    fn ffield(&mut self, s: &mut FScan, nested: u32) -> PResult<FPart> {
        if nested >= 2 {
            return Err(s.err("f-string: expressions nested too deeply"));
        }
        let start = s.i;
        let (mut open, mut quote) = (Vec::new(), None);
        loop {
            let Some(c) = s.ch(0) else {
                // At the string's end, in CPython's order (`f"{d["a"]}"` ends at the `[`'s quote).
                return Err(s.err(&match (quote, open.last()) {
                    (Some(_), _) => "f-string: unterminated string".to_string(),
                    (None, Some(o)) => format!("f-string: unmatched '{o}'"),
                    (None, None) => "f-string: expecting '}'".to_string(),
                }));
            };
            if let Some(q) = quote {
                if c == '\\' {
                    return Err(s.err("f-string expression part cannot include a backslash"));
                }
                if c == q {
                    quote = None;
                }
                s.i += 1;
                continue;
            }
            let next = s.ch(1);
            match c {
                '\\' => return Err(s.err("f-string expression part cannot include a backslash")),
                '#' => return Err(s.err("f-string expression part cannot include '#'")),
                '\'' | '"' => quote = Some(c),
                '(' | '[' | '{' if open.len() >= 200 => return Err(s.err("f-string: too many nested parenthesis")),
                '(' | '[' | '{' => open.push(c),
                ')' | ']' | '}' if !open.is_empty() => {
                    let o = open.pop().unwrap_or(c);
                    if !matches!((o, c), ('(', ')') | ('[', ']') | ('{', '}')) {
                        let m = format!("f-string: closing parenthesis '{c}' does not match opening parenthesis '{o}'");
                        return Err(s.err(&m));
                    }
                }
                ')' | ']' => return Err(s.err(&format!("f-string: unmatched '{c}'"))),
                '=' | '!' | '<' | '>' if next == Some('=') => s.i += 1,
                '!' | ':' | '}' | '=' if open.is_empty() => break,
                _ => {}
            }
            s.i += 1;
        }
        let text: String = s.chars.get(start..s.i).unwrap_or_default().iter().map(|p| p.0).collect();
        if text.trim().is_empty() {
            // CPython 3.11.7's words: by what ends the field ('}' or the end: "empty expression").
            return Err(s.err(&match s.ch(0) {
                Some(c @ ('!' | ':' | '=')) => format!("f-string: expression required before '{c}'"),
                _ => "f-string: empty expression not allowed".to_string(),
            }));
        }
        let (line, col) = s.chars.get(start).map(|p| (p.1, p.2)).unwrap_or(s.at);
        let expr = self.sub_parse(&text, line, col)?;
        let mut debug = None;
        if s.ch(0) == Some('=') {
            s.i += 1;
            while s.ch(0).is_some_and(|c| c.is_ascii_whitespace()) {
                s.i += 1;
            }
            let text: String = s.chars.get(start..s.i).unwrap_or_default().iter().map(|p| p.0).collect();
            debug = Some(Rc::from(text));
        }
        let mut conv = None;
        if s.ch(0) == Some('!') {
            match s.ch(1) {
                Some(c @ ('s' | 'r' | 'a')) => conv = Some(c),
                _ => return Err(s.err("f-string: invalid conversion character: expected 's', 'r', or 'a'")),
            }
            s.i += 2;
        }
        let mut spec = Vec::new();
        let has_spec = s.ch(0) == Some(':');
        if has_spec {
            s.i += 1;
            self.fparts(s, nested + 1, &mut spec)?;
        }
        if s.ch(0) != Some('}') {
            return Err(s.err("f-string: expecting '}'"));
        }
        s.i += 1;
        // As CPython: `{x=}` shows the repr unless a conversion or a spec (even an empty one,
        // `{x=:}`) says otherwise.
        if debug.is_some() && conv.is_none() && !has_spec {
            conv = Some('r');
        }
        Ok(FPart::Field { expr: boxed(expr), conv, spec, debug })
    }

    /// Parses a replacement field's expression with a parser of its own, positioned in the
    /// module. CPython: errors inside it point at the expression itself, not at CPython
    /// 3.11's odd places.
    fn sub_parse(&mut self, text: &str, line: u32, col: u32) -> PResult<Expr> {
        let mut p = Parser::new(lexer::tokenize_expr(text, line, col), self.depth, self.ctx);
        p.class = self.class.clone();
        let r = p.field_expr().map_err(|e| {
            let mut e = p.settle(e);
            if e.kind != ErrorKind::Unsupported && !e.message.starts_with("f-string") {
                e.message = format!("f-string: {}", e.message);
                // CPython shows the expression it parsed alone, in parentheses, its caret there
                // (at a column it counts in UTF-8 bytes: one further right for each `ş` before).
                if e.line == line && !text.contains('\n') && e.col >= col {
                    let before: usize = text.chars().take((e.col - col) as usize).map(char::len_utf8).sum();
                    e.shown = Some((format!("({text})"), before as u32 + 2));
                }
            }
            e
        });
        self.saw_yield |= p.saw_yield;
        if self.late.is_none() {
            self.late = p.late;
        }
        r
    }

    /// A field with a `for` outside any brackets: a generator expression's parentheses left out.
    fn generator_field(&self) -> bool {
        let mut depth = 0u32;
        for t in self.toks.get(self.pos..).unwrap_or_default() {
            match &t.tok {
                Tok::Op("(" | "[" | "{") => depth += 1,
                Tok::Op(")" | "]" | "}") => depth = depth.saturating_sub(1),
                Tok::Kw("for") if depth == 0 => return true,
                Tok::Op(",") if depth == 0 => return false, // a tuple: CPython's error at its `for`
                Tok::End => return false,
                _ => {}
            }
        }
        false
    }

    fn field_expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        // CPython 3.11 parses the field in parentheses: `f"{n for n in xs}"` is a generator.
        if self.generator_field() {
            let (awaits, late_before) = (self.awaits, self.late.is_none());
            let e = self.star_named()?;
            super::expr::unpacked_in_comprehension(&e)?;
            let gens = self.comp_clauses(&[&e])?;
            if matches!(self.peek(), Tok::End) {
                return Ok(self.generator_exp(e.line, e.col, e, gens, awaits, late_before));
            }
            return Err(self.invalid());
        }
        let e = self.rhs()?;
        if matches!(self.peek(), Tok::End) {
            return Ok(e);
        }
        if starts_atom(&self.cur().tok) && is_bitwise_or(&e) {
            return Err(self.forgot_comma(e.line, e.col));
        }
        Err(self.invalid())
    }
}

/// Where an f-string's scan is: its characters with their lines and columns.
struct FScan {
    chars: Vec<(char, u32, u32)>,
    i: usize,
    raw: bool,
    /// Where its errors are reported (CPython 3.11: the token after the string), and the
    /// column that token ends at.
    at: (u32, u32),
    end: u32,
}

impl FScan {
    fn ch(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).map(|p| p.0)
    }

    fn err(&self, m: &str) -> SyntaxError {
        SyntaxError { end_col: self.end, ..syntax(m, self.at.0, self.at.1) }
    }
}

fn positions(lit: &StrLit) -> Vec<(char, u32, u32)> {
    let (mut line, mut col) = (lit.body_line, lit.body_col);
    lit.body
        .chars()
        .map(|c| {
            let p = (c, line, col);
            if c == '\n' {
                (line, col) = (line + 1, 1);
            } else {
                col += 1;
            }
            p
        })
        .collect()
}

fn push_lit(out: &mut Vec<FPart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(FPart::Lit(prev)) = out.last_mut() {
        *prev = Rc::from(format!("{prev}{text}"));
    } else {
        out.push(FPart::Lit(Rc::from(text)));
    }
}

/// Why a string's escapes could not be decoded.
enum DecodeError {
    Bad(String),
    Named,
    /// `"\ud800"`: a lone surrogate, which a Rust string cannot hold.
    Surrogate,
}

impl DecodeError {
    fn into_error(self, line: u32, col: u32, at: &dyn Fn(&str) -> SyntaxError) -> SyntaxError {
        match self {
            DecodeError::Bad(m) => at(&m),
            DecodeError::Named => unsupported("named Unicode escapes (\\N{...})", line, col),
            DecodeError::Surrogate => unsupported("lone surrogates (\"\\ud800\")", line, col),
        }
    }
}

/// Decodes a string literal's escapes (a raw string keeps them).
/// A literal's text, its escapes decoded. A bytes literal's (`bytes`: its body is ASCII) has no
/// `\u`, `\U` or `\N` escapes, and each char it gives stands for one byte (`\xff` at most).
fn decode(body: &str, raw: bool, bytes: bool) -> Result<String, DecodeError> {
    if raw || !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut it = body.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = it.next() else {
            out.push('\\');
            break;
        };
        let simple = match e {
            '\n' => Some(None),
            '\\' | '\'' | '"' => Some(Some(e)),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(c) = simple {
            out.extend(c);
            continue;
        }
        match e {
            'u' | 'U' | 'N' if bytes => {
                out.push('\\');
                out.push(e);
            }
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match it.peek().and_then(|(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                        }
                        None => break,
                    }
                }
                out.extend(char::from_u32(if bytes { v & 0xff } else { v }));
            }
            'x' | 'u' | 'U' => {
                let (len, what) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut v = 0u32;
                let mut end = start + 1;
                for _ in 0..len {
                    match it.peek().copied().filter(|(_, d)| d.is_ascii_hexdigit()) {
                        Some((i, d)) => {
                            v = v * 16 + d.to_digit(16).unwrap_or(0);
                            end = i;
                            it.next();
                        }
                        None => {
                            let m = format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position \
                                 {start}-{end}: {what}"
                            );
                            return Err(DecodeError::Bad(m));
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(c) => out.push(c),
                    None if (0xD800..0xE000).contains(&v) => return Err(DecodeError::Surrogate),
                    None => {
                        let m = format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: \
                             illegal Unicode character"
                        );
                        return Err(DecodeError::Bad(m));
                    }
                }
            }
            'N' => return Err(DecodeError::Named),
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    Ok(out)
}
