//! The employer side keeps the seeker's promises, tried as an attacker and a careless
//! employer would: what was deleted stays deleted, a cached answer goes only to whoever
//! signed the original, an answer must fit its request, and access requests are bounded.

#[path = "../common/mod.rs"]
mod common;

use std::fs::File;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use candor_bundle::{
    Addressee, Answer, BundleWriter, Issuer, KeyCard, Kind, Manifest, Notice, Outcome, Protection,
    SigningKey, ANSWER_FORMAT, NOTICE_FORMAT,
};
use candor_model::{Timestamp, ViewKind};
use candor_vault::bundle::AgeIdentity;
use candor_vault::{EmployerLimits, Existing, NewDocument, RequestState, VaultError};
use common::sharing::*;

const ORGANISATION: &str = "Fjordkraft Data AS";

fn day_text(at: Timestamp) -> String {
    let date = at.as_offset_date_time().date();
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// The seeker asks for `kind` about its `view` shares; returns the notice file.
fn ask(w: &mut World, kind: Kind, view: ViewKind, name: &str, now: Timestamp) -> PathBuf {
    let notice = w.dir.path().join(format!("{name}.candor"));
    w.seeker
        .request(
            kind.request().expect("a request's kind"),
            ORGANISATION,
            view,
            &notice,
            Existing::Refuse,
            now,
        )
        .expect("writes the notice");
    notice
}

fn answer(w: &mut World, notice: &Path, now: Timestamp) -> candor_vault::NoticeAnswered {
    w.employer
        .answer_notice(File::open(notice).expect("the notice"), now, None)
        .expect("answers")
}

/// Shares `view` with the employer, who imports it; returns the bundle's path and id.
fn share_and_import(w: &mut World, view: ViewKind, name: &str) -> (PathBuf, String) {
    let out = w.dir.path().join(format!("{name}.candor"));
    let outcome = w
        .seeker
        .share(&request(view, vec![]), &out, Existing::Refuse)
        .expect("shares");
    import(&mut w.employer, &out).expect("imports");
    (out, outcome.entry.bundle_id)
}

fn notice_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("the notice")
}

mod access_limits;
mod answers;
mod deleted;
mod reused_ids;
