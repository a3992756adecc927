//! The front end never panics: every program of the corpus (`tests/python/`), truncated,
//! with lines shuffled, characters deleted, or garbage inserted, compiles or gives a
//! compile error -- 1,000+ mutated sources, deterministically chosen.

use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn corpus_sources() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read corpus directory") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "py") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/python"),
        &mut paths,
    );
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read program"))
        .collect()
}

/// Pieces of Python and of garbage to splice in.
const SPLICES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\n",
    "    ",
    "\t",
    "'",
    "\"\"\"",
    "\\",
    "lambda",
    "def",
    "class",
    "return",
    "yield",
    "nonlocal x",
    "global y",
    "*",
    "**",
    "=",
    ":=",
    "@",
    "f'{",
    "}'",
    "\u{0}",
    "é",
    "\u{feff}",
    "#",
    "if",
    "else",
    "try:",
    "except",
    "finally",
    "while",
    "for x in",
    "0x",
    "1e",
    "_",
    "async",
    "await",
    "match x:",
    "case 1:",
    "del",
    "import os",
    "from . import x",
    "...",
    ";",
];

fn mutate(source: &str, rng: &mut Rng) -> String {
    let chars: Vec<char> = source.chars().collect();
    match rng.below(5) {
        0 => chars[..rng.below(chars.len() + 1)].iter().collect(),
        1 => {
            let mut lines: Vec<&str> = source.lines().collect();
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            if !lines.is_empty() {
                lines.swap(a, b);
            }
            lines.join("\n")
        }
        2 => {
            let mut out = chars.clone();
            for _ in 0..1 + rng.below(4) {
                if !out.is_empty() {
                    let at = rng.below(out.len());
                    out.remove(at);
                }
            }
            out.into_iter().collect()
        }
        3 => {
            let at = rng.below(chars.len() + 1);
            let splice = SPLICES[rng.below(SPLICES.len())];
            let mut out: String = chars[..at].iter().collect();
            out.push_str(splice);
            out.extend(&chars[at..]);
            out
        }
        _ => {
            let mut out = chars.clone();
            for _ in 0..1 + rng.below(3) {
                let at = rng.below(out.len() + 1);
                let garbage = char::from_u32(rng.below(0x3000) as u32).unwrap_or('?');
                out.insert(at, garbage);
            }
            out.into_iter().collect()
        }
    }
}

#[test]
fn mutated_sources_never_panic() {
    let sources = corpus_sources();
    assert!(!sources.is_empty());
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut outcomes = (0, 0);
    for round in 0..1200 {
        let source = &sources[round % sources.len()];
        let mutated = mutate(source, &mut rng);
        let result = std::panic::catch_unwind(|| jitpy::front::compile(&mutated));
        match result {
            Ok(Ok(_)) => outcomes.0 += 1,
            Ok(Err(error)) => {
                // The report renders for any position.
                let _ = error.render("mutated.py", &mutated);
                outcomes.1 += 1;
            }
            Err(_) => panic!("the front end panicked on:\n{mutated}"),
        }
    }
    println!(
        "1200 mutated sources: {} compiled, {} compile errors",
        outcomes.0, outcomes.1
    );
}
