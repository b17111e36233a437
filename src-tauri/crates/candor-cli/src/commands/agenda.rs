//! `candor agenda`: what is due, from the same list as the app's Today screen, and the
//! same items as an iCalendar file.

use candor_model::{Lang, PeopleTime, Timestamp};
use candor_vault::{agenda_calendar, DueItem, DueWhat, Urgency, SOON_DAYS};
use serde_json::json;

use super::cv::{lang_of, write_private};
use super::{CliError, Context};
use crate::args::AgendaArgs;
use crate::output;

/// How many characters of an id the list shows: enough to name it to other commands.
const SHORT_ID: usize = 8;

pub fn agenda(ctx: &Context, args: AgendaArgs) -> Result<(), CliError> {
    let vault = ctx.seeker()?;
    let now = Timestamp::now();
    let time = PeopleTime::system();
    let items = vault.agenda(now, time)?;
    if let Some(out) = &args.ics {
        let lang = lang_of(args.lang);
        if out.exists() && !args.force {
            return Err(CliError::new(format!(
                "{} already exists; choose another file, or add --force to replace it",
                out.display()
            )));
        }
        write_private(
            out,
            agenda_calendar(&items, lang, now).as_bytes(),
            args.force,
        )?;
        if ctx.json {
            output::json(&json!({ "out": out, "events": items.len() }));
        } else {
            println!(
                "Wrote {} event(s) to {}. Importing a later export into the same calendar \
                 updates these events instead of adding copies. The file is not encrypted: \
                 delete it once your calendar has it.",
                items.len(),
                out.display()
            );
        }
        return Ok(());
    }
    if ctx.json {
        output::json(&items);
        return Ok(());
    }
    print_agenda(&items, args.all);
    Ok(())
}

fn print_agenda(items: &[DueItem], all: bool) {
    let later = items
        .iter()
        .filter(|item| item.urgency == Urgency::Later)
        .count();
    let shown: Vec<&DueItem> = items
        .iter()
        .filter(|item| all || item.urgency != Urgency::Later)
        .collect();
    if shown.is_empty() {
        println!("Nothing is overdue or due in the next {SOON_DAYS} days.");
    }
    let groups = [
        (Urgency::Overdue, "Overdue".to_owned()),
        (Urgency::Today, "Today".to_owned()),
        (Urgency::Soon, format!("In the next {SOON_DAYS} days")),
        (Urgency::Later, "Later".to_owned()),
    ];
    let mut first = true;
    for (urgency, heading) in groups {
        let group: Vec<&&DueItem> = shown.iter().filter(|i| i.urgency == urgency).collect();
        if group.is_empty() {
            continue;
        }
        if !first {
            println!();
        }
        first = false;
        println!("{heading}");
        for item in group {
            println!(
                "  {}: {} ({})",
                when(item),
                item.title(Lang::En),
                reference(item)
            );
        }
    }
    if !all && later > 0 {
        println!();
        println!("{later} more later; --all lists them.");
    }
}

/// The day in words, and how far it is.
fn when(item: &DueItem) -> String {
    let day = Lang::En.day_in_words(item.day);
    match item.days {
        0 => day,
        -1 => format!("{day}, yesterday"),
        1 => format!("{day}, tomorrow"),
        days if days < 0 => format!("{day}, {} days ago", -days),
        days => format!("{day}, in {days} days"),
    }
}

/// What the item is about, as a short reference other commands take.
fn reference(item: &DueItem) -> String {
    let short = |id: &str| id.chars().take(SHORT_ID).collect::<String>();
    match &item.what {
        DueWhat::NextStep { application_id, .. } => {
            format!("application {}", short(application_id))
        }
        DueWhat::Answer { request_id, .. } => format!("request {}", short(request_id)),
        DueWhat::ShareExpires { share_id, .. } => format!("share {}", short(share_id)),
    }
}
