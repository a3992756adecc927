//! The `random` module: CPython's Mersenne Twister (MT19937, seeded by `init_by_array` as
//! CPython's `_random` seeds it, so a seed gives CPython's sequence) in native functions,
//! and the `Random` class with its distributions as Python code (`random.py`, run in the
//! module's namespace when it is imported) over them, following CPython 3.11's algorithms.
//!
//! A generator's state lives in a `bytearray` the instance holds (`_state`): the 624 words
//! of the twister, then the index of the next one, each little-endian.

use jitgen_core::gc::{Gc, GcVec};
use num_bigint::BigInt;
use num_traits::Zero;
use sha2::{Digest, Sha512};

use crate::runtime::builtins::{arity, Builtin};
use crate::runtime::bytes::new_bytes;
use crate::runtime::call::Args;
use crate::runtime::numbers::as_bigint;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The native functions `random.py` calls.
pub const FUNCTIONS: &[Builtin] = &[
    Builtin::RandomSeed,
    Builtin::RandomRandom,
    Builtin::RandomGetrandbits,
    Builtin::RandomGetstate,
    Builtin::RandomSetstate,
    Builtin::RandomSha512,
];

/// The module's Python code.
pub const SOURCE: &str = include_str!("random.py");

/// The file name of that code's frames.
pub const FILENAME: &str = "<random>";

/// The twister's number of words.
const N: usize = 624;
/// The twister's middle word offset.
const M: usize = 397;
/// The bytes of a state: the words, then the index.
pub const STATE_BYTES: usize = (N + 1) * 4;

/// The twister's state, read from (and written back to) a generator's `bytearray`.
struct Twister {
    mt: [u32; N],
    index: usize,
}

impl Twister {
    /// CPython's `init_genrand`.
    fn from_seed(seed: u32) -> Twister {
        let mut mt = [0u32; N];
        mt[0] = seed;
        for i in 1..N {
            mt[i] = 1_812_433_253u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        Twister { mt, index: N }
    }

    /// CPython's `init_by_array`: the state a key (the seed's 32-bit words, least
    /// significant first) gives.
    fn from_key(key: &[u32]) -> Twister {
        let mut t = Twister::from_seed(19_650_218);
        let mt = &mut t.mt;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        t
    }

    /// The next 32 random bits (`genrand_uint32`).
    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// Makes the next 624 words.
    fn twist(&mut self) {
        const UPPER: u32 = 0x8000_0000;
        const LOWER: u32 = 0x7fff_ffff;
        let mix = |a: u32, b: u32, far: u32| {
            let y = (a & UPPER) | (b & LOWER);
            far ^ (y >> 1) ^ if y & 1 == 1 { 0x9908_b0df } else { 0 }
        };
        let mt = &mut self.mt;
        for k in 0..N - M {
            mt[k] = mix(mt[k], mt[k + 1], mt[k + M]);
        }
        for k in N - M..N - 1 {
            mt[k] = mix(mt[k], mt[k + 1], mt[k + M - N]);
        }
        mt[N - 1] = mix(mt[N - 1], mt[0], mt[M - 1]);
        self.index = 0;
    }

    /// A float in [0, 1) with 53 random bits (`genrand_res53`).
    fn next_f64(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Reads the state a generator's `bytearray` holds.
    fn load(state: &GcVec<u8>) -> Twister {
        let word = |i: usize| {
            u32::from_le_bytes([
                state.get(4 * i),
                state.get(4 * i + 1),
                state.get(4 * i + 2),
                state.get(4 * i + 3),
            ])
        };
        let mut mt = [0u32; N];
        for (i, w) in mt.iter_mut().enumerate() {
            *w = word(i);
        }
        Twister {
            mt,
            index: word(N) as usize,
        }
    }

    /// Writes the state into a generator's `bytearray`.
    fn store(&self, state: &GcVec<u8>) {
        let put = |i: usize, w: u32| {
            for (b, byte) in w.to_le_bytes().into_iter().enumerate() {
                state.set(4 * i + b, byte);
            }
        };
        for (i, &w) in self.mt.iter().enumerate() {
            put(i, w);
        }
        put(N, self.index as u32);
    }
}

/// The state `bytearray` of a generator (made by `random.py`, so of the right size).
fn state_of(value: Value) -> PyResult<Gc<GcVec<u8>>> {
    match value.downcast::<ByteArrayObj>() {
        Some(array) if array.data.len() == STATE_BYTES => Ok(array.data),
        _ => type_error("a random generator's state is expected".into()),
    }
}

/// Runs `f` on the twister of the state `value`, writing it back after.
fn with_twister<T>(value: Value, f: impl FnOnce(&mut Twister) -> T) -> PyResult<T> {
    let state = state_of(value)?;
    let mut twister = Twister::load(&state);
    let out = f(&mut twister);
    twister.store(&state);
    Ok(out)
}

/// Calls one of the native functions.
pub fn call(id: Builtin, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    match id {
        Builtin::RandomSeed => {
            arity(name, &args, 2, 2)?;
            seed(args.get(0), args.get(1))
        }
        Builtin::RandomRandom => {
            arity(name, &args, 1, 1)?;
            Ok(new_float(with_twister(args.get(0), Twister::next_f64)?))
        }
        Builtin::RandomGetrandbits => {
            arity(name, &args, 2, 2)?;
            getrandbits(args.get(0), args.get(1))
        }
        Builtin::RandomGetstate => {
            arity(name, &args, 1, 1)?;
            let twister = Twister::load(&*state_of(args.get(0))?);
            let items = GcVec::new();
            for &w in &twister.mt {
                items.push(new_int(w as i64));
            }
            items.push(new_int(twister.index as i64));
            Ok(new_tuple(items))
        }
        Builtin::RandomSetstate => {
            arity(name, &args, 2, 2)?;
            setstate(args.get(0), args.get(1))
        }
        Builtin::RandomSha512 => {
            arity(name, &args, 1, 1)?;
            match args.get(0).downcast::<BytesObj>() {
                Some(bytes) => Ok(new_bytes(&Sha512::digest(bytes.data.as_slice()))),
                None => type_error("bytes expected".into()),
            }
        }
        _ => type_error("unknown function of random".into()),
    }
}

/// `_seed(state, n)`: seeds from the non-negative int `n` (its 32-bit words), or from the
/// operating system's randomness when `n` is `None`.
fn seed(state: Value, n: Value) -> PyResult<Value> {
    let key: Vec<u32> = if is_none(n) {
        os_random_words()
    } else {
        let Some(n) = as_bigint(n) else {
            return type_error("an int seed is expected".into());
        };
        if n < BigInt::zero() {
            return value_error("a non-negative seed is expected".into());
        }
        let words = n.to_u32_digits().1;
        if words.is_empty() {
            vec![0]
        } else {
            words
        }
    };
    let state = state_of(state)?;
    Twister::from_key(&key).store(&state);
    Ok(none())
}

/// 624 words from `/dev/urandom` (the time and the process id if it cannot be read), as
/// CPython seeds a generator given no seed.
fn os_random_words() -> Vec<u32> {
    use std::io::Read;
    let mut bytes = [0u8; N * 4];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    if read.is_err() {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        return vec![now as u32, (now >> 32) as u32, std::process::id()];
    }
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// `_getrandbits(state, k)`: an int of `k` random bits (CPython's word order: the first
/// word drawn is the least significant; the last one keeps its top bits).
fn getrandbits(state: Value, k: Value) -> PyResult<Value> {
    let Some(k) = as_bigint(k) else {
        return type_error("an integer is required".into());
    };
    if k < BigInt::zero() {
        return value_error("number of bits must be non-negative".into());
    }
    let Ok(k) = u64::try_from(&k) else {
        return Err(exception(
            TypeId::OverflowError,
            "Python int too large to convert to C int",
        ));
    };
    if k == 0 {
        return Ok(new_int(0));
    }
    if k > i32::MAX as u64 {
        return Err(exception(
            TypeId::OverflowError,
            "Python int too large to convert to C int",
        ));
    }
    with_twister(state, |t| {
        if k <= 32 {
            return new_int((t.next_u32() >> (32 - k)) as i64);
        }
        let mut words = Vec::with_capacity(k.div_ceil(32) as usize);
        let mut left = k;
        while left > 0 {
            let mut w = t.next_u32();
            if left < 32 {
                w >>= 32 - left;
            }
            words.push(w);
            left = left.saturating_sub(32);
        }
        new_bigint(BigInt::from_slice(num_bigint::Sign::Plus, &words))
    })
}

/// `_setstate(state, words)`: the state from a tuple of 624 words and an index, as
/// `getstate()` gives it.
fn setstate(state: Value, words: Value) -> PyResult<Value> {
    let Some(tuple) = words.downcast::<TupleObj>() else {
        return type_error("state vector must be a tuple".into());
    };
    if tuple.items.len() != N + 1 {
        return value_error("state vector is the wrong size".into());
    }
    let mut twister = Twister {
        mt: [0; N],
        index: 0,
    };
    for i in 0..=N {
        let item = tuple.items.get(i);
        let Some(value) = as_bigint(item) else {
            return type_error("an integer is required".into());
        };
        if i < N {
            // CPython reads an unsigned long and keeps its low 32 bits.
            if value < BigInt::zero() {
                return Err(exception(
                    TypeId::OverflowError,
                    "can't convert negative value to unsigned int",
                ));
            }
            let Ok(word) = u64::try_from(&value) else {
                return Err(exception(
                    TypeId::OverflowError,
                    "Python int too large to convert to C unsigned long",
                ));
            };
            twister.mt[i] = word as u32;
        } else {
            let Ok(index) = i64::try_from(&value) else {
                return Err(exception(
                    TypeId::OverflowError,
                    "Python int too large to convert to C long",
                ));
            };
            if !(0..=N as i64).contains(&index) {
                return value_error("invalid state".into());
            }
            twister.index = index as usize;
        }
    }
    twister.store(&*state_of(state)?);
    Ok(none())
}

#[cfg(test)]
mod tests {
    use super::Twister;

    #[test]
    fn the_reference_generators_first_outputs() {
        // The MT19937 reference implementation's `init_by_array({0x123, 0x234, 0x345,
        // 0x456})` starts 1067595299 955945823 477289528 4107218783 4228976476.
        let mut t = Twister::from_key(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| t.next_u32()).collect();
        assert_eq!(
            first,
            [1067595299, 955945823, 477289528, 4107218783, 4228976476]
        );
    }
}
