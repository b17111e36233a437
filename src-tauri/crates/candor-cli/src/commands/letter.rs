//! `candor apply letter`: an application's cover letter, written in a light plain-text form
//! (see [`CoverLetter::parse`]), stored as structured blocks with the application, and
//! typeset as PDF from a full or anonymous view.

use std::io::{IsTerminal, Read};

use candor_model::{scan_cover_letter, Application, CoverLetter, PeopleTime, ViewChoice, ViewKind};
use candor_render::{render_letter, LetterFacts};
use candor_vault::{SeekerVault, VaultError};
use serde_json::json;

use super::cv::{cv_options, view_for, write_private};
use super::{resolve, CliError, Context};
use crate::args::LetterArgs;
use crate::output;

/// The most a letter may be, read from a file or typed: far more than any letter.
const MAX_LETTER_BYTES: u64 = 256 * 1024;

pub fn letter(ctx: &Context, vault: &mut SeekerVault, args: LetterArgs) -> Result<(), CliError> {
    let id = resolve::<Application>(vault, &args.id)?;
    let mut application = vault.get::<Application>(&id)?.value;
    if args.edit || args.from.is_some() {
        let text = match &args.from {
            Some(path) => read_limited(
                std::fs::File::open(path).map_err(|e| {
                    CliError::new(format!(
                        "cannot read the letter from {}: {e}",
                        path.display()
                    ))
                })?,
                &path.display().to_string(),
            )?,
            None => {
                // Typed at a terminal: say how; piped in: the text says it all.
                if !ctx.json && std::io::stdin().is_terminal() {
                    eprintln!(
                        "Write the letter for {} at {}; end with Ctrl-D. A blank line starts a \
                         paragraph, \"- \" a bullet; **bold**, _italic_.",
                        application.position, application.company
                    );
                }
                read_limited(std::io::stdin().lock(), "standard input")?
            }
        };
        let letter = CoverLetter {
            salutation: application
                .cover_letter
                .as_ref()
                .map(|letter| letter.salutation.clone())
                .unwrap_or_default(),
            ..CoverLetter::parse(&text)
        };
        if letter.is_empty() {
            return Err(CliError::new(
                "the letter is empty, so nothing was saved; write at least one line",
            ));
        }
        let blocks = letter.blocks.len();
        application.cover_letter = Some(letter);
        vault.update(&id, &application)?;
        if ctx.json {
            output::json(&json!({ "id": id, "blocks": blocks }));
        } else {
            println!(
                "Saved the letter for {} at {} ({blocks} paragraph{} and list{}).",
                application.position,
                application.company,
                if blocks == 1 { "" } else { "s" },
                if blocks == 1 { "" } else { "s" },
            );
        }
        return Ok(());
    }
    let Some(letter) = application
        .cover_letter
        .clone()
        .filter(|letter| !letter.is_empty())
    else {
        return Err(CliError::new(format!(
            "the application to {} has no letter yet; write one with --edit or --from FILE",
            application.company
        )));
    };
    if args.show {
        if ctx.json {
            output::json(&letter);
        } else {
            println!("{}", letter.to_plain());
        }
        return Ok(());
    }
    let Some(out) = &args.pdf else {
        return Ok(());
    };
    let (view, signed_as) = view_for(vault, args.view, args.to.as_deref(), "letter")?;
    let mut letter = letter;
    let findings = scan_cover_letter(&vault.profile()?, &ViewChoice::new(args.view), &mut letter)
        .map_err(VaultError::from)?;
    let facts = LetterFacts::of(
        &application,
        PeopleTime::system()
            .today()
            .map_err(|e| CliError::new(format!("cannot tell today's date: {e}")))?,
    );
    let options = cv_options(args.template, args.lang, signed_as);
    let pdf = render_letter(&view, &letter, &facts, &options)?;
    write_private(out, &pdf, args.force)?;
    if ctx.json {
        output::json(&json!({
            "out": out,
            "view": args.view,
            "signedAs": options.signed_as,
            "removed": findings,
            "bytes": pdf.len(),
        }));
        return Ok(());
    }
    for finding in &findings {
        println!(
            "Left out of the letter: \u{201c}{}\u{201d} ({}).",
            finding.text,
            finding.kind.words_en()
        );
    }
    println!(
        "Wrote {} letter to {}, signed as {}, to {}. It is not encrypted: keep it somewhere \
         safe, and delete it when you no longer need it.",
        match args.view {
            ViewKind::Anonymous => "an anonymous",
            ViewKind::Full => "a",
        },
        application.company,
        options.signed_as,
        out.display()
    );
    Ok(())
}

/// Reads at most [`MAX_LETTER_BYTES`] of UTF-8 text.
fn read_limited(reader: impl Read, from: &str) -> Result<String, CliError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_LETTER_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::new(format!("cannot read the letter from {from}: {e}")))?;
    if bytes.len() as u64 > MAX_LETTER_BYTES {
        return Err(CliError::new(format!(
            "the letter in {from} is longer than {} KiB; a cover letter fits on a page",
            MAX_LETTER_BYTES / 1024
        )));
    }
    String::from_utf8(bytes).map_err(|_| {
        CliError::new(format!(
            "the letter in {from} is not UTF-8 text; save it as UTF-8 and try again"
        ))
    })
}
