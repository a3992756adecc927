//! Running a command several times: wall time, peak RSS (from `wait4`), and its output.

use std::path::Path;
use std::time::{Duration, Instant};

/// The result of running one command `runs` times.
#[derive(Clone, Debug)]
pub struct Measurement {
    /// Wall time of each run, sorted.
    pub times: Vec<Duration>,
    /// Largest peak RSS over the runs, in bytes.
    pub peak_rss: usize,
    /// Standard output of the first run.
    pub output: String,
    /// A failure (non-zero exit, or output differing between runs), if any.
    pub failure: Option<String>,
}

impl Measurement {
    /// The median wall time.
    pub fn median(&self) -> Duration {
        self.times
            .get(self.times.len() / 2)
            .copied()
            .unwrap_or_default()
    }
}

/// Runs `program args` `runs` times.
pub fn measure(program: &Path, args: &[String], runs: usize) -> Measurement {
    let mut measurement = Measurement {
        times: Vec::new(),
        peak_rss: 0,
        output: String::new(),
        failure: None,
    };
    for run in 0..runs.max(1) {
        match run_once(program, args) {
            Ok((time, rss, output)) => {
                measurement.times.push(time);
                measurement.peak_rss = measurement.peak_rss.max(rss);
                if run == 0 {
                    measurement.output = output;
                } else if output != measurement.output {
                    measurement.failure = Some("output differs between runs".into());
                }
            }
            Err(e) => {
                measurement.failure = Some(e);
                break;
            }
        }
    }
    measurement.times.sort();
    measurement
}

/// One run: spawn with output to pipes, then `wait4` for the child's resource usage.
fn run_once(program: &Path, args: &[String]) -> Result<(Duration, usize, String), String> {
    use std::io::Read;
    use std::os::unix::process::ExitStatusExt;
    let started = Instant::now();
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", program.display()))?;
    let mut output = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout
            .read_to_string(&mut output)
            .map_err(|e| e.to_string())?;
    }
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = err.read_to_string(&mut stderr);
    }
    let mut status = 0;
    // SAFETY: waiting for our own child; `usage` is filled by the kernel.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: as above.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = started.elapsed();
    if waited != pid {
        return Err(format!("wait4 failed for {}", program.display()));
    }
    let exit = std::process::ExitStatus::from_raw(status);
    if !exit.success() {
        return Err(format!(
            "{} exited with {exit}: {}",
            program.display(),
            stderr.lines().next().unwrap_or("")
        ));
    }
    Ok((elapsed, usage.ru_maxrss as usize * 1024, output))
}
