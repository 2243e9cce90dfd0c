//! CPython's `random` module, bit for bit: the MT19937 Mersenne Twister seeded as `random.seed` seeds it, and the
//! algorithms `random.py` builds on it (`randrange`, `randint`, `choice`, `shuffle`, `uniform`).
//!
//! Lessons ask learners to seed and compare with what their own Python prints, so a seeded run here must draw the
//! very numbers CPython 3.11 draws. Errors are `"Kind: message"` strings with CPython's messages, split at the
//! first `": "`.

const N: usize = 624;

/// A Mersenne Twister generator in the state `random.seed` leaves it in.
#[derive(Clone)]
pub struct Random {
    mt: [u32; N],
    index: usize,
    /// `gauss`'s second value, kept for its next call (Box-Muller makes two at a time).
    gauss_next: Option<f64>,
}

impl Random {
    /// `random.seed(n)` for an int: the absolute value's 32-bit words, least significant first, feed
    /// `init_by_array` (so `seed(-3)` is `seed(3)`; `seed(0)` uses the one word 0).
    pub fn new(seed: i64) -> Random {
        Random::from_u64(seed.unsigned_abs())
    }

    /// `random.seed(x)` for another hashable (a float): its hash as an unsigned 64-bit number,
    /// as CPython casts it to `size_t`.
    pub fn from_hash(hash: i64) -> Random {
        Random::from_u64(hash as u64)
    }

    fn from_u64(m: u64) -> Random {
        let key = [m as u32, (m >> 32) as u32];
        Random::from_key(&key[..if m >> 32 == 0 { 1 } else { 2 }])
    }

    /// `random.seed(s)` for a str (version 2): the int whose big-endian bytes are the UTF-8 text followed by its
    /// SHA-512 digest.
    pub fn seed_str(s: &str) -> Random {
        Random::seed_bytes(s.as_bytes())
    }

    /// `random.seed(b)` for bytes: as a str's, from the bytes themselves.
    pub fn seed_bytes(b: &[u8]) -> Random {
        let mut bytes = b.to_vec();
        bytes.extend_from_slice(&sha512(b));
        // Little-endian 32-bit words of that big-endian number, without high zero words.
        let mut key: Vec<u32> = bytes.rchunks(4).map(|c| c.iter().fold(0u32, |w, &b| w << 8 | u32::from(b))).collect();
        while key.len() > 1 && key.last() == Some(&0) {
            key.pop();
        }
        Random::from_key(&key)
    }

    /// CPython's `init_by_array`, from the reference MT19937 code.
    fn from_key(key: &[u32]) -> Random {
        let mut mt = [0u32; N];
        mt[0] = 19_650_218;
        for i in 1..N {
            mt[i] = 1_812_433_253u32.wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_add(i as u32);
        }
        let mix = |mt: &[u32; N], i: usize, mul: u32| mt[i] ^ (mt[i - 1] ^ (mt[i - 1] >> 30)).wrapping_mul(mul);
        let (mut i, mut j) = (1, 0);
        for _ in 0..N.max(key.len()) {
            mt[i] = mix(&mt, i, 1_664_525).wrapping_add(key[j]).wrapping_add(j as u32);
            (i, j) = (i + 1, (j + 1) % key.len());
            if i >= N {
                (mt[0], i) = (mt[N - 1], 1);
            }
        }
        for _ in 0..N - 1 {
            mt[i] = mix(&mt, i, 1_566_083_941).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                (mt[0], i) = (mt[N - 1], 1);
            }
        }
        mt[0] = 0x8000_0000;
        Random { mt, index: N, gauss_next: None }
    }

    /// The next tempered 32-bit output (`genrand_uint32`).
    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.mt[k] & 0x8000_0000) | (self.mt[(k + 1) % N] & 0x7fff_ffff);
                self.mt[k] = self.mt[(k + 397) % N] ^ (y >> 1) ^ if y & 1 == 1 { 0x9908_b0df } else { 0 };
            }
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// `random.random()`: 53 random bits from two outputs, in [0, 1).
    pub fn random(&mut self) -> f64 {
        let (a, b) = (self.next_u32() >> 5, self.next_u32() >> 6);
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `random.gauss(mu, sigma)`, as `random.py` computes it.
    pub fn gauss(&mut self, mu: f64, sigma: f64) -> f64 {
        let z = match self.gauss_next.take() {
            Some(z) => z,
            None => {
                let x2pi = self.random() * std::f64::consts::TAU;
                let g2rad = (-2.0 * (1.0 - self.random()).ln()).sqrt();
                self.gauss_next = Some(x2pi.sin() * g2rad);
                x2pi.cos() * g2rad
            }
        };
        mu + z * sigma
    }

    /// `getrandbits(k)` for any `k` up to 128: 32-bit outputs fill words from the least significant, the last one
    /// keeping its top bits.
    fn bits(&mut self, k: u32) -> u128 {
        let (mut r, mut k, mut shift) = (0u128, k.min(128), 0);
        while k > 0 {
            let w = self.next_u32() >> 32u32.saturating_sub(k);
            (r, k, shift) = (r | u128::from(w) << shift, k.saturating_sub(32), shift + 32);
        }
        r
    }

    /// `random.getrandbits(k)`; ints here are 64-bit, so `k` above 64 is a `(Loopscope)` ValueError.
    pub fn getrandbits(&mut self, k: u32) -> Result<u64, String> {
        if k > 64 {
            return Err("ValueError: (Loopscope) getrandbits(k) needs k <= 64: ints here are 64-bit".into());
        }
        Ok(self.bits(k) as u64)
    }

    /// `_randbelow_with_getrandbits(n)`: draws `n.bit_length()` bits until they fall below `n`. 0 for `n == 0`.
    fn below(&mut self, n: u128) -> u128 {
        let k = 128 - n.leading_zeros();
        loop {
            let r = self.bits(k);
            if r < n || n == 0 {
                return r;
            }
        }
    }

    /// CPython's `_randbelow(n)`: a uniform int in [0, n); 0 for `n == 0`, where CPython would never return.
    pub fn randbelow(&mut self, n: u64) -> u64 {
        self.below(n.into()) as u64
    }

    /// `random.randrange(start)` (`stop` None) or `randrange(start, stop, step)`, with CPython 3.11's errors.
    pub fn randrange(&mut self, start: i64, stop: Option<i64>, step: i64) -> Result<i64, String> {
        match stop {
            None if start > 0 => Ok(self.randbelow(start as u64) as i64),
            None => Err("ValueError: empty range for randrange()".into()),
            Some(stop) => self.range(start.into(), stop.into(), step.into()),
        }
    }

    fn range(&mut self, start: i128, stop: i128, step: i128) -> Result<i64, String> {
        let width = stop - start;
        if step == 1 {
            if width <= 0 {
                // Here stop <= start, both 64-bit, and -width < 2^64: printed without i128's Display (1.5 KB of wasm).
                let (start, stop, minus) = (start as i64, stop as i64, if width < 0 { "-" } else { "" });
                let width = width.unsigned_abs() as u64;
                return Err(format!("ValueError: empty range for randrange() ({start}, {stop}, {minus}{width})"));
            }
            return Ok((start + self.below(width as u128) as i128) as i64);
        }
        let n = match step {
            0 => return Err("ValueError: zero step for randrange()".into()),
            s if s > 0 => (width + s - 1).div_euclid(s),
            // Floor division by a negative step: negate both sides.
            s => (-(width + s + 1)).div_euclid(-s),
        };
        if n <= 0 {
            return Err("ValueError: empty range for randrange()".into());
        }
        Ok((start + step * self.below(n as u128) as i128) as i64)
    }

    /// `random.randint(a, b)`: `randrange(a, b + 1)`, so `randint(5, 3)` reports the range (5, 4, -1).
    pub fn randint(&mut self, a: i64, b: i64) -> Result<i64, String> {
        self.range(a.into(), i128::from(b) + 1, 1)
    }

    /// `random.uniform(a, b)`: `a + (b - a) * random()`.
    pub fn uniform(&mut self, a: f64, b: f64) -> f64 {
        a + (b - a) * self.random()
    }

    /// The index `random.choice(seq)` picks in a sequence of `len` items.
    pub fn choice_index(&mut self, len: usize) -> Result<usize, String> {
        if len == 0 {
            return Err("IndexError: Cannot choose from an empty sequence".into());
        }
        Ok(self.randbelow(len as u64) as usize)
    }

    /// `random.shuffle(items)` in place: Fisher-Yates from the end, each swap partner drawn by `_randbelow`.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.randbelow(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

mod sha512;
#[cfg(test)]
mod tests;

use sha512::sha512;
