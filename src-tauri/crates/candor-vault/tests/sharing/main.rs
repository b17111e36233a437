//! Sharing end to end in the core: a seeker shares anonymous and full views with an
//! employer, the employer imports both, and what it sees is what the seeker previewed.

#[path = "../common/mod.rs"]
mod common;

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use candor_bundle::{open, Keys, Limits};
use candor_model::{Document, Timestamp, ViewKind};
use candor_vault::bundle::AgeIdentity;
use candor_vault::{EmployerVault, Existing, ShareProtection, SignedAs, VaultError};
use common::sharing::*;
use common::{contains, passphrase};
use secrecy::ExposeSecret;

mod agenda;
mod delivery;
mod imports;
mod ledger;
mod made;
mod pseudonyms;
mod requests;
mod share_states;
mod shares;
