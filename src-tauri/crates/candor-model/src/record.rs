//! [`Record`]: the types the vault stores one by one, each under its kind.

use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::validate::Validate;
use crate::{
    Application, Award, Certificate, Document, Education, Interest, Language, Person, Project,
    Publication, Reference, Skill, Volunteer, Work,
};

/// A type the vault stores as separate records, tagged with its [`KIND`](Record::KIND).
pub trait Record: Serialize + DeserializeOwned + Validate + Clone {
    /// The record kind, a stable lower-case name stored beside each record: "education".
    const KIND: &'static str;
}

/// Every [`Record::KIND`], in the order a profile lists its sections.
pub const ALL_KINDS: &[&str] = &[
    Person::KIND,
    Education::KIND,
    Work::KIND,
    Skill::KIND,
    Language::KIND,
    Interest::KIND,
    Project::KIND,
    Certificate::KIND,
    Award::KIND,
    Publication::KIND,
    Volunteer::KIND,
    Reference::KIND,
    Document::KIND,
    Application::KIND,
];

macro_rules! records {
    ($($type:ty => $kind:literal),* $(,)?) => {
        $(impl Record for $type {
            const KIND: &'static str = $kind;
        })*
    };
}

records! {
    Person => "person",
    Education => "education",
    Work => "work",
    Skill => "skill",
    Language => "language",
    Interest => "interest",
    Project => "project",
    Certificate => "certificate",
    Award => "award",
    Publication => "publication",
    Volunteer => "volunteer",
    Reference => "reference",
    Document => "document",
    Application => "application",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_kinds_are_the_fourteen_distinct_names() {
        assert_eq!(
            ALL_KINDS,
            [
                "person",
                "education",
                "work",
                "skill",
                "language",
                "interest",
                "project",
                "certificate",
                "award",
                "publication",
                "volunteer",
                "reference",
                "document",
                "application",
            ]
        );
        let mut sorted = ALL_KINDS.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), ALL_KINDS.len(), "kinds are distinct");
    }
}
