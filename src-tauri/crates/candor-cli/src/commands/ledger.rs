//! The seeker's ledger: every share, where it stands, and what an organisation holds.

use candor_model::Timestamp;
use candor_vault::bundle;
use candor_vault::{ShareRow, ShareStatus};
use serde_json::json;

use super::{CliError, Context};
use crate::args::LedgerArgs;
use crate::output;

pub fn ledger(ctx: &Context, args: LedgerArgs) -> Result<(), CliError> {
    let vault = ctx.seeker()?;
    if let Some(bundle_id) = args.receipt {
        output::json(&vault.consent_receipt(&bundle_id)?);
        return Ok(());
    }
    let now = Timestamp::now();
    if let Some(to) = args.to {
        let recipient = vault.recipient(&to)?;
        let holdings = vault.holdings(&recipient.id, now)?;
        if ctx.json {
            output::json(&json!({ "recipient": recipient, "holdings": holdings }));
            return Ok(());
        }
        let shares: Vec<ShareRow> = vault
            .shares(now)?
            .into_iter()
            .filter(|row| row.entry.recipient_id == recipient.id)
            .collect();
        println!(
            "{} received {} share(s) from you.",
            recipient.organisation,
            shares.len()
        );
        print_shares(&shares, now);
        println!();
        if holdings.fields.is_empty() {
            println!(
                "Under shares still active (not expired, deleted or replaced), they hold nothing \
             of yours."
            );
        } else {
            println!("Under shares still active, they hold:");
            for item in &holdings.items {
                println!("  {}", item.describe_en());
            }
        }
        return Ok(());
    }
    if ctx.json {
        output::json(&vault.export_ledger()?);
        return Ok(());
    }
    let shares = vault.shares(now)?;
    if shares.is_empty() {
        println!("You have not shared anything yet.");
    } else {
        print_shares(&shares, now);
    }
    let requests = vault.requests(now)?.len();
    if requests > 0 {
        println!("\nYou sent {requests} request(s) about these shares: candor requests");
    }
    Ok(())
}

/// One line per share: when, to whom, what, until when, and where it stands.
fn print_shares(rows: &[ShareRow], now: Timestamp) {
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let e = &row.entry;
            vec![
                e.seq.to_string(),
                output::minute(e.at),
                e.organisation.clone(),
                e.view.as_str().to_owned(),
                if e.purpose.is_empty() {
                    "(no purpose given)".to_owned()
                } else {
                    e.purpose.clone()
                },
                e.expires_at.map_or_else(|| "never".to_owned(), output::day),
                status_in_words(row, now),
                bundle::short_ref(&e.bundle_id).to_owned(),
            ]
        })
        .collect();
    output::table(
        &[
            "#", "SHARED", "TO", "VIEW", "PURPOSE", "EXPIRES", "STATE", "REF",
        ],
        &table,
    );
}

/// "active, expires in 5 days", "deletion confirmed on 1 December 2026", …
fn status_in_words(row: &ShareRow, now: Timestamp) -> String {
    let due = |what: &str| {
        row.due_at.map_or_else(
            || what.to_owned(),
            |at| format!("{what}, answer due {}", output::day(at)),
        )
    };
    match row.status {
        ShareStatus::Active => match row.entry.expires_at {
            Some(at) => {
                let days = candor_model::PeopleTime::system().days_until(now, at);
                if days < 14 {
                    format!("active, expires in {} day(s)", days.max(0))
                } else {
                    "active".to_owned()
                }
            }
            None => "active".to_owned(),
        },
        ShareStatus::Expired | ShareStatus::Replaced => row.status.words().to_owned(),
        ShareStatus::DeletionRequested | ShareStatus::Revoked | ShareStatus::Withdrawn => {
            due(row.status.words())
        }
        ShareStatus::DeletionOverdue => due("deletion OVERDUE"),
        ShareStatus::DeletionConfirmed => row.confirmed_at.map_or_else(
            || "deletion confirmed".to_owned(),
            |at| format!("deletion confirmed on {}", output::day(at)),
        ),
    }
}
