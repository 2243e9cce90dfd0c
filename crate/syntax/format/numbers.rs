//! `int()` and `float()` of a str, `int()` and `round` of a float, and floor division and modulo of ints and floats.

use super::repr::str_repr;
use super::verr;

/// The zero of each run of ten non-ASCII decimal digits (Unicode 14's `Nd`, from python3's `unicodedata`).
const DIGIT_ZEROS: [u32; 65] = [
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6, 0xe50, 0xed0, 0xf20,
    0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0,
    0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10, 0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0,
    0x11450, 0x114d0, 0x11650, 0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0,
    0x16b50, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The digits that are not decimal digits (`Nd`) but that `str.isdigit` counts: superscripts, subscripts, circled
/// digits and the like (Unicode 14's `Numeric_Type=Digit`, from python3), as inclusive ranges.
const DIGITS_ONLY: [(u32, u32); 20] = [
    (0xb2, 0xb3),
    (0xb9, 0xb9),
    (0x1369, 0x1371),
    (0x19da, 0x19da),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x2460, 0x2468),
    (0x2474, 0x247c),
    (0x2488, 0x2490),
    (0x24ea, 0x24ea),
    (0x24f5, 0x24fd),
    (0x24ff, 0x24ff),
    (0x2776, 0x277e),
    (0x2780, 0x2788),
    (0x278a, 0x2792),
    (0x10a40, 0x10a43),
    (0x10e60, 0x10e68),
    (0x11052, 0x1105a),
    (0x1f100, 0x1f10a),
];

/// Whether `c` is a decimal digit of any script (`str.isdecimal`).
pub fn is_decimal(c: char) -> bool {
    let n = c as u32;
    c.is_ascii_digit() || DIGIT_ZEROS.iter().any(|&z| (z..z + 10).contains(&n))
}

/// Whether `c` is a digit (`str.isdigit`): a decimal digit, or one such as `²` or `①`.
pub fn is_digit(c: char) -> bool {
    let n = c as u32;
    is_decimal(c) || DIGITS_ONLY.iter().any(|&(a, b)| (a..=b).contains(&n))
}

/// The text `int()` and `float()` actually parse: stripped of Unicode whitespace, with every Unicode decimal digit
/// read as its ASCII digit (`int('١٢') == 12`), as CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`.
fn ascii_number(s: &str) -> String {
    let digit = |c: char| {
        let n = c as u32;
        DIGIT_ZEROS.iter().find(|&&z| (z..z + 10).contains(&n)).map_or(c, |z| char::from(b'0' + (n - z) as u8))
    };
    s.trim().chars().map(digit).collect()
}

/// `int(s, base)`: surrounding whitespace, a sign, `_` between digits, and for base 0 (or the matching base) a
/// `0x`/`0o`/`0b` prefix. Ints here are 64-bit: larger values are a `(Loopscope)` OverflowError.
pub fn parse_int(s: &str, base: u32) -> Result<i64, String> {
    if base == 1 || base > 36 {
        return verr("int() base must be >= 2 and <= 36, or 0");
    }
    // CPython's `%.200R`: the repr cut at 200 characters.
    let bad = || {
        let shown: String = str_repr(s).chars().take(200).collect();
        verr(format_args!("invalid literal for int() with base {base}: {shown}"))
    };
    let t = ascii_number(s);
    let t = t.as_str();
    let (neg, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let prefixed = match t.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 0,
    };
    let (radix, body) = match (base, prefixed) {
        (0, 0) => (10, t),
        // After a prefix an `_` may come first (`0x_1f`).
        (0, p) => (p, t.get(2..).map(|b| b.strip_prefix('_').unwrap_or(b)).unwrap_or("")),
        (b, p) if b == p => (b, t.get(2..).map(|b| b.strip_prefix('_').unwrap_or(b)).unwrap_or("")),
        (b, _) => (b, t),
    };
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return bad();
    }
    let too_big = || Err("OverflowError: (Loopscope) int too large: ints here are 64-bit".to_string());
    // The whole literal is read before its value: a bad one is CPython's ValueError, however long.
    if !body.chars().all(|c| c == '_' || c.is_digit(radix)) {
        return bad();
    }
    let mut n: u64 = 0;
    for d in body.chars().filter_map(|c| c.to_digit(radix)) {
        let Some(m) = n.checked_mul(u64::from(radix)).and_then(|n| n.checked_add(u64::from(d))) else {
            return too_big();
        };
        n = m;
    }
    // Base 0 refuses a non-zero decimal with leading zeros, the old octal spelling (`010`).
    if base == 0 && prefixed == 0 && n != 0 && body.starts_with('0') {
        return bad();
    }
    let v = if neg { 0i64.checked_sub_unsigned(n) } else { i64::try_from(n).ok() };
    v.map_or_else(too_big, Ok)
}

/// `float(s)`: surrounding whitespace, a sign, `inf`/`infinity`/`nan` in any case, `_` between digits.
pub fn parse_float(s: &str) -> Result<f64, String> {
    let t = ascii_number(s);
    let b = t.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let underscores_ok = (0..b.len()).all(|i| b[i] != b'_' || (i > 0 && digit_at(i - 1) && digit_at(i + 1)));
    let plain: String = t.chars().filter(|&c| c != '_').collect();
    // Rust also reads "infinity"/"nan" in any case; it takes nothing Python refuses, except that it has no
    // `nan(…)` or hex forms either.
    match plain.parse::<f64>() {
        Ok(v) if underscores_ok && !t.is_empty() => Ok(v),
        _ => verr(format_args!("could not convert string to float: {}", str_repr(s))),
    }
}

/// `int(x)` of a float's integral part as CPython refuses it: OverflowError for infinities, ValueError for NaN.
pub(super) fn float_to_int_check(x: f64) -> Result<f64, String> {
    if x.is_nan() {
        return verr("cannot convert float NaN to integer");
    }
    if x.is_infinite() {
        return Err("OverflowError: cannot convert float infinity to integer".into());
    }
    Ok(x)
}

fn to_i64(x: f64) -> Result<i64, String> {
    let x = float_to_int_check(x)?;
    // -2^63 is exact as a float; 2^63 is the first value past i64's range.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&x) {
        Ok(x as i64)
    } else {
        Err("OverflowError: (Loopscope) int too large: ints here are 64-bit".into())
    }
}

/// `int(x)` of a float: truncates toward zero.
pub fn float_to_int(x: f64) -> Result<i64, String> {
    to_i64(x.trunc())
}

/// `round(x)` with no digits: the nearest int, ties to even (`round(2.5) == 2`).
pub fn round_to_int(x: f64) -> Result<i64, String> {
    to_i64(x.round_ties_even())
}

/// `round(x, ndigits)` as CPython: rounds the float's exact decimal value, ties to even (`round(2.675, 2) == 2.67`
/// since 2.675 is really 2.67499…; `round(0.125, 2) == 0.12`), then reads the result back as the nearest float.
/// OverflowError when the rounded value exceeds the float range (`round(1.7e308, -308)`).
pub fn round_float(x: f64, ndigits: i32) -> Result<f64, String> {
    // CPython's NDIGITS_MAX and NDIGITS_MIN: past them every float rounds to itself, or to zero.
    if !x.is_finite() || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let text = if ndigits >= 0 {
        format!("{x:.0$}", ndigits as usize)
    } else {
        // Rounding to 10^k: ties need an integral x, so the integer part's digits and whether a fraction is left
        // over decide.
        let k = ndigits.unsigned_abs() as usize;
        let int = format!("{:.0}", x.abs().trunc());
        let int = format!("0{}{int}", "0".repeat(k.saturating_sub(int.len())));
        let (keep, drop) = int.split_at(int.len() - k);
        let half = format!("5{}", "0".repeat(k - 1));
        let odd = keep.as_bytes().last().is_some_and(|d| d % 2 == 1);
        let up = match drop.cmp(half.as_str()) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => x.fract() != 0.0 || odd,
        };
        let mut digits = keep.as_bytes().to_vec();
        if up {
            // Decimal increment with carry; the leading zero added above absorbs a carry out.
            for d in digits.iter_mut().rev() {
                if *d == b'9' {
                    *d = b'0';
                } else {
                    *d += 1;
                    break;
                }
            }
        }
        let sign = if x.is_sign_negative() { "-" } else { "" };
        format!("{sign}{}e{k}", String::from_utf8_lossy(&digits))
    };
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err("OverflowError: rounded value too large to represent".into()),
    }
}

/// `a % b` of floats: the result takes the divisor's sign, as CPython's `float_rem`. The caller raises
/// `ZeroDivisionError: float modulo` for `b == 0`.
#[inline]
pub fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m == 0.0 {
        0.0f64.copysign(b)
    } else if (b < 0.0) != (m < 0.0) {
        m + b
    } else {
        m
    }
}

/// `a // b` of floats, as CPython's `float_floor_div` (the quotient snapped to the integer consistent with
/// [`float_mod`]). The caller raises `ZeroDivisionError: float floor division by zero` for `b == 0`.
#[inline]
pub fn float_floordiv(a: f64, b: f64) -> f64 {
    let m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 && (b < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    if div == 0.0 {
        return 0.0f64.copysign(a / b);
    }
    let floor = div.floor();
    if div - floor > 0.5 {
        floor + 1.0
    } else {
        floor
    }
}

/// `a // b` of ints, rounding toward negative infinity; `None` for `b == 0` (`ZeroDivisionError: integer division
/// or modulo by zero`) and for `i64::MIN // -1`, which needs a 65-bit int.
#[inline]
pub fn int_floordiv(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && (a < 0) != (b < 0) { q - 1 } else { q })
}

/// `a % b` of ints, with the divisor's sign; `None` for `b == 0` (`ZeroDivisionError: integer modulo by zero`).
#[inline]
pub fn int_mod(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b).or((b == -1).then_some(0))?;
    Some(if r != 0 && (r < 0) != (b < 0) { r + b } else { r })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::flat;

    const PARSE_INT: &[(&str, u32, &str)] = &[
        ("42", 10, "42"),
        ("  42 ", 10, "42"),
        ("-7", 10, "-7"),
        ("+7", 10, "7"),
        ("1_000", 10, "1000"),
        ("1__000", 10, "ValueError: invalid literal for int() with base 10: '1__000'"),
        ("_1", 10, "ValueError: invalid literal for int() with base 10: '_1'"),
        ("1_", 10, "ValueError: invalid literal for int() with base 10: '1_'"),
        ("ff", 16, "255"),
        ("FF", 16, "255"),
        ("0x1f", 0, "31"),
        ("0x1f", 16, "31"),
        ("0X1F", 0, "31"),
        ("0o17", 0, "15"),
        ("0b101", 0, "5"),
        ("0b101", 2, "5"),
        ("0x_1f", 0, "31"),
        ("0x", 0, "ValueError: invalid literal for int() with base 0: '0x'"),
        ("010", 0, "ValueError: invalid literal for int() with base 0: '010'"),
        ("00", 0, "0"),
        ("0_0", 0, "0"),
        ("0", 0, "0"),
        ("abc", 10, "ValueError: invalid literal for int() with base 10: 'abc'"),
        ("", 10, "ValueError: invalid literal for int() with base 10: ''"),
        ("  ", 10, "ValueError: invalid literal for int() with base 10: '  '"),
        ("1.5", 10, "ValueError: invalid literal for int() with base 10: '1.5'"),
        ("z", 36, "35"),
        ("Z", 36, "35"),
        ("12", 1, "ValueError: int() base must be >= 2 and <= 36, or 0"),
        ("12", 37, "ValueError: int() base must be >= 2 and <= 36, or 0"),
        ("9223372036854775807", 10, "9223372036854775807"),
        ("-9223372036854775808", 10, "-9223372036854775808"),
        ("9223372036854775808", 10, "Overflow"),
        ("-", 10, "ValueError: invalid literal for int() with base 10: '-'"),
        ("+-1", 10, "ValueError: invalid literal for int() with base 10: '+-1'"),
        ("\u{9}\u{a} 5\u{1c}", 10, "ValueError: invalid literal for int() with base 10: '\\t\\n 5\\x1c'"),
        ("0x1f", 10, "ValueError: invalid literal for int() with base 10: '0x1f'"),
        ("101", 2, "5"),
        ("102", 2, "ValueError: invalid literal for int() with base 2: '102'"),
        ("١٢", 10, "12"),
        ("1 2", 10, "ValueError: invalid literal for int() with base 10: '1 2'"),
        ("0b", 2, "ValueError: invalid literal for int() with base 2: '0b'"),
        ("0b1", 16, "177"),
    ];
    const PARSE_FLOAT: &[(&str, &str)] = &[
        (" 1.5 ", "0x3ff8000000000000"),
        ("inf", "0x7ff0000000000000"),
        ("-Infinity", "0xfff0000000000000"),
        ("nan", "0x7ff8000000000000"),
        ("NaN", "0x7ff8000000000000"),
        ("-nan", "0xfff8000000000000"),
        ("1e3", "0x408f400000000000"),
        ("1_0.5", "0x4025000000000000"),
        ("1__0", "ValueError: could not convert string to float: '1__0'"),
        ("_1", "ValueError: could not convert string to float: '_1'"),
        ("1_", "ValueError: could not convert string to float: '1_'"),
        ("1._5", "ValueError: could not convert string to float: '1._5'"),
        ("1.5e1_0", "0x420bf08eb0000000"),
        ("x", "ValueError: could not convert string to float: 'x'"),
        ("", "ValueError: could not convert string to float: ''"),
        (".5", "0x3fe0000000000000"),
        ("5.", "0x4014000000000000"),
        (".", "ValueError: could not convert string to float: '.'"),
        ("e5", "ValueError: could not convert string to float: 'e5'"),
        ("1e", "ValueError: could not convert string to float: '1e'"),
        ("+1.5", "0x3ff8000000000000"),
        ("-.5e-3", "0xbf40624dd2f1a9fc"),
        ("1e500", "0x7ff0000000000000"),
        ("-1e500", "0xfff0000000000000"),
        ("0x10", "ValueError: could not convert string to float: '0x10'"),
        ("1,5", "ValueError: could not convert string to float: '1,5'"),
        ("INFINITY", "0x7ff0000000000000"),
        ("infinit", "ValueError: could not convert string to float: 'infinit'"),
        ("1.7976931348623157e308", "0x7fefffffffffffff"),
        ("4.9e-324", "0x0000000000000001"),
        ("2.4e-324", "0x0000000000000000"),
        ("0.1", "0x3fb999999999999a"),
        ("  -0  ", "0x8000000000000000"),
        ("1e-5", "0x3ee4f8b588e368f1"),
        ("１２", "0x4028000000000000"),
    ];
    const ROUND_CASES: &[(u64, i32, &str)] = &[
        (0x4005666666666666, 2, "0x40055c28f5c28f5c"),
        (0x3fc0000000000000, 2, "0x3fbeb851eb851eb8"),
        (0x3fd8000000000000, 2, "0x3fd851eb851eb852"),
        (0x4004000000000000, 0, "0x4000000000000000"),
        (0x400c000000000000, 0, "0x4010000000000000"),
        (0xc004000000000000, 0, "0xc000000000000000"),
        (0x40934a456d5cfaad, -2, "0x4092c00000000000"),
        (0x4093880000000000, -2, "0x4092c00000000000"),
        (0x4095180000000000, -2, "0x4095e00000000000"),
        (0x409388001a36e2eb, -2, "0x4094500000000000"),
        (0xc093880000000000, -2, "0xc092c00000000000"),
        (0xc010000000000000, -1, "0x8000000000000000"),
        (0x3fe0000000000000, -1, "0x0000000000000000"),
        (0x4014000000000000, -1, "0x0000000000000000"),
        (0x402e000000000000, -1, "0x4034000000000000"),
        (0x4039000000000000, -1, "0x4034000000000000"),
        (0x4057c00000000000, -1, "0x4059000000000000"),
        (0x40f869f000000000, -3, "0x40f86a0000000000"),
        (0x7e37e43c8800759c, -300, "0x7e37e43c8800759c"),
        (0x7e41eb2d66005835, -300, "0x7e47e43c8800759c"),
        (0x7fefffffffffffff, -308, "OverflowError: rounded value too large to represent"),
        (0x00000000000007e8, 320, "0x00000000000007e8"),
        (0x3ff3c0c1fc8f3238, 3, "0x3ff3c28f5c28f5c3"),
        (0xbfd999999999999a, 0, "0x8000000000000000"),
        (0x4480f0cf064dd592, -22, "0x4480f0cf064dd592"),
        (0x44a52d02c7e14af6, -23, "0x0000000000000000"),
        (0x405edd2f1a9fbe77, -400, "0x0000000000000000"),
        (0xc05edd2f1a9fbe77, -400, "0x8000000000000000"),
        (0x3ff199999999999a, 400, "0x3ff199999999999a"),
        (0x7ff0000000000000, 2, "0x7ff0000000000000"),
        (0x7ff8000000000000, 2, "0x7ff8000000000000"),
        (0x3fb999999999999a, 1, "0x3fb999999999999a"),
        (0x3fa999999999999a, 1, "0x3fb999999999999a"),
        (0x3fc3333333333333, 1, "0x3fb999999999999a"),
        (0x3fd0000000000000, 1, "0x3fc999999999999a"),
        (0x3fd6666666666666, 1, "0x3fd3333333333333"),
        (0x3fd5555555555555, 10, "0x3fd55555554c2bb5"),
        (0x4450000000000000, -5, "0x4450000000000000"),
    ];
    const ROUND_INT: &[(u64, &str)] = &[
        (0x4004000000000000, "2"),
        (0x400c000000000000, "4"),
        (0xc004000000000000, "-2"),
        (0x3fe0000000000000, "0"),
        (0xbfe0000000000000, "0"),
        (0x3ff7ffffffffffff, "1"),
        (0x43abc16d674ec800, "1000000000000000000"),
        (0x43e02207973f6440, "Overflow"),
        (0xc3e0000000000000, "-9223372036854775808"),
        (0x7ff0000000000000, "OverflowError: cannot convert float infinity to integer"),
        (0xfff0000000000000, "OverflowError: cannot convert float infinity to integer"),
        (0x7ff8000000000000, "ValueError: cannot convert float NaN to integer"),
        (0x401c000000000000, "7"),
    ];
    const FLOAT_DIVMOD: &[(u64, u64, u64, u64)] = &[
        (0x401c000000000000, 0x4008000000000000, 0x4000000000000000, 0x3ff0000000000000),
        (0xc01c000000000000, 0x4008000000000000, 0xc008000000000000, 0x4000000000000000),
        (0x401c000000000000, 0xc008000000000000, 0xc008000000000000, 0xc000000000000000),
        (0xc01c000000000000, 0xc008000000000000, 0x4000000000000000, 0xbff0000000000000),
        (0x0000000000000000, 0xc008000000000000, 0x8000000000000000, 0x8000000000000000),
        (0x8000000000000000, 0x4008000000000000, 0x8000000000000000, 0x0000000000000000),
        (0x4016000000000000, 0x4000000000000000, 0x4000000000000000, 0x3ff8000000000000),
        (0xc016000000000000, 0x4000000000000000, 0xc008000000000000, 0x3fe0000000000000),
        (0x01a56e1fc2f8f359, 0xbff0000000000000, 0xbff0000000000000, 0xbff0000000000000),
        (0x3ff0000000000000, 0x3fb999999999999a, 0x4022000000000000, 0x3fb9999999999996),
        (0xbff0000000000000, 0x3fb999999999999a, 0xc024000000000000, 0x3c90000000000000),
        (0x4008000000000000, 0x7ff0000000000000, 0x0000000000000000, 0x4008000000000000),
        (0xc008000000000000, 0x7ff0000000000000, 0xbff0000000000000, 0x7ff0000000000000),
        (0x7fe1ccf385ebc8a0, 0x000730d67819e8d2, 0x7ff0000000000000, 0x00028401cf53d610),
        (0x3fd3333333333333, 0x3fb999999999999a, 0x4000000000000000, 0x3fb9999999999998),
        (0xbbc79ca10c924223, 0x3ff0000000000000, 0xbff0000000000000, 0x3ff0000000000000),
    ];
    const INT_DIVMOD: &[(i64, i64, Option<i64>, Option<i64>)] = &[
        (7, 3, Some(2), Some(1)),
        (-7, 3, Some(-3), Some(2)),
        (7, -3, Some(-3), Some(-2)),
        (-7, -3, Some(2), Some(-1)),
        (0, 5, Some(0), Some(0)),
        (-6, 3, Some(-2), Some(0)),
        (6, -3, Some(-2), Some(0)),
        (i64::MIN, -1, None, Some(0)),
        (i64::MIN, 1, Some(i64::MIN), Some(0)),
        (9223372036854775807, -2, Some(-4611686018427387904), Some(-1)),
        (i64::MIN, 7, Some(-1317624576693539402), Some(6)),
        (5, 0, None, None),
    ];

    #[test]
    fn int_and_float_parse_strings_as_python_does() {
        for &(s, base, want) in PARSE_INT {
            let got = match parse_int(s, base) {
                Ok(v) => v.to_string(),
                Err(e) if e.starts_with("OverflowError") => "Overflow".into(),
                Err(e) => e,
            };
            assert_eq!(got, want, "int({s:?}, {base})");
        }
        for &(s, want) in PARSE_FLOAT {
            let got = parse_float(s).map(|v| format!("{:#018x}", v.to_bits()));
            assert_eq!(flat(got), want, "float({s:?})");
        }
    }

    #[test]
    fn round_goes_half_to_even_on_the_exact_decimal_value() {
        for &(x, n, want) in ROUND_CASES {
            let got = round_float(f64::from_bits(x), n).map(|v| format!("{:#018x}", v.to_bits()));
            assert_eq!(flat(got), want, "round({}, {n})", f64::from_bits(x));
        }
        for &(x, want) in ROUND_INT {
            let got = match round_to_int(f64::from_bits(x)) {
                Ok(v) => v.to_string(),
                Err(e) if e.contains("(Loopscope)") => "Overflow".into(),
                Err(e) => e,
            };
            assert_eq!(got, want, "round({})", f64::from_bits(x));
        }
        assert_eq!(float_to_int(-3.99), Ok(-3));
    }

    #[test]
    fn floor_division_and_modulo_take_the_divisors_sign() {
        for &(a, b, q, r) in FLOAT_DIVMOD {
            let (a, b) = (f64::from_bits(a), f64::from_bits(b));
            assert_eq!(float_floordiv(a, b).to_bits(), q, "{a} // {b}");
            assert_eq!(float_mod(a, b).to_bits(), r, "{a} % {b}");
        }
        for &(a, b, q, r) in INT_DIVMOD {
            assert_eq!((int_floordiv(a, b), int_mod(a, b)), (q, r), "{a}, {b}");
        }
    }
}
