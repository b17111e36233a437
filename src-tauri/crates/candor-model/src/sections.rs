//! The other JSON Resume sections: work, skills, interests, projects, certificates, awards,
//! publications, volunteering and references. Field names are JSON Resume's, so a resume
//! round-trips without loss; extra fields (a skill's `category`, an interest's `kind`, a
//! job's `industry`) are Candor's own.

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;
use crate::validate::{Check, Validate, ValidationErrors};

/// A job.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Work {
    /// The employer. Required.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    /// JSON Resume's description of the employer: "Social media company".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The employer's industry, which an anonymous view can show instead of its name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub industry: String,
}

/// A skill.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Skill {
    /// Required.
    pub name: String,
    /// A grouping such as "Programming languages"; not in JSON Resume.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// "Master", "Intermediate", or whatever words the seeker uses.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub level: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
}

/// An interest.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Interest {
    /// Required.
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// Whether this is a field or an industry the seeker wants to work in; not in JSON
    /// Resume.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<InterestKind>,
}

/// What an [`Interest`] is about.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InterestKind {
    /// A field of work or study: "machine learning".
    Field,
    /// An industry: "renewable energy".
    Industry,
}

/// A project.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    /// Required.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Who the project was for or with: "Kartverket".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub entity: String,
    /// JSON Resume's `type`: "application", "volunteering", "presentation", …
    #[serde(default, rename = "type", skip_serializing_if = "String::is_empty")]
    pub kind: String,
}

/// A certificate.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    /// Required.
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
}

/// An award.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Award {
    /// Required.
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub awarder: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
}

/// A publication.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Publication {
    /// Required.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub publisher: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
}

/// Volunteering.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volunteer {
    /// Required.
    pub organization: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<String>,
}

/// A reference: who vouches for the seeker, and what they say.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reference {
    /// Required.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reference: String,
}

impl Validate for Work {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("name", &self.name);
        check.line("position", &self.position);
        check.line("url", &self.url);
        check.date_order(self.start_date, self.end_date);
        check.text("summary", &self.summary);
        check.lines("highlights", &self.highlights);
        check.line("location", &self.location);
        check.text("description", &self.description);
        check.line("industry", &self.industry);
        check.finish()
    }
}

impl Validate for Skill {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("name", &self.name);
        check.line("category", &self.category);
        check.line("level", &self.level);
        check.lines("keywords", &self.keywords);
        check.finish()
    }
}

impl Validate for Interest {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("name", &self.name);
        check.lines("keywords", &self.keywords);
        check.finish()
    }
}

impl Validate for Project {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("name", &self.name);
        check.text("description", &self.description);
        check.lines("highlights", &self.highlights);
        check.lines("keywords", &self.keywords);
        check.date_order(self.start_date, self.end_date);
        check.line("url", &self.url);
        check.lines("roles", &self.roles);
        check.line("entity", &self.entity);
        check.line("type", &self.kind);
        check.finish()
    }
}

impl Validate for Certificate {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("name", &self.name);
        check.line("issuer", &self.issuer);
        check.line("url", &self.url);
        check.finish()
    }
}

impl Validate for Award {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("title", &self.title);
        check.line("awarder", &self.awarder);
        check.text("summary", &self.summary);
        check.finish()
    }
}

impl Validate for Publication {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("name", &self.name);
        check.line("publisher", &self.publisher);
        check.line("url", &self.url);
        check.text("summary", &self.summary);
        check.finish()
    }
}

impl Validate for Volunteer {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("organization", &self.organization);
        check.line("position", &self.position);
        check.line("url", &self.url);
        check.date_order(self.start_date, self.end_date);
        check.text("summary", &self.summary);
        check.lines("highlights", &self.highlights);
        check.finish()
    }
}

impl Validate for Reference {
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut check = Check::new();
        check.required("name", &self.name);
        check.text("reference", &self.reference);
        check.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problem::Problem;
    use crate::validate::{ValidationError, MAX_LINE_CHARS};

    #[test]
    fn work_ending_before_it_started_is_refused_with_what_to_do() {
        let work = Work {
            name: "Equinor".into(),
            start_date: Some("2020-03".parse().expect("valid")),
            end_date: Some("2019-12".parse().expect("valid")),
            ..Default::default()
        };
        let errors = work.validate().expect_err("end before start");
        assert_eq!(
            errors.to_string(),
            "endDate: the end date is before the start date; correct one of them"
        );
    }

    #[test]
    fn work_ending_in_the_year_it_started_is_fine() {
        let work = Work {
            name: "Equinor".into(),
            start_date: Some("2020-03".parse().expect("valid")),
            end_date: Some("2020".parse().expect("valid")),
            ..Default::default()
        };
        assert!(work.validate().is_ok());
    }

    #[test]
    fn each_section_requires_its_name() {
        let required =
            |errors: Result<(), ValidationErrors>| errors.expect_err("a required field is empty").0;
        let one = |field: &str| vec![ValidationError::new(field, Problem::Required)];
        assert_eq!(required(Work::default().validate()), one("name"));
        assert_eq!(required(Skill::default().validate()), one("name"));
        assert_eq!(required(Interest::default().validate()), one("name"));
        assert_eq!(required(Project::default().validate()), one("name"));
        assert_eq!(required(Certificate::default().validate()), one("name"));
        assert_eq!(required(Award::default().validate()), one("title"));
        assert_eq!(required(Publication::default().validate()), one("name"));
        assert_eq!(
            required(Volunteer::default().validate()),
            one("organization")
        );
        assert_eq!(required(Reference::default().validate()), one("name"));
    }

    #[test]
    fn overlong_highlight_is_reported_at_its_index() {
        let work = Work {
            name: "Equinor".into(),
            highlights: vec!["Fine".into(), "x".repeat(MAX_LINE_CHARS + 1)],
            ..Default::default()
        };
        let errors = work.validate().expect_err("too long");
        assert_eq!(
            errors.0,
            vec![ValidationError::new(
                "highlights[1]",
                Problem::TooLong { max: 500 }
            )]
        );
    }

    #[test]
    fn project_type_and_publication_release_date_use_json_resume_names() {
        let project = Project {
            name: "Candor".into(),
            kind: "application".into(),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&project).expect("serializes"),
            r#"{"name":"Candor","type":"application"}"#
        );
        let publication = Publication {
            name: "On grades".into(),
            release_date: Some("2021-03".parse().expect("valid")),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&publication).expect("serializes"),
            r#"{"name":"On grades","releaseDate":"2021-03"}"#
        );
        let interest = Interest {
            name: "Energy".into(),
            kind: Some(InterestKind::Industry),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_string(&interest).expect("serializes"),
            r#"{"name":"Energy","kind":"industry"}"#
        );
    }
}
