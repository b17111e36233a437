//! `candor`: the Candor vault from the command line.
//!
//! Everything the desktop app does with a vault, for scripts and for people who live in a
//! terminal. Errors go to stderr as one sentence that says what to do (one line per
//! problem, each starting `candor: `), with exit code 1; usage mistakes exit with 2.

#![forbid(unsafe_code)]

mod args;
mod commands;
mod output;
mod secrets;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // Several problems (a profile with two invalid fields) are one per line, each
            // line marked as Candor's so it stands out among a script's output.
            for line in err.to_string().lines() {
                eprintln!("candor: {line}");
            }
            ExitCode::FAILURE
        }
    }
}
