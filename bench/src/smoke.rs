//! Smoke mode (`--smoke`, run by CI): every program once under every implementation, with
//! ITERATIONS=1 and SIZE its smoke size, checked for the protocol and for the reference's
//! result; one pass/fail line per program.

use std::path::Path;
use std::time::Duration;

use crate::implementation::Implementation;
use crate::programs::{Directory, Program};
use crate::progress::Progress;
use crate::protocol::{check_checksum, smoke_size};
use crate::report::seconds;
use crate::summary::{check_results, Run};

/// The outcome of the smoke run.
pub struct Tally {
    /// Programs whose every run followed the protocol and matched the reference.
    pub passed: usize,
    /// The others.
    pub failed: usize,
}

/// Runs the smoke test, printing a line per program on stdout as it completes, under a
/// heading per directory.
pub fn run(
    directories: &[Directory],
    implementations: &[Implementation],
    timeout: Duration,
) -> Tally {
    let total = directories
        .iter()
        .flat_map(|dir| &dir.programs)
        .map(|program| runners(program, implementations).len() as u64)
        .sum();
    let progress = Progress::new(total);
    let mut tally = Tally {
        passed: 0,
        failed: 0,
    };
    for dir in directories {
        let mut heading = Some(format!("== {} ==", dir.label));
        for program in &dir.programs {
            let runners = runners(program, implementations);
            if runners.is_empty() {
                continue;
            }
            if let Some(heading) = heading.take() {
                progress.print(&heading);
            }
            smoke_line(program, &runners, timeout, &progress, &mut tally);
        }
    }
    progress.finish();
    tally
}

/// The implementations that run `program`.
fn runners<'a>(
    program: &Program,
    implementations: &'a [Implementation],
) -> Vec<&'a Implementation> {
    implementations
        .iter()
        .filter(|imp| program.sources.contains_key(&imp.language))
        .collect()
}

/// Smoke-tests one program and prints its line.
fn smoke_line(
    program: &Program,
    runners: &[&Implementation],
    timeout: Duration,
    progress: &Progress,
    tally: &mut Tally,
) {
    let line = match smoke_program(program, runners, timeout, progress) {
        Ok(times) => {
            tally.passed += 1;
            format!("ok      {}: {times}", program.name)
        }
        Err(reasons) => {
            tally.failed += 1;
            let mut line = format!("FAILED  {}", program.name);
            for reason in reasons {
                line += &format!("\n        {reason}");
            }
            line
        }
    };
    progress.print(&line);
}

/// Smoke-tests one program: its run times (`python3 25.1ms, ...`) or why it failed.
fn smoke_program(
    program: &Program,
    runners: &[&Implementation],
    timeout: Duration,
    progress: &Progress,
) -> Result<String, Vec<String>> {
    let size = match program_smoke_size(program) {
        Ok(size) => size,
        Err(reason) => {
            for _ in runners {
                progress.done();
            }
            return Err(vec![reason]);
        }
    };
    let mut runs: Vec<Vec<Run>> = Vec::new();
    for imp in runners {
        progress.start(&format!("{} under {}", program.name, imp.label));
        let source = &program.sources[&imp.language];
        let run = imp
            .run(source, Some(1), size, timeout)
            .and_then(|observation| {
                if imp.language.speaks_protocol() {
                    let iterations = observation.output.iterations.len();
                    if iterations != 1 {
                        return Err(format!("{iterations} iteration lines for ITERATIONS=1"));
                    }
                    check_checksum(&observation.output.result)?;
                }
                Ok(observation)
            });
        runs.push(vec![run]);
        progress.done();
    }
    check_results(&mut runs, &runners[0].label);
    let mut times = Vec::new();
    let mut failures = Vec::new();
    for (imp, runs) in runners.iter().zip(&runs) {
        for run in runs {
            match run {
                Ok(observation) => {
                    times.push(format!("{} {}", imp.label, seconds(observation.wall)))
                }
                Err(reason) => failures.push(format!("{}: {reason}", imp.label)),
            }
        }
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let size = size.map_or(String::new(), |size| format!("(size {size}) "));
    Ok(format!("{size}{}", times.join(", ")))
}

/// The smoke size of a program that speaks the protocol, from its sources' headers, which
/// must agree; `None` for a program measured as a whole process.
pub fn program_smoke_size(program: &Program) -> Result<Option<u64>, String> {
    let mut size = None;
    for (language, source) in &program.sources {
        if !language.speaks_protocol() {
            continue;
        }
        let declared = read(source)
            .and_then(|text| smoke_size(&text).map_err(|e| format!("{}: {e}", source.display())))?
            .ok_or_else(|| {
                format!(
                    "{}: no smoke-size header (`jitgen-bench: smoke-size=N` in a comment on \
                     one of the first 3 lines)",
                    source.display()
                )
            })?;
        match size {
            Some(size) if size != declared => {
                return Err(format!(
                    "smoke sizes differ between sources: {size} and {declared} in {}",
                    source.display()
                ))
            }
            _ => size = Some(declared),
        }
    }
    Ok(size)
}

/// A source's text.
fn read(source: &Path) -> Result<String, String> {
    std::fs::read_to_string(source).map_err(|e| format!("cannot read {}: {e}", source.display()))
}
