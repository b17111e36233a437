//! `candor export`: the profile as a JSON Resume, or everything in the vault as a zip.

use std::io::Write;
use std::path::Path;

use candor_model::{Record, ALL_KINDS};
use candor_vault::{ExportSummary, ImportSource, VaultError};
use serde_json::json;

use super::files::write_new;
use super::{CliError, Context};
use crate::args::ExportCommand;
use crate::output;

pub fn export(ctx: &Context, cmd: ExportCommand) -> Result<(), CliError> {
    let vault = ctx.seeker()?;
    match cmd {
        ExportCommand::Jsonresume { out } => {
            let document = vault.export_json_resume()?;
            let mut text =
                serde_json::to_string_pretty(&document).expect("a JSON value always serializes");
            text.push('\n');
            match out {
                None => print!("{text}"),
                Some(out) => {
                    write_new(&out, |file| {
                        file.write_all(text.as_bytes()).map_err(|e| VaultError::Io {
                            context: format!("cannot write {}", out.display()),
                            source: e,
                        })
                    })?;
                    if ctx.json {
                        output::json(&json!({ "out": out }));
                    } else {
                        println!(
                            "Wrote your profile as a JSON Resume to {}. It is not encrypted: \
                             keep it somewhere safe, and delete it when you no longer need it.",
                            out.display()
                        );
                    }
                }
            }
        }
        ExportCommand::All {
            out,
            include_national_id,
        } => {
            let summary = write_new(&out, |file| vault.export_all(file, include_national_id))?;
            if ctx.json {
                output::json(&json!({ "out": out, "summary": summary }));
            } else {
                print_summary(&out, &summary, include_national_id);
            }
        }
    }
    Ok(())
}

fn print_summary(out: &Path, summary: &ExportSummary, asked: bool) {
    println!("Wrote everything in your vault to {}:", out.display());
    let kinds = ALL_KINDS
        .iter()
        .copied()
        .chain([ImportSource::KIND, "ledger-entry"]);
    let mut lines: Vec<(&str, String)> = Vec::new();
    for kind in kinds {
        let n = summary.counts.get(kind).copied().unwrap_or(0);
        let note = match kind {
            "education" if summary.learning_opportunities > 0 => {
                format!(
                    "  ({} learning opportunities)",
                    summary.learning_opportunities
                )
            }
            "application" if n > 0 => format!("  ({} status changes)", summary.status_changes),
            "document" if !summary.documents_left_out.is_empty() => format!(
                "  ({} left out: they hold your national identity number)",
                summary.documents_left_out.len()
            ),
            _ => String::new(),
        };
        lines.push((kind, format!("{n}{note}")));
    }
    let width = lines.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (kind, text) in lines {
        println!("  {kind:<width$}  {text}");
    }
    if summary.national_id_included {
        println!("Your national identity number is included.");
    } else if !asked {
        println!(
            "Your national identity number is not included; pass --include-national-id to \
             include it."
        );
    }
    println!(
        "The zip is not encrypted: keep it somewhere safe, and delete it when you no longer \
         need it."
    );
}
