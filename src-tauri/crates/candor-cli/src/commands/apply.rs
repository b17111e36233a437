//! Job applications: add, list and search, move through the pipeline, show with history.

use candor_model::{Application, ApplicationStatus, Day, Timestamp};
use candor_vault::{
    ApplicationOrder, ApplicationPage, ApplicationQuery, ApplicationSummary, Entry, SortKey,
};

use super::profile::print_added;
use super::{parse_opt, resolve, CliError, Context};
use crate::args::{ApplyCommand, SortColumn};
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
            sort,
            reverse,
            limit,
            page,
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
            let limit = limit.unwrap_or(u32::MAX);
            let page = vault.application_page(
                &query,
                order(sort, reverse),
                (page - 1).saturating_mul(limit),
                limit,
                &collation_language(),
            )?;
            print_page(ctx, &page, limit, filtered);
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
        ApplyCommand::Letter(args) => super::letter::letter(ctx, &mut vault, args)?,
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
    let letter = a
        .cover_letter
        .as_ref()
        .filter(|letter| !letter.is_empty())
        .map(|letter| match letter.blocks.len() {
            1 => "written, 1 paragraph or list".to_owned(),
            n => format!("written, {n} paragraphs and lists"),
        });
    let fields = [
        ("contact", &a.contact),
        ("next step", &a.next_step),
        ("notes", &a.notes),
        ("letter", &letter),
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
        println!(
            "    {}  {from}{}{note}",
            output::minute(change.at),
            change.to
        );
    }
}

/// The order `--sort` and `--reverse` ask for: names from A and dates from the newest,
/// unless reversed.
fn order(sort: SortColumn, reverse: bool) -> ApplicationOrder {
    let (key, ascending) = match sort {
        SortColumn::Company => (SortKey::Company, true),
        SortColumn::Position => (SortKey::Position, true),
        SortColumn::Status => (SortKey::Status, true),
        SortColumn::Created => (SortKey::Created, false),
        SortColumn::NextDate => (SortKey::NextDate, true),
    };
    ApplicationOrder {
        key,
        ascending: ascending != reverse,
    }
}

/// The language names are sorted in: the collation locale's (`LC_ALL`, `LC_COLLATE`,
/// `LANG`), as a BCP 47 tag ("nb_NO.UTF-8" is "nb-NO"); the root order for C and POSIX.
fn collation_language() -> String {
    ["LC_ALL", "LC_COLLATE", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .map(|value| locale_tag(&value))
        .unwrap_or_default()
}

fn locale_tag(locale: &str) -> String {
    let name = locale.split(['.', '@']).next().unwrap_or("");
    if name == "C" || name == "POSIX" {
        return String::new();
    }
    name.replace('_', "-")
}

fn print_page(ctx: &Context, page: &ApplicationPage, limit: u32, filtered: bool) {
    if ctx.json {
        output::json(&page.rows);
        return;
    }
    if page.matched == 0 && filtered {
        println!("No applications match.");
        return;
    }
    if page.matched == 0 {
        println!(
            "No applications yet; add one with `candor apply add --company NAME --position TITLE`."
        );
        return;
    }
    let today = candor_model::PeopleTime::system().today().ok();
    let rows: Vec<Vec<String>> = page.rows.iter().map(|row| table_row(row, today)).collect();
    output::table(&["ID", "COMPANY", "POSITION", "STATUS", "NEXT"], &rows);
    // The core starts the page that holds the offset asked for, or the last page when
    // the offset is past the end; the text says which page this is.
    let pages = page.matched.div_ceil(limit);
    if pages > 1 {
        let number = page.offset / limit + 1;
        let last = page.offset as usize + page.rows.len();
        let next = if number < pages {
            format!(" --page {} shows the next.", number + 1)
        } else {
            String::new()
        };
        println!(
            "Page {number} of {pages}: {}–{last} of {}.{next}",
            page.offset + 1,
            page.matched
        );
    }
}

fn table_row(row: &ApplicationSummary, today: Option<Day>) -> Vec<String> {
    let next = match (&row.next_step, &row.next_step_date) {
        (None, None) => String::new(),
        (step, date) => {
            let overdue = today.is_some_and(|t| row.status.is_overdue(row.next_step_date, t));
            let overdue = if overdue { " (overdue)" } else { "" };
            format!("{} {}{overdue}", or_blank(date), or_blank(step))
                .trim()
                .to_owned()
        }
    };
    vec![
        row.id.clone(),
        row.company.clone(),
        row.position.clone(),
        row.status.to_string(),
        next,
    ]
}

#[cfg(test)]
mod tests {
    use super::locale_tag;

    #[test]
    fn a_posix_locale_name_becomes_a_language_tag() {
        assert_eq!(locale_tag("nb_NO.UTF-8"), "nb-NO");
        assert_eq!(locale_tag("en_GB.UTF-8@euro"), "en-GB");
        assert_eq!(locale_tag("nn"), "nn");
        assert_eq!(locale_tag("C.UTF-8"), "");
        assert_eq!(locale_tag("POSIX"), "");
    }
}
