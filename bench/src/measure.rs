//! Running one command, measured from outside: wall time, CPU time (user + system) and peak
//! RSS from `wait4`'s resource usage, its standard output, and a time limit.

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// A command that ran to a successful exit.
#[derive(Debug)]
pub struct Finished {
    /// Its standard output.
    pub stdout: String,
    /// Wall time from spawning it to its exit, in seconds.
    pub wall: f64,
    /// User plus system CPU time of the process (and the children it waited for), in seconds.
    pub cpu: f64,
    /// Peak resident set size, in bytes.
    pub peak_rss: u64,
}

/// Runs `program args` with no input. A failure to start, a run longer than `timeout` (the
/// process is killed), a non-zero exit, a signal or a non-UTF-8 standard output is an error
/// describing it in a few words, with the last line the program wrote to stderr.
pub fn run(program: &Path, args: &[String], timeout: Duration) -> Result<Finished, String> {
    let started = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let stdout = read_all(child.stdout.take());
    let stderr = read_all(child.stderr.take());
    let pid = child.id() as libc::pid_t;

    // A watchdog kills the child at the deadline unless told (by the channel closing) that
    // it exited. The child stays a zombie until reaped below, so its pid cannot be reused
    // while the watchdog may still signal it.
    let (exited, exited_rx) = mpsc::channel::<()>();
    let watchdog = thread::spawn(move || match exited_rx.recv_timeout(timeout) {
        Err(mpsc::RecvTimeoutError::Timeout) => {
            // SAFETY: `pid` is our unreaped child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            true
        }
        _ => false,
    });
    let waited = wait_for_exit(pid);
    let wall = started.elapsed().as_secs_f64();
    drop(exited);
    let timed_out = watchdog.join().unwrap_or(false);
    let (status, usage) = reap(pid)?;
    waited?;
    let stdout = stdout
        .join()
        .unwrap_or_else(|_| Err("reader panicked".into()));
    let stderr = stderr
        .join()
        .unwrap_or_else(|_| Err("reader panicked".into()));

    if timed_out {
        return Err(format!("timed out after {} s", timeout.as_secs_f64()));
    }
    if !status.success() {
        let last_words = stderr
            .as_deref()
            .map(last_line)
            .map(|line| format!(": {line}"))
            .unwrap_or_default();
        return Err(format!("{}{last_words}", describe(status)));
    }
    let stdout = stdout.map_err(|e| format!("cannot read its output: {e}"))?;
    let stdout = String::from_utf8(stdout).map_err(|e| {
        format!(
            "its output is not UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    let seconds = |time: libc::timeval| time.tv_sec as f64 + time.tv_usec as f64 * 1e-6;
    Ok(Finished {
        stdout,
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // Linux reports `ru_maxrss` in KiB.
        peak_rss: usage.ru_maxrss as u64 * 1024,
    })
}

/// Reads a pipe to its end on a thread of its own (so neither pipe can fill and block the
/// child).
fn read_all<R: Read + Send + 'static>(pipe: Option<R>) -> JoinHandle<Result<Vec<u8>, String>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            pipe.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
        }
        Ok(bytes)
    })
}

/// Blocks until the child `pid` has exited, leaving it unreaped (`WNOWAIT`).
fn wait_for_exit(pid: libc::pid_t) -> Result<(), String> {
    loop {
        // SAFETY: `info` is filled in by the kernel; `pid` is our child.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        let result = unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        };
        if result == 0 {
            return Ok(());
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("waiting for the process failed: {error}"));
        }
    }
}

/// Reaps the exited child `pid`: its exit status and resource usage.
fn reap(pid: libc::pid_t) -> Result<(ExitStatus, libc::rusage), String> {
    let mut status = 0;
    // SAFETY: `usage` is filled in by the kernel; `pid` is our child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if reaped != pid {
        return Err(format!("wait4 failed: {}", std::io::Error::last_os_error()));
    }
    Ok((ExitStatus::from_raw(status), usage))
}

/// "exit status 1", "killed by signal 11 (SIGSEGV)".
fn describe(status: ExitStatus) -> String {
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => {
            let name = match signal {
                libc::SIGSEGV => " (SIGSEGV)",
                libc::SIGABRT => " (SIGABRT)",
                libc::SIGKILL => " (SIGKILL)",
                libc::SIGBUS => " (SIGBUS)",
                libc::SIGILL => " (SIGILL)",
                libc::SIGFPE => " (SIGFPE)",
                _ => "",
            };
            format!("killed by signal {signal}{name}")
        }
        (None, None) => format!("{status}"),
    }
}

/// The last non-blank line of `bytes`, shortened: usually the error message.
fn last_line(bytes: &[u8]) -> String {
    const LIMIT: usize = 100;
    let text = String::from_utf8_lossy(bytes);
    let line = text
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("(nothing on stderr)")
        .trim();
    match line.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str, timeout: Duration) -> Result<Finished, String> {
        run(
            Path::new("/bin/sh"),
            &["-c".to_string(), script.to_string()],
            timeout,
        )
    }

    #[test]
    fn output_and_usage_of_a_successful_run() {
        let finished = sh("echo hello", Duration::from_secs(10)).unwrap();
        assert_eq!(finished.stdout, "hello\n");
        assert!(finished.wall > 0.0);
        assert!(finished.peak_rss > 0);
    }

    #[test]
    fn a_failing_run_reports_its_status_and_last_error_line() {
        let error = sh(
            "echo one >&2; echo two >&2; exit 3",
            Duration::from_secs(10),
        )
        .unwrap_err();
        assert_eq!(error, "exit status 3: two");
        let error = sh("kill -SEGV $$", Duration::from_secs(10)).unwrap_err();
        assert_eq!(error, "killed by signal 11 (SIGSEGV): (nothing on stderr)");
    }

    #[test]
    fn a_slow_run_is_killed_at_the_timeout() {
        let started = Instant::now();
        let error = sh("exec sleep 10", Duration::from_millis(200)).unwrap_err();
        assert_eq!(error, "timed out after 0.2 s");
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn non_utf8_output_is_an_error() {
        let error = sh("printf 'ab\\377'", Duration::from_secs(10)).unwrap_err();
        assert_eq!(error, "its output is not UTF-8 (byte 2)");
    }

    #[test]
    fn a_missing_program_is_an_error() {
        let error = run(Path::new("/nonexistent/prog"), &[], Duration::from_secs(1)).unwrap_err();
        assert!(
            error.starts_with("cannot run /nonexistent/prog: "),
            "{error}"
        );
    }
}
