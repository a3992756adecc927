//! Executable memory: compiled traces are packed one after the other (cache-line aligned)
//! into per-thread chunks of pages, so the code that runs together shares cache lines and
//! TLB entries. A chunk has two halves: a trace's hot section (its body) goes into the first,
//! its cold section (exit stubs) into the second, so the bodies of the traces are dense, and
//! the two sections are always within reach of a rel32. No memory is writable and executable
//! at once: code is written through a second, writable view of a chunk's memory (or, where
//! that cannot be mapped, while its pages are read-write, then read+execute); a chunk is unmapped
//! when no code in it is alive. A per-thread cap bounds the total size of live code.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The default cap on the bytes of live machine code per thread (see [`set_code_limit`]).
pub const DEFAULT_CODE_LIMIT: usize = 64 << 20;

/// The size of a chunk's half (a larger section gets a chunk of its own size).
const HALF_BYTES: usize = 1 << 20;

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

/// One stretch of memory that code is packed into: hot sections in its first half, cold ones
/// in its second.
///
/// Where the system allows it, the memory is mapped twice (a `memfd`): a read+execute view,
/// the code's addresses, and a read-write view that writes go through, so placing and patching
/// code costs no system call, and no mapping is ever writable and executable at once. Where it
/// does not, one mapping is made read-write for each write and read+execute again after it.
struct Chunk {
    /// The executable view.
    ptr: *mut u8,
    /// The writable view of the same memory, if mapped twice.
    writer: Option<*mut u8>,
    size: usize,
    /// The bytes of the first half handed out so far.
    hot_used: Cell<usize>,
    /// The bytes of the second half handed out so far.
    cold_used: Cell<usize>,
}

/// `mmap` of `size` bytes with protection `prot` (`fd` -1: anonymous, private).
fn map_memory(size: usize, prot: libc::c_int, fd: libc::c_int) -> Option<*mut u8> {
    let flags = match fd {
        -1 => libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
        _ => libc::MAP_SHARED,
    };
    // SAFETY: a new mapping with no address hint, of an open descriptor or anonymous memory.
    let ptr = unsafe { libc::mmap(std::ptr::null_mut(), size, prot, flags, fd, 0) };
    (ptr != libc::MAP_FAILED).then_some(ptr as *mut u8)
}

impl Chunk {
    /// A fresh chunk of `size` bytes (a multiple of twice the page size): mapped twice if
    /// the system allows, else once, read-write until its first write.
    fn map(size: usize) -> Option<Chunk> {
        Chunk::map_twice(size).or_else(|| Chunk::map_once(size))
    }

    /// A chunk with an executable and a writable view of one `memfd`.
    fn map_twice(size: usize) -> Option<Chunk> {
        // SAFETY: a C string literal and valid flags.
        let fd = unsafe { libc::memfd_create(c"jitgen-code".as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return None;
        }
        // SAFETY: `fd` is ours; the views keep the memory once it is closed.
        let views = unsafe {
            let exec = (libc::ftruncate(fd, size as libc::off_t) == 0)
                .then(|| map_memory(size, libc::PROT_READ | libc::PROT_EXEC, fd))
                .flatten();
            let write = exec.and_then(|_| map_memory(size, libc::PROT_READ | libc::PROT_WRITE, fd));
            if let (Some(exec), None) = (exec, write) {
                libc::munmap(exec as *mut libc::c_void, size);
            }
            libc::close(fd);
            exec.zip(write)
        };
        let (ptr, writer) = views?;
        Some(Chunk::new(ptr, Some(writer), size))
    }

    /// A chunk of one read-write anonymous mapping (made executable page by page as code is
    /// written).
    fn map_once(size: usize) -> Option<Chunk> {
        let ptr = map_memory(size, libc::PROT_READ | libc::PROT_WRITE, -1)?;
        Some(Chunk::new(ptr, None, size))
    }

    fn new(ptr: *mut u8, writer: Option<*mut u8>, size: usize) -> Chunk {
        Chunk {
            ptr,
            writer,
            size,
            hot_used: Cell::new(0),
            cold_used: Cell::new(0),
        }
    }

    /// Room for a hot section of `hot` bytes and a cold one of `cold` bytes: their offsets.
    fn room(&self, hot: usize, cold: usize) -> Option<(usize, usize)> {
        let half = self.size / 2;
        let hot_at = self.hot_used.get().next_multiple_of(ALIGN);
        let cold_at = self.cold_used.get().next_multiple_of(ALIGN);
        if hot_at + hot > half || cold_at + cold > half {
            return None;
        }
        self.hot_used.set(hot_at + hot);
        self.cold_used.set(cold_at + cold);
        Some((hot_at, half + cold_at))
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

    /// Writes `bytes` at `offset`. Code elsewhere on those pages is not running (this thread
    /// is here).
    fn write(&self, offset: usize, bytes: &[u8]) {
        self.edit(offset, bytes.len(), |target| target.copy_from_slice(bytes));
    }

    /// Edits the `len` bytes at `offset`: through the writable view, or with the pages
    /// read-write (not executable) meanwhile, then read+execute. Code elsewhere on those
    /// pages is not running (this thread is here).
    fn edit(&self, offset: usize, len: usize, edit: impl FnOnce(&mut [u8])) {
        assert!(
            offset + len <= self.size,
            "jitgen-x86: write outside the chunk"
        );
        match self.writer {
            // SAFETY: in bounds, and the writable view maps the same memory.
            Some(writer) => {
                edit(unsafe { std::slice::from_raw_parts_mut(writer.add(offset), len) })
            }
            None => {
                self.protect(offset, len, libc::PROT_READ | libc::PROT_WRITE);
                // SAFETY: in bounds and writable now.
                edit(unsafe { std::slice::from_raw_parts_mut(self.ptr.add(offset), len) });
                self.protect(offset, len, libc::PROT_READ | libc::PROT_EXEC);
            }
        }
    }
}

impl Drop for Chunk {
    fn drop(&mut self) {
        // SAFETY: the mappings are ours, and no code in them is alive any more.
        unsafe {
            libc::munmap(self.ptr as *mut libc::c_void, self.size);
            if let Some(writer) = self.writer {
                libc::munmap(writer as *mut libc::c_void, self.size);
            }
        }
    }
}

/// The executable copy of one trace's code: its hot section and its cold one, in one chunk.
/// Offsets into it are offsets into the two sections laid end to end (as assembled).
pub(crate) struct CodeBuf {
    chunk: Rc<Chunk>,
    /// Where the hot section is in the chunk.
    hot_at: usize,
    /// Its length (the cold section's offset in the code).
    hot_len: usize,
    /// Where the cold section is in the chunk.
    cold_at: usize,
    /// Its length.
    cold_len: usize,
}

impl CodeBuf {
    /// Places `code`, whose cold section starts at `cold_start`, as executable, or `None` if
    /// that would pass the cap or mapping fails. The 32-bit fields `crossings` (offset, end
    /// of instruction, place: see [`crate::encode::Encoded`]) are filled; then `fixup` edits
    /// the bytes, given where each offset landed, before they become executable.
    pub(crate) fn new(
        code: &[u8],
        cold_start: usize,
        crossings: &[(u32, u32, u32)],
        fixup: impl FnOnce(&dyn Fn(usize) -> u64, &mut [u8]),
    ) -> Option<CodeBuf> {
        let (hot_len, cold_len) = (cold_start, code.len() - cold_start);
        let len = code.len().max(1);
        if live_code_bytes() + len > LIMIT.with(Cell::get) {
            return None;
        }
        let (chunk, hot_at, cold_at) = CURRENT.with(|current| {
            let mut current = current.borrow_mut();
            if let Some(chunk) = current.as_ref() {
                if let Some((hot_at, cold_at)) = chunk.room(hot_len, cold_len) {
                    return Some((chunk.clone(), hot_at, cold_at));
                }
            }
            let page = page_size();
            let half = hot_len.max(cold_len).max(HALF_BYTES).div_ceil(page) * page;
            let chunk = Rc::new(Chunk::map(2 * half)?);
            let (hot_at, cold_at) = chunk.room(hot_len, cold_len)?;
            *current = Some(chunk.clone());
            Some((chunk, hot_at, cold_at))
        })?;
        let buf = CodeBuf {
            chunk,
            hot_at,
            hot_len,
            cold_at,
            cold_len,
        };
        let mut bytes = code.to_vec();
        for &(at, next, place) in crossings {
            let rel = buf.addr_of(place as usize) as i64 - buf.end_addr(at, next) as i64;
            let at = at as usize;
            bytes[at..at + 4].copy_from_slice(&(rel as i32).to_le_bytes());
        }
        fixup(&|offset| buf.addr_of(offset), &mut bytes);
        let (hot, cold) = bytes.split_at(hot_len);
        if !hot.is_empty() {
            buf.chunk.write(hot_at, hot);
        }
        if !cold.is_empty() {
            buf.chunk.write(cold_at, cold);
        }
        LIVE_BYTES.with(|b| b.set(b.get() + len));
        Some(buf)
    }

    /// The address of the first byte (the hot section's).
    pub(crate) fn addr(&self) -> u64 {
        self.addr_of(0)
    }

    /// The address of the byte at `offset`.
    pub(crate) fn addr_of(&self, offset: usize) -> u64 {
        // SAFETY: the position lies within the chunk (or just past a section's end).
        unsafe { self.chunk.ptr.add(self.chunk_at(offset)) as u64 }
    }

    /// Where the byte at `offset` is in the chunk.
    fn chunk_at(&self, offset: usize) -> usize {
        match offset < self.hot_len {
            true => self.hot_at + offset,
            false => self.cold_at + (offset - self.hot_len),
        }
    }

    /// The address of the end (offset `end`) of the instruction whose field is at offset
    /// `field` (the end of the hot section's last instruction is no address in the cold one).
    pub(crate) fn end_addr(&self, field: u32, end: u32) -> u64 {
        self.addr_of(field as usize) + u64::from(end - field)
    }

    /// The hot section's bytes, then the cold section's.
    pub(crate) fn sections(&self) -> [&[u8]; 2] {
        // SAFETY: the chunk stays mapped and readable, and holds the sections there.
        unsafe {
            [
                std::slice::from_raw_parts(self.chunk.ptr.add(self.hot_at), self.hot_len),
                std::slice::from_raw_parts(self.chunk.ptr.add(self.cold_at), self.cold_len),
            ]
        }
    }

    /// Overwrites the bytes at `offset` (a jump target slot, an instruction no thread is
    /// executing).
    pub(crate) fn patch(&self, offset: usize, bytes: &[u8]) {
        self.patch_all(&[(offset, bytes)]);
    }

    /// [`CodeBuf::patch`] for several places (`(offset, bytes)`, none across the sections'
    /// boundary), each section edited once.
    pub(crate) fn patch_all(&self, edits: &[(usize, &[u8])]) {
        for cold in [false, true] {
            let mine = || edits.iter().filter(|(o, _)| (*o >= self.hot_len) == cold);
            let Some(start) = mine().map(|&(offset, _)| offset).min() else {
                continue;
            };
            let end = mine().map(|(o, b)| o + b.len()).max().unwrap_or(start);
            let section_end = match cold {
                false => self.hot_len,
                true => self.hot_len + self.cold_len,
            };
            assert!(end <= section_end, "jitgen-x86: patch outside the code");
            self.chunk.edit(self.chunk_at(start), end - start, |bytes| {
                for &(offset, new) in mine() {
                    bytes[offset - start..offset - start + new.len()].copy_from_slice(new);
                }
            });
        }
    }
}

impl Drop for CodeBuf {
    fn drop(&mut self) {
        LIVE_BYTES.with(|b| b.set(b.get() - (self.hot_len + self.cold_len).max(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_written_to_either_kind_of_chunk_runs_and_can_be_patched() {
        // `mov eax, imm32; ret`.
        let code = [0xb8, 42, 0, 0, 0, 0xc3];
        let size = 2 * page_size();
        let twice = Chunk::map_twice(size).expect("a memfd maps twice here");
        assert!(twice.writer.is_some());
        for chunk in [twice, Chunk::map_once(size).expect("mapped")] {
            chunk.write(64, &code);
            let run = || {
                // SAFETY: the bytes at 64 are a complete function, executable now.
                let f: extern "C" fn() -> u32 = unsafe { std::mem::transmute(chunk.ptr.add(64)) };
                f()
            };
            assert_eq!(run(), 42);
            chunk.edit(65, 1, |bytes| bytes[0] = 43);
            assert_eq!(run(), 43);
        }
    }

    #[test]
    fn the_sections_go_to_the_two_halves_and_a_jump_between_them_is_filled_in() {
        // Hot: a `jmp rel32` ending exactly where the hot section ends (its end is no address
        // of the cold section); cold: a `ret`, then a `jmp rel32` back to the hot start.
        let code = [0xe9, 0, 0, 0, 0, 0xc3, 0xe9, 0, 0, 0, 0];
        let crossings = [(1, 5, 5), (7, 11, 0)];
        let buf = CodeBuf::new(&code, 5, &crossings, |_, _| {}).expect("placed");
        let [hot, cold] = buf.sections();
        assert_eq!((hot.len(), cold.len()), (5, 6));
        let hot_addr = buf.addr();
        let cold_addr = buf.addr_of(5);
        let second_half = buf.chunk.ptr as u64 + (buf.chunk.size / 2) as u64;
        assert!(hot_addr < second_half && cold_addr >= second_half);
        let rel = |bytes: &[u8]| i32::from_le_bytes(bytes.try_into().unwrap()) as i64;
        assert_eq!(hot_addr as i64 + 5 + rel(&hot[1..5]), cold_addr as i64);
        assert_eq!(cold_addr as i64 + 6 + rel(&cold[2..6]), hot_addr as i64);
        // A patch lands in the section its offset names.
        buf.patch_all(&[(1, &[1, 2, 3, 4]), (7, &[5, 6, 7, 8])]);
        let [hot, cold] = buf.sections();
        assert_eq!(
            (&hot[1..5], &cold[2..6]),
            (&[1, 2, 3, 4][..], &[5, 6, 7, 8][..])
        );
    }
}
