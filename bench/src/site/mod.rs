//! stub
use std::path::Path;
use std::process::ExitCode;
pub fn generate(_store: &Path, _out: &Path) -> Result<ExitCode, String> {
    todo!()
}
