//! A small log the unit tests read: a compiled loop whose guard failed once, and an aborted
//! trace.

/// The log.
pub(crate) const SAMPLE_LOG: &str = "\
[0] {jit-tracing
loop at main:4
[f4240] jit-tracing}
[f4240] {jit-log-opt-loop
loop main:4(r0)
  guard_true i1 [main@2]
  jump r0
[f4240] jit-log-opt-loop}
[1e8480] {jit-blackhole
guard 0 of main:4
[2dc6c0] jit-blackhole}
[2dc6c0] {jit-tracing
loop at main:9
[2dc6c1] {jit-abort
reason: trace too long
at: main:9
[2dc6c2] jit-abort}
[3d0900] jit-tracing}
";
