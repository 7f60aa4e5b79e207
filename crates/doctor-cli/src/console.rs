//! `println!` and `eprintln!` panic when the other end of a pipe has gone
//! (`signin-doctor-cli explain | head -1`): exit 101 for a reader that simply
//! stopped reading. These write the same text and, when the reader has gone,
//! drop the rest of the output: the command still finishes and exits with
//! its own verdict.
//!
//! Everything the CLI prints goes through here, and here only the engine's
//! line breaks and tabs reach the terminal: any other control character (an
//! escape sequence in Graph's error message, a policy's name or ID, a
//! service's words) is shown as a space (`doctor::report::escape::terminal`),
//! so no value can clear or rewrite the screen or retitle the window.

use doctor::report::escape::terminal;
use std::fmt;
use std::io::{self, Write};

/// One line on standard output.
macro_rules! say {
    () => {
        $crate::console::write_out(format_args!("\n"))
    };
    ($($arg:tt)*) => {
        $crate::console::write_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// One line on standard error.
macro_rules! warn_line {
    ($($arg:tt)*) => {
        $crate::console::write_err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

pub(crate) use {say, warn_line};

pub fn write_out(text: fmt::Arguments<'_>) {
    // Nothing to tell anyone when stdout is gone: the output was the message.
    let _ = io::stdout().lock().write_all(terminal(&text.to_string()).as_bytes());
}

pub fn write_err(text: fmt::Arguments<'_>) {
    let _ = io::stderr().lock().write_all(terminal(&text.to_string()).as_bytes());
}
