//! The results store: an append-only JSON Lines file in the repository
//! (`bench/results/results.jsonl`), one line per program and implementation of every
//! `jitgen-bench` run, keyed by the commit measured, its date, the machine and the
//! implementation's version. Appending keeps it mergeable (`.gitattributes` merges it as a
//! union of lines) and diffable; nothing ever rewrites a line.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where the store lives unless `--store` says otherwise.
pub fn default_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("results/results.jsonl")
}

/// The commit a result was measured at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Commit {
    /// The full hash.
    pub hash: String,
    /// The committer date, ISO 8601 (`git log --format=%cI`).
    pub date: String,
    /// The committer date, seconds since the Unix epoch: the graphs' x axis.
    pub time: i64,
    /// The first line of the commit message.
    pub message: String,
    /// The working tree had uncommitted changes: the result is not the commit's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dirty: bool,
}

impl Commit {
    /// The hash's first 10 digits.
    pub fn short(&self) -> &str {
        &self.hash[..10.min(self.hash.len())]
    }
}

/// The machine a result was measured on.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Machine {
    /// A short hash of the CPU model, core count and kernel: results are compared only
    /// within one fingerprint.
    pub fingerprint: String,
    /// The CPU model (`/proc/cpuinfo`).
    pub cpu: String,
    /// Cores available to the runner.
    pub cores: usize,
    /// The kernel release.
    pub kernel: String,
}

/// How the programs were run. Results are comparable only under the same ITERATIONS and
/// SIZE ([`Workload::comparable`]); the number of runs only makes medians steadier.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Workload {
    /// Runs of each program under each implementation.
    pub runs: usize,
    /// ITERATIONS passed to the programs (`None`: each program's own).
    pub iterations: Option<u64>,
    /// `default` (each program's own SIZE) or `smoke` (its smoke size).
    pub size: String,
}

impl Workload {
    /// What makes results comparable: ITERATIONS and SIZE.
    pub fn comparable(&self) -> (Option<u64>, String) {
        (self.iterations, self.size.clone())
    }

    /// A short description of what is comparable: `3 iterations, default size`.
    pub fn describe(&self) -> String {
        let iterations = match self.iterations {
            Some(n) => format!("{n} iterations"),
            None => "default iterations".to_string(),
        };
        format!("{iterations}, {} size", self.size)
    }
}

/// One successful run's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    /// Iteration 1's time in seconds (programs that speak the protocol).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<f64>,
    /// The median of the last half of the iteration times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub steady: Option<f64>,
    /// Whole-process wall time in seconds.
    pub wall: f64,
    /// Whole-process CPU time in seconds.
    pub cpu: f64,
    /// Peak RSS in bytes.
    pub peak_rss: u64,
}

/// One program under one implementation in one `jitgen-bench` run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The commit measured (for a history run: the commit the implementation was built from).
    pub commit: Commit,
    /// Where.
    pub machine: Machine,
    /// When the run was recorded, seconds since the Unix epoch.
    pub recorded: u64,
    /// The program directory's label (`bench/programs`).
    pub directory: String,
    /// The program's name.
    pub benchmark: String,
    /// The implementation's label (`python3`, `toy on`).
    pub implementation: String,
    /// The implementation's version (`Python 3.11.2`, `toy built from 1a2b3c4d`).
    pub version: String,
    /// How it was run.
    pub workload: Workload,
    /// A note given with `--note` (say, that other processes competed for the CPU).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Why the cell failed (a wrong result, a crash, a timeout, a failed build); then
    /// `samples` is empty and nothing is plotted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
    /// Each run's figures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub samples: Vec<Sample>,
}

/// Appends `records` to the store at `path` (created with its directory if missing), one
/// JSON object per line.
pub fn append(path: &Path, records: &[Record]) -> Result<(), String> {
    if records.is_empty() {
        return Ok(());
    }
    let failed = |e: std::io::Error| format!("cannot write the store {}: {e}", path.display());
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let mut text = String::new();
    for record in records {
        text.push_str(&serde_json::to_string(record).map_err(|e| e.to_string())?);
        text.push('\n');
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(text.as_bytes()))
        .map_err(failed)
}

/// Every record of the store at `path` (none if it does not exist yet). A malformed line is
/// an error naming it.
pub fn load(path: &Path) -> Result<Vec<Record>, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read the store {}: {e}", path.display())),
    };
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(number, line)| {
            serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), number + 1))
        })
        .collect()
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A record of `benchmark` under `implementation` at commit `hash` (time `time`), with
    /// one sample per steady time given (no samples: a failure).
    pub fn record(
        hash: &str,
        time: i64,
        benchmark: &str,
        implementation: &str,
        steady: &[f64],
    ) -> Record {
        Record {
            commit: Commit {
                hash: hash.to_string(),
                date: format!("@{time}"),
                time,
                message: format!("commit {hash}"),
                dirty: false,
            },
            machine: Machine {
                fingerprint: "m1".to_string(),
                cpu: "test cpu".to_string(),
                cores: 2,
                kernel: "6.1".to_string(),
            },
            recorded: 0,
            directory: "bench/programs".to_string(),
            benchmark: benchmark.to_string(),
            implementation: implementation.to_string(),
            version: "v".to_string(),
            workload: Workload {
                runs: 3,
                iterations: Some(3),
                size: "default".to_string(),
            },
            note: None,
            failed: steady.is_empty().then(|| "exit status 1: boom".to_string()),
            samples: steady
                .iter()
                .map(|&s| Sample {
                    first: Some(s * 2.0),
                    steady: Some(s),
                    wall: s * 3.0,
                    cpu: s * 3.0,
                    peak_rss: 10 << 20,
                })
                .collect(),
        }
    }

    #[test]
    fn records_are_appended_and_read_back() {
        let path = std::env::temp_dir()
            .join(format!("jitgen-bench-store-{}", std::process::id()))
            .join("results.jsonl");
        let _ = std::fs::remove_file(&path);
        assert_eq!(load(&path).unwrap(), []);
        let first = [record("a", 1, "fib", "toy on", &[1.0, 2.0])];
        let second = [record("b", 2, "fib", "toy on", &[])];
        append(&path, &first).unwrap();
        append(&path, &second).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 2);
        assert!(text
            .lines()
            .nth(1)
            .unwrap()
            .contains("\"failed\":\"exit status 1: boom\""));
        assert!(!text.contains("dirty"), "false flags are left out");
        assert_eq!(load(&path).unwrap(), [first[0].clone(), second[0].clone()]);
        std::fs::write(&path, "{\"commit\": 1}\n").unwrap();
        let error = load(&path).unwrap_err();
        assert!(error.contains("results.jsonl:1: "), "{error}");
        std::fs::remove_dir_all(path.parent().unwrap()).unwrap();
    }
}
