//! Finding the benchmark programs: a directory's `NAME.py`, `NAME.toy` and `NAME.b` files,
//! grouped by NAME.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::implementation::Language;

/// A directory of programs; the report has one set of tables per directory.
#[derive(Debug)]
pub struct Directory {
    /// How the report names it (`bench/programs`).
    pub label: String,
    /// Its programs, by name.
    pub programs: Vec<Program>,
}

/// One benchmark: the sources of the same program in one or more languages.
#[derive(Debug)]
pub struct Program {
    /// The file stem shared by its sources.
    pub name: String,
    /// Its source in each language it is written in.
    pub sources: BTreeMap<Language, PathBuf>,
}

impl Program {
    /// Whether it speaks the protocol (has iterations): it has a source in such a language.
    pub fn speaks_protocol(&self) -> bool {
        self.sources
            .keys()
            .any(|language| language.speaks_protocol())
    }
}

/// The programs in `path` whose name contains `filter`. A source with a `NAME.err` file
/// beside it (an expected failure, in the toy corpus) is skipped.
pub fn discover(path: &Path, label: String, filter: Option<&str>) -> Result<Directory, String> {
    let entries =
        std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut programs: BTreeMap<String, BTreeMap<Language, PathBuf>> = BTreeMap::new();
    for entry in entries {
        let file = entry
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?
            .path();
        let Some(extension) = file.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        let Some(language) = Language::ALL
            .into_iter()
            .find(|language| language.extension() == extension)
        else {
            continue;
        };
        let Some(name) = file.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        if file.with_extension("err").exists() || filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        programs
            .entry(name.to_string())
            .or_default()
            .insert(language, file.clone());
    }
    Ok(Directory {
        label,
        programs: programs
            .into_iter()
            .map(|(name, sources)| Program { name, sources })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_grouped_by_name_and_filtered() {
        let dir =
            std::env::temp_dir().join(format!("jitgen-bench-programs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for file in [
            "a.py", "a.toy", "b.py", "c.b", "d.toy", "d.err", "notes.md", "ab.toy",
        ] {
            std::fs::write(dir.join(file), "").unwrap();
        }
        let found = discover(&dir, "here".to_string(), None).unwrap();
        let listed: Vec<(String, Vec<Language>, bool)> = found
            .programs
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    p.sources.keys().copied().collect(),
                    p.speaks_protocol(),
                )
            })
            .collect();
        assert_eq!(
            listed,
            [
                ("a".to_string(), vec![Language::Python, Language::Toy], true),
                ("ab".to_string(), vec![Language::Toy], true),
                ("b".to_string(), vec![Language::Python], true),
                ("c".to_string(), vec![Language::Brainfuck], false),
            ]
        );
        let filtered = discover(&dir, "here".to_string(), Some("a")).unwrap();
        let names: Vec<&str> = filtered.programs.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["a", "ab"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        let error = discover(Path::new("/nonexistent/dir"), "x".to_string(), None).unwrap_err();
        assert!(
            error.starts_with("cannot read /nonexistent/dir: "),
            "{error}"
        );
    }
}
