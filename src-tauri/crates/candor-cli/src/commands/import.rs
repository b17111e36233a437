//! `candor import`: read and check the file first (so a bad file is refused before the
//! passphrase is asked for), then preview or import it, and print what was added.

use std::fs::File;
use std::path::Path;

use candor_vault::formats::{self, Learner};
use candor_vault::{ImportReport, VaultError};
use serde_json::json;

use super::{CliError, Context};
use crate::args::ImportCommand;
use crate::output;

pub fn import(ctx: &Context, cmd: ImportCommand) -> Result<(), CliError> {
    match cmd {
        ImportCommand::Emrex {
            file,
            dry_run,
            keep_identity,
            lang,
        } => {
            let languages: Vec<&str> = lang.iter().map(|l| l.trim()).collect();
            let transcript =
                formats::read_elmo(open(&file)?, &languages).map_err(VaultError::from)?;
            let mut vault = ctx.seeker()?;
            let report = if dry_run {
                vault.preview_elmo(&transcript, keep_identity)?
            } else {
                vault.import_elmo(&transcript, keep_identity)?
            };
            if ctx.json {
                output::json(&json!({
                    "learner": learner_json(&transcript.learner),
                    "report": report,
                }));
            } else {
                print_learner(&transcript.learner, keep_identity);
                println!(
                    "XML signature: {}",
                    if transcript.signed {
                        "present, not verified"
                    } else {
                        "none"
                    }
                );
                print_report(&report);
            }
        }
        ImportCommand::Linkedin { file, dry_run } => {
            let export = formats::read_linkedin(open(&file)?).map_err(VaultError::from)?;
            let mut vault = ctx.seeker()?;
            let report = if dry_run {
                vault.preview_linkedin(&export)?
            } else {
                vault.import_linkedin(&export)?
            };
            if ctx.json {
                output::json(&json!({
                    "report": report,
                    "filesRead": export.preview.files_read,
                    "filesMissing": export.preview.files_missing,
                }));
            } else {
                print_report(&report);
                if !export.preview.files_missing.is_empty() {
                    println!(
                        "Not in the export: {}.",
                        export.preview.files_missing.join(", ")
                    );
                }
            }
        }
        ImportCommand::Jsonresume { file, dry_run } => {
            let resume = formats::read_json_resume(open(&file)?).map_err(VaultError::from)?;
            let mut vault = ctx.seeker()?;
            let report = if dry_run {
                vault.preview_json_resume(&resume)?
            } else {
                vault.import_json_resume(&resume)?
            };
            if ctx.json {
                output::json(&json!({ "report": report }));
            } else {
                print_report(&report);
            }
        }
    }
    Ok(())
}

fn open(path: &Path) -> Result<File, CliError> {
    File::open(path).map_err(CliError::unreadable(path, Some("nothing was imported")))
}

/// The learner as the transcript gives them, for the person to confirm once. The only place
/// the national identity number is shown: the report never carries it.
fn learner_json(learner: &Learner) -> serde_json::Value {
    json!({
        "name": learner.name(),
        "birthDate": learner.birth_date.map(|d| d.to_string()),
        "nationalId": learner.national_id.as_ref().map(|id| json!({
            "country": id.country(),
            "value": id.value(),
        })),
    })
}

fn print_learner(learner: &Learner, keep_identity: bool) {
    if learner.is_empty() {
        println!("The transcript does not say whom it is about.");
        return;
    }
    let missing = "not in the transcript".to_owned();
    println!(
        "Learner: {}",
        learner.name().unwrap_or_else(|| missing.clone())
    );
    println!(
        "Born: {}",
        learner
            .birth_date
            .map(|d| d.to_string())
            .unwrap_or_else(|| missing.clone())
    );
    let number = match &learner.national_id {
        None => missing,
        Some(id) => match id.country() {
            Some(country) => format!("{} ({country})", id.value()),
            None => id.value().to_owned(),
        },
    };
    println!("National identity number: {number}");
    if keep_identity {
        println!(
            "Check that this transcript is yours. With --keep-identity these fill the empty \
             fields of your profile."
        );
    } else {
        println!(
            "Check that this transcript is yours. Candor does not store these; pass \
             --keep-identity to fill them into your profile."
        );
    }
}

/// A person field's name as people say it.
fn field_words(field: &str) -> &str {
    match field {
        "givenName" => "given name",
        "familyName" => "family name",
        "label" => "headline",
        "email" => "e-mail",
        "url" => "website",
        "birthDate" => "birth date",
        "nationalId" => "national identity number",
        other => other,
    }
}

fn print_report(report: &ImportReport) {
    let source = report.format.display_name();
    let verb = if report.dry_run { "to add" } else { "added" };
    if report.already_imported {
        println!(
            "This file was imported from {source} before, so nothing in it {} again.",
            if report.dry_run {
                "would be added"
            } else {
                "was added"
            }
        );
    } else if report.adds_nothing() {
        println!("Nothing to add from {source}: everything in it is already in your vault.");
    } else if report.dry_run {
        println!("Preview of the import from {source} (nothing was stored; run again without --dry-run to import):");
    } else {
        println!("Imported from {source}:");
    }
    let mut lines: Vec<(String, String)> = Vec::new();
    if !report.person_fields.is_empty() {
        let fields: Vec<&str> = report
            .person_fields
            .iter()
            .map(|f| field_words(f))
            .collect();
        let filled = if report.dry_run { "to fill" } else { "filled" };
        lines.push(("person".into(), format!("{filled}: {}", fields.join(", "))));
    }
    for section in &report.sections {
        let mut text = format!("{} {verb}", section.added);
        if section.skipped > 0 {
            text.push_str(&format!(", {} already there", section.skipped));
        }
        if section.section == "education" && report.learning_opportunities > 0 {
            text.push_str(&format!(
                " ({} learning opportunities)",
                report.learning_opportunities
            ));
        }
        lines.push((section.section.clone(), text));
    }
    if !report.documents.is_empty() {
        lines.push((
            "documents".into(),
            format!(
                "{} {verb}: {}",
                report.documents.len(),
                report.documents.join(", ")
            ),
        ));
    }
    let width = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (key, text) in lines {
        println!("  {key:<width$}  {text}");
    }
    if !report.warnings.is_empty() {
        println!("Warnings:");
        for warning in &report.warnings {
            println!("  - {warning}");
        }
    }
}
