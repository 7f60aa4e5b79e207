//! Which build of signin-doctor-cli the CLI tests run: the Linux one cargo
//! built, or, with SIGNIN_DOCTOR_CLI_UNDER_WINE naming a Windows
//! signin-doctor-cli.exe, that one under Wine (scripts/cross/wine-run.sh), so
//! the same tests hold the Windows build to the same verdicts.

use std::path::PathBuf;
use std::process::Command;

/// The variable that names the Windows build to test instead.
pub const CLI_UNDER_WINE: &str = "SIGNIN_DOCTOR_CLI_UNDER_WINE";

/// A command that runs the CLI under test; `linux_binary` is the test's
/// `env!("CARGO_BIN_EXE_signin-doctor-cli")`.
pub fn cli_command(linux_binary: &str) -> Command {
    match std::env::var_os(CLI_UNDER_WINE) {
        Some(windows_binary) => {
            let mut command = Command::new(wine_run_script());
            command.arg(windows_binary);
            command
        }
        None => Command::new(linux_binary),
    }
}

/// Whether this run tests the Windows build.
pub fn testing_the_windows_build() -> bool {
    std::env::var_os(CLI_UNDER_WINE).is_some()
}

fn wine_run_script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../scripts/cross/wine-run.sh")
}
