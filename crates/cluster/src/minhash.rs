use xxhash_rust::xxh3::xxh3_64;

/// Permutations in a signature.
pub const NUM_PERM: usize = 128;
/// LSH bands; `BANDS * ROWS == NUM_PERM`. With 32 bands of 4 rows, pairs
/// above a Jaccard similarity of about 0.42 become candidates.
pub const BANDS: usize = 32;
/// Rows (signature values) per band.
pub const ROWS: usize = NUM_PERM / BANDS;
/// Version of the signature scheme (shingling, hashing, seeds). Stored with
/// every signature: signatures of different versions are never compared.
pub const SIGNATURE_VERSION: u32 = 1;

/// MinHash signatures with fixed seeds, stable across builds and platforms
/// (our own implementation: crates seeded from a random generator are not).
pub struct MinHash;

/// The fixed multipliers and offsets of the permutations, from SplitMix64.
fn seeds() -> &'static [(u64, u64); NUM_PERM] {
    static SEEDS: std::sync::OnceLock<[(u64, u64); NUM_PERM]> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut state: u64 = 0x636f_7272_6f62_6f72; // "corrobor"
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let mut out = [(0u64, 0u64); NUM_PERM];
        for s in out.iter_mut() {
            *s = (next() | 1, next());
        }
        out
    })
}

impl MinHash {
    /// Signature of a word sequence over its `k`-word shingles. A text shorter
    /// than `k` words is one shingle; an empty one has an all-max signature.
    pub fn signature(words: &[String], k: usize) -> Vec<u32> {
        let mut sig = vec![u32::MAX; NUM_PERM];
        let seeds = seeds();
        let mut add = |h: u64| {
            for (slot, (a, b)) in sig.iter_mut().zip(seeds.iter()) {
                // Multiply-shift hashing: a fixed odd multiplier per permutation.
                let v = (a.wrapping_mul(h).wrapping_add(*b) >> 32) as u32;
                if v < *slot {
                    *slot = v;
                }
            }
        };
        if words.is_empty() {
            return sig;
        }
        let k = k.max(1).min(words.len());
        let mut buf = String::new();
        for window in words.windows(k) {
            buf.clear();
            for w in window {
                buf.push_str(w);
                buf.push('\u{1f}');
            }
            add(xxh3_64(buf.as_bytes()));
        }
        sig
    }

    /// Estimated Jaccard similarity of the shingle sets behind two signatures.
    pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
        if a.len() != b.len() || a.is_empty() {
            return 0.0;
        }
        let same = a
            .iter()
            .zip(b)
            .filter(|(x, y)| x == y && **x != u32::MAX)
            .count();
        same as f64 / a.len() as f64
    }
}

/// The LSH band keys of a signature: one 63-bit key per band (the band's
/// index is hashed in, so equal rows in different bands never collide).
pub fn band_keys(sig: &[u32]) -> Vec<i64> {
    sig.chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut bytes = Vec::with_capacity(4 + rows.len() * 4);
            bytes.extend_from_slice(&(band as u32).to_le_bytes());
            rows.iter()
                .for_each(|r| bytes.extend_from_slice(&r.to_le_bytes()));
            (xxh3_64(&bytes) >> 1) as i64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    const PINNED_SIG: &[u32] = &[3952743709, 2465380486, 1441893392];
    const PINNED_BAND: i64 = 7305693415598510273;

    #[test]
    fn signatures_are_stable() {
        // A changed value here means stored signatures no longer compare:
        // bump SIGNATURE_VERSION.
        let sig = MinHash::signature(&w("a b c d e"), 4);
        assert_eq!(&sig[..3], PINNED_SIG);
        assert_eq!(band_keys(&sig)[0], PINNED_BAND);
        let keys = band_keys(&sig);
        assert_eq!(keys.len(), BANDS);
        assert!(keys.iter().all(|k| *k >= 0));
    }

    #[test]
    fn similarity_tracks_jaccard() {
        let base: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let mut edited = base.clone();
        for i in (0..200).step_by(20) {
            edited[i] = format!("x{i}");
        }
        let j = MinHash::similarity(
            &MinHash::signature(&base, 4),
            &MinHash::signature(&edited, 4),
        );
        // 10 edits touch at most 40 of 197 shingles: true Jaccard ≈ 0.66.
        assert!((0.5..0.85).contains(&j), "{j}");
        let other: Vec<String> = (0..200).map(|i| format!("z{i}")).collect();
        assert!(
            MinHash::similarity(
                &MinHash::signature(&base, 4),
                &MinHash::signature(&other, 4)
            ) < 0.05
        );
    }

    #[test]
    fn identical_texts_share_every_band() {
        let a = band_keys(&MinHash::signature(&w("one two three four five six"), 4));
        let b = band_keys(&MinHash::signature(&w("one two three four five six"), 4));
        assert_eq!(a, b);
    }
}
