//! What compiled code shows the outside: an iced-x86 disassembly of every loop and bridge in
//! the JIT log (section `jit-backend-dump`), and, when `JITGEN_PERF_MAP=1`, a line
//! `ADDR SIZE name` per trace appended to `/tmp/perf-<pid>.map` so `perf` can name JIT code.

use std::fmt::Write as _;
use std::io::Write as _;

use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter};

/// Logs the disassembly of a trace's code: its hot section `hot` at `addr`, then its cold
/// section `cold` (exit stubs) at `cold_addr`, and adds both to the perf map.
pub(crate) fn publish(name: &str, addr: u64, hot: &[u8], cold_addr: u64, cold: &[u8]) {
    jitgen_core::log::section(&jitgen_core::log::JIT_BACKEND_DUMP, |out| {
        let _ = writeln!(out, "{name} at {addr:#x}, {} bytes", hot.len());
        disassemble(out, addr, hot);
        if !cold.is_empty() {
            let _ = writeln!(out, "exits at {cold_addr:#x}, {} bytes", cold.len());
            disassemble(out, cold_addr, cold);
        }
    });
    if std::env::var("JITGEN_PERF_MAP").is_ok_and(|v| v == "1") {
        let path = format!("/tmp/perf-{}.map", std::process::id());
        if let Ok(mut file) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            // One write per line: concurrent appenders never interleave inside a line.
            let line = format!("{addr:x} {:x} jitgen:{name}\n", hot.len());
            let _ = file.write_all(line.as_bytes());
            if !cold.is_empty() {
                let line = format!("{cold_addr:x} {:x} jitgen:{name} exits\n", cold.len());
                let _ = file.write_all(line.as_bytes());
            }
        }
    }
}

/// One line per instruction of `code` (at `addr`): address, bytes, Intel syntax.
fn disassemble(out: &mut String, addr: u64, code: &[u8]) {
    let mut decoder = Decoder::with_ip(64, code, addr, DecoderOptions::NONE);
    let mut formatter = IntelFormatter::new();
    let mut text = String::new();
    for insn in &mut decoder {
        text.clear();
        formatter.format(&insn, &mut text);
        let start = (insn.ip() - addr) as usize;
        let bytes: String = code[start..start + insn.len()]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let _ = writeln!(out, "  {:016x} {bytes:<24} {text}", insn.ip());
    }
}
