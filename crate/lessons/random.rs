//! A small seeded random source, so a lesson with chance in it (will the patient heal?
//! will the connection drop?) runs the same way every time for the same seed.

/// SplitMix64: tiny, fast, and good enough for teaching; not for cryptography.
pub struct Random(u64);

impl Random {
    /// A source that always gives the same sequence for the same seed.
    pub fn new(seed: u32) -> Random {
        Random(u64::from(seed) ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// A number in `0.0..1.0`.
    pub fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p` (0..=1).
    pub fn chance(&mut self, p: f64) -> bool {
        self.next_f64() < p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let a: Vec<f64> = (0..5)
            .map({
                let mut r = Random::new(7);
                move |_| r.next_f64()
            })
            .collect();
        let mut r = Random::new(7);
        assert!(a.iter().all(|&x| x == r.next_f64() && (0.0..1.0).contains(&x)));
        assert_ne!(Random::new(8).next_f64(), a[0]);
    }

    #[test]
    fn chance_follows_its_probability() {
        let mut r = Random::new(1);
        let hits = (0..10_000).filter(|_| r.chance(0.3)).count();
        assert!((2_700..3_300).contains(&hits), "{hits}");
    }
}
