//! The employer's side from the command line: its vault and key card, importing bundles
//! and answering notices, candidates, invitations, and the intake server.

use std::io::Write;
use std::path::Path;

use candor_model::Timestamp;
use candor_vault::bundle::{self, CardDetails, Keys, Limits, OutcomeKind};
use candor_vault::{EmployerVault, Existing, VaultError};
use secrecy::ExposeSecret;
use serde_json::json;

use super::files::write_new;
use super::lifecycle::{create_with, print_recovery_code};
use super::sharing::with_article;
use super::{CliError, Context};
use crate::args::EmployerCommand;
use crate::output;

pub fn employer(ctx: &Context, cmd: EmployerCommand) -> Result<(), CliError> {
    if let EmployerCommand::Init(args) = cmd {
        let details = CardDetails {
            organisation: args.organisation,
            organisation_number: args.number,
            contact: args.contact,
            privacy_contact: args.privacy_contact,
            privacy_policy_url: args.privacy_policy,
            intake_url: args.intake_url,
        };
        // Check the card's details before a passphrase is asked for them.
        details.check().map_err(VaultError::from)?;
        let (_vault, code, card) = create_with(ctx, &args.kdf, |path, passphrase, kdf| {
            EmployerVault::create_employer(path, passphrase, kdf, details)
        })?;
        let fingerprint = bundle::KeyCard::read(card.as_bytes())
            .map_err(VaultError::from)?
            .fingerprint();
        let headline = format!(
            "Created an employer vault at {} with a key card (fingerprint {fingerprint}).\n\
             Give candidates the card: candor employer card --out card.json",
            ctx.vault_path.display()
        );
        print_recovery_code(ctx, &headline, &code);
        return Ok(());
    }
    let mut vault = ctx.employer()?;
    match cmd {
        EmployerCommand::Init(_) => unreachable!("handled above"),
        EmployerCommand::Card { out } => {
            let card = vault.employer_card()?;
            match out {
                None => print!("{card}"),
                Some(out) => {
                    write_new(&out, |file| {
                        file.write_all(card.as_bytes())
                            .map_err(|e| write_error(&out, e))
                    })?;
                    println!("Wrote the key card to {}.", out.display());
                }
            }
        }
        EmployerCommand::ExportIdentity { out } => {
            let identity = vault.export_age_identity()?;
            write_new(&out, |file| {
                file.write_all(identity.expose_secret().as_bytes())
                    .and_then(|()| file.write_all(b"\n"))
                    .map_err(|e| write_error(&out, e))
            })?;
            println!(
                "Wrote the organisation's age identity to {} (readable by you only).\n\
                 Decrypt a bundle with: age -d -i {} bundle.candor > bundle.zip",
                out.display(),
                out.display()
            );
        }
        EmployerCommand::Import {
            files,
            extend,
            reason,
        } => {
            let mut results = Vec::new();
            for file in &files {
                let result = if is_notice(&vault, file)? {
                    answer(ctx, &mut vault, file, extend.zip(reason.clone()))?
                } else {
                    import_one(ctx, &mut vault, file)?
                };
                results.push(result);
            }
            if ctx.json {
                output::json(&results);
            }
        }
        EmployerCommand::Serve(args) => {
            vault.set_employer_limits(super::serve::limits(&args));
            return super::serve::serve(ctx, vault, super::serve::config(&args));
        }
        EmployerCommand::Notices => {
            let notices = vault.notices()?;
            if ctx.json {
                output::json(&notices);
            } else if notices.is_empty() {
                println!("No notices yet.");
            } else {
                let rows: Vec<Vec<String>> = notices
                    .iter()
                    .map(|n| {
                        vec![
                            bundle::short_ref(&n.request).to_owned(),
                            kind_in_words(n.kind),
                            n.from.clone(),
                            n.outcome.as_str().to_owned(),
                            output::minute(n.answered_at),
                            n.bundles.len().to_string(),
                        ]
                    })
                    .collect();
                output::table(
                    &["NOTICE", "KIND", "FROM", "ANSWER", "ANSWERED", "BUNDLES"],
                    &rows,
                );
            }
        }
        EmployerCommand::Candidates => {
            let candidates = vault.candidates()?;
            if ctx.json {
                output::json(&candidates);
            } else if candidates.is_empty() {
                println!("No candidates yet; import bundles with `candor employer import FILE`.");
            } else {
                let rows: Vec<Vec<String>> = candidates
                    .iter()
                    .map(|c| {
                        let expires = c
                            .bundles
                            .iter()
                            .filter_map(|b| b.expires_at)
                            .min()
                            .map_or_else(|| "never".to_owned(), output::day);
                        vec![
                            c.id.clone(),
                            c.name.clone(),
                            if c.anonymous { "anonymous" } else { "full" }.to_owned(),
                            c.bundles.len().to_string(),
                            expires,
                        ]
                    })
                    .collect();
                output::table(&["ID", "NAME", "VIEW", "BUNDLES", "DELETE BY"], &rows);
            }
        }
        EmployerCommand::Delete { candidate } => {
            let found = vault.candidate(&candidate)?;
            let deleted = vault.delete_candidate(&found.id, Timestamp::now())?;
            if ctx.json {
                output::json(&json!({ "candidate": found.id, "deleted": deleted }));
            } else {
                println!(
                    "Deleted everything {} sent (bundles deleted: {}); the same bundles sent \
                     again will be refused.",
                    found.name,
                    deleted.len()
                );
            }
        }
        EmployerCommand::Show {
            candidate,
            entry,
            out,
        } => {
            let found = vault.candidate(&candidate)?;
            if let (Some(entry), Some(out)) = (entry, out) {
                let newest = &found.bundles[0].bundle_id;
                write_new(&out, |file| vault.read_received(newest, &entry, file))?;
                println!("Wrote {entry} to {}.", out.display());
                return Ok(());
            }
            if ctx.json {
                output::json(&found);
            } else {
                println!(
                    "{} ({}), candidate {}",
                    found.name,
                    if found.anonymous {
                        "anonymous"
                    } else {
                        "full profile"
                    },
                    found.id
                );
                for b in &found.bundles {
                    println!(
                        "  bundle {}: {}, received {}, delete by {}",
                        b.bundle_id,
                        if b.purpose.is_empty() {
                            "no purpose given"
                        } else {
                            &b.purpose
                        },
                        output::minute(b.received_at),
                        b.expires_at.map_or_else(|| "never".to_owned(), output::day)
                    );
                }
                println!(
                    "{}",
                    serde_json::to_string_pretty(&found.profile).expect("a profile serializes")
                );
            }
        }
    }
    Ok(())
}

fn write_error(out: &Path, source: std::io::Error) -> VaultError {
    VaultError::Io {
        context: format!("cannot write {}", out.display()),
        source,
    }
}

/// Whether `file` is a notice (to answer) rather than a bundle (to import).
fn is_notice(vault: &candor_vault::EmployerVault, file: &Path) -> Result<bool, CliError> {
    let keys = vault.decryption_keys()?;
    let source = super::requests::open(file)?;
    let opened = bundle::open(
        source,
        &Keys {
            identities: keys.iter().collect(),
            passphrase: None,
        },
        &Limits::default(),
    )
    .map_err(|e| CliError::new(format!("{}: {}", file.display(), VaultError::from(e))))?;
    Ok(bundle::Notice::is_notice_kind(opened.manifest().kind))
}

fn import_one(
    ctx: &Context,
    vault: &mut candor_vault::EmployerVault,
    file: &Path,
) -> Result<serde_json::Value, CliError> {
    let source = super::requests::open(file)?;
    let summary = vault
        .import_bundle(source, Timestamp::now())
        .map_err(|e| CliError::new(format!("{}: {e}", file.display())))?;
    if !ctx.json {
        let expires = summary
            .expires_at
            .map_or_else(|| "never".to_owned(), output::day);
        if summary.already_held {
            println!(
                "{}: already held (bundle {}).",
                file.display(),
                summary.bundle_id
            );
        } else {
            println!(
                "{}: imported {} profile from {} (candidate {}); delete by {expires}.",
                file.display(),
                with_article(summary.view),
                summary.candidate_name,
                summary.candidate
            );
        }
        if summary.plain {
            println!("  It came unencrypted: anyone who handled the file could read it.");
        }
    }
    Ok(serde_json::to_value(&summary).expect("a summary serializes"))
}

/// Answers a notice and writes the signed answer beside it, to send back.
fn answer(
    ctx: &Context,
    vault: &mut candor_vault::EmployerVault,
    file: &Path,
    extend: Option<(u8, String)>,
) -> Result<serde_json::Value, CliError> {
    let source = super::requests::open(file)?;
    let answered = vault
        .answer_notice(source, Timestamp::now(), extend)
        .map_err(|e| CliError::new(format!("{}: {e}", file.display())))?;
    // A large access export comes in parts: the first beside the notice as always, the
    // others numbered after it.
    let mut written = Vec::new();
    let first = bundle::answer_path(file);
    for number in 1..=answered.parts.max(1) {
        let out = candor_vault::answer_part_path(&first, number);
        candor_vault::write_new_file(&out, Existing::Replace, |w| {
            if number == 1 {
                w.write_all(&answered.answer_bundle)
                    .map_err(|e| write_error(&out, e))
            } else {
                vault.answer_part(&answered.request, number, w)
            }
        })?;
        written.push(out);
    }
    if !ctx.json {
        let what = match answered.outcome {
            OutcomeKind::Deleted => format!(
                "deleted {} bundle(s); they will be refused if sent again",
                answered.bundles.len()
            ),
            OutcomeKind::Exported => format!("exported {} bundle(s)", answered.bundles.len()),
            OutcomeKind::Extended => "extended the time to answer".to_owned(),
        };
        let files: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        println!(
            "{}: a {} from {}: {what}{}. Send the signed answer back: {}",
            file.display(),
            kind_in_words(answered.kind),
            answered.from,
            if answered.repeated {
                " (answered before; the same answer again)"
            } else {
                ""
            },
            files.join(", ")
        );
    }
    let out = written.first().cloned();
    Ok(json!({ "answer": out, "parts": written, "notice": answered }))
}

pub fn invite(ctx: &Context, candidate: &str, message: &str, out: &Path) -> Result<(), CliError> {
    let mut vault = ctx.employer()?;
    vault
        .invite(candidate, message, out, Existing::Refuse)
        .map_err(super::files::written)?;
    if ctx.json {
        output::json(&json!({ "out": out }));
    } else {
        println!(
            "Wrote an invitation to {} to {}; only the candidate can open it.",
            candidate,
            out.display()
        );
    }
    Ok(())
}

/// A notice's kind as people say it: "request for erasure", "revocation", …
fn kind_in_words(kind: bundle::Kind) -> String {
    kind.request().map_or_else(
        || kind.to_string(),
        |request| bundle::request_words(request).en.to_owned(),
    )
}
