//! Files: `open()` and the file objects it returns -- text files (`_io.TextIOWrapper`:
//! `str`s, an encoding, universal newlines) and binary ones (`_io.BufferedReader`,
//! `BufferedWriter`, `BufferedRandom`: `bytes`) -- over `std::fs::File` with a read and a
//! write buffer. A file's buffered writes reach the operating system when it is flushed,
//! closed, collected, or when the run ends (the GC drops the objects still alive).

use std::cell::RefCell;
use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom, Write};

use jitgen_core::gc::{Gc, GcVec};

use crate::runtime::builtins::{arity, bind, int_arg, Builtin};
use crate::runtime::bytes::{bytes_of, new_bytes};
use crate::runtime::call::Args;
use crate::runtime::codecs;
use crate::runtime::dict::dict_set_str;
use crate::runtime::iter::{get_iter, next};
use crate::runtime::objects::*;
use crate::runtime::oserror::from_io_error;
use crate::runtime::text::to_repr;
use crate::runtime::values::*;

/// How many bytes a write buffer holds before it is written out, and a read asks for.
const CHUNK: usize = 8192;

/// The methods of file objects.
const METHODS: &[Builtin] = &[
    Builtin::FileRead,
    Builtin::FileReadline,
    Builtin::FileReadlines,
    Builtin::FileWrite,
    Builtin::FileWritelines,
    Builtin::FileClose,
    Builtin::FileFlush,
    Builtin::FileSeek,
    Builtin::FileTell,
    Builtin::FileReadable,
    Builtin::FileWritable,
    Builtin::FileSeekable,
    Builtin::FileEnter,
    Builtin::FileExit,
];

/// The types of file objects.
const FILE_TYPES: [TypeId; 4] = [
    TypeId::TextIOWrapper,
    TypeId::BufferedReader,
    TypeId::BufferedWriter,
    TypeId::BufferedRandom,
];

/// The method `name` of file objects.
pub fn method(name: &str) -> Option<Builtin> {
    METHODS
        .iter()
        .copied()
        .find(|&m| crate::runtime::builtins::builtin_name(m as i64) == name)
}

/// Gives the file types the context manager methods `with` looks up on the class, and
/// `io.UnsupportedOperation` its second base, `ValueError`, in its MRO.
pub fn install(types: Gc<jitgen_core::gc::GcImmutableArray<Gc<TypeObj>>>) {
    let unsupported = types.get(TypeId::UnsupportedOperation as usize);
    let mro = GcVec::new();
    for id in [
        TypeId::UnsupportedOperation,
        TypeId::OSError,
        TypeId::ValueError,
        TypeId::Exception,
        TypeId::BaseException,
        TypeId::Object,
    ] {
        mro.push(types.get(id as usize).erase());
    }
    unsupported.mro.set(new_tuple(mro).downcast::<TupleObj>());
    for id in FILE_TYPES {
        let cls = types.get(id as usize);
        for method in [Builtin::FileEnter, Builtin::FileExit] {
            let value = Gc::new(BuiltinObj {
                id: method as i64,
                receiver: None,
                owner: Some(cls),
            })
            .erase();
            dict_set_str(
                cls.dict,
                crate::runtime::builtins::builtin_name(method as i64),
                value,
            );
        }
    }
}

/// How a text file reads and writes line ends (`open`'s `newline`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Newline {
    /// `None`: lines end at `\n`, `\r` or `\r\n`, read as `\n`; `\n` written as is.
    Universal,
    /// `''`: lines end at `\n`, `\r` or `\r\n`, read and written untranslated.
    Untranslated,
    /// `'\n'`: lines end at `\n` only.
    Lf,
    /// `'\r'`: lines end at `\r`; `\n` is written as `\r`.
    Cr,
    /// `'\r\n'`: lines end at `\r\n`; `\n` is written as `\r\n`.
    CrLf,
}

/// The text layer of a text file.
struct TextCodec {
    /// The encoding's name as given.
    encoding: String,
    /// Whether the encoding has multi-byte characters (UTF-8).
    multibyte: bool,
    /// The error handler's name.
    errors: String,
    newline: Newline,
}

/// An open file: the operating system's file and the buffers in front of it.
pub struct OpenFile {
    file: std::fs::File,
    readable: bool,
    writable: bool,
    /// Bytes read from the file and not consumed yet: `read_buffer[read_pos..]`.
    read_buffer: Vec<u8>,
    read_pos: usize,
    /// Bytes written and not passed to the file yet.
    write_buffer: Vec<u8>,
    /// `None` for a binary file.
    text: Option<TextCodec>,
}

impl Drop for OpenFile {
    fn drop(&mut self) {
        let _ = self.file.write_all(&self.write_buffer);
    }
}

/// The open file of a file object (`None` once closed); it holds no GC references.
pub struct FileState(pub RefCell<Option<OpenFile>>);

// SAFETY: an `OpenFile` holds a file descriptor and byte buffers, no GC references.
unsafe impl jitgen_core::gc::Trace for FileState {}

/// The `ValueError` of method `method` (`None`: iteration and other uses) of a closed
/// file, in CPython's words, which vary with the method and the kind of file.
fn closed_error<T>(method: Option<Builtin>, binary: bool) -> PyResult<T> {
    use Builtin::*;
    let message = match (method, binary) {
        (Some(FileReadable | FileWritable | FileSeekable), _) | (Some(FileTell), true) => {
            "I/O operation on closed file"
        }
        (Some(FileRead), true) => "read of closed file",
        (Some(FileReadline), true) => "readline of closed file",
        (Some(FileWrite), true) => "write to closed file",
        (Some(FileFlush), true) => "flush of closed file",
        (Some(FileSeek), true) => "seek of closed file",
        _ => "I/O operation on closed file.",
    };
    value_error(message.into())
}

/// `io.UnsupportedOperation(message)`.
fn unsupported_operation<T>(message: &str) -> PyResult<T> {
    Err(exception(TypeId::UnsupportedOperation, message))
}

/// An operating-system failure as the `OSError` it raises.
fn os_error(error: std::io::Error) -> Gc<InstanceObj> {
    from_io_error(&error, None)
}

impl OpenFile {
    /// Passes the buffered writes to the file.
    fn flush_writes(&mut self) -> PyResult<()> {
        if !self.write_buffer.is_empty() {
            let result = self.file.write_all(&self.write_buffer);
            self.write_buffer.clear();
            result.map_err(os_error)?;
        }
        Ok(())
    }

    /// Gives back the bytes read ahead and not consumed, so the file's position is the
    /// program's (before writing or seeking).
    fn drop_read_ahead(&mut self) -> PyResult<()> {
        let ahead = self.read_buffer.len() - self.read_pos;
        self.read_buffer.clear();
        self.read_pos = 0;
        if ahead > 0 {
            self.file
                .seek(SeekFrom::Current(-(ahead as i64)))
                .map_err(os_error)?;
        }
        Ok(())
    }

    /// The unconsumed bytes read ahead.
    fn available(&self) -> &[u8] {
        &self.read_buffer[self.read_pos..]
    }

    /// Reads more of the file into the read buffer; false at its end.
    fn fill(&mut self) -> PyResult<bool> {
        if self.read_pos > 0 {
            self.read_buffer.drain(..self.read_pos);
            self.read_pos = 0;
        }
        let start = self.read_buffer.len();
        self.read_buffer.resize(start + CHUNK, 0);
        loop {
            match self.file.read(&mut self.read_buffer[start..]) {
                Ok(count) => {
                    self.read_buffer.truncate(start + count);
                    return Ok(count > 0);
                }
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => {
                    self.read_buffer.truncate(start);
                    return Err(os_error(error));
                }
            }
        }
    }

    /// Takes the next `count` unconsumed bytes.
    fn take(&mut self, count: usize) -> Vec<u8> {
        let taken = self.available()[..count].to_vec();
        self.read_pos += count;
        taken
    }

    /// Reads everything to the end of the file.
    fn take_all(&mut self) -> PyResult<Vec<u8>> {
        while self.fill()? {}
        Ok(self.take(self.available().len()))
    }

    /// Makes the file ready to read: readable, the buffered writes out.
    fn start_read(&mut self) -> PyResult<()> {
        if !self.readable {
            return unsupported_operation(if self.text.is_some() {
                "not readable"
            } else {
                "read"
            });
        }
        self.flush_writes()
    }

    /// Makes the file ready to write: writable, the read-ahead of a binary file given back
    /// (a text file writes after the bytes it read ahead, as CPython's).
    fn start_write(&mut self) -> PyResult<()> {
        if !self.writable {
            return unsupported_operation(if self.text.is_some() {
                "not writable"
            } else {
                "write"
            });
        }
        if self.text.is_some() {
            self.read_buffer.clear();
            self.read_pos = 0;
            return Ok(());
        }
        self.drop_read_ahead()
    }

    /// Where the first line of the unconsumed bytes ends (the index after its line end),
    /// if the bytes read so far tell; `at_end`: no more bytes will come.
    fn line_end(&self, at_end: bool) -> Option<usize> {
        let bytes = self.available();
        let newline = self.text.as_ref().map_or(Newline::Lf, |t| t.newline);
        match newline {
            Newline::Lf => bytes.iter().position(|&b| b == b'\n').map(|i| i + 1),
            Newline::Cr => bytes.iter().position(|&b| b == b'\r').map(|i| i + 1),
            Newline::CrLf => bytes.windows(2).position(|w| w == b"\r\n").map(|i| i + 2),
            Newline::Universal | Newline::Untranslated => {
                let i = bytes.iter().position(|&b| b == b'\n' || b == b'\r')?;
                match (bytes[i], bytes.get(i + 1)) {
                    (b'\r', Some(b'\n')) => Some(i + 2),
                    // A `\r` last in the buffer may be the start of `\r\n`.
                    (b'\r', None) if !at_end => None,
                    _ => Some(i + 1),
                }
            }
        }
    }

    /// The bytes of the next line (through its line end; the rest of the file for the
    /// last), at most `limit` characters (bytes for a binary file) of it.
    fn take_line(&mut self, limit: Option<usize>) -> PyResult<Vec<u8>> {
        let mut at_end = false;
        loop {
            let end = self
                .line_end(at_end)
                .or(at_end.then(|| self.available().len()));
            if let Some(end) = end {
                let end = match limit {
                    Some(limit) => end.min(self.char_boundary(limit, at_end).unwrap_or(end)),
                    None => end,
                };
                return Ok(self.take(end));
            }
            if let Some(cut) = limit.and_then(|limit| self.char_boundary(limit, at_end)) {
                return Ok(self.take(cut));
            }
            at_end = !self.fill()?;
        }
    }

    /// The index after the first `count` characters of the unconsumed bytes (bytes for a
    /// binary file; `\r\n` one character when newlines are translated), if they are there.
    fn char_boundary(&self, count: usize, at_end: bool) -> Option<usize> {
        let bytes = self.available();
        let (multibyte, universal) = match &self.text {
            Some(codec) => (codec.multibyte, codec.newline == Newline::Universal),
            None => return (bytes.len() >= count || at_end).then_some(count.min(bytes.len())),
        };
        let mut chars = 0;
        let mut i = 0;
        while i < bytes.len() {
            if chars == count {
                // A multi-byte character ends where the next one starts.
                return Some(i);
            }
            let byte = bytes[i];
            i += 1;
            if multibyte {
                while i < bytes.len() && bytes[i] & 0xc0 == 0x80 {
                    i += 1;
                }
                if i == bytes.len() && !at_end {
                    return None;
                }
            }
            if universal && byte == b'\r' {
                match bytes.get(i) {
                    Some(b'\n') => i += 1,
                    None if !at_end => return None,
                    _ => {}
                }
            }
            chars += 1;
        }
        (chars == count || at_end).then_some(i)
    }

    /// Reads `count` characters (bytes for a binary file), or to the end (`None`).
    fn take_chars(&mut self, count: Option<usize>) -> PyResult<Vec<u8>> {
        let Some(count) = count else {
            return self.take_all();
        };
        let mut at_end = false;
        loop {
            if let Some(end) = self.char_boundary(count, at_end) {
                return Ok(self.take(end));
            }
            at_end = !self.fill()?;
        }
    }

    /// Bytes read from a text file as the str they stand for.
    fn decode(&self, bytes: &[u8]) -> PyResult<Value> {
        let Some(codec) = &self.text else {
            return Ok(new_bytes(bytes));
        };
        let text = codecs::decode(bytes, &codec.encoding, &codec.errors)?;
        Ok(new_str(&if codec.newline == Newline::Universal {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text
        }))
    }

    /// Buffers `data`, writing the buffer out once it is full.
    fn buffer_write(&mut self, data: &[u8]) -> PyResult<()> {
        self.write_buffer.extend_from_slice(data);
        if self.write_buffer.len() >= CHUNK {
            self.flush_writes()?;
        }
        Ok(())
    }

    /// The program's position in the file.
    fn tell(&mut self) -> PyResult<i64> {
        self.flush_writes()?;
        let position = self.file.stream_position().map_err(os_error)?;
        Ok(position as i64 - (self.read_buffer.len() - self.read_pos) as i64)
    }
}

/// The parts of a mode string.
struct Mode {
    reading: bool,
    writing: bool,
    appending: bool,
    creating: bool,
    updating: bool,
    binary: bool,
}

impl Mode {
    /// Parses `open`'s mode, with CPython's errors.
    fn parse(mode: &str) -> PyResult<Mode> {
        let invalid = || value_error(format!("invalid mode: '{mode}'"));
        let mut seen = String::new();
        for c in mode.chars() {
            if !"rwxabt+".contains(c) || seen.contains(c) {
                return invalid();
            }
            seen.push(c);
        }
        let has = |c| seen.contains(c);
        let parsed = Mode {
            reading: has('r'),
            writing: has('w'),
            appending: has('a'),
            creating: has('x'),
            updating: has('+'),
            binary: has('b'),
        };
        let kinds = [
            parsed.reading,
            parsed.writing,
            parsed.appending,
            parsed.creating,
        ];
        if has('t') && parsed.binary {
            return value_error("can't have text and binary mode at once".into());
        }
        if kinds.iter().filter(|&&k| k).count() > 1 {
            return value_error("must have exactly one of create/read/write/append mode".into());
        }
        Ok(parsed)
    }

    /// The mode a binary file reports (its raw file's: `w+b` is `rb+`).
    fn binary_name(&self) -> &'static str {
        match (
            self.creating,
            self.appending,
            self.reading || self.updating,
            self.writing || self.updating || self.appending || self.creating,
        ) {
            (true, _, true, _) => "xb+",
            (true, _, false, _) => "xb",
            (_, true, true, _) => "ab+",
            (_, true, false, _) => "ab",
            (_, _, true, true) => "rb+",
            (_, _, true, false) => "rb",
            _ => "wb",
        }
    }

    /// The type of the file object this mode opens.
    fn file_type(&self) -> TypeId {
        if !self.binary {
            TypeId::TextIOWrapper
        } else if self.updating {
            TypeId::BufferedRandom
        } else if self.reading {
            TypeId::BufferedReader
        } else {
            TypeId::BufferedWriter
        }
    }
}

/// A str argument of `open`, or `None` when not given or `None`.
fn optional_str(value: Option<Value>, what: &str) -> PyResult<Option<String>> {
    match value {
        Some(v) if !is_none(v) => match v.downcast::<StrObj>() {
            Some(s) => Ok(Some(s.as_str().to_string())),
            None => type_error(format!(
                "open() argument '{what}' must be str or None, not {}",
                type_name(v)
            )),
        },
        _ => Ok(None),
    }
}

/// The path a file name stands for (a str or bytes).
pub fn path_of(name: Value) -> PyResult<std::path::PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = if let Some(s) = name.downcast::<StrObj>() {
        s.as_str().as_bytes().to_vec()
    } else if let Some(b) = name.downcast::<BytesObj>() {
        b.data.as_slice().to_vec()
    } else if name.is::<IntObj>() || name.is::<BoolObj>() {
        return unsupported("opening a file descriptor");
    } else {
        return type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(name)
        ));
    };
    if bytes.contains(&0) {
        return value_error("embedded null byte".into());
    }
    Ok(std::ffi::OsStr::from_bytes(&bytes).into())
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)`.
pub fn open(args: Args) -> PyResult<Value> {
    let [file, mode, buffering, encoding, errors, newline] = bind(
        "open",
        &args,
        ["file", "mode", "buffering", "encoding", "errors", "newline"],
        6,
    )?;
    let Some(name) = file else {
        return type_error("open() missing required argument 'file' (pos 1)".into());
    };
    let mode_text = match mode {
        None => "r".to_string(),
        Some(m) => match m.downcast::<StrObj>() {
            Some(s) => s.as_str().to_string(),
            None => {
                return type_error(format!(
                    "open() argument 'mode' must be str, not {}",
                    type_name(m)
                ))
            }
        },
    };
    let buffering = match buffering {
        Some(b) => int_arg(b, "")?,
        None => -1,
    };
    let encoding = optional_str(encoding, "encoding")?;
    let errors = optional_str(errors, "errors")?;
    let newline = optional_str(newline, "newline")?;
    let parsed = Mode::parse(&mode_text)?;
    let text = if parsed.binary {
        for (given, what) in [
            (&encoding, "an encoding"),
            (&errors, "an errors"),
            (&newline, "a newline"),
        ] {
            if given.is_some() {
                return value_error(format!("binary mode doesn't take {what} argument"));
            }
        }
        None
    } else {
        if buffering == 0 {
            return value_error("can't have unbuffered text I/O".into());
        }
        let newline = match newline.as_deref() {
            None => Newline::Universal,
            Some("") => Newline::Untranslated,
            Some("\n") => Newline::Lf,
            Some("\r") => Newline::Cr,
            Some("\r\n") => Newline::CrLf,
            Some(other) => {
                return value_error(format!("illegal newline value: {other}"));
            }
        };
        let encoding = encoding.unwrap_or_else(|| "UTF-8".to_string());
        Some(TextCodec {
            multibyte: codecs::is_multibyte(&encoding)?,
            encoding,
            errors: errors.unwrap_or_else(|| "strict".to_string()),
            newline,
        })
    };
    if !(parsed.reading || parsed.writing || parsed.appending || parsed.creating) {
        return value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus".into(),
        );
    }
    let path = path_of(name)?;
    let mut options = OpenOptions::new();
    options
        .read(parsed.reading || parsed.updating)
        .write(parsed.writing || parsed.creating || parsed.updating)
        .append(parsed.appending)
        .truncate(parsed.writing)
        .create(parsed.writing || parsed.appending)
        .create_new(parsed.creating);
    let os_file = options
        .open(&path)
        .map_err(|error| from_io_error(&error, Some(name)))?;
    if os_file.metadata().is_ok_and(|m| m.is_dir()) {
        let error = std::io::Error::from_raw_os_error(libc::EISDIR);
        return Err(from_io_error(&error, Some(name)));
    }
    let mut os_file = os_file;
    if parsed.appending {
        os_file.seek(SeekFrom::End(0)).map_err(os_error)?;
    }
    let shown_mode = if parsed.binary {
        parsed.binary_name().to_string()
    } else {
        mode_text
    };
    let shown = |value: Option<&String>| value.map_or_else(none, |s| new_str(s));
    let file = Gc::new(FileObj {
        name,
        mode: StrObj::new(&shown_mode),
        encoding: shown(text.as_ref().map(|t| &t.encoding)),
        errors: shown(text.as_ref().map(|t| &t.errors)),
        kind: parsed.file_type() as i64,
        state: FileState(RefCell::new(Some(OpenFile {
            file: os_file,
            readable: parsed.reading || parsed.updating,
            writable: !parsed.reading || parsed.updating,
            read_buffer: Vec::new(),
            read_pos: 0,
            write_buffer: Vec::new(),
            text,
        }))),
    });
    Ok(file.erase())
}

/// The type of a file object.
pub fn file_type(file: Gc<FileObj>) -> TypeId {
    FILE_TYPES
        .into_iter()
        .find(|&id| id as i64 == file.kind)
        .unwrap_or(TypeId::TextIOWrapper)
}

/// Runs `action` (for method `method`) on a file's open file: `ValueError` once closed,
/// `RuntimeError` for a call that reaches the file while it is in use.
fn with_open<T>(
    file: Gc<FileObj>,
    method: Option<Builtin>,
    action: impl FnOnce(&mut OpenFile) -> PyResult<T>,
) -> PyResult<T> {
    let Ok(mut state) = file.state.0.try_borrow_mut() else {
        return Err(exception(
            TypeId::RuntimeError,
            "reentrant call inside file object",
        ));
    };
    match state.as_mut() {
        Some(open) => action(open),
        None => closed_error(method, file.kind != TypeId::TextIOWrapper as i64),
    }
}

/// An optional size argument: `None` or negative for "all".
fn size_arg(value: Option<Value>) -> PyResult<Option<usize>> {
    match value {
        None => Ok(None),
        Some(v) if is_none(v) => Ok(None),
        Some(v) => match crate::runtime::numbers::as_num(v) {
            Some(crate::runtime::numbers::Num::Int(i)) => Ok(usize::try_from(i).ok()),
            _ => type_error(format!(
                "argument should be integer or None, not '{}'",
                type_name(v)
            )),
        },
    }
}

/// The next line of a file (`""` or `b""` at its end), read for `method`.
fn readline(file: Gc<FileObj>, method: Option<Builtin>, limit: Option<usize>) -> PyResult<Value> {
    with_open(file, method, |open| {
        open.start_read()?;
        let line = open.take_line(limit)?;
        open.decode(&line)
    })
}

/// `next()` of a file: its next line, `None` at its end.
pub fn next_line(file: Gc<FileObj>) -> PyResult<Option<Value>> {
    let line = readline(file, Some(Builtin::FileReadline), None)?;
    let empty = crate::runtime::ops::len(line)? == 0;
    Ok((!empty).then_some(line))
}

/// `iter()` of a file: the file itself, if it is open.
pub fn iterate(file: Gc<FileObj>) -> PyResult<Value> {
    with_open(file, None, |_| Ok(file.erase()))
}

/// Writes a str (text file) or bytes-like (binary file); returns how many characters or
/// bytes.
fn write(file: Gc<FileObj>, method: Option<Builtin>, data: Value) -> PyResult<Value> {
    with_open(file, method, |open| {
        let (bytes, count) = match &open.text {
            Some(codec) => {
                let Some(text) = data.downcast::<StrObj>() else {
                    return type_error(format!(
                        "write() argument must be str, not {}",
                        type_name(data)
                    ));
                };
                let line_end = match codec.newline {
                    Newline::Cr => Some("\r"),
                    Newline::CrLf => Some("\r\n"),
                    _ => None,
                };
                let translated = match line_end {
                    Some(end) => text.as_str().replace('\n', end),
                    None => text.as_str().to_string(),
                };
                let bytes = codecs::encode(&translated, &codec.encoding, &codec.errors)?;
                (bytes, text.chars)
            }
            None => {
                let Some(bytes) = bytes_of(data) else {
                    return type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        type_name(data)
                    ));
                };
                let count = bytes.len() as i64;
                (bytes, count)
            }
        };
        open.start_write()?;
        open.buffer_write(&bytes)?;
        Ok(new_int(count))
    })
}

/// Closes a file: its writes flushed, its descriptor closed (again: nothing).
fn close(file: Gc<FileObj>) -> PyResult<()> {
    let Ok(mut state) = file.state.0.try_borrow_mut() else {
        return Err(exception(
            TypeId::RuntimeError,
            "reentrant call inside file object",
        ));
    };
    match state.take() {
        Some(mut open) => open.flush_writes(),
        None => Ok(()),
    }
}

/// `seek(offset, whence=0)`: the new position.
fn seek(file: Gc<FileObj>, args: &Args) -> PyResult<Value> {
    arity("seek", args, 1, 2)?;
    let offset = int_arg(args.get(0), "")?;
    let whence = if args.npos > 1 {
        int_arg(args.get(1), "")?
    } else {
        0
    };
    with_open(file, Some(Builtin::FileSeek), |open| {
        let target = match whence {
            0 if offset < 0 && open.text.is_some() => {
                return value_error(format!("negative seek position {offset}"))
            }
            0 if offset < 0 => {
                return Err(os_error(std::io::Error::from_raw_os_error(libc::EINVAL)))
            }
            0 => SeekFrom::Start(offset as u64),
            1 | 2 if open.text.is_some() && offset != 0 => {
                let which = if whence == 1 { "cur" } else { "end" };
                return unsupported_operation(&format!("can't do nonzero {which}-relative seeks"));
            }
            1 => match u64::try_from(open.tell()? + offset) {
                Ok(position) => SeekFrom::Start(position),
                Err(_) => return Err(os_error(std::io::Error::from_raw_os_error(libc::EINVAL))),
            },
            2 => SeekFrom::End(offset),
            _ => return value_error(format!("invalid whence ({whence}, should be 0, 1 or 2)")),
        };
        open.flush_writes()?;
        open.read_buffer.clear();
        open.read_pos = 0;
        let position = open.file.seek(target).map_err(os_error)?;
        Ok(new_int(position as i64))
    })
}

/// Calls a method of a file object.
pub fn call_method(id: Builtin, file: Gc<FileObj>, args: Args) -> PyResult<Value> {
    let name = crate::runtime::builtins::builtin_name(id as i64);
    match id {
        Builtin::FileRead => {
            arity(name, &args, 0, 1)?;
            let size = size_arg((args.npos > 0).then(|| args.get(0)))?;
            with_open(file, Some(id), |open| {
                open.start_read()?;
                let bytes = open.take_chars(size)?;
                open.decode(&bytes)
            })
        }
        Builtin::FileReadline => {
            arity(name, &args, 0, 1)?;
            readline(
                file,
                Some(id),
                size_arg((args.npos > 0).then(|| args.get(0)))?,
            )
        }
        Builtin::FileReadlines => {
            arity(name, &args, 0, 1)?;
            let hint = size_arg((args.npos > 0).then(|| args.get(0)))?.filter(|&h| h > 0);
            with_open(file, None, |_| Ok(()))?;
            let lines = GcVec::new();
            let mut total = 0;
            while let Some(line) = next_line(file)? {
                total += crate::runtime::ops::len(line)? as usize;
                lines.push(line);
                if hint.is_some_and(|hint| total >= hint) {
                    break;
                }
            }
            Ok(new_list(lines))
        }
        Builtin::FileWrite => {
            arity(name, &args, 1, 1)?;
            write(file, Some(id), args.get(0))
        }
        Builtin::FileWritelines => {
            arity(name, &args, 1, 1)?;
            with_open(file, None, |_| Ok(()))?;
            let lines = get_iter(args.get(0))?;
            while let Some(line) = next(lines)? {
                write(file, None, line)?;
            }
            Ok(none())
        }
        Builtin::FileClose => {
            arity(name, &args, 0, 0)?;
            close(file)?;
            Ok(none())
        }
        Builtin::FileExit => {
            close(file)?;
            Ok(none())
        }
        Builtin::FileEnter => {
            arity(name, &args, 0, 0)?;
            iterate(file)
        }
        Builtin::FileFlush => {
            arity(name, &args, 0, 0)?;
            with_open(file, Some(id), OpenFile::flush_writes)?;
            Ok(none())
        }
        Builtin::FileSeek => seek(file, &args),
        Builtin::FileTell => {
            arity(name, &args, 0, 0)?;
            with_open(file, Some(id), |open| open.tell().map(new_int))
        }
        Builtin::FileReadable | Builtin::FileWritable | Builtin::FileSeekable => {
            arity(name, &args, 0, 0)?;
            with_open(file, Some(id), |open| {
                Ok(new_bool(match id {
                    Builtin::FileReadable => open.readable,
                    Builtin::FileWritable => open.writable,
                    _ => true,
                }))
            })
        }
        _ => type_error(format!("unknown method of a file: {name}")),
    }
}

/// The data attributes of a file object: `name`, `mode`, `closed`, and a text file's
/// `encoding` and `errors`.
pub fn attribute(file: Gc<FileObj>, name: &str) -> Option<Value> {
    let is_text = file.kind == TypeId::TextIOWrapper as i64;
    match name {
        "name" => Some(file.name),
        "mode" => Some(file.mode.erase()),
        "closed" => Some(new_bool(
            file.state.0.try_borrow().is_ok_and(|s| s.is_none()),
        )),
        "encoding" if is_text => Some(file.encoding),
        "errors" if is_text => Some(file.errors),
        _ => None,
    }
}

/// `repr()` of a file object, as CPython's: `<_io.TextIOWrapper name='x' mode='r'
/// encoding='UTF-8'>`, `<_io.BufferedReader name='x'>`.
pub fn repr(file: Gc<FileObj>) -> PyResult<String> {
    let type_name = BUILTIN_TYPES[file_type(file) as usize].1;
    let name = to_repr(file.name)?;
    if file.kind != TypeId::TextIOWrapper as i64 {
        return Ok(format!("<_io.{type_name} name={name}>"));
    }
    Ok(format!(
        "<_io.{type_name} name={name} mode={} encoding={}>",
        to_repr(file.mode.erase())?,
        to_repr(file.encoding)?
    ))
}
