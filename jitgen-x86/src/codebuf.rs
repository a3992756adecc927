//! Executable memory: each compiled trace gets its own mapping, written while it is
//! read-write and then made read+execute (never writable and executable at once), unmapped
//! when dropped. A per-thread cap bounds the total size of live code.

use std::cell::Cell;

/// The default cap on the bytes of live machine code per thread (see [`set_code_limit`]).
pub const DEFAULT_CODE_LIMIT: usize = 64 << 20;

thread_local! {
    static LIVE_BYTES: Cell<usize> = const { Cell::new(0) };
    static LIMIT: Cell<usize> = const { Cell::new(DEFAULT_CODE_LIMIT) };
}

/// Sets this thread's cap on live machine code, in bytes. A loop or bridge that would exceed
/// it is run by the reference backend instead (see the crate docs).
pub fn set_code_limit(bytes: usize) {
    LIMIT.with(|l| l.set(bytes));
}

/// The bytes of machine code mapped on this thread now (rounded up to pages).
pub fn live_code_bytes() -> usize {
    LIVE_BYTES.with(Cell::get)
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 {
        size as usize
    } else {
        4096
    }
}

/// One mapping of executable code.
pub(crate) struct CodeBuf {
    ptr: *mut u8,
    mapped: usize,
    len: usize,
}

impl CodeBuf {
    /// Maps `code` as executable, or `None` if that would pass the cap or mapping fails.
    /// `fixup` edits the bytes once their address is known, before they become executable.
    pub(crate) fn new(code: &[u8], fixup: impl FnOnce(u64, &mut [u8])) -> Option<CodeBuf> {
        let page = page_size();
        let mapped = code.len().max(1).div_ceil(page) * page;
        if live_code_bytes() + mapped > LIMIT.with(Cell::get) {
            return None;
        }
        // SAFETY: an anonymous private mapping with no address hint.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                mapped,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if ptr == libc::MAP_FAILED {
            return None;
        }
        let ptr = ptr as *mut u8;
        // SAFETY: the mapping is `mapped >= code.len()` bytes, read-write.
        unsafe { std::ptr::copy_nonoverlapping(code.as_ptr(), ptr, code.len()) };
        // SAFETY: as above; nothing else refers to the new mapping yet.
        fixup(ptr as u64, unsafe {
            std::slice::from_raw_parts_mut(ptr, code.len())
        });
        LIVE_BYTES.with(|b| b.set(b.get() + mapped));
        let buf = CodeBuf {
            ptr,
            mapped,
            len: code.len(),
        };
        buf.protect(libc::PROT_READ | libc::PROT_EXEC);
        Some(buf)
    }

    fn protect(&self, prot: libc::c_int) {
        // SAFETY: the range is this buffer's own mapping.
        let rc = unsafe { libc::mprotect(self.ptr as *mut libc::c_void, self.mapped, prot) };
        if rc != 0 {
            eprintln!(
                "jitgen-x86: mprotect failed: {}",
                std::io::Error::last_os_error()
            );
            std::process::abort();
        }
    }

    /// The address of the first byte.
    pub(crate) fn addr(&self) -> u64 {
        self.ptr as u64
    }

    /// The code bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        // SAFETY: the mapping stays readable and holds `len` bytes of code.
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// Overwrites the bytes at `offset` (a jump target slot, an instruction no thread is
    /// executing): the pages become read-write (not executable) for the write, then
    /// read+execute again.
    pub(crate) fn patch(&self, offset: usize, bytes: &[u8]) {
        assert!(
            offset + bytes.len() <= self.len,
            "jitgen-x86: patch outside the code"
        );
        self.protect(libc::PROT_READ | libc::PROT_WRITE);
        // SAFETY: in bounds (checked) and writable now.
        unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), self.ptr.add(offset), bytes.len()) };
        self.protect(libc::PROT_READ | libc::PROT_EXEC);
    }
}

impl Drop for CodeBuf {
    fn drop(&mut self) {
        // SAFETY: the mapping is ours and nothing runs in it any more (its loop is dropped).
        unsafe { libc::munmap(self.ptr as *mut libc::c_void, self.mapped) };
        LIVE_BYTES.with(|b| b.set(b.get() - self.mapped));
    }
}
