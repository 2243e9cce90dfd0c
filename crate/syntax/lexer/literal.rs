//! Number and string literals: the tokenizer reads them whole, with CPython's errors for malformed ones.

use super::{err, LexResult, Lexer, Override, StrLit, Tok, Token};
use crate::parser::ErrorKind;

impl Lexer {
    fn digits(&mut self, ok: fn(char) -> bool) -> LexResult<String> {
        let mut s = String::new();
        while ok(self.at(self.i)) || self.at(self.i) == '_' && ok(self.at(self.i + 1)) && !s.is_empty() {
            if self.at(self.i) != '_' {
                s.push(self.at(self.i));
            }
            self.i += 1;
        }
        if self.at(self.i) == '_' {
            let e = err(ErrorKind::Syntax, "invalid decimal literal".into(), self.line, self.col_at(self.i));
            return Err((e, Override::Always));
        }
        Ok(s)
    }

    pub(super) fn number(&mut self, line: u32, col: u32) -> LexResult<()> {
        let start = self.i;
        let radix = match (self.at(self.i), self.at(self.i + 1).to_ascii_lowercase()) {
            ('0', 'x') => Some((16, "hexadecimal")),
            ('0', 'o') => Some((8, "octal")),
            ('0', 'b') => Some((2, "binary")),
            _ => None,
        };
        let tok = if let Some((radix, what)) = radix {
            self.i += 2;
            if self.at(self.i) == '_' {
                self.i += 1;
            }
            let mut s = String::new();
            while self.at(self.i).is_ascii_alphanumeric() || self.at(self.i) == '_' && !s.is_empty() {
                if self.at(self.i) != '_' {
                    if !self.at(self.i).is_digit(radix) {
                        break;
                    }
                    s.push(self.at(self.i));
                }
                self.i += 1;
            }
            // A decimal digit in a binary or octal literal is named, at its own place.
            let next = self.at(self.i);
            if radix < 10 && next.is_ascii_digit() {
                let m = format!("invalid digit '{next}' in {what} literal");
                return Err((err(ErrorKind::Syntax, m, line, self.col_at(self.i)), Override::Always));
            }
            if s.is_empty() || self.at(self.i).is_alphanumeric() || self.at(self.i - 1) == '_' {
                let m = format!("invalid {what} literal");
                return Err((err(ErrorKind::Syntax, m, line, self.col_at(self.i - 1)), Override::Always));
            }
            match u64::from_str_radix(&s, radix) {
                Ok(v) if v <= i64::MAX as u64 => Tok::Int(v as i64),
                _ => Tok::BigInt,
            }
        } else {
            let int_part = self.digits(|c| c.is_ascii_digit())?;
            let mut text = int_part.clone();
            let mut float = false;
            if self.at(self.i) == '.' {
                float = true;
                self.i += 1;
                text.push('.');
                text += &self.digits(|c| c.is_ascii_digit())?;
            }
            let e = self.at(self.i);
            let sign = self.at(self.i + 1);
            if (e == 'e' || e == 'E')
                && (sign.is_ascii_digit() || (sign == '+' || sign == '-') && self.at(self.i + 2).is_ascii_digit())
            {
                float = true;
                text.push('e');
                self.i += 1;
                if sign == '+' || sign == '-' {
                    text.push(sign);
                    self.i += 1;
                }
                text += &self.digits(|c| c.is_ascii_digit())?;
            } else if (e == 'e' || e == 'E') && (sign == '+' || sign == '-') {
                // `1e+`: CPython reads the sign and then finds no digit.
                let e = err(ErrorKind::Syntax, "invalid decimal literal".into(), line, self.col_at(self.i + 1));
                return Err((e, Override::Always));
            }
            if self.at(self.i) == 'j' || self.at(self.i) == 'J' {
                self.i += 1;
                if self.word_after_number(line, "imaginary") {
                    let e = err(ErrorKind::Syntax, "invalid imaginary literal".into(), line, self.col_at(self.i - 1));
                    return Err((e, Override::Always));
                }
                Tok::Imag
            } else if float {
                Tok::Float(text.parse().unwrap_or(f64::INFINITY))
            } else {
                if int_part.len() > 1 && int_part.starts_with('0') && int_part.chars().any(|c| c != '0') {
                    let m = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for \
                             octal integers";
                    let mut e = err(ErrorKind::Syntax, m.into(), line, col);
                    // Underlined: the zeros (and underscores) before the first other digit.
                    let zeros = self.chars[start..self.i].iter().take_while(|c| matches!(c, '0' | '_')).count();
                    e.end_col = col + zeros as u32;
                    return Err((e, Override::Always));
                }
                int_part.parse().map(Tok::Int).unwrap_or(Tok::BigInt)
            }
        };
        if !matches!(tok, Tok::Imag) && self.word_after_number(line, "decimal") {
            // Marked at the number's last character, as CPython's tokenizer does.
            let e = err(ErrorKind::Syntax, "invalid decimal literal".into(), line, self.col_at(self.i - 1));
            return Err((e, Override::Always));
        }
        self.push(tok, line, col);
        Ok(())
    }

    /// Whether a word follows a number straight away (`1abc`); CPython lets a keyword
    /// follow (`1if x`), with a warning.
    fn word_after_number(&mut self, line: u32, what: &str) -> bool {
        let mut end = self.i;
        while self.at(end) == '_' || self.at(end).is_alphanumeric() {
            end += 1;
        }
        if end == self.i {
            return false;
        }
        let word: String = self.chars[self.i..end].iter().collect();
        let keyword = ["and", "else", "for", "if", "in", "is", "not", "or"].contains(&word.as_str());
        if keyword && !self.in_expr {
            self.warnings.push((line, format!("invalid {what} literal")));
        }
        !keyword
    }

    pub(super) fn string(&mut self, line: u32, col: u32, prefix: &str) -> LexResult<()> {
        let prefix = prefix.to_ascii_lowercase();
        let quote = self.at(self.i);
        let triple = self.at(self.i + 1) == quote && self.at(self.i + 2) == quote;
        let qlen = if triple { 3 } else { 1 };
        self.i += qlen;
        let (body_line, body_col) = (self.line, self.col_at(self.i));
        let body_start = self.i;
        loop {
            let c = self.at(self.i);
            if self.i >= self.chars.len() || c == '\n' && !triple {
                let mut detected = self.line;
                if self.i >= self.chars.len() && self.i > 0 && self.at(self.i - 1) == '\n' {
                    detected -= 1;
                }
                let m = if triple {
                    format!("unterminated triple-quoted string literal (detected at line {detected})")
                } else {
                    format!("unterminated string literal (detected at line {detected})")
                };
                return Err((err(ErrorKind::Syntax, m, line, col), Override::Always));
            }
            if c == quote && (!triple || self.at(self.i + 1) == quote && self.at(self.i + 2) == quote) {
                break;
            }
            if c == '\\' {
                self.i += 1;
                if self.at(self.i) == '\n' && self.i < self.chars.len() {
                    self.newline_at(self.i);
                }
            } else if c == '\n' {
                self.newline_at(self.i);
            }
            self.i += 1;
        }
        let body: String = self.chars[body_start..self.i].iter().collect();
        self.i += qlen;
        let lit = StrLit {
            raw: prefix.contains('r'),
            fstr: prefix.contains('f'),
            bytes: prefix.contains('b'),
            body,
            body_line,
            body_col,
        };
        self.tokens.push(Token {
            tok: Tok::Str(Box::new(lit)),
            line,
            col,
            end_line: self.line,
            end_col: self.col_at(self.i),
        });
        Ok(())
    }
}

pub(super) fn is_string_prefix(word: &str) -> bool {
    matches!(word.to_ascii_lowercase().as_str(), "r" | "u" | "f" | "b" | "br" | "rb" | "fr" | "rf")
}
