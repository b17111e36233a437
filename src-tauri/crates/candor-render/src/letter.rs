//! The data the letter template typesets: who writes, to whom, on which day, and the
//! letter's blocks as the seeker wrote them. Serialized as the JSON the template reads.

use candor_model::{Application, CoverLetter, Day, Lang, LetterBlock, View};
use serde::Serialize;

use crate::data::contact;
use crate::words::lang_code;
use crate::CvOptions;

/// What a cover letter says besides its body: where it goes and when it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterFacts {
    /// The organisation applied to.
    pub company: String,
    /// The position applied for; empty when the application names none.
    pub position: String,
    /// The person to write to, when known.
    pub contact: Option<String>,
    /// The day the letter is dated.
    pub day: Day,
}

impl LetterFacts {
    /// A letter for `application`: its company, position and contact, dated `day`.
    pub fn of(application: &Application, day: Day) -> Self {
        LetterFacts {
            company: application.company.clone(),
            position: application.position.clone(),
            contact: application.contact.clone(),
            day,
        }
    }
}

/// The whole letter, as `/data.json`.
#[derive(Debug, Serialize)]
pub(crate) struct LetterData<'a> {
    pub lang: &'static str,
    /// The CV template's name: the letter is set like the CV it goes with.
    pub style: &'static str,
    /// "Cover letter — Kari Nordmann".
    pub title: String,
    /// The seeker's name or pseudonym, at the top and under the letter.
    pub name: String,
    /// The sender's contact lines, only as far as the view shares them.
    pub contact: Vec<String>,
    pub recipient: Vec<String>,
    pub day: String,
    pub subject: String,
    pub salutation: String,
    pub blocks: &'a [LetterBlock],
    pub closing: &'static str,
}

impl<'a> LetterData<'a> {
    pub(crate) fn new(
        view: &View,
        letter: &'a CoverLetter,
        facts: &LetterFacts,
        options: &CvOptions,
    ) -> Self {
        let lang = options.lang;
        let contact_person = facts.contact.as_deref().map(str::trim).unwrap_or("");
        let recipient = [contact_person, facts.company.trim()]
            .into_iter()
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        let salutation = if letter.salutation.trim().is_empty() {
            default_salutation(contact_person, lang)
        } else {
            letter.salutation.clone()
        };
        LetterData {
            lang: lang_code(lang),
            style: options.template.as_str(),
            title: match lang {
                Lang::En => format!("Cover letter — {}", options.signed_as),
                Lang::Nb => format!("Søknadsbrev — {}", options.signed_as),
            },
            name: options.signed_as.clone(),
            contact: contact(&view.profile),
            recipient,
            day: lang.day_in_words(facts.day),
            subject: subject(facts.position.trim(), lang),
            salutation,
            blocks: &letter.blocks,
            closing: match lang {
                Lang::En => "Yours sincerely,",
                Lang::Nb => "Med vennlig hilsen",
            },
        }
    }
}

/// "Application for the position of Graduate engineer"; empty with no position.
fn subject(position: &str, lang: Lang) -> String {
    if position.is_empty() {
        return String::new();
    }
    match lang {
        Lang::En => format!("Application for the position of {position}"),
        Lang::Nb => format!("Søknad på stillingen som {position}"),
    }
}

/// "Dear Ms Berg," with a contact; "Dear hiring team," without.
fn default_salutation(contact: &str, lang: Lang) -> String {
    match (lang, contact.is_empty()) {
        (Lang::En, false) => format!("Dear {contact},"),
        (Lang::En, true) => "Dear hiring team,".to_owned(),
        (Lang::Nb, false) => format!("Hei {contact},"),
        (Lang::Nb, true) => "Hei,".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_names_the_position_in_the_language() {
        assert_eq!(
            subject("Graduate engineer", Lang::En),
            "Application for the position of Graduate engineer"
        );
        assert_eq!(
            subject("Utvikler", Lang::Nb),
            "Søknad på stillingen som Utvikler"
        );
        assert_eq!(subject("", Lang::Nb), "");
    }

    #[test]
    fn the_greeting_addresses_the_contact_or_the_team() {
        assert_eq!(default_salutation("Ola Berg", Lang::En), "Dear Ola Berg,");
        assert_eq!(default_salutation("", Lang::En), "Dear hiring team,");
        assert_eq!(default_salutation("Ola Berg", Lang::Nb), "Hei Ola Berg,");
    }
}
