//! Job applications: add, list and search, move through the pipeline, show with history.

use candor_model::{Application, ApplicationStatus, Day, Timestamp};
use candor_vault::{ApplicationQuery, Entry};

use super::profile::print_added;
use super::{parse_opt, resolve, CliError, Context};
use crate::args::ApplyCommand;
use crate::output::{self, or_blank};

pub fn apply(ctx: &Context, cmd: ApplyCommand) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    match cmd {
        ApplyCommand::Add {
            company,
            position,
            link,
            contact,
            notes,
            next_step,
            next_date,
        } => {
            let mut application = Application::new(company, position, Timestamp::now());
            application.link = link.unwrap_or_default();
            application.contact = contact;
            application.notes = notes;
            application.next_step = next_step;
            application.next_step_date = parse_opt::<Day>(next_date.as_deref(), "next-date")?;
            let id = vault.insert(&application)?;
            print_added(ctx, "application", &id);
        }
        ApplyCommand::List {
            company,
            status,
            from,
            to,
            text,
        } => {
            let filtered = [&company, &status, &from, &to, &text]
                .iter()
                .any(|filter| filter.is_some());
            let query = ApplicationQuery {
                company,
                status: parse_opt::<ApplicationStatus>(status.as_deref(), "status")?,
                from: parse_opt::<Day>(from.as_deref(), "from")?,
                to: parse_opt::<Day>(to.as_deref(), "to")?,
                text,
            };
            let found = vault.search_applications(&query)?;
            if ctx.json {
                output::json(&found);
            } else if found.is_empty() && filtered {
                println!("No applications match.");
            } else if found.is_empty() {
                println!("No applications yet; add one with `candor apply add --company NAME --position TITLE`.");
            } else {
                let today = Timestamp::now().day().ok();
                let rows: Vec<Vec<String>> = found
                    .iter()
                    .map(|Entry { id, value, .. }| {
                        let next = match (&value.next_step, &value.next_step_date) {
                            (None, None) => String::new(),
                            (step, date) => {
                                let overdue = if today.is_some_and(|t| value.is_overdue(t)) {
                                    " (overdue)"
                                } else {
                                    ""
                                };
                                format!("{} {}{overdue}", or_blank(date), or_blank(step))
                                    .trim()
                                    .to_owned()
                            }
                        };
                        vec![
                            id.clone(),
                            value.company.clone(),
                            value.position.clone(),
                            value.status.to_string(),
                            next,
                        ]
                    })
                    .collect();
                output::table(&["ID", "COMPANY", "POSITION", "STATUS", "NEXT"], &rows);
            }
        }
        ApplyCommand::Status { id, status, note } => {
            let to: ApplicationStatus =
                status.parse().map_err(|e| CliError::new(format!("{e}")))?;
            let id = resolve::<Application>(&vault, &id)?;
            let entry = vault.move_application(&id, to, note)?;
            if ctx.json {
                output::json(&entry);
            } else {
                println!(
                    "{} at {} is now {}.",
                    entry.value.position, entry.value.company, entry.value.status
                );
            }
        }
        ApplyCommand::Show { id } => {
            let id = resolve::<Application>(&vault, &id)?;
            let entry = vault.get::<Application>(&id)?;
            if ctx.json {
                output::json(&entry);
            } else {
                show(&entry);
            }
        }
    }
    Ok(())
}

fn show(entry: &Entry<Application>) {
    let a = &entry.value;
    println!("{} at {}", a.position, a.company);
    println!("  id:        {}", entry.id);
    println!("  status:    {}", a.status);
    if !a.link.is_empty() {
        println!("  {:<10} {}", "link:", a.link);
    }
    let fields = [
        ("contact", &a.contact),
        ("next step", &a.next_step),
        ("notes", &a.notes),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            println!("  {:<10} {value}", format!("{label}:"));
        }
    }
    if let Some(date) = &a.next_step_date {
        println!("  {:<10} {date}", "due:");
    }
    println!("  history:");
    for change in &a.history {
        let from = change.from.map(|s| format!("{s} → ")).unwrap_or_default();
        let note = change
            .note
            .as_deref()
            .map(|n| format!("  ({n})"))
            .unwrap_or_default();
        println!("    {}  {from}{}{note}", change.at.when_en(), change.to);
    }
}
