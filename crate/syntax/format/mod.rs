//! How Python prints and parses numbers and strings: `repr` of floats and strings, the format-spec mini-language
//! (`format()`, f-strings), printf-style `%`, `int()`/`float()` of a string, `round`, and floor division/modulo.
//!
//! Learners compare the playground's output with what their own Python prints, so every function here follows
//! CPython 3.11 character for character, errors included. The module knows nothing of the interpreter's values:
//! it works on Rust primitives and the interpreter calls it.
//!
//! Errors are `"Kind: message"` strings (`ValueError: Format specifier missing precision`), the kind being the
//! Python exception to raise; split them at the first `": "`. Messages that CPython never gives (our ints are 64-bit,
//! widths are capped) say `(Loopscope)`. Widths and precisions above [`MAX_WIDTH`] are refused so that a learner's
//! `f"{x:999999999}"` cannot allocate gigabytes.
//!
//! One file per job: `float.rs` (float digits and `repr`), `spec.rs` (the format-spec mini-language), `percent.rs`
//! (printf-style `%`), `repr.rs` (`repr` of a str), `case.rs` (upper and lower case) and `numbers.rs` (`int()`,
//! `float()`, `round`, `//` and `%`).

mod case;
mod float;
mod numbers;
mod percent;
mod repr;
mod spec;

pub use self::case::{lower, push_lower, push_lower_in, push_title, push_upper, upper};
pub use self::float::float_repr;
pub use self::numbers::{
    float_floordiv, float_mod, float_to_int, int_floordiv, int_mod, is_decimal, is_digit, parse_float, parse_int,
    round_float, round_to_int,
};
pub use self::percent::{parse_percent, percent_float, percent_int, percent_str, PercentPiece, PercentSpec};
pub use self::repr::str_repr;
pub use self::spec::{format_float, format_int, format_str, parse_spec, Spec};

/// The largest width or precision accepted; CPython's own limit is the address space.
pub const MAX_WIDTH: usize = 10_000;

fn verr<T>(msg: impl std::fmt::Display) -> Result<T, String> {
    Err(format!("ValueError: {msg}"))
}

/// A result as the tests' tables write it: the text, or the `"Kind: message"` error.
#[cfg(test)]
fn flat(r: Result<String, String>) -> String {
    r.unwrap_or_else(|e| e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_width_or_precision_is_refused_instead_of_allocated() {
        let too_many = "ValueError: Too many decimal digits in format string";
        assert_eq!(flat(format_int(1, "10001")), too_many);
        assert_eq!(flat(format_float(1.0, ".10001f")), too_many);
        assert_eq!(flat(format_str("a", "99999999999")), too_many);
        assert_eq!(format_float(1e308, ",.10000f").map(|s| s.len()), Ok(10412));
        assert_eq!(parse_percent("%10001d"), vec![PercentPiece::Error("ValueError: width too big".into())]);
        assert_eq!(parse_percent("%.10001d"), vec![PercentPiece::Error("ValueError: precision too big".into())]);
        assert!(PercentSpec::default().star_width(i64::MIN).is_err());
    }
}
