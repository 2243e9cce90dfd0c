//! The generator against CPython's own draws: seeded, str-seeded, and its ranges and their errors.

use super::*;

mod draws;

use draws::SEEDED;

/// What CPython drew from a fresh `random.seed(seed)`: twenty of each function (`shuffle`: one order of ten).
pub(super) struct Draws {
    pub seed: i64,
    pub random: [u64; 20],
    pub randint: [i64; 20],
    pub uniform: [u64; 20],
    pub choice: [usize; 20],
    pub shuffle: [usize; 10],
    pub bits5: [u64; 20],
    pub bits64: [u64; 20],
}

const STR_SEEDS: &[(&str, [u64; 3])] = &[
    ("abc", [0x3fe8b46cfff46349, 0x3fe1dc8585d73f6a, 0x3fe6b47d93ab4973]),
    ("", [0x3feeba2b25d163e4, 0x3fe30d9d60d3da22, 0x3fd8d52f16ea3076]),
    ("hello world", [0x3feca5c0bd9f23be, 0x3fc103165bb94e88, 0x3fdb3277a5dff480]),
    ("çğış😀", [0x3fe77c8de1d8d2d6, 0x3fe2a96e9b3b44b6, 0x3fb609d879d53d00]),
    ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", [0x3fcbd2b0890371e0, 0x3fdc92d53c465a90, 0x3fe0e69ae794129f]),
];
const RANGES: &[(i64, Option<i64>, i64, &str)] = &[
    (10, None, 1, "5,2,6"),
    (0, None, 1, "ValueError: empty range for randrange()"),
    (-5, None, 1, "ValueError: empty range for randrange()"),
    (5, Some(5), 1, "ValueError: empty range for randrange() (5, 5, 0)"),
    (5, Some(3), 1, "ValueError: empty range for randrange() (5, 3, -2)"),
    (
        i64::MAX,
        Some(i64::MIN),
        1,
        "ValueError: empty range for randrange() (9223372036854775807, -9223372036854775808, -18446744073709551615)",
    ),
    (0, Some(10), 3, "6,3,9"),
    (10, Some(0), -3, "4,7,1"),
    (0, Some(10), -1, "ValueError: empty range for randrange()"),
    (0, Some(10), 0, "ValueError: zero step for randrange()"),
    (i64::MIN, Some(i64::MAX), 1, "8261657684473197624,-1940164072735634121,-8332644676416592816"),
    (i64::MIN, Some(i64::MAX), 7, "3522241888722771073,-7664599141410308560,-6184684600148823763"),
    (i64::MAX, Some(i64::MIN), -1000, "-5001641899768127193,7483671263031207807,5831977658991564807"),
    (3, Some(4), 1, "3,3,3"),
    (-100, Some(100), 1, "-18,-62,1"),
];
const RANDINTS: &[(i64, i64, &str)] = &[
    (5, 3, "ValueError: empty range for randrange() (5, 4, -1)"),
    (5, 5, "5,5,5"),
    (i64::MIN, i64::MAX, "8261657684473197624,2784249659845191438,-8531699129511414324"),
    (i64::MAX, i64::MAX, "9223372036854775807,9223372036854775807,9223372036854775807"),
    (0, 1, "1,0,1"),
];

fn draws<T>(seed: i64, mut f: impl FnMut(&mut Random) -> T) -> Vec<T> {
    let mut r = Random::new(seed);
    (0..20).map(|_| f(&mut r)).collect()
}

#[test]
fn a_seeded_generator_draws_cpythons_numbers() {
    for d in SEEDED {
        let s = d.seed;
        assert_eq!(draws(s, |r| r.random().to_bits()), d.random, "random, seed {s}");
        assert_eq!(draws(s, |r| r.randint(1, 100)), d.randint.map(Ok), "randint, seed {s}");
        assert_eq!(draws(s, |r| r.uniform(0.5, 2.5).to_bits()), d.uniform, "uniform, seed {s}");
        assert_eq!(draws(s, |r| r.choice_index(7)), d.choice.map(Ok), "choice, seed {s}");
        assert_eq!(draws(s, |r| r.getrandbits(5)), d.bits5.map(Ok), "getrandbits(5), seed {s}");
        assert_eq!(draws(s, |r| r.getrandbits(64)), d.bits64.map(Ok), "getrandbits(64), seed {s}");
        let mut items: Vec<usize> = (0..10).collect();
        Random::new(s).shuffle(&mut items);
        assert_eq!(items, d.shuffle, "shuffle, seed {s}");
    }
}

#[test]
fn a_str_seed_hashes_like_cpythons_version_2() {
    assert_eq!(sha512(b"abc")[..4], [0xdd, 0xaf, 0x35, 0xa1]);
    for &(s, want) in STR_SEEDS {
        let mut r = Random::seed_str(s);
        assert_eq!([(); 3].map(|_| r.random().to_bits()), want, "seed({s:?})");
    }
}

#[test]
fn ranges_draw_and_refuse_as_cpython() {
    let show = |r: Vec<Result<i64, String>>| match r.iter().find_map(|v| v.clone().err()) {
        Some(e) => e,
        None => r.into_iter().flatten().map(|v| v.to_string()).collect::<Vec<_>>().join(","),
    };
    for &(a, b, step, want) in RANGES {
        let mut r = Random::new(7);
        assert_eq!(show((0..3).map(|_| r.randrange(a, b, step)).collect()), want, "randrange({a}, {b:?}, {step})");
    }
    for &(a, b, want) in RANDINTS {
        let mut r = Random::new(7);
        assert_eq!(show((0..3).map(|_| r.randint(a, b)).collect()), want, "randint({a}, {b})");
    }
    let mut r = Random::new(1);
    assert_eq!(r.choice_index(0), Err("IndexError: Cannot choose from an empty sequence".into()));
    assert!(r.getrandbits(65).is_err());
    assert_eq!((r.getrandbits(0), r.randbelow(0)), (Ok(0), 0));
}
