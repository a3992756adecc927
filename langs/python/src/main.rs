//! The `jitpy` command: `jitpy [--jit SETTINGS] [--jit-report] [-i] [-u] [-X OPT] (-c CODE |
//! -m MODULE | FILE | -) [ARGS...]`, or the interactive prompt, with `python3`'s exit statuses. With no
//! program the prompt runs when standard input is a terminal (or with `-i`); otherwise
//! standard input is the program, as with `python3`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jitgen_core::params::JitConfig;
use jitgen_log::exit_report::ExitReport;
use jitpy::run::{run, RunOptions};
use jitpy::runtime::signals;

const USAGE: &str = "usage: jitpy [--jit off|on|blackhole|threshold=N,...] [--jit-report] [-i] \
                     [-u] [-X OPT] [-c CODE | -m MODULE | FILE | -] [ARGS...]\n\
                     (--jit is off by default; --jit-report prints what the JIT did at exit;\n \
                     -i: the interactive prompt after the program; no program: the prompt on a\n \
                     terminal, otherwise the program is read from standard input;\n \
                     -u: unbuffered standard output and error (also PYTHONUNBUFFERED);\n \
                     -X OPT: an implementation option, in sys._xoptions)";

/// What to run.
enum Program {
    /// `-c CODE`.
    Command(String),
    /// `-m MODULE`.
    Module(String),
    /// A script file.
    File(String),
    /// `-`: standard input.
    Stdin,
    /// Nothing named: the prompt, or standard input.
    Nothing,
}

fn main() -> ExitCode {
    let mut args = std::env::args();
    let executable = args.next().unwrap_or_else(|| "jitpy".into());
    let mut options = RunOptions::default();
    let mut jit_report = false;
    let program = loop {
        let Some(arg) = args.next() else {
            break Program::Nothing;
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
            "-i" => options.interactive = true,
            "-u" => options.unbuffered = true,
            "-X" => {
                let Some(value) = args.next() else {
                    eprintln!("Argument expected for the -X option\n{USAGE}");
                    return ExitCode::from(2);
                };
                options.xoptions.push(value);
            }
            x if x.starts_with("-X") => options.xoptions.push(x[2..].to_string()),
            "-c" | "-m" => {
                let Some(value) = args.next() else {
                    eprintln!("Argument expected for the {arg} option\n{USAGE}");
                    return ExitCode::from(2);
                };
                break if arg == "-c" {
                    Program::Command(value)
                } else {
                    Program::Module(value)
                };
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "-" => break Program::Stdin,
            file if !file.starts_with('-') => break Program::File(file.to_string()),
            other => {
                eprintln!("Unknown option: {other}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    };
    let rest: Vec<String> = args.collect();
    let (filename, source) = match program {
        Program::Command(code) => {
            options.argv = argv("-c", rest);
            ("<string>".to_string(), code)
        }
        Program::Module(name) => {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            let Some((path, package)) = find_module(&cwd, &name) else {
                // CPython names itself by `sys.executable`, its absolute path.
                let executable =
                    std::env::current_exe().map_or(executable, |path| path.display().to_string());
                eprintln!("{executable}: No module named {name}");
                return ExitCode::from(1);
            };
            let Ok(source) = std::fs::read_to_string(&path) else {
                eprintln!("{executable}: can't read module {name}");
                return ExitCode::from(1);
            };
            let path = path.display().to_string();
            options.argv = argv(&path, rest);
            options.path0 = Some(cwd.display().to_string());
            options.package = Some(package);
            (path, source)
        }
        Program::File(file) => match std::fs::read_to_string(&file) {
            // CPython names the script by its absolute path in messages.
            Ok(source) => {
                options.argv = argv(&file, rest);
                let path = std::path::absolute(&file).unwrap_or_else(|_| file.clone().into());
                (path.display().to_string(), source)
            }
            Err(e) => {
                let path = std::fs::canonicalize(&file).unwrap_or_else(|_| PathBuf::from(&file));
                eprintln!(
                    "jitpy: can't open file '{}': [Errno {}] {}",
                    path.display(),
                    e.raw_os_error().unwrap_or(0),
                    strip_os_suffix(&e.to_string())
                );
                return ExitCode::from(2);
            }
        },
        Program::Nothing if options.interactive || stdin_is_terminal() => {
            options.interactive = true;
            options.banner = true;
            options.argv = argv("", rest);
            ("<stdin>".to_string(), String::new())
        }
        Program::Stdin | Program::Nothing => {
            let name = if matches!(program, Program::Stdin) {
                "-"
            } else {
                ""
            };
            options.argv = argv(name, rest);
            let mut source = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut source) {
                eprintln!("jitpy: can't read standard input: {e}");
                return ExitCode::from(2);
            }
            ("<stdin>".to_string(), source)
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
    signals::install();
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
    if status == signals::KILLED_BY_SIGINT {
        signals::die_by_sigint();
    }
    ExitCode::from(u8::try_from(status & 0xff).unwrap_or(1))
}

/// `sys.argv`: the program's name, then the remaining arguments.
fn argv(first: &str, rest: Vec<String>) -> Vec<String> {
    std::iter::once(first.to_string()).chain(rest).collect()
}

fn stdin_is_terminal() -> bool {
    // SAFETY: `isatty` only inspects the descriptor.
    unsafe { libc::isatty(0) == 1 }
}

/// The file `-m name` runs, found under `dir` (`a.b` is `a/b.py`, or `a/b/__main__.py`
/// for a package), and its package (`a`, or `a.b` for a package's `__main__`; `''` for a
/// top-level module).
fn find_module(dir: &Path, name: &str) -> Option<(PathBuf, String)> {
    if name.is_empty() || name.split('.').any(|part| part.is_empty()) {
        return None;
    }
    let base = dir.join(name.replace('.', "/"));
    let parent = name.rsplit_once('.').map_or("", |(parent, _)| parent);
    let module = base.with_extension("py");
    if module.is_file() {
        return Some((module, parent.to_string()));
    }
    let main = base.join("__main__.py");
    main.is_file().then(|| (main, name.to_string()))
}

/// "No such file or directory (os error 2)" without the suffix.
fn strip_os_suffix(message: &str) -> &str {
    message.split(" (os error").next().unwrap_or(message)
}
