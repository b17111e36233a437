//! ELMO reports → [`Education`]s: one per issuer, each with its tree of learning
//! opportunities.

use candor_model::{
    Classification, Credits, DistributionEntry, Education, GradeDistribution, ImportNote,
    LearningOpportunity, PartialDate,
};

use super::grade::{grade, SchemeHint};
use super::xml::Element;
use super::{pick_text, Mapper};
use crate::dates::parse_with_pattern;

/// Identifier types that are classifications, not the course code, with their scheme names.
const CLASSIFYING_IDENTIFIERS: &[(&str, &str)] = &[
    ("nus", "NUS"),
    ("isced", "ISCED-F"),
    ("iscedcode", "ISCED-F"),
    ("subjectarea", "subject-area"),
];
/// Identifier types that are neither the course code nor a classification.
const OTHER_IDENTIFIERS: &[&str] = &["elmo", "erasmus", "pic", "schac"];
/// The degree levels ELMO names, as Candor writes them.
const DEGREE_LEVELS: &[&str] = &["Bachelor", "Master", "PhD"];
/// The title of a learning opportunity that has none: the model requires one.
const UNTITLED: &str = "(untitled)";

/// An issuer and the learning opportunities listed after it, up to the next issuer.
struct IssuerGroup<'a> {
    issuer: Option<&'a Element>,
    specifications: Vec<&'a Element>,
}

impl Mapper<'_> {
    /// The educations of one `report`: one per issuer (a report normally has one; the draft
    /// format lets a report list several, each followed by its learning opportunities).
    pub(crate) fn report(&mut self, report: &Element) -> Vec<Education> {
        self.schemes = report
            .children_named("gradingScheme")
            .filter_map(|scheme| {
                let id = scheme.attr("localId")?;
                let description = pick_text(scheme.children_named("description"), self.languages)?;
                Some((id.to_owned(), description))
            })
            .collect();
        let mut groups: Vec<IssuerGroup<'_>> = Vec::new();
        for child in &report.children {
            match child.name.as_str() {
                "issuer" => groups.push(IssuerGroup {
                    issuer: Some(child),
                    specifications: Vec::new(),
                }),
                "learningOpportunitySpecification" => match groups.last_mut() {
                    Some(group) => group.specifications.push(child),
                    None => groups.push(IssuerGroup {
                        issuer: None,
                        specifications: vec![child],
                    }),
                },
                _ => {}
            }
        }
        groups.iter().map(|group| self.education(group)).collect()
    }

    fn education(&mut self, group: &IssuerGroup<'_>) -> Education {
        let issuer = group.issuer;
        self.country = issuer
            .and_then(|i| i.child_text("country"))
            .map(str::to_owned);
        let institution = issuer
            .and_then(|i| pick_text(i.children_named("title"), self.languages))
            .or_else(|| issuer.and_then(|i| i.child_text("identifier").map(str::to_owned)))
            .unwrap_or_else(|| {
                self.warn(ImportNote::new(
                    "report_without_issuer",
                    "a report names no issuer; the institution is left for you to fill in",
                ));
                "(unknown institution)".into()
            });
        let courses: Vec<LearningOpportunity> = group
            .specifications
            .iter()
            .map(|spec| self.opportunity(spec))
            .collect();
        let (programme, degree) = group
            .specifications
            .iter()
            .zip(&courses)
            .find(|(_, course)| course.kind.as_deref().is_some_and(|k| k.contains("degree")))
            .map(|(spec, course)| (course.title.clone(), degree_level(spec)))
            .unwrap_or_default();
        let mut dates = Vec::new();
        for spec in &group.specifications {
            collect_dates(spec, &mut dates);
        }
        let start_date = dates.iter().min().copied();
        let end_date = dates
            .iter()
            .max()
            .copied()
            .filter(|&end| Some(end) != start_date);
        Education {
            institution,
            programme,
            degree,
            start_date,
            end_date,
            url: issuer
                .and_then(|i| i.child_text("url"))
                .unwrap_or_default()
                .to_owned(),
            score: String::new(),
            courses,
        }
    }

    /// One `learningOpportunitySpecification` and everything under its `hasPart`s.
    fn opportunity(&mut self, spec: &Element) -> LearningOpportunity {
        let instance = spec
            .child("specifies")
            .and_then(|s| s.child("learningOpportunityInstance"));
        let code = code(spec);
        let title = pick_text(spec.children_named("title"), self.languages)
            .or_else(|| instance.and_then(|i| pick_text(i.children_named("title"), self.languages)))
            .or_else(|| (!code.is_empty()).then(|| code.clone()))
            .unwrap_or_else(|| UNTITLED.into());
        let mut course = LearningOpportunity {
            code,
            title,
            kind: spec.child_text("type").map(str::to_lowercase),
            classifications: self.classifications(spec),
            ..Default::default()
        };
        // ELMO 1.x keeps credits in the instance; the draft in the specification.
        let credits: Vec<&Element> = instance
            .into_iter()
            .flat_map(|i| i.children_named("credit"))
            .chain(spec.children_named("credit"))
            .collect();
        course.credits = self.credits(&credits, &course.title);
        if let Some(instance) = instance {
            self.instance(instance, &mut course);
        }
        course.children = spec
            .children_named("hasPart")
            .flat_map(|part| part.children_named("learningOpportunitySpecification"))
            .map(|child| self.opportunity(child))
            .collect();
        course
    }

    /// Grade, status, date, term and distribution from the instance.
    fn instance(&mut self, instance: &Element, course: &mut LearningOpportunity) {
        let result = instance
            .child("resultLabel")
            .filter(|r| !r.text().is_empty())
            .or_else(|| instance.child("result"));
        if let Some(result) = result {
            let local_id = instance.child_text("gradingSchemeLocalId");
            let described = local_id.and_then(|id| {
                self.schemes
                    .iter()
                    .find(|(scheme_id, _)| scheme_id == id)
                    .map(|(_, description)| description.as_str())
            });
            let hint = SchemeHint {
                code: result.attr("scheme"),
                description: described.or_else(|| instance.child_text("gradingScheme")),
                country: self.country.as_deref(),
            };
            course.grade = grade(result.text(), hint);
        }
        course.status = instance.child_text("status").map(str::to_owned);
        course.date = instance.child("date").and_then(|date| {
            let parsed = parse_with_pattern(date.text(), date.attr("dtf"));
            if parsed.is_none() && !date.text().is_empty() {
                self.warn(
                    ImportNote::new(
                        "course_date_unread",
                        format!(
                            "\"{}\": the date \"{}\" could not be read and was left out",
                            course.title,
                            date.text()
                        ),
                    )
                    .with("course", &course.title)
                    .with("date", date.text()),
                );
            }
            parsed
        });
        course.term = instance
            .child("academicTerm")
            .and_then(|term| pick_text(term.children_named("title"), self.languages))
            .or_else(|| {
                // The Finnish draft writes the term where the start date belongs: "2012 Syksy".
                let start = instance.child("start")?;
                let text = start.text();
                let is_date = parse_with_pattern(text, start.attr("dtf")).is_some();
                (!is_date && !text.is_empty()).then(|| text.to_owned())
            });
        course.distribution = distribution(instance);
    }

    fn credits(&mut self, credits: &[&Element], title: &str) -> Option<Credits> {
        let is_ects = |c: &&&Element| {
            c.child_text("scheme")
                .is_some_and(|s| s.eq_ignore_ascii_case("ects"))
        };
        let chosen = credits.iter().find(is_ects).or_else(|| credits.first())?;
        let value = chosen.child_text("value")?;
        match value.parse::<Credits>() {
            Ok(credits) => Some(credits),
            Err(problem) => {
                self.warn(
                    ImportNote::new(
                        "course_credits_unread",
                        format!("\"{title}\": {problem}; the credits were left out"),
                    )
                    .with("course", title)
                    .with("value", value),
                );
                None
            }
        }
    }

    fn classifications(&self, spec: &Element) -> Vec<Classification> {
        let mut found: Vec<Classification> = Vec::new();
        let mut add = |scheme: &str, value: &str| {
            let value = value.trim();
            let entry = Classification {
                scheme: scheme.to_owned(),
                value: value.to_owned(),
            };
            if !value.is_empty() && !found.contains(&entry) {
                found.push(entry);
            }
        };
        for identifier in spec.children_named("identifier") {
            let kind = identifier.attr("type").unwrap_or_default().to_lowercase();
            if let Some((_, scheme)) = CLASSIFYING_IDENTIFIERS.iter().find(|(k, _)| *k == kind) {
                add(scheme, identifier.text());
            }
        }
        for code in spec.children_named("iscedCode") {
            add("ISCED-F", code.text());
        }
        for area in spec.children_named("subjectArea") {
            add("subject-area", area.text());
        }
        if let Some(subject) = pick_text(spec.children_named("subject"), self.languages) {
            add("subject", &subject);
        }
        found
    }
}

/// The course code: the `local` identifier, or the first that is neither a classification
/// nor an internal id.
fn code(spec: &Element) -> String {
    let identifiers: Vec<(String, &str)> = spec
        .children_named("identifier")
        .map(|i| (i.attr("type").unwrap_or_default().to_lowercase(), i.text()))
        .filter(|(_, value)| !value.is_empty())
        .collect();
    identifiers
        .iter()
        .find(|(kind, _)| kind == "local")
        .or_else(|| {
            identifiers.iter().find(|(kind, _)| {
                !OTHER_IDENTIFIERS.contains(&kind.as_str())
                    && !CLASSIFYING_IDENTIFIERS.iter().any(|(k, _)| k == kind)
            })
        })
        .map(|(_, value)| (*value).to_owned())
        .unwrap_or_default()
}

/// "Bachelor", "Master" or "PhD" from the specification's `level` or its credits' level.
fn degree_level(spec: &Element) -> String {
    let instance_credits = spec
        .child("specifies")
        .and_then(|s| s.child("learningOpportunityInstance"))
        .into_iter()
        .flat_map(|i| i.children_named("credit"));
    let levels = spec.children_named("level").map(Element::text).chain(
        spec.children_named("credit")
            .chain(instance_credits)
            .filter_map(|c| c.child_text("level")),
    );
    for level in levels {
        if let Some(known) = DEGREE_LEVELS.iter().find(|l| l.eq_ignore_ascii_case(level)) {
            return (*known).to_owned();
        }
    }
    String::new()
}

/// The grade distribution: ELMO 1.x's `resultDistribution/category`, or any
/// `count`/`label` pairs under the draft's `gradingSchemeAndDistributionGrade`.
fn distribution(instance: &Element) -> Option<GradeDistribution> {
    let mut entries = Vec::new();
    let sources = instance
        .children_named("resultDistribution")
        .chain(instance.children_named("gradingSchemeAndDistributionGrade"));
    for source in sources {
        collect_categories(source, &mut entries);
    }
    (!entries.is_empty()).then_some(GradeDistribution { entries })
}

fn collect_categories(element: &Element, entries: &mut Vec<DistributionEntry>) {
    for child in &element.children {
        let label = child.attr("label").map(str::trim).filter(|l| !l.is_empty());
        let count = child
            .attr("count")
            .and_then(|c| c.trim().parse::<u32>().ok());
        match (label, count) {
            (Some(label), Some(count)) => entries.push(DistributionEntry {
                label: label.to_owned(),
                count,
            }),
            _ => collect_categories(child, entries),
        }
    }
}

/// Every start and completion date in the tree under `spec`.
fn collect_dates(spec: &Element, dates: &mut Vec<PartialDate>) {
    if let Some(instance) = spec
        .child("specifies")
        .and_then(|s| s.child("learningOpportunityInstance"))
    {
        for name in ["start", "date"] {
            for element in instance.children_named(name) {
                if let Some(date) = parse_with_pattern(element.text(), element.attr("dtf")) {
                    dates.push(date);
                }
            }
        }
    }
    for part in spec.children_named("hasPart") {
        for child in part.children_named("learningOpportunitySpecification") {
            collect_dates(child, dates);
        }
    }
}
