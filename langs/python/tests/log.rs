//! The JIT log of real `jitpy` runs read back with `jitgen-log`: traces show where the
//! interpreter was, down to the source line, in the main script and in imported modules
//! (each logs its source).

use std::path::PathBuf;
use std::process::Command;

use jitgen_log::parser::parse;
use jitgen_log::traces::{tree, MergePoint, Trace};

/// Every merge point of `traces` and their bridges.
fn merge_points(traces: &[Trace]) -> Vec<MergePoint> {
    let mut all = Vec::new();
    for trace in traces {
        let bridges: Vec<&Trace> = trace.bridges().collect();
        for t in std::iter::once(trace).chain(bridges) {
            all.extend(t.ops.iter().filter_map(|op| op.merge_point.clone()));
        }
    }
    all
}

#[test]
fn traces_name_locations_and_source_lines_in_the_script_and_its_modules() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("jitpy-log");
    std::fs::create_dir_all(&dir).expect("a temp dir");
    std::fs::write(
        dir.join("helper.py"),
        "def count(n):\n    k = 0\n    while k < n:\n        k += 2\n    return k\n",
    )
    .expect("write the module");
    let main = dir.join("main.py");
    std::fs::write(
        &main,
        "import helper\n\ndef run(n):\n    total = 0\n    for i in range(n):\n        total += i * 3\n    return total\n\nprint(run(20000), helper.count(30000))\n",
    )
    .expect("write the script");
    let log = dir.join("main.log");
    let _ = std::fs::remove_file(&log);
    let out = Command::new(env!("CARGO_BIN_EXE_jitpy"))
        .args(["--jit", "on"])
        .arg(&main)
        .env("JITGEN_LOG", format!("jit-log:{}", log.display()))
        .output()
        .expect("jitpy runs");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "599970000 30000\n");
    let text = std::fs::read_to_string(&log).expect("the log was written");
    let marks = merge_points(&tree(&parse(&text).expect("the log parses")));
    let in_script = marks
        .iter()
        .find(|m| m.location.contains(" (main.py line 6)"))
        .unwrap_or_else(|| panic!("the script's loop body among {marks:#?}"));
    assert!(in_script.location.starts_with("run:"), "{in_script:?}");
    assert_eq!(in_script.source.as_deref(), Some("total += i * 3"));
    let in_module = marks
        .iter()
        .find(|m| m.location.contains(" (helper.py line 4)"))
        .unwrap_or_else(|| panic!("the module's loop body among {marks:#?}"));
    assert!(in_module.location.starts_with("count:"), "{in_module:?}");
    assert_eq!(in_module.source.as_deref(), Some("k += 2"));
}
