//! After sharing, from the command line: notices to organisations, their answers, and the
//! list of requests with what is overdue.

use std::fs::File;
use std::path::Path;

use candor_model::Timestamp;
use candor_vault::bundle::{self, OutcomeKind, RequestKind};
use candor_vault::{Existing, RequestRow, RequestState};
use serde_json::json;

use super::{CliError, Context};
use crate::args::{ReceiptCommand, RequestTarget};
use crate::output;

pub fn request(ctx: &Context, kind: RequestKind, target: RequestTarget) -> Result<(), CliError> {
    let view = target.view;
    let mut vault = ctx.seeker()?;
    let sent = vault
        .request(
            kind,
            &target.to,
            view,
            &target.out,
            Existing::Refuse,
            Timestamp::now(),
        )
        .map_err(super::files::written)?;
    if ctx.json {
        if target.send {
            send(&mut vault, &sent.entry.recipient_id, &target.out)?;
        }
        output::json(&json!({
            "out": sent.path,
            "entry": sent.entry,
            "letterEn": sent.letters.en,
            "letterNb": sent.letters.nb,
            "mailto": sent.mailto,
        }));
        return Ok(());
    }
    println!(
        "Wrote a signed {} to {} about {} bundle(s); the answer is due by {}.",
        bundle::request_words(kind).en,
        target.out.display(),
        sent.entry.refers_to.len(),
        sent.entry.due_at.map_or_else(String::new, output::day)
    );
    println!(
        "Send it to {} ({}). The letter that goes with it:\n",
        sent.entry.organisation, sent.entry.privacy_contact
    );
    print!("{}", sent.letters.en);
    if let Some(mailto) = &sent.mailto {
        println!(
            "\nAs a pre-filled e-mail (attach {}):\n{mailto}",
            target.out.display()
        );
    }
    if target.send {
        println!(
            "\n{}",
            send(&mut vault, &sent.entry.recipient_id, &target.out)?
        );
    }
    if kind == RequestKind::Revoke {
        println!(
            "\nRevoking cannot pull back what was delivered; the organisation must delete it \
             and confirm, which your ledger follows."
        );
    }
    Ok(())
}

pub fn list(ctx: &Context, complaint: Option<String>) -> Result<(), CliError> {
    let vault = ctx.seeker()?;
    let now = Timestamp::now();
    if let Some(id) = complaint {
        let letters = vault.complaint(&id, now)?;
        println!("{}\n---\n\n{}", letters.en, letters.nb);
        return Ok(());
    }
    let rows = vault.requests(now)?;
    if ctx.json {
        output::json(&rows);
        return Ok(());
    }
    if rows.is_empty() {
        println!("You have made no requests.");
        return Ok(());
    }
    let table: Vec<Vec<String>> = rows.iter().map(row).collect();
    output::table(&["REQUEST", "KIND", "TO", "SENT", "DUE", "STATUS"], &table);
    if rows.iter().any(|r| r.overdue) {
        println!(
            "\nOverdue requests can be taken to Datatilsynet: candor requests --complaint REQUEST"
        );
    }
    Ok(())
}

/// "request for erasure", "request for access", …
fn request_in_words(r: &RequestRow) -> String {
    r.entry.action.request().map_or_else(
        || r.entry.action.to_string(),
        |kind| bundle::request_words(kind).en.to_owned(),
    )
}

fn row(r: &RequestRow) -> Vec<String> {
    let status = match (&r.state, r.overdue) {
        (_, true) => "OVERDUE".to_owned(),
        (RequestState::Sent, false) => "sent".to_owned(),
        (RequestState::Extended { months, .. }, false) => format!("extended by {months} month(s)"),
        (RequestState::Answered, false) => match r.answer.as_ref().map(|a| a.outcome) {
            Some(OutcomeKind::Deleted) => "deletion confirmed".to_owned(),
            Some(OutcomeKind::Exported) => "answered (export)".to_owned(),
            _ => "answered".to_owned(),
        },
    };
    vec![
        bundle::short_ref(&r.entry.bundle_id).to_owned(),
        request_in_words(r),
        r.entry.organisation.clone(),
        output::minute(r.entry.at),
        output::day(r.due_at),
        status,
    ]
}

pub fn receipt(ctx: &Context, cmd: ReceiptCommand) -> Result<(), CliError> {
    let ReceiptCommand::Import { file } = cmd;
    let mut vault = ctx.seeker()?;
    let source = open(&file)?;
    let row = vault.import_answer(source, Timestamp::now())?;
    if ctx.json {
        output::json(&row);
        return Ok(());
    }
    let answer = row.answer.as_ref();
    match &row.state {
        RequestState::Extended { months, reason } => println!(
            "{} will answer your {} later: by {} ({months} more month(s)). Their reason: {reason}",
            row.entry.organisation,
            request_in_words(&row),
            output::day(row.due_at)
        ),
        RequestState::Sent if answer.is_some_and(|a| a.outcome == OutcomeKind::Exported) => {
            println!(
                "{} sent part of its answer to your access request; import the other parts of the \
             export too (files named like {}).",
                row.entry.organisation,
                file.display()
            )
        }
        _ if answer.is_some_and(|a| a.outcome == OutcomeKind::Exported) => println!(
            "{} answered your access request: the signed export holds {} bundle(s). Open it with \
             `candor verify {}`.",
            row.entry.organisation,
            answer.map_or(0, |a| a.bundles.len()),
            file.display()
        ),
        _ => {
            println!(
                "Deletion confirmed: {} signed that it deleted {} bundle(s) on {}.",
                row.entry.organisation,
                answer.map_or(0, |a| a.bundles.len()),
                answer.map_or_else(String::new, |a| output::day(a.answered_at))
            );
            if answer.is_some_and(|a| !a.tombstoned.is_empty()) {
                println!("They keep only a note of the bundle ids and refuse them if they are sent again.");
            }
        }
    }
    Ok(())
}

pub fn open(file: &Path) -> Result<File, CliError> {
    File::open(file).map_err(CliError::unreadable(file, None))
}

/// Posts the saved notice to the organisation's intake address and takes the answer in;
/// what came back, in words.
fn send(
    vault: &mut candor_vault::SeekerVault,
    recipient: &str,
    notice: &Path,
) -> Result<String, CliError> {
    let sent = vault.send_notice(recipient, notice, Timestamp::now(), |url, body| {
        candor_net::post_notice(url, body)
    })?;
    Ok(format!(
        "Posted to {}; {} answered ({}), kept in {}.",
        sent.url,
        sent.organisation,
        sent.row
            .answer
            .as_ref()
            .map_or("no answer", |a| a.outcome.as_str()),
        sent.kept.display()
    ))
}
