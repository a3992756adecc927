//! The `jitpy` command: `jitpy [--jit SETTINGS] [--jit-report] FILE [ARGS...]` or
//! `jitpy -c CODE`, with `python3`'s exit statuses.

use std::process::ExitCode;

use jitgen_core::params::JitConfig;
use jitgen_log::exit_report::ExitReport;
use jitpy::run::{run, RunOptions};

const USAGE: &str =
    "usage: jitpy [--jit off|on|blackhole|threshold=N,...] [--jit-report] (-c CODE | FILE) [ARGS...]\n\
                     (--jit is off by default; --jit-report prints what the JIT did at exit)";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut options = RunOptions::default();
    let mut jit_report = false;
    let (filename, source) = loop {
        let Some(arg) = args.next() else {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        };
        match arg.as_str() {
            "--jit" => {
                let Some(value) = args.next() else {
                    eprintln!("jitpy: --jit needs a value\n{USAGE}");
                    return ExitCode::from(2);
                };
                match JitConfig::parse(&value) {
                    Ok(jit) => options.jit = jit,
                    Err(e) => {
                        eprintln!("jitpy: --jit {value}: {e}");
                        return ExitCode::from(2);
                    }
                }
            }
            "--jit-report" => jit_report = true,
            "-c" => {
                let Some(code) = args.next() else {
                    eprintln!("Argument expected for the -c option\n{USAGE}");
                    return ExitCode::from(2);
                };
                options.argv = std::iter::once("-c".to_string())
                    .chain(args.by_ref())
                    .collect();
                break ("<string>".to_string(), code);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            file if !file.starts_with('-') || file == "-" => {
                match std::fs::read_to_string(file) {
                    // CPython names the script by its absolute path in messages.
                    Ok(source) => {
                        options.argv = std::iter::once(file.to_string())
                            .chain(args.by_ref())
                            .collect();
                        let path = std::path::absolute(file).unwrap_or_else(|_| file.into());
                        break (path.display().to_string(), source);
                    }
                    Err(e) => {
                        let path = std::fs::canonicalize(file)
                            .unwrap_or_else(|_| std::path::PathBuf::from(file));
                        eprintln!(
                            "jitpy: can't open file '{}': [Errno {}] {}",
                            path.display(),
                            e.raw_os_error().unwrap_or(0),
                            strip_os_suffix(&e.to_string())
                        );
                        return ExitCode::from(2);
                    }
                }
            }
            other => {
                eprintln!("Unknown option: {other}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    };
    let report = match jit_report.then(|| ExitReport::new("jitpy")).transpose() {
        Ok(report) => report.map(|(report, spec)| {
            jitgen_core::log::init_with(&spec);
            report
        }),
        Err(e) => {
            eprintln!("jitpy: {e}");
            return ExitCode::from(2);
        }
    };
    let status = run(
        &filename,
        &source,
        &options,
        Box::new(std::io::stdout()),
        Box::new(std::io::stderr()),
    );
    if let Some(report) = report {
        report.print("jitpy");
    }
    ExitCode::from(u8::try_from(status & 0xff).unwrap_or(1))
}

/// "No such file or directory (os error 2)" without the suffix.
fn strip_os_suffix(message: &str) -> &str {
    message.split(" (os error").next().unwrap_or(message)
}
