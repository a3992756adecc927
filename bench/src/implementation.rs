//! The implementations programs run under (CPython, PyPy, toy and bf configurations) and how
//! one run of a program is started and observed.
//!
//! An implementation is a command plus the language of the sources it runs; adding one is
//! one more entry in [`select`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::measure;
use crate::protocol::{parse_output, whole_output};
use crate::summary::{Observation, Run};

/// The language of a benchmark source, known by its file extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Language {
    /// `NAME.py`, run by `python3`, `pypy3` and `jitpy`.
    Python,
    /// `NAME.toy`, run by `toy`.
    Toy,
    /// `NAME.b`, run by `bf`.
    Brainfuck,
}

impl Language {
    /// Every language, in column order.
    pub const ALL: [Language; 3] = [Language::Python, Language::Toy, Language::Brainfuck];

    /// The extension of its sources.
    pub fn extension(self) -> &'static str {
        match self {
            Language::Python => "py",
            Language::Toy => "toy",
            Language::Brainfuck => "b",
        }
    }

    /// Whether its programs speak the protocol (ITERATIONS and SIZE arguments, iteration
    /// lines, a checksum, a smoke-size header). Brainfuck programs take no arguments and are
    /// measured as a whole process; their whole output is the result.
    pub fn speaks_protocol(self) -> bool {
        self != Language::Brainfuck
    }
}

/// One column of the report: a command that runs sources of one language.
#[derive(Clone, Debug)]
pub struct Implementation {
    /// The column label: `python3`, `toy on`, `bf off`, ...
    pub label: String,
    /// The language of the sources it runs.
    pub language: Language,
    /// The executable.
    pub program: PathBuf,
    /// Options before the source file (`--jit on`).
    pub options: Vec<String>,
}

/// The jit configurations bf is run with.
pub const BF_JIT: [&str; 2] = ["off", "on"];

/// What the command line asks to run.
pub struct Choices {
    /// Run the Python sources (under `python3`, and `pypy3` if `pypy` too).
    pub python: bool,
    /// Run the Python sources under `pypy3` too.
    pub pypy: bool,
    /// The `toy` binary.
    pub toy: PathBuf,
    /// The `--jit` configurations toy runs with, one column each.
    pub toy_jit: Vec<String>,
    /// The `bf` binary.
    pub bf: PathBuf,
    /// The `jitpy` binary, for the Python sources.
    pub jitpy: PathBuf,
    /// The `--jit` configurations jitpy runs with, one column each (none: jitpy does not run).
    pub jitpy_jit: Vec<String>,
}

/// The implementations to run for programs written in the `needed` languages, in column
/// order; CPython comes first, as the reference and the baseline. Implementations that cannot
/// run are left out with a line in `notes` saying why, except a missing toy binary when toy
/// programs are to run, which is an error.
pub fn select(
    choices: &Choices,
    needed: &BTreeSet<Language>,
    notes: &mut Vec<String>,
) -> Result<Vec<Implementation>, String> {
    let mut selected = Vec::new();
    if needed.contains(&Language::Python) && choices.python {
        for (name, wanted, hint) in [
            ("python3", true, "install it with `apt-get install python3`"),
            (
                "pypy3",
                choices.pypy,
                "install it with `apt-get install pypy3`",
            ),
        ] {
            if !wanted {
                continue;
            }
            match find_on_path(name) {
                Some(program) => selected.push(Implementation {
                    label: name.to_string(),
                    language: Language::Python,
                    program: real_interpreter(program),
                    options: Vec::new(),
                }),
                None => notes.push(format!("{name} not found on PATH, skipped: {hint}")),
            }
        }
        if !choices.jitpy_jit.is_empty() {
            if choices.jitpy.is_file() {
                selected.extend(jit_columns(
                    "jitpy",
                    &choices.jitpy,
                    Language::Python,
                    &choices.jitpy_jit,
                ));
            } else {
                notes.push(format!(
                    "jitpy not found at {}, skipped: build it with `cargo build --release -p \
                     jitpy`, or pass --jitpy PATH",
                    choices.jitpy.display()
                ));
            }
        }
    }
    if needed.contains(&Language::Toy) && !choices.toy_jit.is_empty() {
        if !choices.toy.is_file() {
            return Err(format!(
                "toy not found at {}: build it with `cargo build --release -p toy`, or pass \
                 --toy PATH",
                choices.toy.display()
            ));
        }
        selected.extend(jit_columns(
            "toy",
            &choices.toy,
            Language::Toy,
            &choices.toy_jit,
        ));
    }
    if needed.contains(&Language::Brainfuck) {
        if choices.bf.is_file() {
            let configurations = BF_JIT.map(str::to_string);
            selected.extend(jit_columns(
                "bf",
                &choices.bf,
                Language::Brainfuck,
                &configurations,
            ));
        } else {
            notes.push(format!(
                "bf not found at {}, Brainfuck programs skipped: build it with \
                 `cargo build --release -p bf`, or pass --bf PATH",
                choices.bf.display()
            ));
        }
    }
    Ok(selected)
}

/// One implementation per `--jit` configuration of `program`.
pub fn jit_columns(
    name: &str,
    program: &Path,
    language: Language,
    configurations: &[String],
) -> Vec<Implementation> {
    configurations
        .iter()
        .map(|jit| Implementation {
            label: format!("{name} {jit}"),
            language,
            program: program.to_path_buf(),
            options: vec!["--jit".to_string(), jit.clone()],
        })
        .collect()
}

/// The interpreter `python` really is (its `sys.executable`), so that runs do not go through
/// a wrapper such as a pyenv shim (which costs startup time); `python` itself if it cannot
/// tell.
fn real_interpreter(python: PathBuf) -> PathBuf {
    let asked = std::process::Command::new(&python)
        .args(["-c", "import sys; print(sys.executable)"])
        .stderr(std::process::Stdio::null())
        .output();
    match asked {
        Ok(output) if output.status.success() => {
            let path = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
            if path.is_file() {
                path
            } else {
                python
            }
        }
        _ => python,
    }
}

/// `name`'s path in the first `PATH` directory that holds it.
fn find_on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
}

impl Implementation {
    /// The arguments of a run of `source`: the options, the file, then for programs that speak
    /// the protocol ITERATIONS and SIZE when given (SIZE only after ITERATIONS).
    pub fn arguments(
        &self,
        source: &Path,
        iterations: Option<u64>,
        size: Option<u64>,
    ) -> Vec<String> {
        let mut arguments = self.options.clone();
        arguments.push(source.display().to_string());
        if self.language.speaks_protocol() {
            if let Some(iterations) = iterations {
                arguments.push(iterations.to_string());
                arguments.extend(size.map(|size| size.to_string()));
            }
        }
        arguments
    }

    /// Runs `source` once and reads its output by the protocol.
    pub fn run(
        &self,
        source: &Path,
        iterations: Option<u64>,
        size: Option<u64>,
        timeout: Duration,
    ) -> Run {
        let arguments = self.arguments(source, iterations, size);
        let finished = measure::run(&self.program, &arguments, timeout)?;
        let output = if self.language.speaks_protocol() {
            parse_output(&finished.stdout)?
        } else {
            whole_output(&finished.stdout)
        };
        Ok(Observation {
            output,
            wall: finished.wall,
            cpu: finished.cpu,
            peak_rss: finished.peak_rss,
        })
    }

    /// The command line, for the report's legend.
    pub fn command_line(&self) -> String {
        let mut words = vec![self.program.display().to_string()];
        words.extend(self.options.iter().cloned());
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Implementation {
        jit_columns(
            "toy",
            Path::new("/bin/toy"),
            Language::Toy,
            &["on".to_string()],
        )
        .remove(0)
    }

    #[test]
    fn protocol_programs_get_iterations_and_size() {
        let toy = toy();
        assert_eq!(toy.label, "toy on");
        assert_eq!(toy.command_line(), "/bin/toy --jit on");
        let source = Path::new("p/nbody.toy");
        assert_eq!(
            toy.arguments(source, None, None),
            ["--jit", "on", "p/nbody.toy"]
        );
        assert_eq!(
            toy.arguments(source, Some(3), None),
            ["--jit", "on", "p/nbody.toy", "3"]
        );
        assert_eq!(
            toy.arguments(source, Some(1), Some(50)),
            ["--jit", "on", "p/nbody.toy", "1", "50"]
        );
    }

    #[test]
    fn brainfuck_programs_get_no_arguments() {
        let bf = jit_columns(
            "bf",
            Path::new("/bin/bf"),
            Language::Brainfuck,
            &["off".into()],
        )
        .remove(0);
        assert_eq!(
            bf.arguments(Path::new("hello.b"), Some(1), Some(50)),
            ["--jit", "off", "hello.b"]
        );
    }

    #[test]
    fn a_missing_toy_is_an_error_and_a_missing_bf_a_note() {
        let choices = Choices {
            python: false,
            pypy: false,
            toy: PathBuf::from("/nonexistent/toy"),
            toy_jit: vec!["off".to_string()],
            bf: PathBuf::from("/nonexistent/bf"),
            jitpy: PathBuf::from("/nonexistent/jitpy"),
            jitpy_jit: Vec::new(),
        };
        let mut notes = Vec::new();
        let toy_programs = BTreeSet::from([Language::Toy]);
        let error = select(&choices, &toy_programs, &mut notes).unwrap_err();
        assert!(
            error.starts_with("toy not found at /nonexistent/toy"),
            "{error}"
        );
        let bf_programs = BTreeSet::from([Language::Brainfuck]);
        assert!(select(&choices, &bf_programs, &mut notes)
            .unwrap()
            .is_empty());
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].starts_with("bf not found at /nonexistent/bf"),
            "{}",
            notes[0]
        );
    }

    #[test]
    fn jitpy_runs_the_python_sources_once_per_configuration_or_is_a_note() {
        let present = std::env::current_exe().expect("the test binary");
        let mut choices = Choices {
            python: true,
            pypy: false,
            toy: PathBuf::from("/nonexistent/toy"),
            toy_jit: Vec::new(),
            bf: PathBuf::from("/nonexistent/bf"),
            jitpy: present.clone(),
            jitpy_jit: vec!["off".to_string(), "on".to_string()],
        };
        let python_programs = BTreeSet::from([Language::Python]);
        let mut notes = Vec::new();
        let selected = select(&choices, &python_programs, &mut notes).unwrap();
        let jitpy: Vec<&Implementation> =
            selected.iter().filter(|i| i.program == present).collect();
        let labels: Vec<&str> = jitpy.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["jitpy off", "jitpy on"]);
        assert!(jitpy.iter().all(|i| i.language == Language::Python));
        assert_eq!(
            jitpy[1].arguments(Path::new("nbody.py"), Some(3), Some(100)),
            ["--jit", "on", "nbody.py", "3", "100"]
        );
        choices.jitpy = PathBuf::from("/nonexistent/jitpy");
        let mut notes = Vec::new();
        let selected = select(&choices, &python_programs, &mut notes).unwrap();
        assert!(selected.iter().all(|i| !i.label.starts_with("jitpy")));
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("jitpy not found at /nonexistent/jitpy")),
            "{notes:?}"
        );
    }
}
