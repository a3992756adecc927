//! The run's standard output and standard error: where `print` and `sys.stdout` /
//! `sys.stderr` write, and the stream objects that stand for them.

use std::cell::RefCell;
use std::io::Write;

use jitgen_core::gc::Gc;

use crate::runtime::builtins::{arity, Builtin};
use crate::runtime::call::Args;
use crate::runtime::objects::*;
use crate::runtime::values::*;

/// Which standard stream a `StreamObj` writes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Stream {
    /// Standard output (`sys.stdout`, buffered).
    Stdout,
    /// Standard error (`sys.stderr`).
    Stderr,
}

impl Stream {
    /// The stream a `StreamObj` stands for.
    pub fn of(stream: Gc<StreamObj>) -> Stream {
        if stream.which == Stream::Stderr as i64 {
            Stream::Stderr
        } else {
            Stream::Stdout
        }
    }

    /// The name CPython shows in the stream's repr.
    pub fn name(self) -> &'static str {
        match self {
            Stream::Stdout => "<stdout>",
            Stream::Stderr => "<stderr>",
        }
    }
}

/// The writers of a run.
#[derive(Default)]
pub struct Streams {
    /// Standard output.
    pub out: Option<Box<dyn Write>>,
    /// Standard error.
    pub err: Option<Box<dyn Write>>,
}

/// A writer that passes every write on and flushes it at once (`-u`).
pub struct WrittenThrough<W: Write>(pub W);

impl<W: Write> Write for WrittenThrough<W> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let written = self.0.write(bytes)?;
        self.0.flush()?;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

thread_local! {
    /// The writers of the run on this thread (set by `run`).
    static STREAMS: RefCell<Streams> = RefCell::new(Streams::default());
}

/// Installs the writers of a run; returns the previous ones (flushed by their owner).
pub fn set_streams(streams: Streams) -> Streams {
    STREAMS.with(|slot| std::mem::replace(&mut *slot.borrow_mut(), streams))
}

/// Runs `action` on a stream's writer (nothing happens once the run's writers are gone).
fn with_writer(stream: Stream, action: impl FnOnce(&mut dyn Write)) {
    STREAMS.with(|slot| {
        let mut streams = slot.borrow_mut();
        let writer = match stream {
            Stream::Stdout => streams.out.as_mut(),
            Stream::Stderr => streams.err.as_mut(),
        };
        if let Some(writer) = writer {
            action(&mut **writer);
        }
    });
}

/// Writes `text` to a stream.
pub fn write(stream: Stream, text: &str) {
    with_writer(stream, |writer| {
        let _ = writer.write_all(text.as_bytes());
    });
}

/// Flushes a stream.
pub fn flush(stream: Stream) {
    with_writer(stream, |writer| {
        let _ = writer.flush();
    });
}

/// A new stream object for `stream`.
pub fn new_stream(stream: Stream) -> Value {
    Gc::new(StreamObj {
        which: stream as i64,
    })
    .erase()
}

/// Calls a method of a stream: `write(text)` (returns the number of characters) or
/// `flush()`.
pub fn call_method(id: Builtin, stream: Gc<StreamObj>, args: Args) -> PyResult<Value> {
    let stream = Stream::of(stream);
    match id {
        Builtin::FileWrite => {
            arity("write", &args, 1, 1)?;
            let text = args.get(0);
            let Some(text) = text.downcast::<StrObj>() else {
                return type_error(format!(
                    "write() argument must be str, not {}",
                    type_name(text)
                ));
            };
            write(stream, text.as_str());
            Ok(new_int(text.chars))
        }
        Builtin::FileFlush => {
            arity("flush", &args, 0, 0)?;
            flush(stream);
            Ok(none())
        }
        _ => type_error("unknown method of a stream".into()),
    }
}
