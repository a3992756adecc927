//! `jitgen-bench site OUT`: the speed center, a static site generated from the results
//! store. The machine and workload with the most commits are shown (results are comparable
//! only within one); `OUT/index.html` is the default view, `OUT/compare.html` compares two
//! commits. No file is fetched from anywhere: the graphs are inline SVG and the few lines of
//! script are in the pages, so the site works offline, from disk or served as static files.

mod axis;
mod charts;
mod pages;
mod svg;

use std::path::Path;
use std::process::ExitCode;

use crate::series::groups;
use crate::store::load;

/// Writes the site for the store at `store` into the directory `out`.
pub fn generate(store: &Path, out: &Path) -> Result<ExitCode, String> {
    let records = load(store)?;
    let mut all = groups(&records);
    if all.is_empty() {
        return Err(format!("no committed results in {}", store.display()));
    }
    let results = all.remove(0);
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for (name, page) in [
        ("index.html", pages::index(&results, all.len())),
        ("compare.html", pages::compare(&results)),
    ] {
        let path = out.join(name);
        std::fs::write(&path, page).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    println!(
        "{}: {} benchmarks over {} commits",
        out.join("index.html").display(),
        results.benchmarks.len(),
        results.commits.len()
    );
    Ok(ExitCode::SUCCESS)
}
