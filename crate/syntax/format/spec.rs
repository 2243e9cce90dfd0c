//! The format-spec mini-language: a port of CPython's `parse_internal_render_format_spec` and `calc_number_widths`.

use super::float::{digits, layout};
use super::{verr, MAX_WIDTH};

/// A parsed format spec, `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`, before the per-type
/// defaults (alignment, presentation type) are applied.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// The fill character, when one was given before an alignment.
    pub fill: Option<char>,
    /// `<`, `>`, `^` or `=`, when given.
    pub align: Option<char>,
    /// `+`, `-` or ` `, when given.
    pub sign: Option<char>,
    /// `z`: negative zero prints as zero.
    pub no_neg_zero: bool,
    /// `#`: the alternate form.
    pub alt: bool,
    /// A `0` before the width without an explicit fill: zero padding.
    pub zero: bool,
    /// The minimum width.
    pub width: Option<usize>,
    /// `,` or `_`.
    pub grouping: Option<char>,
    /// The precision.
    pub precision: Option<usize>,
    /// The presentation type (`d`, `x`, `f`, `s`…), when given.
    pub ty: Option<char>,
}

fn code_name(c: char) -> String {
    if (c as u32) > 32 && (c as u32) < 128 {
        c.to_string()
    } else {
        format!("\\x{:x}", c as u32)
    }
}

fn unknown_code<T>(c: char, type_name: &str) -> Result<T, String> {
    verr(format_args!("Unknown format code '{}' for object of type '{type_name}'", code_name(c)))
}

/// Parses a format spec as CPython 3.11 does. `type_name` is the Python type named in error messages; `"int"` and
/// `"str"` also give the default presentation type (`d`, `s`) against which grouping is checked.
pub fn parse_spec(spec: &str, type_name: &str) -> Result<Spec, String> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec::default();
    let mut i = 0;
    let is_align = |c: Option<&char>| matches!(c, Some('<' | '>' | '^' | '='));
    if is_align(c.get(1)) {
        (s.fill, s.align, i) = (c.first().copied(), c.get(1).copied(), 2);
    } else if is_align(c.first()) {
        (s.align, i) = (c.first().copied(), 1);
    }
    if let Some(&ch @ ('+' | '-' | ' ')) = c.get(i) {
        (s.sign, i) = (Some(ch), i + 1);
    }
    for (flag, field) in [('z', &mut s.no_neg_zero), ('#', &mut s.alt)] {
        if c.get(i) == Some(&flag) {
            (*field, i) = (true, i + 1);
        }
    }
    if s.fill.is_none() && c.get(i) == Some(&'0') {
        (s.zero, i) = (true, i + 1);
    }
    let number = |i: &mut usize| -> Result<Option<usize>, String> {
        let mut n: Option<usize> = None;
        while let Some(d) = c.get(*i).and_then(|ch| ch.to_digit(10)) {
            let v = n.unwrap_or(0) * 10 + d as usize;
            if v > MAX_WIDTH {
                return verr("Too many decimal digits in format string");
            }
            (n, *i) = (Some(v), *i + 1);
        }
        Ok(n)
    };
    s.width = number(&mut i)?;
    if c.get(i) == Some(&',') {
        (s.grouping, i) = (Some(','), i + 1);
    }
    if c.get(i) == Some(&'_') {
        if s.grouping.is_some() {
            return verr("Cannot specify both ',' and '_'.");
        }
        (s.grouping, i) = (Some('_'), i + 1);
    }
    if c.get(i) == Some(&',') && s.grouping == Some('_') {
        return verr("Cannot specify both ',' and '_'.");
    }
    if c.get(i) == Some(&'.') {
        i += 1;
        s.precision = number(&mut i)?;
        if s.precision.is_none() {
            return verr("Format specifier missing precision");
        }
    }
    if c.len() > i + 1 {
        return verr(format_args!("Invalid format specifier '{spec}' for object of type '{type_name}'"));
    }
    s.ty = c.get(i).copied();
    let ty = s.ty.or(match type_name {
        "int" => Some('d'),
        "str" => Some('s'),
        _ => None,
    });
    if let Some(g) = s.grouping {
        match ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
            Some('b' | 'o' | 'x' | 'X') if g == '_' => {}
            Some(t) => return verr(format_args!("Cannot specify '{g}' with '{}'.", code_name(t))),
        }
    }
    Ok(s)
}

/// Pads `body` to the spec's width by its fill and alignment (`=` treated as `>`, for callers that laid out the
/// sign themselves).
fn pad(body: &str, fill: char, align: char, width: usize) -> String {
    let pad = width.saturating_sub(body.chars().count());
    let left = match align {
        '<' => 0,
        '^' => pad / 2,
        _ => pad,
    };
    let fills = |n: usize| std::iter::repeat_n(fill, n);
    fills(left).chain(body.chars()).chain(fills(pad - left)).collect()
}

/// Groups ASCII `digits` in `size`s from the right with `sep`, zero-filling to `min_width` as CPython's
/// `_PyUnicode_InsertThousandsGrouping` does, so that `format(1234, '09,')` is `0,001,234` (never `,001,234`).
fn group(digits: &[u8], sep: char, size: isize, mut min_width: isize) -> String {
    let mut out = Vec::new();
    let mut rem = digits.len() as isize;
    loop {
        let l = size.min(rem.max(min_width).max(1));
        let chars = rem.min(l).max(0);
        if !out.is_empty() {
            out.push(sep);
        }
        out.extend((0..chars).map(|k| digits[(rem - 1 - k) as usize] as char));
        out.extend(std::iter::repeat_n('0', (l - rem).max(0) as usize));
        rem -= chars;
        min_width -= l;
        if rem <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    out.iter().rev().collect()
}

/// Lays out a number: sign, prefix (`0x`), digits (grouped), then `rest` (decimal point, fraction, exponent, `%`),
/// padded per the spec; numbers align right and `0` asks for `=` alignment with zero fill.
fn number(s: &Spec, neg: bool, prefix: &str, digits: &str, rest: &str, group_size: isize) -> String {
    let sign = match (neg, s.sign) {
        (true, _) => "-",
        (false, Some('+')) => "+",
        (false, Some(' ')) => " ",
        _ => "",
    };
    let fill = s.fill.unwrap_or(if s.zero { '0' } else { ' ' });
    let align = s.align.unwrap_or(if s.zero { '=' } else { '>' });
    let width = s.width.unwrap_or(0);
    let fixed = sign.len() + prefix.len() + rest.chars().count();
    let body = match s.grouping {
        Some(sep) if !digits.is_empty() => {
            let min = if fill == '0' && align == '=' { width as isize - fixed as isize } else { 0 };
            group(digits.as_bytes(), sep, group_size, min)
        }
        _ => digits.into(),
    };
    if align == '=' {
        let inner = pad(&format!("{body}{rest}"), fill, '>', width.saturating_sub(sign.len() + prefix.len()));
        format!("{sign}{prefix}{inner}")
    } else {
        pad(&format!("{sign}{prefix}{body}{rest}"), fill, align, width)
    }
}

/// `format(value, spec)` for an int: types `b c d n o x X` (and `''`, which is `d`), or a float type (`e E f F g G
/// %`), for which the int is converted to float as CPython does.
pub fn format_int(value: i64, spec: &str) -> Result<String, String> {
    let s = parse_spec(spec, "int")?;
    let ty = s.ty.unwrap_or('d');
    if "eEfFgG%".contains(ty) {
        return float_spec(value as f64, &s, "int");
    }
    if !"bcdnoxX".contains(ty) {
        return unknown_code(ty, "int");
    }
    if s.precision.is_some() {
        return verr("Precision not allowed in integer format specifier");
    }
    if s.no_neg_zero {
        return verr("Negative zero coercion (z) not allowed in integer format specifier");
    }
    let m = value.unsigned_abs();
    let (digits, prefix) = match ty {
        'c' => {
            if s.sign.is_some() {
                return verr("Sign not allowed with integer format specifier 'c'");
            }
            if s.alt {
                return verr("Alternate form (#) not allowed with integer format specifier 'c'");
            }
            let ch = u32::try_from(value).ok().filter(|&v| v < 0x110000);
            let Some(ch) = ch else { return Err("OverflowError: %c arg not in range(0x110000)".into()) };
            let Some(ch) = char::from_u32(ch) else {
                return verr("(Loopscope) %c of a surrogate code point, which strings here cannot hold");
            };
            return Ok(number(&s, false, "", "", &ch.to_string(), 3));
        }
        'b' => (format!("{m:b}"), "0b"),
        'o' => (format!("{m:o}"), "0o"),
        'x' => (format!("{m:x}"), "0x"),
        'X' => (format!("{m:X}"), "0X"),
        _ => (m.to_string(), ""),
    };
    let size = if s.grouping == Some('_') && !prefix.is_empty() { 4 } else { 3 };
    Ok(number(&s, value < 0, if s.alt { prefix } else { "" }, &digits, "", size))
}

/// `format(value, spec)` for a float: types `e E f F g G n %` and `''` (like `str` without a precision, like `g`
/// with one but keeping a `.0` on integral values).
pub fn format_float(value: f64, spec: &str) -> Result<String, String> {
    float_spec(value, &parse_spec(spec, "float")?, "float")
}

fn float_spec(x: f64, s: &Spec, type_name: &str) -> Result<String, String> {
    let p = s.precision;
    let (code, prec) = match s.ty {
        None => p.map_or(('r', 0), |p| ('g', p.max(1))),
        Some('g' | 'G' | 'n') => ('g', p.unwrap_or(6).max(1)),
        Some('e' | 'E') => ('e', p.unwrap_or(6) + 1),
        Some('f' | 'F' | '%') => ('f', p.unwrap_or(6)),
        Some(t) => return unknown_code(t, type_name),
    };
    let x = if s.ty == Some('%') { x * 100.0 } else { x };
    let (mut text, mut neg) = (String::new(), x.is_sign_negative() && !x.is_nan());
    if x.is_finite() {
        let mode = match code {
            'r' => 0,
            'f' => 3,
            _ => 2,
        };
        let (d, decpt) = digits(x, mode, prec);
        neg &= !(s.no_neg_zero && d == "0");
        text = layout(&d, decpt, code, prec as i32, s.alt, s.ty.is_none());
    } else {
        text.push_str(if x.is_nan() { "nan" } else { "inf" });
    }
    if matches!(s.ty, Some('E' | 'F' | 'G')) {
        text.make_ascii_uppercase();
    }
    if s.ty == Some('%') {
        text.push('%');
    }
    let split = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (digits, rest) = text.split_at(split);
    Ok(number(s, neg, "", digits, rest, 3))
}

/// `format(value, spec)` for a str: fill, alignment (left by default), width and `.precision` (which truncates);
/// type `s` or none.
pub fn format_str(value: &str, spec: &str) -> Result<String, String> {
    let s = parse_spec(spec, "str")?;
    match s.ty {
        None | Some('s') => {}
        Some(t) => return unknown_code(t, "str"),
    }
    match s.sign {
        Some(' ') => return verr("Space not allowed in string format specifier"),
        Some(_) => return verr("Sign not allowed in string format specifier"),
        None => {}
    }
    if s.no_neg_zero {
        return verr("Negative zero coercion (z) not allowed in string format specifier");
    }
    if s.alt {
        return verr("Alternate form (#) not allowed in string format specifier");
    }
    if s.align == Some('=') {
        return verr("'=' alignment not allowed in string format specifier");
    }
    let text: String = value.chars().take(s.precision.unwrap_or(usize::MAX)).collect();
    Ok(pad(&text, s.fill.unwrap_or(if s.zero { '0' } else { ' ' }), s.align.unwrap_or('<'), s.width.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::flat;

    // Generated by python3: (value, spec, format(value, spec) or "Kind: message").
    const INT_SPECS: &[(i64, &str, &str)] = &[
        (0, "", "0"),
        (42, "", "42"),
        (-42, "", "-42"),
        (42, "5", "   42"),
        (42, "<5", "42   "),
        (42, "^6", "  42  "),
        (42, "*^7", "**42***"),
        (-42, "=6", "-   42"),
        (-42, "06", "-00042"),
        (42, "+", "+42"),
        (42, " ", " 42"),
        (-42, " ", "-42"),
        (1234567, ",", "1,234,567"),
        (1234567, "_", "1_234_567"),
        (-1234567, "012,", "-001,234,567"),
        (1234, "08,", "0,001,234"),
        (1234, "09,", "0,001,234"),
        (1234, "0=10_", "00_001_234"),
        (255, "x", "ff"),
        (255, "#x", "0xff"),
        (255, "#X", "0XFF"),
        (255, "#010x", "0x000000ff"),
        (-255, "#010b", "-0b11111111"),
        (8, "o", "10"),
        (8, "#o", "0o10"),
        (12345678, "_x", "bc_614e"),
        (12345678, "#012_x", "0x0_00bc_614e"),
        (5, "b", "101"),
        (5, "#b", "0b101"),
        (65, "c", "A"),
        (128512, "c", "😀"),
        (65, ">5c", "    A"),
        (65, "05c", "0000A"),
        (-1, "c", "OverflowError: %c arg not in range(0x110000)"),
        (65, "+c", "ValueError: Sign not allowed with integer format specifier 'c'"),
        (65, "#c", "ValueError: Alternate form (#) not allowed with integer format specifier 'c'"),
        (42, "n", "42"),
        (42, ".2", "ValueError: Precision not allowed in integer format specifier"),
        (42, "z", "ValueError: Negative zero coercion (z) not allowed in integer format specifier"),
        (42, "s", "ValueError: Unknown format code 's' for object of type 'int'"),
        (42, "abc", "ValueError: Invalid format specifier 'abc' for object of type 'int'"),
        (42, ",x", "ValueError: Cannot specify ',' with 'x'."),
        (42, ",c", "ValueError: Cannot specify ',' with 'c'."),
        (42, ",n", "ValueError: Cannot specify ',' with 'n'."),
        (42, ",,", "ValueError: Cannot specify ',' with ','."),
        (42, ",_", "ValueError: Cannot specify both ',' and '_'."),
        (42, "_,", "ValueError: Cannot specify both ',' and '_'."),
        (5, ".2f", "5.00"),
        (5, "e", "5.000000e+00"),
        (5, "%", "500.000000%"),
        (5, "g", "5"),
        (-5, "z.1f", "-5.0"),
        (12345, ".3g", "1.23e+04"),
        (42, ".", "ValueError: Format specifier missing precision"),
        (9223372036854775807, ",", "9,223,372,036,854,775,807"),
        (i64::MIN, "", "-9223372036854775808"),
        (i64::MIN, "#x", "-0x8000000000000000"),
        (42, "99999999999999999999", "ValueError: Too many decimal digits in format string"),
        (42, "é^9,", "ééé42éééé"),
        (42, "x<", "42"),
        (42, "0<5", "42000"),
        (42, "<05", "42000"),
        (0, "#x", "0x0"),
        (0, "+", "+0"),
        (1000000, "_d", "1_000_000"),
        (-1, "x", "-1"),
        (42, "\u{1}", "ValueError: Unknown format code '\\x1' for object of type 'int'"),
        (42, "%z", "ValueError: Invalid format specifier '%z' for object of type 'int'"),
        (42, "E", "4.200000E+01"),
        (42, "10.3%", " 4200.000%"),
        (1000000000000000, "e", "1.000000e+15"),
        (42, "=+8", "+     42"),
        (42, "^+8", "  +42   "),
        (1234, "_o", "2322"),
        (12345, "_b", "11_0000_0011_1001"),
        (3, "-", "3"),
        (-3, "-", "-3"),
        (123, "020_", "0_000_000_000_000_123"),
    ];
    const FLOAT_SPECS: &[(u64, &str, &str)] = &[
        (0x3ff0000000000000, "", "1.0"),
        (0x3ff0000000000000, ".3", "1.0"),
        (0x40934a0000000000, ".2", "1.2e+03"),
        (0x40934a0000000000, ".4", "1.234e+03"),
        (0x4341c37937e08000, "", "1e+16"),
        (0x4341c37937e08000, ".20", "10000000000000000.0"),
        (0x3fb999999999999a, "", "0.1"),
        (0x4005666666666666, ".2f", "2.67"),
        (0x3fc0000000000000, ".2f", "0.12"),
        (0x3fd8000000000000, ".2f", "0.38"),
        (0x4004000000000000, ".0f", "2"),
        (0x400c000000000000, ".0f", "4"),
        (0x4480f0cf064dd592, "f", "10000000000000000000000.000000"),
        (0x4480f0cf064dd592, "", "1e+22"),
        (0x4480f0cf064dd592, "g", "1e+22"),
        (0x3e7ad7f29abcaf48, "g", "1e-07"),
        (0x3e7ad7f29abcaf48, "", "1e-07"),
        (0x3e7ad7f29abcaf48, ".3", "1e-07"),
        (0x8000000000000000, "", "-0.0"),
        (0x8000000000000000, "z", "0.0"),
        (0x8000000000000000, "+", "-0.0"),
        (0xbf1a36e2eb1c432d, "z.2f", "0.00"),
        (0xbf1a36e2eb1c432d, ".2f", "-0.00"),
        (0x7ff8000000000000, "", "nan"),
        (0x7ff8000000000000, "+", "+nan"),
        (0xfff8000000000000, "", "nan"),
        (0x7ff0000000000000, "10", "       inf"),
        (0xfff0000000000000, "<10", "-inf      "),
        (0x7ff0000000000000, "010", "0000000inf"),
        (0x7ff0000000000000, "+F", "+INF"),
        (0x7ff8000000000000, "E", "NAN"),
        (0x7ff0000000000000, "%", "inf%"),
        (0x7ff0000000000000, "010,", "0000000inf"),
        (0x405edd2f1a9fbe77, "g", "123.456"),
        (0x405edd2f1a9fbe77, "#g", "123.456"),
        (0x4059000000000000, "g", "100"),
        (0x4059000000000000, "#g", "100.000"),
        (0x4059000000000000, "#.0f", "100."),
        (0x4059000000000000, ".0f", "100"),
        (0x54b249ad2594c37d, "g", "1e+100"),
        (0x2b2bff2ee48e0530, "e", "1.000000e-100"),
        (0x0000000000000000, "e", "0.000000e+00"),
        (0x0000000000000000, "g", "0"),
        (0x0000000000000000, "#g", "0.00000"),
        (0x0000000000000000, ".0e", "0e+00"),
        (0x0000000000000000, "#.0e", "0.e+00"),
        (0x40c81cd6c8b43958, ",", "12,345.678"),
        (0x40c81cd6c8b43958, ",.2f", "12,345.68"),
        (0x40c81cd6c8b43958, "_.1f", "12_345.7"),
        (0xc0c81cd6c8b43958, "015,.2f", "-000,012,345.68"),
        (0x40c81cd6c8b43958, "015_.2e", "0_000_001.23e+04"),
        (0x3fe0000000000000, "%", "50.000000%"),
        (0x3fc0000000000000, ".1%", "12.5%"),
        (0x3f8930be0ded288d, ".2%", "1.23%"),
        (0xbfd0000000000000, "08.1%", "-0025.0%"),
        (0x3ff8000000000000, "n", "1.5"),
        (0x4132d68700000000, "n", "1.23457e+06"),
        (0x3ff8000000000000, "d", "ValueError: Unknown format code 'd' for object of type 'float'"),
        (0x3ff8000000000000, "c", "ValueError: Unknown format code 'c' for object of type 'float'"),
        (0x3ff8000000000000, "x", "ValueError: Unknown format code 'x' for object of type 'float'"),
        (0x3ff8000000000000, "s", "ValueError: Unknown format code 's' for object of type 'float'"),
        (0x3ff8000000000000, "z d", "ValueError: Invalid format specifier 'z d' for object of type 'float'"),
        (0x3ff8000000000000, ".", "ValueError: Format specifier missing precision"),
        (0x3ff8000000000000, "#", "1.5"),
        (0x4341c37937e08000, "#", "1.e+16"),
        (0x3ff8000000000000, "10.3e", " 1.500e+00"),
        (0x3ff8000000000000, "<10.3E", "1.500E+00 "),
        (0x3ff8000000000000, "^10", "   1.5    "),
        (0x3ff8000000000000, "*>+10.2f", "*****+1.50"),
        (0x3ff8000000000000, "=+10.2f", "+     1.50"),
        (0xbff8000000000000, "010.2f", "-000001.50"),
        (0x40934a0000000000, "010,", "0,001,234.5"),
        (0x40934a0000000000, "09,.1f", "001,234.5"),
        (0x3f1a36e2eb1c432d, "", "0.0001"),
        (0x3ee4f8b588e368f1, "", "1e-05"),
        (0x419d6f34547df3b6, ".12", "123456789.123"),
        (0x419d6f34547df3b6, ".1", "1e+08"),
        (0x4023000000000000, ".0", "1e+01"),
        (0x4023000000000000, ".1", "1e+01"),
        (0x3fee666666666666, ".1", "0.9"),
        (0x4058e00000000000, ".2", "1e+02"),
        (0x4058e00000000000, ".2g", "1e+02"),
        (0x4058e00000000000, ".3g", "99.5"),
        (0x430c6bf526340000, "", "1000000000000000.0"),
        (0x430c6bf526340000, ".16", "1e+15"),
        (0x3ee4f8b588e368f1, ".1", "1e-05"),
        (0x3ee9e409301b5a02, ".3", "1.23e-05"),
        (0x0000000000000001, "", "5e-324"),
        (0x0000000000000001, ".3e", "4.941e-324"),
        (0x4630000000000000, "f", "1267650600228229401496703205376.000000"),
        (0x4630000000000000, ",.0f", "1,267,650,600,228,229,401,496,703,205,376"),
        (0x3fb999999999999a, ".30f", "0.100000000000000005551115123126"),
        (0x3fb999999999999a, ".17g", "0.10000000000000001"),
        (0x4000000000000000, ".0e", "2e+00"),
        (0x4000000000000000, "#.0e", "2.e+00"),
        (0x3ff0000000000000, ".0%", "100%"),
        (0x3ff0000000000000, "#.0%", "100.%"),
        (0x3fd3333333333334, ".17", "0.30000000000000004"),
        (0x3fd5555555555555, ".5", "0.33333"),
        (0x3fd5555555555555, ".5g", "0.33333"),
        (0xbfd5555555555555, " .3f", "-0.333"),
        (0x3fd5555555555555, " .3f", " 0.333"),
        (0x3ff8000000000000, ".2z", "ValueError: Unknown format code 'z' for object of type 'float'"),
        (0x3ff8000000000000, "z.2f", "1.50"),
        (0xbf70624dd2f1a9fc, "z.2f", "0.00"),
        (0xbf747ae147ae147b, "z.2f", "-0.01"),
        (0xbf789374bc6a7efa, "z.2f", "-0.01"),
        (0x8000000000000000, "z.0e", "0e+00"),
        (0xbddb7cdfd9d7bdbb, "z.2%", "0.00%"),
        (0x3ff8000000000000, "\u{1}", "ValueError: Unknown format code '\\x1' for object of type 'float'"),
        (0x3ff8000000000000, ",n", "ValueError: Cannot specify ',' with 'n'."),
        (0x3ff8000000000000, "_g", "1.5"),
        (0x412e848000000000, "_", "1_000_000.0"),
        (0x4340000000000000, ",", "9,007,199,254,740,992.0"),
        (0x3ff0000000000000, ".3f", "1.000"),
    ];
    const STR_SPECS: &[(&str, &str, &str)] = &[
        ("abc", "", "abc"),
        ("abc", "5", "abc  "),
        ("abc", ">5", "  abc"),
        ("abc", "^6", " abc  "),
        ("abc", "*^7", "**abc**"),
        ("abc", ".2", "ab"),
        ("abc", "5.1", "a    "),
        ("abc", "05", "abc00"),
        ("abc", "=5", "ValueError: '=' alignment not allowed in string format specifier"),
        ("abc", "+", "ValueError: Sign not allowed in string format specifier"),
        ("abc", " ", "ValueError: Space not allowed in string format specifier"),
        ("abc", "#", "ValueError: Alternate form (#) not allowed in string format specifier"),
        ("abc", "z", "ValueError: Negative zero coercion (z) not allowed in string format specifier"),
        ("abc", ",", "ValueError: Cannot specify ',' with 's'."),
        ("abc", "d", "ValueError: Unknown format code 'd' for object of type 'str'"),
        ("abc", "s", "abc"),
        ("abc", "x<5s", "abcxx"),
        ("çğış", "^8", "  çğış  "),
        ("😀ab", ".2", "😀a"),
        ("😀", "é>3", "éé😀"),
        ("", "", ""),
        ("", "3", "   "),
        ("abc", "<<5", "abc<<"),
        ("abc", ".", "ValueError: Format specifier missing precision"),
        ("abc", ".0", ""),
        ("ab", ">", "ab"),
    ];

    #[test]
    fn an_int_formats_by_the_spec_mini_language() {
        for &(v, spec, want) in INT_SPECS {
            assert_eq!(flat(format_int(v, spec)), want, "format({v}, {spec:?})");
        }
    }

    #[test]
    fn a_float_formats_by_the_spec_mini_language() {
        for &(bits, spec, want) in FLOAT_SPECS {
            let x = f64::from_bits(bits);
            assert_eq!(flat(format_float(x, spec)), want, "format({x:?}, {spec:?})");
        }
    }

    #[test]
    fn a_str_formats_by_the_spec_mini_language() {
        for &(v, spec, want) in STR_SPECS {
            assert_eq!(flat(format_str(v, spec)), want, "format({v:?}, {spec:?})");
        }
    }
}
