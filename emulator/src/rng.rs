//! Deterministic randomness and identifiers: a SplitMix64 generator, hashing
//! helpers to derive values from ids, and the `Guid` type used for every id.

use std::fmt;

/// SplitMix64: tiny, fast and fully deterministic for a given seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (`0` when `n == 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo + 1) as u64) as i64
        }
    }

    pub fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True one time in `n` (always when `n` is 0 or 1).
    pub fn one_in(&mut self, n: u64) -> bool {
        self.below(n) == 0
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }

    pub fn guid(&mut self) -> Guid {
        Guid::from_parts(self.next_u64(), self.next_u64())
    }
}

/// The SplitMix64 finaliser: a good 64-bit mixing function.
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Combines two values into one well-mixed hash.
pub fn hash2(a: u64, b: u64) -> u64 {
    mix(a ^ mix(b.wrapping_add(0x632B_E59B_D9B4_E019)))
}

/// A GUID kept as 128 bits; printed lower-case like Graph does.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Guid(pub u128);

impl Guid {
    /// A version-4 style GUID from two random words.
    pub fn from_parts(a: u64, b: u64) -> Guid {
        let mut v = ((a as u128) << 64) | b as u128;
        v &= !(0xF000u128 << 64);
        v |= 0x4000u128 << 64;
        v &= !(0xC000_0000_0000_0000u128);
        v |= 0x8000_0000_0000_0000u128;
        Guid(v)
    }

    /// Derives a stable GUID from another one and a salt.
    pub fn derive(&self, salt: u64) -> Guid {
        let hi = (self.0 >> 64) as u64;
        let lo = self.0 as u64;
        Guid::from_parts(hash2(hi, salt), hash2(lo, salt ^ 0xA5A5))
    }

    pub fn low64(&self) -> u64 {
        self.0 as u64 ^ (self.0 >> 64) as u64
    }

    /// Parses the 8-4-4-4-12 form (case-insensitive). Nothing else is accepted.
    pub fn parse(s: &str) -> Option<Guid> {
        let b = s.as_bytes();
        if b.len() != 36 {
            return None;
        }
        let mut v: u128 = 0;
        for (i, &c) in b.iter().enumerate() {
            if matches!(i, 8 | 13 | 18 | 23) {
                if c != b'-' {
                    return None;
                }
                continue;
            }
            let d = (c as char).to_digit(16)?;
            v = (v << 4) | d as u128;
        }
        Some(Guid(v))
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.0;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            (v >> 96) as u32,
            (v >> 80) as u16,
            (v >> 64) as u16,
            (v >> 48) as u16,
            v & 0xFFFF_FFFF_FFFF
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_round_trips() {
        let s = "14879e66-9ea9-48d0-804d-8fea672d0341";
        assert_eq!(Guid::parse(s).unwrap().to_string(), s);
        assert_eq!(Guid::parse(&s.to_uppercase()).unwrap().to_string(), s);
        assert!(Guid::parse("14879e66-9ea9-48d0-804d-8fea672d034").is_none());
        assert!(Guid::parse("14879e66x9ea9-48d0-804d-8fea672d0341").is_none());
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        let mut c = Rng::new(8);
        let xa: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let xb: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let xc: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(xa, xb);
        assert_ne!(xa, xc);
        let g = a.guid().to_string();
        assert_eq!(&g[14..15], "4");
    }
}
