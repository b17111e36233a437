//! `candor employer serve`: the intake server over the employer's vault.

use std::io::Cursor;

use candor_model::Timestamp;
use candor_net::server::{serve as run, Intake, Received, Refused, ServerConfig};
use candor_vault::bundle::{self, Keys, Limits, Notice};
use candor_vault::{Role, Vault, VaultError};

use super::{CliError, Context};

/// The employer's vault behind the server: bundles are imported, notices answered.
struct VaultIntake {
    vault: Vault,
}

impl VaultIntake {
    fn file(&mut self, body: &[u8]) -> Result<Received, VaultError> {
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
            let answered = self
                .vault
                .answer_notice(Cursor::new(body), Timestamp::now(), None)?;
            eprintln!(
                "answered {} {} from {}: {}",
                answered.kind, answered.request, answered.from, answered.outcome
            );
            Ok(Received::Answered(answered.answer_bundle))
        } else {
            let summary = self
                .vault
                .import_bundle(Cursor::new(body), Timestamp::now())?;
            eprintln!(
                "filed bundle {} from {}",
                summary.bundle_id, summary.candidate_name
            );
            Ok(Received::Filed(
                serde_json::to_value(&summary).expect("a summary serializes"),
            ))
        }
    }
}

impl Intake for VaultIntake {
    fn receive(&mut self, body: &[u8]) -> Result<Received, Refused> {
        self.file(body).map_err(|e| {
            let code = match &e {
                VaultError::Bundle(b) => b.code().to_owned(),
                VaultError::NoticeSignerMismatch => "notice-signer-mismatch".to_owned(),
                _ => "refused".to_owned(),
            };
            eprintln!("refused a request: {e}");
            Refused {
                code,
                message: e.to_string(),
            }
        })
    }
}

pub fn serve(ctx: &Context, vault: Vault, config: ServerConfig) -> Result<(), CliError> {
    if vault.role() != Role::Employer {
        return Err(VaultError::WrongRole {
            needed: Role::Employer,
            found: vault.role(),
        }
        .into());
    }
    vault.employer_card()?;
    let json = ctx.json;
    let counts = run(
        config,
        VaultIntake { vault },
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
    .map_err(|e| CliError::new(format!("the intake server could not run: {e}")))?;
    if json {
        println!(
            "{}",
            serde_json::json!({ "stopped": true, "handled": counts.handled, "rateLimited": counts.rate_limited })
        );
    } else {
        println!(
            "Stopped; every request accepted was answered ({} handled, {} asked to come back later).",
            counts.handled, counts.rate_limited
        );
    }
    Ok(())
}
