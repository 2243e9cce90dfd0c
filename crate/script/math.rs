//! `math`: the functions and constants programs use, with CPython's errors ("math domain
//! error", "math range error"). Floats come from the same libm formulas CPython calls
//! (`log(x, base)` is `log(x) / log(base)`, as CPython computes it).

use super::ast::Name;
use super::interp::Interp;
use super::modules::num;
use super::value::*;

/// Functions of one float to a float, and those of two.
const UNARY: &[&str] = &[
    "sqrt", "exp", "exp2", "expm1", "log2", "log10", "log1p", "sin", "cos", "tan", "asin", "acos", "atan", "sinh",
    "cosh", "tanh", "asinh", "acosh", "atanh", "fabs", "radians", "degrees",
];

/// Where libm's `asinh` and `acosh` switch to `ln(x) + ln 2`: 2**28.
const BIG: f64 = 268_435_456.0;

/// The module's attributes.
pub fn module_attrs() -> Vec<(&'static str, Value)> {
    let mut v: Vec<(&'static str, Value)> = Vec::new();
    let names = UNARY.iter().chain(&[
        "floor",
        "ceil",
        "trunc",
        "isclose",
        "log",
        "pow",
        "atan2",
        "hypot",
        "dist",
        "copysign",
        "fmod",
        "remainder",
        "modf",
        "isnan",
        "isinf",
        "isfinite",
        "gcd",
        "lcm",
        "factorial",
        "isqrt",
        "comb",
        "perm",
        "prod",
        "fsum",
    ]);
    // Checked by their lines in `builtins::signature` (`math.ceil(1, 2)` is CPython's error).
    for &n in names {
        v.push((n, super::builtins::checked("math", n, math_fn, false)));
    }
    v.push(("pi", Value::Float(std::f64::consts::PI)));
    v.push(("e", Value::Float(std::f64::consts::E)));
    v.push(("tau", Value::Float(std::f64::consts::TAU)));
    v.push(("inf", Value::Float(f64::INFINITY)));
    v.push(("nan", Value::Float(f64::NAN)));
    v
}

fn domain_error<T>() -> PyResult<T> {
    raise("ValueError", "math domain error")
}

/// A float result, as CPython checks it: NaN from a number is a domain error, infinity from
/// a finite one a range error.
fn checked(x: f64, r: f64) -> PyResult {
    if r.is_nan() && !x.is_nan() {
        return domain_error();
    }
    if r.is_infinite() && x.is_finite() {
        return raise("OverflowError", "math range error");
    }
    Ok(Value::Float(r))
}

/// An int argument (a float is refused, as CPython refuses it).
fn int(v: Option<&Value>) -> PyResult<i64> {
    match v {
        Some(v @ Value::Float(_)) => {
            raise("TypeError", format!("'{}' object cannot be interpreted as an integer", v.type_name()))
        }
        Some(v) => v
            .as_int()
            .ok_or_else(|| exc("TypeError", format!("'{}' object cannot be interpreted as an integer", v.type_name()))),
        None => raise("TypeError", "a required argument is missing"),
    }
}

fn overflow() -> Exc {
    exc("OverflowError", "integer too large: Loopscope's ints are 64-bit (CPython's have no limit)")
}

/// In 128 bits: `gcd(-2**63, 0)` is 2**63, one past the ints here (an `OverflowError`).
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `n! / (n - k)!`, divided by `k!` for `comb`, in 128 bits on the way.
fn perm_comb(name: &str, n: i64, k: i64) -> PyResult {
    if n < 0 {
        return raise("ValueError", "n must be a non-negative integer");
    }
    if k < 0 {
        return raise("ValueError", "k must be a non-negative integer");
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = if name == "comb" { k.min(n - k) } else { k };
    let mut r: i128 = 1;
    for i in 0..k {
        r = r.checked_mul(i128::from(n - i)).ok_or_else(overflow)?;
        if name == "comb" {
            r /= i128::from(i + 1);
        }
        if r > i128::from(i64::MAX) {
            return Err(overflow());
        }
    }
    Ok(Value::Int(r as i64))
}

/// CPython's `fsum`: the exact sum of the floats, rounded once (Shewchuk's partial sums).
fn fsum(items: &[f64]) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    for &x in items {
        let mut x = x;
        let mut kept = 0;
        for i in 0..partials.len() {
            let mut y = partials[i];
            if x.abs() < y.abs() {
                (x, y) = (y, x);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    let Some(mut hi) = partials.pop() else { return 0.0 };
    let mut lo = 0.0;
    while let Some(y) = partials.pop() {
        let x = hi;
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    // Half-way cases: round as the remaining partials say.
    if let Some(&next) = partials.last() {
        if (lo < 0.0 && next < 0.0) || (lo > 0.0 && next > 0.0) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    hi
}

fn math_fn(interp: &Interp, name: &'static str, mut args: Vec<Value>, kw: Vec<(Name, Value)>) -> PyResult {
    if name == "log" && (args.is_empty() || args.len() > 2 || !kw.is_empty()) {
        let m = if kw.is_empty() { "math.log requires 1 to 2 arguments" } else { "log() takes no keyword arguments" };
        return raise("TypeError", m);
    }
    // A script's object stands for its number: its `__float__`, else its `__index__` (unless
    // it has its own `__floor__`, `__ceil__` or `__trunc__`, asked below).
    let own = |a: &Value| {
        matches!(name, "floor" | "ceil" | "trunc")
            && super::builtins::script_method(a, &format!("__{name}__")).is_some()
    };
    // The integer functions ask `__index__` alone; `trunc`, `__trunc__` alone.
    let integral = matches!(name, "gcd" | "lcm" | "comb" | "perm" | "factorial" | "isqrt");
    let asked: &[&str] = if integral { &["__index__"] } else { &["__float__", "__index__"] };
    let converted =
        |a: &Value| matches!(a, Value::Instance(i) if i.class.kind == Kind::Object) && !own(a) && name != "trunc";
    for a in args.iter_mut().filter(|a| converted(a)) {
        let m = asked.iter().find_map(|m| super::builtins::script_method(a, m));
        if let Some(m) = m {
            *a = interp.call_sync(m, vec![a.clone()])?;
        }
    }
    // A str or None given: CPython's "must be real number, not str".
    let f = |i: usize| match args.get(i) {
        Some(v) if v.as_number().is_none() => raise("TypeError", format!("must be real number, not {}", v.type_name())),
        v => num(v, name),
    };
    match name {
        "gcd" | "lcm" => {
            let mut acc: i128 = if name == "gcd" { 0 } else { 1 };
            for a in &args {
                let b = i128::from(int(Some(a))?);
                acc = match name {
                    "gcd" => gcd(acc, b),
                    _ if acc == 0 || b == 0 => 0,
                    _ => (acc / gcd(acc, b) * b).abs(),
                };
                if name == "lcm" && acc > i128::from(i64::MAX) {
                    return Err(overflow()); // an lcm only grows
                }
            }
            // Only the result must fit: `gcd(-2**63, -1)` is 1.
            i64::try_from(acc).map(Value::Int).map_err(|_| overflow())
        }
        "factorial" => {
            let n = int(args.first())?;
            if n < 0 {
                return raise("ValueError", "factorial() not defined for negative values");
            }
            (1..=n).try_fold(1i64, |acc, i| acc.checked_mul(i)).map(Value::Int).ok_or_else(overflow)
        }
        "isqrt" => {
            let n = int(args.first())?;
            if n < 0 {
                return raise("ValueError", "isqrt() argument must be nonnegative");
            }
            let mut r = (n as f64).sqrt() as i64;
            while r.checked_mul(r).is_none_or(|sq| sq > n) {
                r -= 1;
            }
            while (r + 1).checked_mul(r + 1).is_some_and(|sq| sq <= n) {
                r += 1;
            }
            Ok(Value::Int(r))
        }
        "comb" | "perm" => {
            if args.is_empty() && name == "perm" {
                return raise("TypeError", "perm expected at least 1 argument, got 0");
            }
            let n = int(args.first())?;
            let k = match args.get(1) {
                None | Some(Value::None) if name == "perm" => n,
                k => int(k)?,
            };
            perm_comb(name, n, k)
        }
        "prod" => {
            let items = interp.iterate(args.first().unwrap_or(&Value::None))?;
            let start = super::builtins::kwarg(&kw, "start").unwrap_or(Value::Int(1));
            items.iter().try_fold(start, |acc, x| interp.binop_sync(super::ast::BinOp::Mul, &acc, x))
        }
        "fsum" => {
            let items = interp.iterate(args.first().unwrap_or(&Value::None))?;
            let floats = items.iter().map(|x| num(Some(x), name)).collect::<PyResult<Vec<f64>>>()?;
            // As CPython: infinities and NaNs are summed apart, and a finite sum that
            // overflows is an error.
            let special: f64 = floats.iter().filter(|x| !x.is_finite()).sum();
            if special.is_nan() && floats.iter().all(|x| !x.is_nan()) {
                return raise("ValueError", "-inf + inf in fsum");
            }
            if floats.iter().any(|x| !x.is_finite()) {
                return Ok(Value::Float(special));
            }
            let total = fsum(&floats);
            if !total.is_finite() {
                return raise("OverflowError", "intermediate overflow in fsum");
            }
            Ok(Value::Float(total + 0.0)) // CPython 3.11's sum of zeros is +0.0
        }
        "hypot" => {
            let xs = (0..args.len()).map(|i| f(i).map(f64::abs)).collect::<PyResult<Vec<f64>>>()?;
            Ok(Value::Float(vector_norm(&xs)))
        }
        "dist" => {
            let (p, q) = (
                interp.iterate(args.first().unwrap_or(&Value::None))?,
                interp.iterate(args.get(1).unwrap_or(&Value::None))?,
            );
            if p.len() != q.len() {
                return raise("ValueError", "both points must have the same number of dimensions");
            }
            let mut diffs = Vec::with_capacity(p.len());
            for (a, b) in p.iter().zip(&q) {
                diffs.push((num(Some(a), name)? - num(Some(b), name)?).abs());
            }
            Ok(Value::Float(vector_norm(&diffs)))
        }
        _ => {
            // A script's own number: its `__floor__`, `__ceil__` or `__trunc__`, as CPython asks.
            if matches!(name, "floor" | "ceil" | "trunc") {
                let own = args.first().and_then(|v| super::builtins::script_method(v, &format!("__{name}__")));
                if let Some(method) = own {
                    return interp.call_sync(method, vec![args[0].clone()]);
                }
                // `trunc` asks `__trunc__` alone: a str or an object with only `__float__` has none.
                if let (Some(v), "trunc") = (args.first(), name) {
                    if v.as_number().is_none() {
                        return raise("TypeError", format!("type {} doesn't define __trunc__ method", v.type_name()));
                    }
                }
            }
            let x = f(0)?;
            match name {
                "floor" | "ceil" | "trunc" => {
                    if let Some(Value::Int(i)) = args.first() {
                        return Ok(Value::Int(*i));
                    }
                    let r = match name {
                        "floor" => x.floor(),
                        "ceil" => x.ceil(),
                        _ => x.trunc(),
                    };
                    if r.is_nan() {
                        return raise("ValueError", "cannot convert float NaN to integer");
                    }
                    if !r.is_finite() {
                        return raise("OverflowError", "cannot convert float infinity to integer");
                    }
                    if r.abs() >= 9_223_372_036_854_775_808.0 && r != -9_223_372_036_854_775_808.0 {
                        return Err(overflow());
                    }
                    Ok(Value::Int(r as i64))
                }
                "isnan" => Ok(Value::Bool(x.is_nan())),
                "isinf" => Ok(Value::Bool(x.is_infinite())),
                "isfinite" => Ok(Value::Bool(x.is_finite())),
                "isclose" => {
                    let y = f(1)?;
                    let rel = super::builtins::kwarg(&kw, "rel_tol").map_or(Ok(1e-9), |v| num(Some(&v), name))?;
                    let abs = super::builtins::kwarg(&kw, "abs_tol").map_or(Ok(0.0), |v| num(Some(&v), name))?;
                    if rel < 0.0 || abs < 0.0 {
                        return raise("ValueError", "tolerances must be non-negative");
                    }
                    if x == y || x.is_infinite() || y.is_infinite() {
                        return Ok(Value::Bool(x == y));
                    }
                    let d = (x - y).abs();
                    Ok(Value::Bool(d <= rel * y.abs() || d <= rel * x.abs() || d <= abs))
                }
                "modf" => {
                    let i = x.trunc();
                    let frac = if x.is_infinite() { 0.0 } else { x - i };
                    Ok(Value::tuple(vec![Value::Float(frac.copysign(x)), Value::Float(i)]))
                }
                "log" if args.len() > 1 => {
                    let base = f(1)?;
                    if x <= 0.0 || base <= 0.0 {
                        return domain_error();
                    }
                    let den = base.ln();
                    if den == 0.0 {
                        return raise("ZeroDivisionError", "float division by zero");
                    }
                    Ok(Value::Float(x.ln() / den))
                }
                "log" | "log2" | "log10" if x <= 0.0 => domain_error(),
                // A pole, not an overflow, for CPython: atanh(±1), log1p(-1).
                "atanh" if x.abs() == 1.0 => domain_error(),
                "log1p" if x == -1.0 => domain_error(),
                "sqrt" if x < 0.0 => domain_error(),
                "pow" | "atan2" | "copysign" | "fmod" | "remainder" => {
                    let y = f(1)?;
                    match name {
                        "pow" if x == 0.0 && y < 0.0 && y.is_finite() => domain_error(),
                        // A finite result CPython checks: inf from finite operands overflows.
                        "pow" => checked(if x.is_finite() && y.is_finite() { 0.0 } else { x + y }, x.powf(y)),
                        "atan2" => Ok(Value::Float(x.atan2(y))),
                        "copysign" => Ok(Value::Float(x.copysign(y))),
                        _ if x.is_nan() || y.is_nan() => Ok(Value::Float(f64::NAN)),
                        _ if y == 0.0 || x.is_infinite() => domain_error(),
                        "remainder" => Ok(Value::Float(remainder(x, y))),
                        _ => Ok(Value::Float(x % y)),
                    }
                }
                _ => {
                    let r = match name {
                        "sqrt" => x.sqrt(),
                        "exp" => x.exp(),
                        "log" => x.ln(),
                        "log2" => x.log2(),
                        "log10" => x.log10(),
                        "sin" => x.sin(),
                        "cos" => x.cos(),
                        "tan" => x.tan(),
                        "atan" => x.atan(),
                        "asin" => x.asin(),
                        "acos" => x.acos(),
                        "sinh" => x.sinh(),
                        "cosh" => x.cosh(),
                        "tanh" => x.tanh(),
                        // Past 2**28, as libm computes them (the usual formulas' x*x overflows).
                        "asinh" if x.abs() > BIG => (x.abs().ln() + std::f64::consts::LN_2).copysign(x),
                        "acosh" if x > BIG => x.ln() + std::f64::consts::LN_2,
                        "asinh" => x.asinh(),
                        "acosh" => x.acosh(),
                        "atanh" => x.atanh(),
                        "exp2" => x.exp2(),
                        "expm1" => x.exp_m1(),
                        "log1p" => x.ln_1p(),
                        "fabs" => return Ok(Value::Float(x.abs())),
                        // Plain products in CPython: no range check.
                        "radians" => return Ok(Value::Float(x.to_radians())),
                        _ => return Ok(Value::Float(x.to_degrees())),
                    };
                    checked(x, r)
                }
            }
        }
    }
}

/// `math.remainder(x, y)`: IEEE 754's, `x - n*y` with `n` the integer nearest `x / y` (ties to
/// even), computed as CPython's `m_remainder` does.
fn remainder(x: f64, y: f64) -> f64 {
    if y.is_infinite() {
        return x;
    }
    let (ax, ay) = (x.abs(), y.abs());
    let m = ax % ay;
    let c = ay - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        m - 2.0 * ((0.5 * (ax - m)) % ay)
    };
    1f64.copysign(x) * r
}

/// `sqrt(sum(x * x for x in vec))` for non-negative `vec`, as CPython 3.11's `vector_norm`
/// (behind `hypot` and `dist`) computes it, step for step, so the last digit is CPython's:
/// scaled by a power of two, squared exactly by Dekker's split, summed with compensation,
/// and the root corrected once.
fn vector_norm(vec: &[f64]) -> f64 {
    const T27: f64 = 134_217_729.0; // 2**27 + 1
    let max = vec.iter().fold(0.0, |m: f64, &x| if x > m { x } else { m });
    if vec.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if vec.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let max_e = frexp_exponent(max);
    if max_e < -1023 {
        // Subnormals first made normal (a power of two: exact).
        let scaled: Vec<f64> = vec.iter().map(|v| v / f64::MIN_POSITIVE).collect();
        return f64::MIN_POSITIVE * vector_norm(&scaled);
    }
    let scale = 2f64.powi(-max_e);
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    let add = |x: f64, frac: &mut f64, csum: &mut f64| {
        let old = *csum;
        *csum += x;
        *frac += (old - *csum) + x;
    };
    for &v in vec {
        let x = v * scale;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;
        add(hi * hi, &mut frac1, &mut csum);
        add(2.0 * hi * lo, &mut frac2, &mut csum);
        frac3 += lo * lo;
    }
    let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
    let t = h * T27;
    let hi = t - (t - h);
    let lo = h - hi;
    add(-hi * hi, &mut frac1, &mut csum);
    add(-2.0 * hi * lo, &mut frac2, &mut csum);
    add(-lo * lo, &mut frac3, &mut csum);
    let x = csum - 1.0 + (frac1 + frac2 + frac3);
    (h + x / (2.0 * h)) / scale
}

/// C's `frexp` exponent: `x = m * 2**e` with `0.5 <= m < 1`.
fn frexp_exponent(x: f64) -> i32 {
    let exp = ((x.to_bits() >> 52) & 0x7ff) as i32;
    if exp == 0 {
        return frexp_exponent(x * 2f64.powi(64)) - 64; // subnormal
    }
    exp - 1022
}
