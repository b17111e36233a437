//! [`Person`]: who the seeker is and how to reach them.

use serde::{Deserialize, Serialize};

use crate::date::Day;
use crate::national_id::{is_country_code, NationalId};
use crate::problem::Problem;
use crate::validate::{Check, Validate, ValidationErrors};

/// The seeker. Maps to JSON Resume `basics`: `label` is the headline, `photo` stands for
/// `image` (here the id of a [`crate::Document`], not a URL), and the first address is
/// `location`.
///
/// Only `name` is required. The national identity number is stored only if the seeker wants
/// it; `Debug` never shows it (see [`NationalId`]).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    /// The full name as the seeker writes it. Required.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// A headline: "Backend developer".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<Day>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_id: Option<NationalId>,
    /// The id of the photo's [`crate::Document`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<Address>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiles: Vec<SocialProfile>,
}

/// A postal address; JSON Resume's `location`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Street and number; may span lines.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub postal_code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub city: String,
    /// ISO 3166-1 alpha-2, upper case: "NO".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country_code: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub region: String,
}

/// A profile on another site: `{network: "GitHub", username: "kari", url: "…"}`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SocialProfile {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub network: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub username: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
}

impl Validate for Person {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("name", &self.name);
        check.line("givenName", &self.given_name);
        check.line("familyName", &self.family_name);
        check.line("label", &self.label);
        if !self.email.is_empty() && !is_email(&self.email) {
            check.problem(
                "email",
                Problem::BadEmail {
                    value: self.email.clone(),
                },
            );
        }
        check.line("phone", &self.phone);
        check.line("url", &self.url);
        check.text("summary", &self.summary);
        check.line("gender", &self.gender);
        if let Some(id) = &self.national_id {
            check.nested("nationalId", id);
        }
        check.line("photo", &self.photo);
        check.each("addresses", &self.addresses);
        check.each("profiles", &self.profiles);
        check.finish()
    }
}

impl Validate for Address {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.text("address", &self.address);
        check.line("postalCode", &self.postal_code);
        check.line("city", &self.city);
        if !self.country_code.is_empty() && !is_country_code(&self.country_code) {
            let value = self.country_code.clone();
            check.problem("countryCode", Problem::BadCountryCode { value });
        }
        check.line("region", &self.region);
        check.finish()
    }
}

impl Validate for SocialProfile {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.line("network", &self.network);
        check.line("username", &self.username);
        check.line("url", &self.url);
        check.finish()
    }
}

/// A plausible e-mail address: `local@domain.tld`, no spaces, one `@`, a dot inside the
/// domain. Deliverability is the mail server's business, not ours.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    !value.chars().any(char::is_whitespace)
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && value.chars().count() <= crate::validate::MAX_LINE_CHARS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::ValidationError;

    fn kari() -> Person {
        Person {
            name: "Kari Nordmann".into(),
            given_name: Some("Kari".into()),
            family_name: Some("Nordmann".into()),
            label: "Backend developer".into(),
            email: "kari@example.no".into(),
            phone: "+47 912 34 567".into(),
            url: "https://kari.example.no".into(),
            summary: "Ten years of Rust and Postgres.".into(),
            birth_date: Some("1995-05-15".parse().expect("valid day")),
            gender: Some("female".into()),
            national_id: Some(NationalId::new("NO", "15059500136").expect("valid number")),
            photo: Some("doc-1".into()),
            addresses: vec![Address {
                address: "Storgata 1".into(),
                postal_code: "0155".into(),
                city: "Oslo".into(),
                country_code: "NO".into(),
                region: "Oslo".into(),
            }],
            profiles: vec![SocialProfile {
                network: "GitHub".into(),
                username: "kari".into(),
                url: "https://github.com/kari".into(),
            }],
        }
    }

    #[test]
    fn debug_of_person_does_not_contain_the_national_id() {
        let debug = format!("{:?}", kari());
        assert!(!debug.contains("15059500136"), "the number leaked: {debug}");
        assert!(
            debug.contains("<redacted>"),
            "the id is shown as redacted: {debug}"
        );
        let pretty = format!("{:#?}", kari());
        assert!(
            !pretty.contains("15059500136"),
            "the number leaked: {pretty}"
        );
    }

    #[test]
    fn complete_person_is_valid_and_round_trips() {
        let person = kari();
        assert!(person.validate().is_ok());
        let json = serde_json::to_string(&person).expect("serializes");
        assert!(json.contains(r#""birthDate":"1995-05-15""#), "{json}");
        assert!(
            json.contains(r#""nationalId":{"country":"NO","value":"15059500136"}"#),
            "{json}"
        );
        assert!(json.contains(r#""postalCode":"0155""#), "{json}");
        assert_eq!(
            serde_json::from_str::<Person>(&json).expect("reads"),
            person
        );
    }

    #[test]
    fn person_with_only_a_name_serializes_tidily() {
        let person = Person {
            name: "Kari".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&person).expect("serializes"),
            r#"{"name":"Kari"}"#
        );
        assert_eq!(
            serde_json::from_str::<Person>(r#"{"name":"Kari"}"#).expect("reads"),
            person
        );
    }

    #[test]
    fn person_problems_are_reported_at_their_fields() {
        let mut person = kari();
        person.name = " ".into();
        person.email = "kari at example.no".into();
        person.national_id =
            serde_json::from_str(r#"{"country":"NO","value":"15059500137"}"#).expect("reads");
        person.addresses[0].country_code = "Norway".into();
        let errors = person.validate().expect_err("four problems");
        assert_eq!(
            errors.0,
            vec![
                ValidationError::new("name", Problem::Required),
                ValidationError::new(
                    "email",
                    Problem::BadEmail {
                        value: "kari at example.no".into()
                    }
                ),
                ValidationError::new("nationalId", Problem::BadNationalIdChecksum),
                ValidationError::new(
                    "addresses[0].countryCode",
                    Problem::BadCountryCode {
                        value: "Norway".into()
                    }
                ),
            ]
        );
        assert_eq!(
            errors.0[1].to_string(),
            "email: \"kari at example.no\" is not an e-mail address; write it as name@example.com"
        );
        assert!(
            !errors.to_string().contains("15059500137"),
            "no message carries the number"
        );
    }

    #[test]
    fn email_needs_one_at_and_a_dotted_domain() {
        for good in ["kari@example.no", "kari.nordmann+jobs@mail.example.com"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "kari",
            "@example.no",
            "kari@",
            "kari@example",
            "kari@@example.no",
            "kari@.no",
            "kari@example..no",
            "kari @example.no",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
