//! Shared pieces of Candor's end-to-end tests.

#![forbid(unsafe_code)]

/// The passphrase the test vaults use.
pub const TEST_PASSPHRASE: &str = "correct horse battery staple";

pub mod webdriver;
