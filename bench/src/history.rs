//! Measuring past commits (`jitgen-bench history --since REV`): one git worktree, checked out
//! at each commit in turn, and one cargo target directory kept across them, so each commit's
//! clients (`toy`, `bf`) build incrementally from the previous commit's.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::provenance::git;

/// The commits after `since` up to `until` on the first-parent line, oldest first.
pub fn commits(repo: &Path, since: &str, until: &str) -> Result<Vec<String>, String> {
    let listed = git(
        repo,
        &[
            "rev-list",
            "--reverse",
            "--first-parent",
            &format!("{since}..{until}"),
        ],
    )?;
    Ok(listed.lines().map(str::to_string).collect())
}

/// The worktree the past commits are checked out in, and the target directory they build in.
pub struct Checkout {
    /// The worktree.
    dir: PathBuf,
    /// Cargo's target directory, kept between commits.
    target: PathBuf,
}

impl Checkout {
    /// The worktree at `dir` of the repository `repo` (added, detached, if it does not exist
    /// yet), building into `target`.
    pub fn open(repo: &Path, dir: &Path, target: &Path) -> Result<Checkout, String> {
        if !dir.join(".git").exists() {
            if let Some(parent) = dir.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
            }
            git(
                repo,
                &[
                    "worktree",
                    "add",
                    "--detach",
                    &dir.display().to_string(),
                    "HEAD",
                ],
            )?;
        }
        Ok(Checkout {
            dir: dir.to_path_buf(),
            target: target.to_path_buf(),
        })
    }

    /// Checks `commit` out (discarding anything changed in the worktree). Only the files
    /// that differ are touched, so cargo rebuilds only what they affect.
    pub fn switch(&self, commit: &str) -> Result<(), String> {
        git(
            &self.dir,
            &["checkout", "--quiet", "--force", "--detach", commit],
        )
        .map(drop)
    }

    /// Builds the clients present at this commit (`toy`, and `bf` once it exists) in release
    /// mode with `jobs` jobs; the error is the end of cargo's output.
    pub fn build(&self, jobs: Option<u32>) -> Result<(), String> {
        let mut command = Command::new("cargo");
        command
            .current_dir(&self.dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .args(["build", "--release", "--quiet", "-p", "toy"]);
        if self.has_bf() {
            command.args(["-p", "bf"]);
        }
        if let Some(jobs) = jobs {
            command.arg(format!("-j{jobs}"));
        }
        let output = command
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if output.status.success() {
            return Ok(());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
        Err(format!(
            "build failed: {}",
            tail[tail.len().saturating_sub(3)..].join(" / ")
        ))
    }

    /// Whether this commit has the `bf` client.
    pub fn has_bf(&self) -> bool {
        self.dir.join("langs/bf/Cargo.toml").is_file()
    }

    /// The release binary `name` built from the checked-out commit.
    pub fn binary(&self, name: &str) -> PathBuf {
        self.target.join("release").join(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::repository;

    #[test]
    fn commits_since_a_revision_are_listed_oldest_first() {
        let repo = repository();
        let listed = commits(&repo, "HEAD~3", "HEAD").unwrap();
        assert_eq!(listed.len(), 3);
        assert_eq!(listed[2], git(&repo, &["rev-parse", "HEAD"]).unwrap());
        assert_eq!(listed[0], git(&repo, &["rev-parse", "HEAD~2"]).unwrap());
        assert!(commits(&repo, "HEAD", "HEAD").unwrap().is_empty());
    }
}
