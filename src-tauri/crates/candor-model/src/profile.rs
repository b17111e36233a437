//! [`Profile`]: the whole profile as one JSON document.

use serde::{Deserialize, Serialize};

use crate::validate::{Check, Validate, ValidationErrors};
use crate::{
    Award, Certificate, Education, Interest, Language, Person, Project, Publication, Reference,
    Skill, Volunteer, Work,
};

/// Everything about the seeker a view can draw from, shaped like a JSON Resume: one person
/// and a list per section. Documents and applications are not part of it; they are the
/// seeker's own bookkeeping, stored as separate records.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Profile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<Person>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<Education>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<Work>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Skill>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interests: Vec<Interest>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<Certificate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub awards: Vec<Award>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub publications: Vec<Publication>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub volunteer: Vec<Volunteer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Reference>,
}

impl Validate for Profile {
    /// Every problem in every section, at `person.email`, `education[1].courses[0].title`,
    /// and so on.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        if let Some(person) = &self.person {
            check.nested("person", person);
        }
        check.each("education", &self.education);
        check.each("work", &self.work);
        check.each("skills", &self.skills);
        check.each("languages", &self.languages);
        check.each("interests", &self.interests);
        check.each("projects", &self.projects);
        check.each("certificates", &self.certificates);
        check.each("awards", &self.awards);
        check.each("publications", &self.publications);
        check.each("volunteer", &self.volunteer);
        check.each("references", &self.references);
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problem;
    use crate::validate::ValidationError;
    use crate::LearningOpportunity;

    #[test]
    fn empty_profile_is_an_empty_object_and_valid() {
        let profile = Profile::default();
        assert_eq!(serde_json::to_string(&profile).expect("serializes"), "{}");
        assert_eq!(
            serde_json::from_str::<Profile>("{}").expect("reads"),
            profile
        );
        assert!(profile.validate().is_ok());
    }

    #[test]
    fn profile_errors_are_prefixed_with_section_and_index() {
        let profile = Profile {
            person: Some(Person::default()),
            education: vec![
                Education {
                    institution: "NTNU".into(),
                    ..Default::default()
                },
                Education {
                    institution: "UiO".into(),
                    courses: vec![LearningOpportunity::default()],
                    ..Default::default()
                },
            ],
            skills: vec![
                Skill {
                    name: "Rust".into(),
                    ..Default::default()
                },
                Skill::default(),
            ],
            languages: vec![Language {
                language: "German".into(),
                fluency: crate::Fluency::Described("D1".into()),
            }],
            ..Default::default()
        };
        let errors = profile.validate().expect_err("several problems");
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "person.name",
                "education[1].courses[0].title",
                "skills[1].name",
                "languages[0].fluency"
            ]
        );
        assert_eq!(
            errors.0[1],
            ValidationError::new("education[1].courses[0].title", Problem::Required)
        );
        assert_eq!(
            errors.0[1].to_string(),
            "education[1].courses[0].title: this field is required; fill it in"
        );
    }
}
