//! Ctrl-C for the `toy` command: SIGINT stops the program wherever it is (the interpreter,
//! the blackhole interpreter or compiled code, which never polls), with the output printed so
//! far flushed, a short message and exit status 130, as shells expect of a program killed by
//! SIGINT.
//!
//! The signal handler only writes a byte to a pipe (async-signal-safe); a watcher thread
//! reading the pipe does the rest. It can flush the program's output because the run keeps
//! its buffered writer in a shared slot ([`SharedOutput`]) rather than on the interpreter
//! thread alone.

use std::io::{BufWriter, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// The exit status of a program stopped by SIGINT (128 + the signal's number).
pub const INTERRUPTED_STATUS: i32 = 130;

/// The buffered standard output of the running program, shared by the interpreter thread
/// (which prints through it) and the watcher (which flushes it on SIGINT).
type Shared = Arc<Mutex<BufWriter<Box<dyn Write + Send>>>>;

/// The output of the program now running, once [`install`] was called.
static CURRENT_OUTPUT: Mutex<Option<Shared>> = Mutex::new(None);

/// The write end of the pipe the signal handler writes to (-1: not installed).
static PIPE_WRITE: std::sync::atomic::AtomicI32 = std::sync::atomic::AtomicI32::new(-1);

/// A program's buffered output, flushed on SIGINT if [`install`] was called.
#[derive(Clone)]
pub struct SharedOutput(Shared);

impl SharedOutput {
    /// Buffers `out`, and makes it the output SIGINT flushes.
    pub fn new(out: Box<dyn Write + Send>) -> SharedOutput {
        let shared: Shared = Arc::new(Mutex::new(BufWriter::new(out)));
        *CURRENT_OUTPUT
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(shared.clone());
        SharedOutput(shared)
    }
}

impl Write for SharedOutput {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .flush()
    }
}

extern "C" fn on_sigint(_signal: libc::c_int) {
    let fd = PIPE_WRITE.load(std::sync::atomic::Ordering::Relaxed);
    if fd >= 0 {
        let byte = 1u8;
        // SAFETY: writing one byte from a valid buffer; `write` is async-signal-safe.
        unsafe { libc::write(fd, (&byte as *const u8).cast(), 1) };
    }
}

/// Makes SIGINT stop the process: flush the running program's output, say so on standard
/// error, exit with [`INTERRUPTED_STATUS`].
pub fn install() -> std::io::Result<()> {
    let mut fds = [0 as libc::c_int; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe` writes.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let read_end = fds[0];
    PIPE_WRITE.store(fds[1], std::sync::atomic::Ordering::Relaxed);
    std::thread::Builder::new()
        .name("sigint".into())
        .spawn(move || {
            let mut byte = 0u8;
            // SAFETY: reading one byte into a valid buffer from the pipe made above.
            while unsafe { libc::read(read_end, (&mut byte as *mut u8).cast(), 1) } != 1 {}
            let output = CURRENT_OUTPUT
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            if let Some(output) = output {
                let _ = output
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .flush();
            }
            eprintln!("toy: interrupted");
            std::process::exit(INTERRUPTED_STATUS);
        })?;
    // SAFETY: a zeroed `sigaction` with a handler that only calls `write`.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_sigint as *const () as usize;
        action.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut action.sa_mask);
        if libc::sigaction(libc::SIGINT, &action, std::ptr::null_mut()) != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}
