//! Executable memory: compiled traces are packed one after the other (cache-line aligned)
//! into per-thread chunks of pages, so the code that runs together shares cache lines and
//! TLB entries. Pages are written while read-write and then made read+execute (never
//! writable and executable at once); a chunk is unmapped when no code in it is alive. A
//! per-thread cap bounds the total size of live code.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The default cap on the bytes of live machine code per thread (see [`set_code_limit`]).
pub const DEFAULT_CODE_LIMIT: usize = 64 << 20;

/// The size of a chunk (a larger piece of code gets a chunk of its own size).
const CHUNK_BYTES: usize = 1 << 20;

/// Where each piece of code starts: a cache line.
const ALIGN: usize = 64;

thread_local! {
    static LIVE_BYTES: Cell<usize> = const { Cell::new(0) };
    static LIMIT: Cell<usize> = const { Cell::new(DEFAULT_CODE_LIMIT) };
    /// The chunk new code goes into.
    static CURRENT: RefCell<Option<Rc<Chunk>>> = const { RefCell::new(None) };
}

/// Sets this thread's cap on live machine code, in bytes. A loop or bridge that would exceed
/// it is run by the reference backend instead (see the crate docs).
pub fn set_code_limit(bytes: usize) {
    LIMIT.with(|l| l.set(bytes));
}

/// The bytes of machine code alive on this thread now.
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

/// One mapping that code is packed into.
struct Chunk {
    ptr: *mut u8,
    size: usize,
    /// The bytes handed out so far.
    used: Cell<usize>,
}

impl Chunk {
    /// A fresh read-write mapping of `size` bytes (a multiple of the page size).
    fn map(size: usize) -> Option<Chunk> {
        // SAFETY: an anonymous private mapping with no address hint.
        let ptr = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        (ptr != libc::MAP_FAILED).then(|| Chunk {
            ptr: ptr as *mut u8,
            size,
            used: Cell::new(0),
        })
    }

    /// Sets the protection of the pages holding `len` bytes at `offset`.
    fn protect(&self, offset: usize, len: usize, prot: libc::c_int) {
        let page = page_size();
        let start = offset / page * page;
        let end = (offset + len.max(1)).div_ceil(page) * page;
        // SAFETY: the range lies within this chunk's own mapping.
        let rc = unsafe {
            libc::mprotect(
                self.ptr.add(start) as *mut libc::c_void,
                end.min(self.size) - start,
                prot,
            )
        };
        if rc != 0 {
            eprintln!(
                "jitgen-x86: mprotect failed: {}",
                std::io::Error::last_os_error()
            );
            std::process::abort();
        }
    }

    /// Writes `bytes` at `offset`: the pages are read-write (not executable) meanwhile, then
    /// read+execute. Code elsewhere on those pages is not running (this thread is here).
    fn write(&self, offset: usize, bytes: &[u8], edit: impl FnOnce(&mut [u8])) {
        self.edit(offset, bytes.len(), |target| {
            target.copy_from_slice(bytes);
            edit(target);
        });
    }

    /// Edits the `len` bytes at `offset`: the pages are read-write (not executable)
    /// meanwhile, then read+execute. Code elsewhere on those pages is not running (this
    /// thread is here).
    fn edit(&self, offset: usize, len: usize, edit: impl FnOnce(&mut [u8])) {
        self.protect(offset, len, libc::PROT_READ | libc::PROT_WRITE);
        // SAFETY: in bounds (callers place and check) and writable now.
        edit(unsafe { std::slice::from_raw_parts_mut(self.ptr.add(offset), len) });
        self.protect(offset, len, libc::PROT_READ | libc::PROT_EXEC);
    }
}

impl Drop for Chunk {
    fn drop(&mut self) {
        // SAFETY: the mapping is ours, and no code in it is alive any more.
        unsafe { libc::munmap(self.ptr as *mut libc::c_void, self.size) };
    }
}

/// The executable copy of one trace's code.
pub(crate) struct CodeBuf {
    chunk: Rc<Chunk>,
    offset: usize,
    len: usize,
}

impl CodeBuf {
    /// Places `code` as executable, or `None` if that would pass the cap or mapping fails.
    /// `fixup` edits the bytes once their address is known, before they become executable.
    pub(crate) fn new(code: &[u8], fixup: impl FnOnce(u64, &mut [u8])) -> Option<CodeBuf> {
        let len = code.len().max(1);
        if live_code_bytes() + len > LIMIT.with(Cell::get) {
            return None;
        }
        let (chunk, offset) = CURRENT.with(|current| {
            let mut current = current.borrow_mut();
            if let Some(chunk) = current.as_ref() {
                let offset = chunk.used.get().next_multiple_of(ALIGN);
                if offset + len <= chunk.size {
                    chunk.used.set(offset + len);
                    return Some((chunk.clone(), offset));
                }
            }
            let size = len.max(CHUNK_BYTES).div_ceil(page_size()) * page_size();
            let chunk = Rc::new(Chunk::map(size)?);
            chunk.used.set(len);
            *current = Some(chunk.clone());
            Some((chunk, 0))
        })?;
        // SAFETY: the chunk's mapping outlives the pointer's use here.
        let addr = unsafe { chunk.ptr.add(offset) } as u64;
        chunk.write(offset, code, |bytes| fixup(addr, bytes));
        LIVE_BYTES.with(|b| b.set(b.get() + len));
        Some(CodeBuf { chunk, offset, len })
    }

    /// The address of the first byte.
    pub(crate) fn addr(&self) -> u64 {
        // SAFETY: `offset` lies within the chunk.
        unsafe { self.chunk.ptr.add(self.offset) as u64 }
    }

    /// The code bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        // SAFETY: the chunk stays mapped and readable, and holds `len` bytes of code here.
        unsafe { std::slice::from_raw_parts(self.chunk.ptr.add(self.offset), self.len) }
    }

    /// Overwrites the bytes at `offset` (a jump target slot, an instruction no thread is
    /// executing): the pages become read-write (not executable) for the write, then
    /// read+execute again.
    pub(crate) fn patch(&self, offset: usize, bytes: &[u8]) {
        self.patch_all(&[(offset, bytes)]);
    }

    /// [`CodeBuf::patch`] for several places (`(offset, bytes)`), the pages made writable
    /// once.
    pub(crate) fn patch_all(&self, edits: &[(usize, &[u8])]) {
        let Some(start) = edits.iter().map(|&(offset, _)| offset).min() else {
            return;
        };
        let end = edits
            .iter()
            .map(|(o, b)| o + b.len())
            .max()
            .unwrap_or(start);
        assert!(end <= self.len, "jitgen-x86: patch outside the code");
        self.chunk.edit(self.offset + start, end - start, |bytes| {
            for &(offset, new) in edits {
                bytes[offset - start..offset - start + new.len()].copy_from_slice(new);
            }
        });
    }
}

impl Drop for CodeBuf {
    fn drop(&mut self) {
        LIVE_BYTES.with(|b| b.set(b.get() - self.len));
    }
}
