//! CPython's hash of strs and bytes: SipHash-1-3 with the key CPython uses when
//! `PYTHONHASHSEED=0` (randomization off: an all-zero key), over the bytes of a str's
//! internal form (one byte per character when every code point is below 256, two
//! little-endian bytes below 65536, four otherwise), so hashes and set orders match.

/// SipHash-1-3 of `data` with the key `(k0, k1)`.
fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v = [
        k0 ^ 0x736f_6d65_7073_6575,
        k1 ^ 0x646f_7261_6e64_6f6d,
        k0 ^ 0x6c79_6765_6e65_7261,
        k1 ^ 0x7465_6462_7974_6573,
    ];
    fn round(v: &mut [u64; 4]) {
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }
    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let m = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
        v[3] ^= m;
        round(&mut v);
        v[0] ^= m;
    }
    let mut last = (data.len() as u64) << 56;
    for (i, &byte) in chunks.remainder().iter().enumerate() {
        last |= u64::from(byte) << (8 * i);
    }
    v[3] ^= last;
    round(&mut v);
    v[0] ^= last;
    v[2] ^= 0xff;
    for _ in 0..3 {
        round(&mut v);
    }
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

/// `hash(b)` of a bytes object with these contents (0 when empty, never -1).
pub fn hash_bytes(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    match siphash13(0, 0, data) as i64 {
        -1 => -2,
        h => h,
    }
}

/// `hash(s)` of a str with this text.
pub fn hash_str(text: &str) -> i64 {
    if text.is_ascii() {
        return hash_bytes(text.as_bytes());
    }
    let widest = text.chars().map(|c| c as u32).max().unwrap_or(0);
    let width = if widest < 0x100 {
        1
    } else if widest < 0x10000 {
        2
    } else {
        4
    };
    let mut form = Vec::with_capacity(text.len() * width);
    for c in text.chars() {
        form.extend_from_slice(&(c as u32).to_le_bytes()[..width]);
    }
    hash_bytes(&form)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values printed by `PYTHONHASHSEED=0 python3 -c 'print(hash(...))'`.
    #[test]
    fn matches_cpython_with_seed_zero() {
        assert_eq!(hash_str(""), 0);
        assert_eq!(hash_bytes(b""), 0);
        assert_eq!(hash_str("abc"), -4594863902769663758);
        assert_eq!(hash_bytes(b"abc"), -4594863902769663758);
        assert_eq!(hash_str("a"), 4644417185603328019);
        assert_eq!(hash_str("abcdefgh"), 4574395652268504554);
        assert_eq!(hash_str("hello world!"), 839851713330019024);
        assert_eq!(hash_str("\u{e9}"), 6047309291227476195);
        assert_eq!(hash_str("\u{3b1}\u{3b2}\u{3b3}"), -8649766505409503091);
        assert_eq!(hash_str("\u{1f600}x"), -8926728262118538918);
    }
}
