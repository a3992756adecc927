//! Optimizer filetests: each `filetests/**/*.trace` file is one case, in the trace text form
//! (`jitgen_core::trace`, `;` starts a comment):
//!
//! ```text
//! ; What the case shows.
//! ; passes: cse:dce
//! loop l(i0)
//!   ...
//! ; optimized:
//! loop l(i0)
//!   ...
//! ```
//!
//! `passes:` is an `enable_opts` value (`all`, or pass names joined by `:`). The runner parses
//! the input (everything before `; optimized:`) with the namespace below, verifies it,
//! optimizes it as the JIT optimizes a loop (`optimize_loop`: the passes, then `entry` and
//! `peel` if selected), verifies the result and compares its text with the expected section.
//! `UPDATE_EXPECT=1 cargo test -p jitgen-core --test filetests` rewrites the expected
//! sections from what the passes produce (review the diff).
//!
//! The namespace: the layout structs below (fields `Frame.sp`, `Frame.slots`, `IntObj.value`,
//! `Cell.value`, `Cell.next`), the types `IntObj`, `Frame` and `Cell` (`class_is<IntObj>`),
//! the arrays `GcArray<GcRef>` and `GcArray<u8>`, the calls of [`calls`], the jitcodes `f` and `g` for resume
//! frames (see [`frame_code`]) and the objects `<IntObj#1>`, `<IntObj#2>` and `<Frame>`.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use jitgen_core::gc::{Gc, GcArray, GcRef, GcType, Mut};
use jitgen_core::jitcode::shim::ShimRet;
use jitgen_core::jitcode::{
    AllocDescr, ArrayDescr, Builder, CallDescr, Effects, FieldRef, JitCodeId, Kind, Registry,
};
use jitgen_core::layout::{field_id, ValueKind};
use jitgen_core::optimize::optimize_loop;
use jitgen_core::trace::{Namespace, TraceLoop};

/// An interpreter frame: a mutable stack pointer, an immutable array of slots.
#[jitgen_core::layout]
pub struct Frame {
    pub sp: Mut<i64>,
    pub slots: Gc<GcArray<GcRef>>,
}

/// A boxed integer.
#[jitgen_core::layout]
pub struct IntObj {
    pub value: i64,
}

/// A mutable cell.
#[jitgen_core::layout]
pub struct Cell {
    pub value: Mut<i64>,
    pub next: Mut<Option<GcRef>>,
}

/// The line between a case's input and its expected output.
const SEPARATOR: &str = "; optimized:";

/// The residual calls the files name:
/// - `pure(i) -> i`: no effects;
/// - `reads_sp(r)`: reads `Frame.sp`;
/// - `writes_sp(r)`: writes `Frame.sp`;
/// - `anything(r) -> r`: undeclared effects (reads and writes everything, can raise);
/// - `new_int(i) -> r`: allocates an `IntObj` with that value (what the virtuals pass removes);
/// - `new_array(i, r) -> r`: `GcArray<GcRef>::new(len, fill)` (virtual when short);
/// - `twice(i) -> i`: elidable (and really callable: folding calls it).
fn calls() -> Vec<CallDescr> {
    let sp = FieldRef::of::<{ field_id("sp") }, Frame>();
    let call = |name, arg_kinds, result, effects: Effects| CallDescr {
        name,
        shim: 0,
        arg_kinds,
        result,
        returns_result: effects.can_raise,
        effects,
        forces: Vec::new(),
        elidable: false,
        allocates: None,
    };
    let new_int = CallDescr {
        allocates: Some(AllocDescr {
            type_info: IntObj::type_info(),
            fields: vec![FieldRef::of::<{ field_id("value") }, IntObj>()],
            array: None,
        }),
        ..call("new_int", vec![Kind::Int], Some(Kind::Ref), Effects::none())
    };
    let new_array = CallDescr {
        allocates: Some(AllocDescr {
            type_info: GcArray::<GcRef>::type_info(),
            fields: Vec::new(),
            array: Some(ArrayDescr::of::<GcArray<GcRef>>()),
        }),
        ..call(
            "new_array",
            vec![Kind::Int, Kind::Ref],
            Some(Kind::Ref),
            Effects::none(),
        )
    };
    let twice = CallDescr {
        shim: twice as *const () as usize,
        elidable: true,
        ..call("twice", vec![Kind::Int], Some(Kind::Int), Effects::none())
    };
    vec![
        call("pure", vec![Kind::Int], Some(Kind::Int), Effects::none()),
        twice,
        call(
            "reads_sp",
            vec![Kind::Ref],
            None,
            Effects::declared(&[sp], &[], false),
        ),
        call(
            "writes_sp",
            vec![Kind::Ref],
            None,
            Effects::declared(&[], &[sp], false),
        ),
        call(
            "anything",
            vec![Kind::Ref],
            Some(Kind::Ref),
            Effects::everything(),
        ),
        new_int,
        new_array,
    ]
}

/// The shim of the elidable `twice`.
extern "C" fn twice(x: u64) -> ShimRet {
    ShimRet {
        value: (x as i64).wrapping_mul(2) as u64,
        error: 0,
    }
}

/// A jitcode named `name` for resume frames: pcs 0 to 7, registers `i0`..`i11`, `r0`..`r2`
/// and `f0`.
fn frame_code(registry: &Registry, name: &str) -> Rc<jitgen_core::jitcode::JitCode> {
    let mut b = Builder::new(registry, name);
    for _ in 0..4 {
        b.param::<i64>();
    }
    for _ in 0..3 {
        b.param::<GcRef>();
    }
    b.param::<f64>();
    for i in 0..7 {
        b.constant(i as i64);
    }
    b.ret_void();
    Rc::new(b.finish().expect("a valid jitcode"))
}

/// The names the files use.
fn namespace() -> Namespace {
    let mut names = Namespace::new();
    names.add_field(FieldRef::of::<{ field_id("sp") }, Frame>());
    names.add_field(FieldRef::of::<{ field_id("slots") }, Frame>());
    names.add_field(FieldRef::of::<{ field_id("value") }, IntObj>());
    names.add_field(FieldRef::of::<{ field_id("value") }, Cell>());
    names.add_field(FieldRef::of::<{ field_id("next") }, Cell>());
    names.add_type(IntObj::type_info());
    names.add_type(Frame::type_info());
    names.add_type(Cell::type_info());
    names.add_array(ArrayDescr {
        name: "GcArray<GcRef>",
        item_size: 8,
        item_kind: ValueKind::Ref,
        immutable_items: false,
    });
    names.add_array(ArrayDescr {
        name: "GcArray<u8>",
        item_size: 1,
        item_kind: ValueKind::Int {
            bytes: 1,
            signed: false,
        },
        immutable_items: false,
    });
    for call in calls() {
        names.add_call(call);
    }
    let registry = Registry::new();
    names.add_jitcode(JitCodeId(0), frame_code(&registry, "f"));
    names.add_jitcode(JitCodeId(1), frame_code(&registry, "g"));
    names.add_object("IntObj#1", Gc::new(IntObj { value: 1 }).erase());
    names.add_object("IntObj#2", Gc::new(IntObj { value: 2 }).erase());
    let frame = Frame {
        sp: Mut::new(0),
        slots: GcArray::new(2, GcRef::from(Gc::new(IntObj { value: 0 }))),
    };
    names.add_object("Frame", Gc::new(frame).erase());
    names
}

/// A case file, split.
struct Case {
    /// Everything before the separator.
    input: String,
    /// The `enable_opts` value of its `; passes:` line.
    passes: String,
    /// The text after the separator.
    expected: String,
}

fn read_case(path: &Path) -> Result<Case, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let (input, expected) = match text.split_once(&format!("\n{SEPARATOR}\n")) {
        Some((input, expected)) => (format!("{input}\n"), expected.to_string()),
        None => (text.clone(), String::new()),
    };
    let passes = input
        .lines()
        .find_map(|line| line.strip_prefix("; passes:"))
        .ok_or("no `; passes: ...` line")?
        .trim()
        .to_string();
    Ok(Case {
        input,
        passes,
        expected,
    })
}

/// The text of the input trace optimized by the case's passes.
fn optimized(case: &Case, names: &Namespace) -> Result<String, String> {
    let mut trace = TraceLoop::parse(&case.input, names).map_err(|e| e.to_string())?;
    trace
        .verify()
        .map_err(|e| format!("the input: {e}\n{trace}"))?;
    optimize_loop(&mut trace, &case.passes);
    trace
        .verify()
        .map_err(|e| format!("after {}: {e}\n{trace}", case.passes))?;
    Ok(trace.to_string())
}

/// The `.trace` files under `dir`, sorted.
fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "trace") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// A line diff of `expected` and `actual` (`-` expected only, `+` actual only).
fn diff(expected: &str, actual: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), actual.lines().collect());
    // Longest common subsequence lengths of the suffixes.
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out += &format!("   {}\n", a[i]);
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out += &format!(" - {}\n", a[i]);
            i += 1;
        } else {
            out += &format!(" + {}\n", b[j]);
            j += 1;
        }
    }
    out
}

#[test]
fn optimizer_filetests() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/filetests");
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let names = namespace();
    let files = case_files(&dir);
    assert!(files.len() >= 10, "only {} filetests", files.len());
    let mut failures = Vec::new();
    for path in &files {
        let name = path
            .strip_prefix(&dir)
            .unwrap_or(path)
            .display()
            .to_string();
        let result = read_case(path).and_then(|case| Ok((optimized(&case, &names)?, case)));
        match result {
            Err(e) => failures.push(format!("{name}: {e}")),
            Ok((actual, case)) if actual != case.expected => {
                if update {
                    let text = format!("{}{SEPARATOR}\n{actual}", case.input);
                    std::fs::write(path, text).unwrap_or_else(|e| panic!("{name}: {e}"));
                } else {
                    let diff = diff(&case.expected, &actual);
                    failures.push(format!(
                        "{name}: the optimized trace differs (- expected, + actual):\n{diff}"
                    ));
                }
            }
            Ok(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\n(UPDATE_EXPECT=1 rewrites the expected sections)",
        failures.join("\n\n")
    );
}

#[test]
fn the_diff_marks_changed_lines() {
    assert_eq!(diff("a\nb\nc\n", "a\nx\nc\n"), "   a\n - b\n + x\n   c\n");
    assert_eq!(diff("", "a\n"), " + a\n");
    assert_eq!(diff("a\n", ""), " - a\n");
}
