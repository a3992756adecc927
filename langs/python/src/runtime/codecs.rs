//! Text encodings between `str` and `bytes`: UTF-8, Latin-1 and ASCII with the error
//! handlers `strict` (CPython's `UnicodeEncodeError`/`UnicodeDecodeError` messages),
//! `ignore` and `replace`; other encodings are a `LookupError` as in CPython.

use jitgen_core::gc::Gc;

use crate::runtime::objects::*;
use crate::runtime::values::*;

/// The encodings jitpy knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Utf8,
    Latin1,
    Ascii,
}

impl Encoding {
    /// The encoding a Python name denotes (case, `_` and `-` as CPython normalizes them).
    fn named(name: &str) -> PyResult<Encoding> {
        let normal = name.trim().to_ascii_lowercase().replace('_', "-");
        match normal.as_str() {
            "utf-8" | "utf8" | "u8" | "utf" => Ok(Encoding::Utf8),
            "latin-1" | "latin1" | "latin" | "iso-8859-1" | "iso8859-1" | "l1" | "8859"
            | "cp819" => Ok(Encoding::Latin1),
            "ascii" | "us-ascii" | "646" => Ok(Encoding::Ascii),
            _ => Err(exception(
                TypeId::LookupError,
                &format!("unknown encoding: {name}"),
            )),
        }
    }

    /// The name CPython's messages use.
    fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Latin1 => "latin-1",
            Encoding::Ascii => "ascii",
        }
    }

    /// The first code point it cannot encode.
    fn limit(self) -> u32 {
        match self {
            Encoding::Utf8 => 0x110000,
            Encoding::Latin1 => 0x100,
            Encoding::Ascii => 0x80,
        }
    }
}

/// What to do with an unencodable character or undecodable byte.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Errors {
    Strict,
    Ignore,
    Replace,
}

impl Errors {
    fn named(name: &str) -> PyResult<Errors> {
        match name {
            "strict" => Ok(Errors::Strict),
            "ignore" => Ok(Errors::Ignore),
            "replace" => Ok(Errors::Replace),
            _ => Err(exception(
                TypeId::LookupError,
                &format!("unknown error handler name '{name}'"),
            )),
        }
    }
}

/// Whether encoding `name` takes several bytes for some characters (UTF-8) rather than
/// one byte each; an unknown encoding is CPython's `LookupError`.
pub fn is_multibyte(name: &str) -> PyResult<bool> {
    Ok(Encoding::named(name)? == Encoding::Utf8)
}

/// `text.encode(encoding, errors)`.
pub fn encode(text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let encoding = Encoding::named(encoding)?;
    let errors = Errors::named(errors)?;
    if encoding == Encoding::Utf8 {
        return Ok(text.as_bytes().to_vec());
    }
    let chars: Vec<char> = text.chars().collect();
    let limit = encoding.limit();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let code = chars[i] as u32;
        if code < limit {
            out.push(code as u8);
            i += 1;
            continue;
        }
        let end = (i..chars.len())
            .find(|&j| (chars[j] as u32) < limit)
            .unwrap_or(chars.len());
        match errors {
            Errors::Strict => {
                let position = if end - i == 1 {
                    let escaped = match code {
                        0..=0xff => format!("\\x{code:02x}"),
                        0x100..=0xffff => format!("\\u{code:04x}"),
                        _ => format!("\\U{code:08x}"),
                    };
                    format!("character '{escaped}' in position {i}")
                } else {
                    format!("characters in position {i}-{}", end - 1)
                };
                return Err(exception(
                    TypeId::UnicodeEncodeError,
                    &format!(
                        "'{}' codec can't encode {position}: ordinal not in range({limit})",
                        encoding.label()
                    ),
                ));
            }
            Errors::Ignore => {}
            Errors::Replace => out.extend(std::iter::repeat_n(b'?', end - i)),
        }
        i = end;
    }
    Ok(out)
}

/// `data.decode(encoding, errors)`.
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let encoding = Encoding::named(encoding)?;
    let errors = Errors::named(errors)?;
    match encoding {
        Encoding::Latin1 => Ok(data.iter().map(|&b| char::from(b)).collect()),
        Encoding::Ascii => {
            let mut out = String::with_capacity(data.len());
            for (position, &byte) in data.iter().enumerate() {
                if byte < 0x80 {
                    out.push(char::from(byte));
                    continue;
                }
                match errors {
                    Errors::Strict => {
                        return Err(decode_error(
                            encoding,
                            byte,
                            position,
                            position + 1,
                            "ordinal not in range(128)",
                        ))
                    }
                    Errors::Ignore => {}
                    Errors::Replace => out.push('\u{fffd}'),
                }
            }
            Ok(out)
        }
        Encoding::Utf8 => {
            let mut out = String::with_capacity(data.len());
            let mut rest = data;
            let mut offset = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(text) => {
                        out.push_str(text);
                        return Ok(out);
                    }
                    Err(error) => {
                        let valid = error.valid_up_to();
                        out.push_str(
                            std::str::from_utf8(&rest[..valid]).expect("valid UTF-8 prefix"),
                        );
                        let (bad, reason) = match error.error_len() {
                            Some(len) => {
                                let first = rest[valid];
                                let reason = if (0xc2..=0xf4).contains(&first) {
                                    "invalid continuation byte"
                                } else {
                                    "invalid start byte"
                                };
                                (len, reason)
                            }
                            None => (rest.len() - valid, "unexpected end of data"),
                        };
                        match errors {
                            Errors::Strict => {
                                let start = offset + valid;
                                return Err(decode_error(
                                    encoding,
                                    rest[valid],
                                    start,
                                    start + bad,
                                    reason,
                                ));
                            }
                            Errors::Ignore => {}
                            Errors::Replace => out.push('\u{fffd}'),
                        }
                        offset += valid + bad;
                        rest = &rest[valid + bad..];
                    }
                }
            }
        }
    }
}

/// CPython's `UnicodeDecodeError` for the bytes `start..end`.
fn decode_error(
    encoding: Encoding,
    first: u8,
    start: usize,
    end: usize,
    reason: &str,
) -> Gc<InstanceObj> {
    let position = if end - start == 1 {
        format!("byte 0x{first:02x} in position {start}")
    } else {
        format!("bytes in position {start}-{}", end - 1)
    };
    exception(
        TypeId::UnicodeDecodeError,
        &format!(
            "'{}' codec can't decode {position}: {reason}",
            encoding.label()
        ),
    )
}
