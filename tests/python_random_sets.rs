//! Randomized set and bytes programs, run through jitpy and through CPython 3.11
//! (`PYTHONHASHSEED=0 python3`), whose standard output must agree: set iteration order
//! after adds, discards, pops, set algebra, in-place operators and constant displays
//! (CPython's table, probing, dummies, growth, frozenset constants), frozenset hashes,
//! and bytes/bytearray methods, slicing and mutation with their errors.
//!
//! `JITPY_RANDOM_SETS=N` runs N programs of each kind (default 20); `JITPY_RANDOM_SEED=S`
//! starts elsewhere. A mismatching program is kept in the target's temporary directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use jitgen_tests::random_toy::Rng;
use jitpy::run::{run_captured, RunOptions};

/// A set element: an int, a short str (identifier-like or not), a special number or a
/// tuple.
fn element(rng: &mut Rng) -> String {
    match rng.below(10) {
        0..=4 => rng.range(-50, 300).to_string(),
        5..=7 => {
            let alphabet: Vec<char> = "abcgxyzuB\u{e9}\u{65e5}_".chars().collect();
            let len = rng.below(4);
            let text: String = (0..len)
                .map(|_| alphabet[rng.below(alphabet.len() as u64) as usize])
                .collect();
            format!("\"{text}\"")
        }
        8 => rng
            .pick(&[
                "2**40",
                "2**61 - 1",
                "2**64",
                "-2**63",
                "1.5",
                "-0.0",
                "True",
            ])
            .to_string(),
        _ => format!("({}, \"t\")", rng.range(0, 5)),
    }
}

fn elements(rng: &mut Rng, low: i64, high: i64) -> String {
    let count = rng.range(low, high);
    (0..count)
        .map(|_| element(rng))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A program of set operations printing the sets after each.
fn set_program(rng: &mut Rng) -> String {
    let mut lines = vec![
        "s = set()".to_string(),
        "t = set()".into(),
        "f = frozenset()".into(),
    ];
    for _ in 0..50 {
        let v = rng.pick(&["s", "t"]);
        let w = rng.pick(&["s", "t"]);
        let line = match rng.below(20) {
            0..=5 => format!("{v}.add({})", element(rng)),
            6..=7 => format!("{v}.discard({})", element(rng)),
            8 => format!("{v} = {{{}}}", elements(rng, 1, 12)),
            9 => format!("{v} = set([{}])", elements(rng, 0, 20)),
            10 => format!(
                "{v}.update(range({}, {}, {}))",
                rng.range(0, 40),
                rng.range(40, 90),
                rng.range(1, 7)
            ),
            11 => format!("if {v}: {v}.pop()"),
            12 => format!("{v} |= {w}"),
            13 => format!("{v} &= {w} | {{{}}}", element(rng)),
            14 => format!("{v} -= {{{}, {}}}", element(rng), element(rng)),
            15 => format!("{v} ^= {w}"),
            16 => format!("f = frozenset({v}) | f"),
            17 => format!("print(hash(frozenset({v})))"),
            18 => format!("print({v} - {w}, {v} & {w}, {v} ^ {w})"),
            _ => format!("{v}.difference_update(list({w})[:3])"),
        };
        lines.push(line);
        lines.push(format!("print({v})"));
    }
    lines.push("print(f, s.copy(), t.union(s))".into());
    lines.join("\n") + "\n"
}

/// A bytes literal of the bytes CPython's repr treats specially.
fn bytes_literal(rng: &mut Rng) -> String {
    let pieces = ["a", "b", " ", "\\t", ",", "x", "y", "\\x00", "\\xff", "'"];
    let len = rng.below(9);
    let body: String = (0..len).map(|_| *rng.pick(&pieces)).collect();
    format!("b\"{body}\"")
}

/// A program of bytes and bytearray expressions, each printed or its error named.
fn bytes_program(rng: &mut Rng) -> String {
    let mut lines = Vec::new();
    for _ in 0..40 {
        let mut b = || bytes_literal(rng);
        let (x, y, z) = (b(), b(), b());
        let target = if rng.below(2) == 0 {
            x.clone()
        } else {
            format!("bytearray({x})")
        };
        let (i, j) = (rng.range(-10, 10), rng.range(-10, 10));
        let expr = match rng.below(16) {
            0 => format!("{target}.split({y})"),
            1 => format!("{target}.split(maxsplit={})", rng.range(0, 3)),
            2 => format!("{target}.strip({y})"),
            3 => format!("{target}.find({y}, {i}, {j})"),
            4 => format!("{target}.rfind({y}, {i})"),
            5 => format!("{target}.count({y}, {i}, {j})"),
            6 => format!("{target}.replace({y}, {z}, {})", rng.range(-1, 3)),
            7 => format!("{target}.startswith(({y}, {z}), {i})"),
            8 => format!("{target}[{i}:{j}:{}]", rng.pick(&["1", "2", "-1", "-3"])),
            9 => format!("{target}[{i}]"),
            10 => format!("{y}.join([{target}, {z}])"),
            11 => format!("{target} + {y}, {target} * {}", rng.range(-1, 3)),
            12 => format!(
                "{target}.partition({y}), {target}.center({}, b'*')",
                rng.range(0, 12)
            ),
            13 => format!("{target}.decode('utf-8', 'replace'), {target}.hex()"),
            14 => format!("{y} in {target}, {target} < {z}, hash({y})"),
            _ => format!("b'%s|%d|%c' % ({target}, {i}, {})", rng.range(0, 255)),
        };
        lines.push(format!(
            "try:\n    print(repr({expr}))\nexcept Exception as e:\n    print(type(e).__name__, e)"
        ));
    }
    lines.push("a = bytearray(b'hello world')".into());
    for _ in 0..15 {
        let (i, j) = (rng.range(-10, 10), rng.range(-10, 10));
        let statement = match rng.below(5) {
            0 => format!("a[{i}:{j}] = {}", bytes_literal(rng)),
            1 => format!("del a[{i}:{j}:{}]", rng.pick(&["1", "2", "-1"])),
            2 => format!("a.insert({i}, {})", rng.range(0, 255)),
            3 => format!("a += {}", bytes_literal(rng)),
            _ => format!("a[{i}] = {}", rng.range(0, 255)),
        };
        lines.push(format!(
            "try:\n    {statement}\nexcept Exception as e:\n    print(type(e).__name__, e)\nprint(a)"
        ));
    }
    lines.join("\n") + "\n"
}

/// CPython's standard output for a program file.
fn cpython(path: &Path) -> String {
    let output = Command::new("python3")
        .arg(path)
        .env("PYTHONHASHSEED", "0")
        .output()
        .expect("python3 runs (CPython 3.11 is the oracle)");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn check(name: &str, source: &str, dir: &Path) -> Option<PathBuf> {
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, source).expect("write the program");
    let expected = cpython(&path);
    let outcome = run_captured(&path.display().to_string(), source, &RunOptions::default());
    if outcome.stdout == expected {
        let _ = std::fs::remove_file(&path);
        return None;
    }
    Some(path)
}

#[test]
fn random_set_and_bytes_programs_match_cpython() {
    let count: u64 = std::env::var("JITPY_RANDOM_SETS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("JITPY_RANDOM_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("python_random_sets");
    std::fs::create_dir_all(&dir).expect("a directory for the programs");
    let mut mismatches = Vec::new();
    for n in seed..seed + count {
        let mut rng = Rng::new(n);
        let sets = set_program(&mut rng);
        let bytes = bytes_program(&mut rng);
        mismatches.extend(check(&format!("sets_{n}"), &sets, &dir));
        mismatches.extend(check(&format!("bytes_{n}"), &bytes, &dir));
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} programs differ from CPython's output: {mismatches:?}",
        mismatches.len(),
        2 * count
    );
}
