//! Set-up shared by the tests and benchmarks of Candor's crates, so that each test says only
//! what differs from the usual:
//!
//! - [`person`]: Kari Nordmann as the tests know her, changed field by field through
//!   [`PersonBuilder`].
//! - [`world`]: a seeker with Kari's profile and an employer (Fjordkraft Data AS) whose key
//!   card the seeker has added, in one temporary folder; [`WorldBuilder`] for the variants.
//! - [`passphrase`], [`seeker_vault`], [`employer_vault`], [`card_details`]: the pieces a
//!   world is made of, for tests that put vaults somewhere else.
//!
//! A dev-dependency only. It depends on `candor-vault`, so `candor-vault`'s own unit tests
//! (`#[cfg(test)]` inside `src/`) cannot use it: they are built into a second copy of the
//! crate whose types are not this one's.

#![forbid(unsafe_code)]

mod person;
mod world;

pub use person::{person, person_named, PersonBuilder};
pub use world::{
    card_details, education, education_with_courses, employer_vault, seeker_vault, work, world,
    World, WorldBuilder, ORGANISATION,
};

use candor_vault::SecretString;

/// The passphrase of every vault made here. Tests type it where a person would (the CLI's
/// `CANDOR_PASSPHRASE`, the desktop app's unlock form).
pub const PASSPHRASE: &str = "correct horse battery staple";

/// [`PASSPHRASE`] as the vault takes it.
pub fn passphrase() -> SecretString {
    SecretString::from(PASSPHRASE)
}
