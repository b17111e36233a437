//! `candor employer serve`: the intake server over the employer's vault.
//!
//! What a remote client is told is a stable code and a short sentence, never a local path
//! or the vault's own wording; the whole error goes to this server's log (stderr). The log
//! names bundles, notices and candidates by id, never by name.

use std::io::Cursor;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use candor_model::Timestamp;
use candor_net::server::{
    serve as run, Clock, Intake, Received, Refused, ServeError, ServerConfig, SystemClock,
};
use candor_vault::bundle::{self, BundleError, Keys, Limits, Notice};
use candor_vault::{EmployerLimits, EmployerVault, VaultError};
use time::OffsetDateTime;

use super::{CliError, Context};
use crate::args::ServeArgs;

/// In debug builds only: a file holding an RFC 3339 time that the server's clock reads
/// instead of the system's, so that a test can move time past a bundle's expiry.
#[cfg(debug_assertions)]
const TEST_CLOCK_FILE: &str = "CANDOR_TEST_CLOCK_FILE";

/// The server's settings from the command line.
/// What the vault gives to access requests while it serves.
pub fn limits(args: &ServeArgs) -> EmployerLimits {
    EmployerLimits {
        access_per_signer_per_day: args.access_per_candidate,
        access_per_day: args.access_per_day,
        export_part_bytes: args.export_part.max(1),
    }
}

pub fn config(args: &ServeArgs) -> ServerConfig {
    ServerConfig {
        listen: args.listen,
        max_body: args.max_body,
        max_buffered: args.max_buffered,
        burst: args.burst,
        per_second: args.rate,
        peer_burst: args.peer_burst,
        peer_per_second: args.peer_rate,
        trusted_proxy: args.trusted_proxy,
        header_timeout: Duration::from_secs(args.header_timeout),
        body_grace: Duration::from_secs(args.body_grace),
        min_rate: args.min_rate,
        slot_wait: Duration::from_secs(args.slot_wait),
        max_connections: usize::try_from(args.max_connections).unwrap_or(usize::MAX),
        tick_every: Duration::from_secs(args.purge_every),
        clock: clock(),
        allow_plain_http: args.insecure_plain_http,
    }
}

fn clock() -> Arc<dyn Clock> {
    #[cfg(debug_assertions)]
    if let Some(path) = std::env::var_os(TEST_CLOCK_FILE) {
        return Arc::new(FileClock(path.into()));
    }
    Arc::new(SystemClock)
}

/// The time written in a file (see [`TEST_CLOCK_FILE`]); the system's while it is
/// unreadable.
#[cfg(debug_assertions)]
#[derive(Debug)]
struct FileClock(std::path::PathBuf);

#[cfg(debug_assertions)]
impl Clock for FileClock {
    fn now(&self) -> SystemTime {
        std::fs::read_to_string(&self.0)
            .ok()
            .and_then(|text| Timestamp::parse(&text).ok())
            .map_or_else(SystemTime::now, |at| at.as_offset_date_time().into())
    }
}

fn timestamp(at: SystemTime) -> Timestamp {
    Timestamp::try_from(OffsetDateTime::from(at)).unwrap_or_else(|_| Timestamp::now())
}

/// The employer's vault behind the server: bundles are imported, notices answered.
struct VaultIntake {
    vault: EmployerVault,
    clock: Arc<dyn Clock>,
}

impl VaultIntake {
    /// Files a bundle or answers a notice; `part` (from 1) is the part of the notice's
    /// answer to send back.
    fn file(&mut self, body: &[u8], part: u32) -> Result<Received, VaultError> {
        let now = timestamp(self.clock.now());
        let keys = self.vault.decryption_keys()?;
        let kind = bundle::open(
            Cursor::new(body),
            &Keys {
                identities: keys.iter().collect(),
                passphrase: None,
            },
            &Limits::default(),
        )?
        .manifest()
        .kind;
        if Notice::is_notice_kind(kind) {
            let answered = self.vault.answer_notice(Cursor::new(body), now, None)?;
            eprintln!(
                "answered {} {} ({}; bundles: {})",
                answered.kind,
                answered.request,
                answered.outcome.as_str(),
                answered.bundles.join(", ")
            );
            if answered.parts <= 1 && part <= 1 {
                return Ok(Received::Answered(answered.answer_bundle));
            }
            let answer = if part <= 1 {
                answered.answer_bundle
            } else {
                let mut bytes = Vec::new();
                self.vault
                    .answer_part(&answered.request, part, &mut bytes)?;
                bytes
            };
            Ok(Received::AnswerPart {
                answer,
                of: answered.parts,
            })
        } else if part > 1 {
            Err(VaultError::RecordNotFound {
                kind: "answer part",
                id: part.to_string(),
            })
        } else {
            let summary = self.vault.import_bundle(Cursor::new(body), now)?;
            eprintln!(
                "filed bundle {} from candidate {}{}",
                summary.bundle_id,
                summary.candidate,
                if summary.already_held {
                    " (already held)"
                } else {
                    ""
                }
            );
            Ok(Received::Filed(
                serde_json::to_value(&summary).expect("a summary serializes"),
            ))
        }
    }
}

impl Intake for VaultIntake {
    fn receive(&mut self, body: &[u8]) -> Result<Received, Refused> {
        self.receive_part(body, 1)
    }

    fn receive_part(&mut self, body: &[u8], part: u32) -> Result<Received, Refused> {
        self.file(body, part).map_err(|e| {
            let refused = for_sender(&e);
            eprintln!("refused a request ({}): {e}", refused.code);
            refused
        })
    }

    fn tick(&mut self, now: SystemTime) {
        match self.vault.purge_expired(timestamp(now)) {
            Ok(0) => {}
            Ok(purged) => eprintln!("purged {purged} expired bundle(s)"),
            Err(e) => eprintln!("could not purge expired bundles: {e}"),
        }
    }
}

/// What the sender of a refused request is told: a stable code and a short sentence.
fn for_sender(error: &VaultError) -> Refused {
    let (code, message) = match error {
        VaultError::Bundle(refused) => (refused.code(), bundle_reason(refused)),
        VaultError::NoticeSignerMismatch => (
            "notice-signer-mismatch",
            "the notice is not signed by the key that signed the bundles it names",
        ),
        VaultError::NotARequest { .. } => (
            "not-a-request",
            "this is neither a candidate's share nor a request this server answers",
        ),
        VaultError::NotAShare { .. } => (
            "not-a-share",
            "this is neither a candidate's share nor a request this server answers",
        ),
        VaultError::DeletedOnRequest { .. } => (
            "deleted-on-request",
            "this bundle was deleted at the candidate's request and cannot be sent again",
        ),
        VaultError::ReplacedByCorrection { .. } => (
            "replaced-by-correction",
            "this bundle was replaced by a correction and cannot be sent again",
        ),
        VaultError::DeletedOnExpiry { .. } => (
            "deleted-on-expiry",
            "this bundle expired and was deleted; it cannot be sent again",
        ),
        VaultError::IdTaken { .. } => (
            "id-taken",
            "another bundle or notice with this id is already held",
        ),
        VaultError::AccessQuota {
            retry_after_secs, ..
        } => {
            return Refused {
                retry_after: Some(*retry_after_secs),
                ..Refused::new(
                    "access-quota",
                    "too many access requests in the last day; send it again after the time \
                     in Retry-After",
                )
            }
        }
        VaultError::Invalid(_) => ("invalid", "the bundle's content does not pass validation"),
        VaultError::RecordNotFound {
            kind: "answer part",
            ..
        } => ("no-such-part", "this answer has no such part"),
        VaultError::Io { .. } | VaultError::Database { .. } | VaultError::Tampered { .. } => (
            "server-error",
            "the server could not file this request; try again later",
        ),
        _ => ("refused", "the server refused this request"),
    };
    Refused::new(code, message)
}

/// A short sentence for each kind of bundle refusal: what the sender can act on, without
/// the entry names or sizes the local message gives.
fn bundle_reason(refused: &BundleError) -> &'static str {
    use BundleError as B;
    match refused {
        B::NotABundle => "this is not a Candor bundle",
        B::UnknownFormat { .. } | B::UnknownCardFormat { .. } => {
            "this bundle's format is not one this server reads"
        }
        B::NotForThisRecipient | B::AddressedToAnother { .. } => {
            "this bundle is not addressed to this organisation's key card"
        }
        B::NeedsPassphrase | B::WrongPassphrase => {
            "this bundle is protected with a passphrase; share it to the organisation's key \
             card instead"
        }
        B::Expired { .. } => "this bundle has expired",
        B::Truncated
        | B::DamagedEncryption
        | B::NotAZip { .. }
        | B::MissingPart { .. }
        | B::MalformedManifest { .. }
        | B::SizeMismatch { .. }
        | B::UnsupportedEntry { .. } => "the bundle is damaged or incomplete; send it again",
        B::ManifestEdited
        | B::SignedByAnotherKey { .. }
        | B::SignatureCommentMismatch { .. }
        | B::EntryEdited { .. }
        | B::EntryAdded { .. }
        | B::EntryRemoved { .. }
        | B::EntryRenamed { .. }
        | B::ChecksumsDisagree => "the bundle does not match its signature",
        B::DuplicateEntry { .. }
        | B::DuplicateNames
        | B::UnsafePath { .. }
        | B::SymlinkEntry { .. }
        | B::TooManyEntries { .. }
        | B::EntryTooLarge { .. }
        | B::BundleTooLarge { .. }
        | B::CompressionBomb { .. } => "the bundle breaks the limits on what a bundle may hold",
        B::UnexpectedSigner { .. } => "the bundle is signed by another key than the request names",
        B::BadReveal { .. } => "the reveal is not valid",
        B::BadNotice { .. } => "the notice is not valid",
        B::CardBadSignature
        | B::MalformedCard { .. }
        | B::DamagedKey { .. }
        | B::BadPublicKey { .. } => "the bundle carries a key or card that is not valid",
        _ => "the bundle was refused",
    }
}

pub fn serve(ctx: &Context, vault: EmployerVault, config: ServerConfig) -> Result<(), CliError> {
    vault.employer_card()?;
    let json = ctx.json;
    let clock = Arc::clone(&config.clock);
    let counts = run(
        config,
        VaultIntake { vault, clock },
        move |addr| {
            // The first line says where: scripts and tests read it.
            if json {
                println!(
                    "{}",
                    serde_json::json!({ "listening": format!("http://{addr}/intake") })
                );
            } else {
                println!("Listening on http://{addr}/intake (Ctrl-C to stop)");
            }
        },
        std::future::pending(),
    )
    .map_err(|e| match e {
        ServeError::PlainHttpBeyondLoopback { listen } => CliError::new(format!(
            "{listen} can be reached from other machines, and the intake server speaks plain \
             HTTP; listen on 127.0.0.1 behind a TLS reverse proxy (see the README), or pass \
             --insecure-plain-http"
        )),
        e => CliError::new(format!("the intake server could not run: {e}")),
    })?;
    if json {
        println!(
            "{}",
            serde_json::json!({
                "stopped": true,
                "handled": counts.handled,
                "rateLimited": counts.rate_limited,
                "busy": counts.busy,
                "timedOut": counts.timed_out,
                "failed": counts.failed,
            })
        );
    } else {
        println!(
            "Stopped; every request accepted was answered ({} handled, {} asked to come back \
             later, {} told the server was busy, {} connections cut for being too slow, {} \
             failed).",
            counts.handled, counts.rate_limited, counts.busy, counts.timed_out, counts.failed
        );
    }
    Ok(())
}
