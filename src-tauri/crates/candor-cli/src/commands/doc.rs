//! Documents: encrypt a file in, list, decrypt one out to a place the person chooses.

use std::fs::File;

use candor_model::{Document, DocumentKind};
use candor_vault::NewDocument;

use super::files::write_new;
use super::profile::{print_added, print_removed};
use super::{resolve, CliError, Context};
use crate::args::DocCommand;
use crate::output;

pub fn doc(ctx: &Context, cmd: DocCommand) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    match cmd {
        DocCommand::Add { file, kind, note } => {
            let kind: DocumentKind = kind
                .parse()
                .map_err(|e| CliError::bad_option("kind", None, e))?;
            let input = File::open(&file)
                .map_err(CliError::unreadable(&file, Some("nothing was added")))?;
            let new = NewDocument::from_path(kind, &file, note);
            let entry = vault.add_document(new, input)?;
            print_added(ctx, "document", &entry.id);
        }
        DocCommand::List => {
            let entries = vault.list::<Document>()?;
            if ctx.json {
                output::json(&entries);
            } else if entries.is_empty() {
                println!("No documents yet; add one with `candor doc add FILE --kind cv`.");
            } else {
                let rows: Vec<Vec<String>> = entries
                    .iter()
                    .map(|e| {
                        vec![
                            e.id.clone(),
                            e.value.kind.to_string(),
                            e.value.file_name.clone(),
                            e.value.size.to_string(),
                        ]
                    })
                    .collect();
                output::table(&["ID", "KIND", "FILE", "BYTES"], &rows);
            }
        }
        DocCommand::Get { id, out } => {
            let id = resolve::<Document>(&vault, &id)?;
            if out.as_os_str() == "-" {
                let stdout = std::io::stdout();
                let mut lock = stdout.lock();
                vault.read_document(&id, &mut lock)?;
                return Ok(());
            }
            // Decrypt beside the destination and rename when every chunk checked out, so a
            // damaged document never leaves a half-written file behind.
            let entry = write_new(&out, |writer| vault.read_document(&id, writer))?;
            if ctx.json {
                output::json(
                    &serde_json::json!({ "id": id, "out": out, "bytes": entry.value.size }),
                );
            } else {
                println!(
                    "Saved {} ({} bytes) to {}. This copy is not encrypted: delete it when you \
                     no longer need it.",
                    entry.value.file_name,
                    entry.value.size,
                    out.display()
                );
            }
        }
        DocCommand::Rm { id } => {
            let id = resolve::<Document>(&vault, &id)?;
            vault.remove_document(&id)?;
            print_removed(ctx, "document", &id);
        }
    }
    Ok(())
}
