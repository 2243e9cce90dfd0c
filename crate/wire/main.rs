//! `wire-js [FILE]`: writes the page's wire module (`www/wire.js`, see `loopscope_wire::js`) to
//! FILE, only if its text changed, or prints it with no FILE. `make build` runs it.

use std::process::ExitCode;

fn main() -> ExitCode {
    let text = loopscope_wire::js::module();
    let Some(path) = std::env::args_os().nth(1) else {
        print!("{text}");
        return ExitCode::SUCCESS;
    };
    if std::fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return ExitCode::SUCCESS;
    }
    match std::fs::write(&path, text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wire-js: cannot write {}: {e}", path.to_string_lossy());
            ExitCode::FAILURE
        }
    }
}
