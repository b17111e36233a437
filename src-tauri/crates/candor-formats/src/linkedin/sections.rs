//! Each export file's rows → the profile's sections. Columns Candor has no field for are
//! listed as not imported, with their values.

use candor_model::{
    Address, Certificate, Education, Fluency, Interest, InterestKind, Language, PartialDate,
    Person, Profile, Project, Skill, SocialProfile, Work,
};

use super::table::{Row, Table};
use super::{Kind, NotImported};
use crate::dates::{parse_loose, to_day};
use crate::ImportError;

const PROFILE: &[&str] = &[
    "First Name",
    "Last Name",
    "Headline",
    "Summary",
    "Industry",
    "Geo Location",
    "Websites",
    "Address",
    "Zip Code",
    "Birth Date",
    "Twitter Handles",
];
const POSITIONS: &[&str] = &[
    "Company Name",
    "Title",
    "Description",
    "Location",
    "Started On",
    "Finished On",
];
const EDUCATION: &[&str] = &["School Name", "Degree Name", "Start Date", "End Date"];
const SKILLS: &[&str] = &["Name"];
const LANGUAGES: &[&str] = &["Name", "Proficiency"];
const CERTIFICATIONS: &[&str] = &["Name", "Url", "Authority", "Started On"];
const PROJECTS: &[&str] = &["Title", "Description", "Url", "Started On", "Finished On"];
/// Columns read, and bookkeeping columns deliberately passed over.
const EMAILS: &[&str] = &["Email Address", "Primary", "Confirmed", "Updated On"];
const PHONES: &[&str] = &["Number", "Extension", "Type"];

pub(crate) const NO_FIELD: &str = "Candor has no field for it";
pub(crate) const NOT_A_DATE: &str = "not a date Candor can read; enter it by hand";
pub(crate) const ONE_EMAIL: &str = "Candor keeps one e-mail address";
pub(crate) const ONE_PHONE: &str = "Candor keeps one phone number";
pub(crate) const WHOLE_BIRTH_DATE: &str = "Candor needs a whole birth date (day, month and year)";

/// The profile being built from the files, and what was left out.
#[derive(Default)]
pub(crate) struct Builder {
    profile: Profile,
    not_imported: Vec<NotImported>,
    /// (address, primary, line) of each e-mail address found.
    emails: Vec<(String, bool, u32)>,
    /// (number, line) of each phone number found.
    phones: Vec<(String, u32)>,
}

impl Builder {
    /// Reads one file's rows into the profile.
    pub fn read(&mut self, kind: Kind, file: &str, bytes: &[u8]) -> Result<(), ImportError> {
        let columns = match kind {
            Kind::Profile => PROFILE,
            Kind::Positions => POSITIONS,
            Kind::Education => EDUCATION,
            Kind::Skills => SKILLS,
            Kind::Languages => LANGUAGES,
            Kind::Certifications => CERTIFICATIONS,
            Kind::Projects => PROJECTS,
            Kind::Emails => EMAILS,
            Kind::Phones => PHONES,
        };
        let table = Table::parse(file, bytes, columns)?;
        for row in table.rows() {
            match kind {
                Kind::Profile => self.person_row(&table, row),
                Kind::Positions => self.position(&table, row),
                Kind::Education => self.education(&table, row),
                Kind::Skills => self.skill(&table, row),
                Kind::Languages => self.language(&table, row),
                Kind::Certifications => self.certification(&table, row),
                Kind::Projects => self.project(&table, row),
                Kind::Emails => {
                    let email = table.get(row, "Email Address");
                    if !email.is_empty() {
                        let primary = table.get(row, "Primary").eq_ignore_ascii_case("yes");
                        self.emails.push((email.to_owned(), primary, row.line));
                    }
                }
                Kind::Phones => {
                    let number = table.get(row, "Number");
                    let extension = table.get(row, "Extension");
                    if !number.is_empty() {
                        let phone = match extension {
                            "" => number.to_owned(),
                            ext => format!("{number} ext. {ext}"),
                        };
                        self.phones.push((phone, row.line));
                    }
                }
            }
            self.others(&table, row, columns);
        }
        Ok(())
    }

    /// The profile, what was not imported, and how many e-mail addresses and phone numbers
    /// were found.
    pub fn finish(mut self) -> (Profile, Vec<NotImported>, u32, u32) {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let (emails, phones) = (count(self.emails.len()), count(self.phones.len()));
        let primary = self
            .emails
            .iter()
            .position(|(_, primary, _)| *primary)
            .unwrap_or(0);
        for (i, (email, _, line)) in std::mem::take(&mut self.emails).into_iter().enumerate() {
            if i == primary {
                self.person().email = email;
            } else {
                self.skip(
                    Kind::Emails.file_name(),
                    line,
                    "Email Address",
                    &email,
                    ONE_EMAIL,
                );
            }
        }
        for (i, (phone, line)) in std::mem::take(&mut self.phones).into_iter().enumerate() {
            if i == 0 {
                self.person().phone = phone;
            } else {
                self.skip(Kind::Phones.file_name(), line, "Number", &phone, ONE_PHONE);
            }
        }
        (self.profile, self.not_imported, emails, phones)
    }

    fn person(&mut self) -> &mut Person {
        self.profile.person.get_or_insert_with(Person::default)
    }

    fn person_row(&mut self, table: &Table, row: &Row) {
        let given = table.get(row, "First Name");
        let family = table.get(row, "Last Name");
        let birth = table.get(row, "Birth Date");
        let birth_date = parse_loose(birth).and_then(to_day);
        if !birth.is_empty() && birth_date.is_none() {
            self.skip(&table.file, row.line, "Birth Date", birth, WHOLE_BIRTH_DATE);
        }
        let mut websites = websites(table.get(row, "Websites")).into_iter();
        let url = websites.next().map(|(_, url)| url).unwrap_or_default();
        let mut profiles: Vec<SocialProfile> = websites
            .map(|(network, url)| SocialProfile {
                network,
                url,
                ..Default::default()
            })
            .collect();
        profiles.extend(
            list(table.get(row, "Twitter Handles")).map(|handle| SocialProfile {
                network: "Twitter".into(),
                username: handle.trim_start_matches('@').to_owned(),
                ..Default::default()
            }),
        );
        let address = address(
            table.get(row, "Geo Location"),
            table.get(row, "Address"),
            table.get(row, "Zip Code"),
        );
        let industry = table.get(row, "Industry");
        if !industry.is_empty() {
            self.profile.interests.push(Interest {
                name: industry.to_owned(),
                kind: Some(InterestKind::Industry),
                ..Default::default()
            });
        }
        let person = self.person();
        person.name = [given, family]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        person.given_name = Some(given.to_owned()).filter(|s| !s.is_empty());
        person.family_name = Some(family.to_owned()).filter(|s| !s.is_empty());
        person.label = table.get(row, "Headline").to_owned();
        person.summary = table.get(row, "Summary").to_owned();
        person.url = url;
        person.birth_date = birth_date;
        person.profiles.extend(profiles);
        person.addresses.extend(address);
    }

    fn position(&mut self, table: &Table, row: &Row) {
        let work = Work {
            name: table.get(row, "Company Name").to_owned(),
            position: table.get(row, "Title").to_owned(),
            summary: table.get(row, "Description").to_owned(),
            location: table.get(row, "Location").to_owned(),
            start_date: self.date(table, row, "Started On"),
            end_date: self.date(table, row, "Finished On"),
            ..Default::default()
        };
        if !(work.name.is_empty() && work.position.is_empty()) {
            self.profile.work.push(work);
        }
    }

    fn education(&mut self, table: &Table, row: &Row) {
        let education = Education {
            institution: table.get(row, "School Name").to_owned(),
            degree: table.get(row, "Degree Name").to_owned(),
            start_date: self.date(table, row, "Start Date"),
            end_date: self.date(table, row, "End Date"),
            ..Default::default()
        };
        if !(education.institution.is_empty() && education.degree.is_empty()) {
            self.profile.education.push(education);
        }
    }

    fn skill(&mut self, table: &Table, row: &Row) {
        let name = table.get(row, "Name");
        if !name.is_empty() {
            self.profile.skills.push(Skill {
                name: name.to_owned(),
                ..Default::default()
            });
        }
    }

    fn language(&mut self, table: &Table, row: &Row) {
        let name = table.get(row, "Name");
        if !name.is_empty() {
            self.profile.languages.push(Language {
                language: name.to_owned(),
                fluency: Fluency::from(table.get(row, "Proficiency").to_owned()),
            });
        }
    }

    fn certification(&mut self, table: &Table, row: &Row) {
        let certificate = Certificate {
            name: table.get(row, "Name").to_owned(),
            url: table.get(row, "Url").to_owned(),
            issuer: table.get(row, "Authority").to_owned(),
            date: self.date(table, row, "Started On"),
        };
        if !certificate.name.is_empty() {
            self.profile.certificates.push(certificate);
        }
    }

    fn project(&mut self, table: &Table, row: &Row) {
        let project = Project {
            name: table.get(row, "Title").to_owned(),
            description: table.get(row, "Description").to_owned(),
            url: table.get(row, "Url").to_owned(),
            start_date: self.date(table, row, "Started On"),
            end_date: self.date(table, row, "Finished On"),
            ..Default::default()
        };
        if !project.name.is_empty() {
            self.profile.projects.push(project);
        }
    }

    /// The date in `column`; an empty cell is no date ("Finished On" empty: still going).
    fn date(&mut self, table: &Table, row: &Row, column: &str) -> Option<PartialDate> {
        let text = table.get(row, column);
        let date = parse_loose(text);
        if date.is_none() && !text.is_empty() {
            self.skip(&table.file, row.line, column, text, NOT_A_DATE);
        }
        date
    }

    /// Lists the row's cells in columns not read.
    fn others(&mut self, table: &Table, row: &Row, read: &[&str]) {
        for (column, value) in table.others(row, read) {
            self.skip(&table.file, row.line, column, value, NO_FIELD);
        }
    }

    fn skip(&mut self, file: &str, line: u32, column: &str, value: &str, reason: &str) {
        self.not_imported.push(NotImported {
            file: file.to_owned(),
            line,
            column: column.to_owned(),
            value: value.to_owned(),
            reason: reason.to_owned(),
        });
    }
}

/// LinkedIn's Websites cell, `[PERSONAL:https://a.no,COMPANY:https://b.no]` or plain URLs,
/// as (label, URL) pairs; the label is "Website" when none is given.
fn websites(cell: &str) -> Vec<(String, String)> {
    list(cell)
        .map(|entry| match entry.split_once(':') {
            Some((label, url))
                if !label.is_empty()
                    && !url.starts_with("//")
                    && label
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '_' || c == ' ') =>
            {
                (title_case(label), url.trim().to_owned())
            }
            _ => ("Website".to_owned(), entry.to_owned()),
        })
        .collect()
}

/// The entries of a cell written `[a,b]` or `a, b`.
fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// "PERSONAL" → "Personal".
fn title_case(word: &str) -> String {
    let lower = word.trim().to_lowercase().replace('_', " ");
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The address from the Geo Location ("Oslo, Oslo, Norway": the city first, then the
/// rest as the region), street address and postal code; `None` when all are empty.
fn address(geo: &str, street: &str, postal_code: &str) -> Option<Address> {
    let mut parts = geo.split(',').map(str::trim).filter(|p| !p.is_empty());
    let city = parts.next().unwrap_or_default().to_owned();
    let region = parts.collect::<Vec<_>>().join(", ");
    let address = Address {
        address: street.to_owned(),
        postal_code: postal_code.to_owned(),
        city,
        region,
        ..Default::default()
    };
    (address != Address::default()).then_some(address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn websites_keep_their_labels() {
        assert_eq!(
            websites("[PERSONAL:https://kari.no,COMPANY:https://firma.no]"),
            vec![
                ("Personal".into(), "https://kari.no".into()),
                ("Company".into(), "https://firma.no".into())
            ]
        );
        assert_eq!(
            websites("https://kari.no"),
            vec![("Website".into(), "https://kari.no".into())]
        );
        assert!(websites("").is_empty());
    }

    #[test]
    fn geo_location_gives_city_and_region() {
        let address = address("Oslo, Oslo, Norway", "", "0150").expect("an address");
        assert_eq!(
            (address.city.as_str(), address.region.as_str()),
            ("Oslo", "Oslo, Norway")
        );
        assert_eq!(address.postal_code, "0150");
        assert_eq!(super::address(" ", "", ""), None);
    }
}
