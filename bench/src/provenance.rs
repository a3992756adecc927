//! Where a result comes from: the commit (through `git`), the machine's fingerprint and the
//! implementations' versions, the keys of the results store.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::implementation::{Implementation, Language};
use crate::store::{Commit, Machine};

/// The repository this runner belongs to (the parent of the `bench` crate).
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Runs `git ARGS` in `dir` and returns its standard output, trimmed; an error with git's
/// message if it fails.
pub fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The full hash `rev` names in `repo`.
pub fn resolve(repo: &Path, rev: &str) -> Result<String, String> {
    git(
        repo,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("`{rev}` names no commit"))
}

/// The commit `rev` of `repo`: hash, committer date and subject; `dirty` if the working
/// tree of `repo` has uncommitted changes to tracked files (only asked for `HEAD`), results
/// not yet committed to the store aside.
pub fn commit(repo: &Path, rev: &str) -> Result<Commit, String> {
    let shown = git(
        repo,
        &["show", "-s", "--format=%H%x00%cI%x00%ct%x00%s", rev],
    )?;
    let fields: Vec<&str> = shown.split('\0').collect();
    let [hash, date, time, message] = fields[..] else {
        return Err(format!("cannot read commit {rev}: {shown}"));
    };
    let status = [
        "status",
        "--porcelain",
        "--untracked-files=no",
        "--",
        ".",
        ":(exclude)bench/results",
    ];
    let dirty = rev == "HEAD" && !git(repo, &status)?.is_empty();
    Ok(Commit {
        hash: hash.to_string(),
        date: date.to_string(),
        time: time
            .parse()
            .map_err(|_| format!("bad commit time {time}"))?,
        message: message.chars().take(200).collect(),
        dirty,
    })
}

/// This machine: CPU model, cores and kernel, and their fingerprint.
pub fn machine() -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find_map(|line| line.strip_prefix("model name")?.split_once(':'))
        .map(|(_, model)| model.trim().to_string())
        .unwrap_or_else(|| "unknown".to_string());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|release| release.trim().to_string())
        .unwrap_or_else(|_| "unknown".to_string());
    Machine {
        fingerprint: fingerprint(&format!("{cpu}|{cores}|{kernel}")),
        cpu,
        cores,
        kernel,
    }
}

/// A short, stable hash of `text` (64-bit FNV-1a, hexadecimal).
fn fingerprint(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The version of `imp`: what a Python interpreter says of itself (`--version`), or for a
/// jitgen client the commit it was built from (`built_from`).
pub fn version(imp: &Implementation, built_from: &Commit) -> String {
    match imp.language {
        Language::Python => Command::new(&imp.program)
            .arg("--version")
            .output()
            .ok()
            .map(|output| {
                let text = String::from_utf8_lossy(&output.stdout).to_string()
                    + &String::from_utf8_lossy(&output.stderr);
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .filter(|text| !text.is_empty())
            .unwrap_or_else(|| "unknown".to_string()),
        Language::Toy | Language::Brainfuck => {
            let name = imp.label.split(' ').next().unwrap_or(&imp.label);
            let dirty = if built_from.dirty { "+changes" } else { "" };
            format!(
                "{name} built from {}{dirty}",
                &built_from.hash[..12.min(built_from.hash.len())]
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_machine_is_described_and_fingerprinted_stably() {
        let here = machine();
        assert!(here.cores >= 1);
        assert_eq!(here.fingerprint.len(), 16);
        assert_eq!(here, machine());
        assert_ne!(fingerprint("a|2|6.1"), fingerprint("a|2|6.2"));
    }

    #[test]
    fn commits_are_read_from_git() {
        let repo = repository();
        let head = commit(&repo, "HEAD").unwrap();
        assert_eq!(head.hash.len(), 40);
        assert_eq!(resolve(&repo, "HEAD").unwrap(), head.hash);
        assert!(head.time > 1_500_000_000);
        assert!(head.date.contains('T'), "{}", head.date);
        assert!(resolve(&repo, "no-such-rev")
            .unwrap_err()
            .contains("names no commit"));
    }
}
