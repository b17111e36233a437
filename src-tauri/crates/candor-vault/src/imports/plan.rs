//! An import as a plan: everything it would write, worked out from the vault as it is,
//! with its report. A preview is the plan's report; an import runs the plan in one
//! transaction, so either all of it is stored or none of it.

use crate::roles::SeekerVault;
use std::collections::BTreeMap;

use candor_model::{
    Award, Certificate, Document, Education, ImportNote, Interest, Language, LearningOpportunity,
    Person, Profile, Project, Publication, Record, Reference, Skill, Timestamp, Validate,
    Volunteer, Work,
};
use serde_json::Value;

use super::person::fill_person;
use super::resume::ResumeKept;
use super::source::{ImportSource, RecordRef};
use super::{count, ImportFormat, ImportReport, SectionCount};
use crate::documents::{NewDocument, Provenance};
use crate::error::Result;
use crate::records::{new_id, now_order, PERSON_ID};

/// Calls `$m!(field, Type)` for every list section of a [`Profile`], in profile order.
/// The field names are also the sections' names in reports and in JSON Resume.
macro_rules! each_section {
    ($m:ident) => {
        $m!(education, Education);
        $m!(work, Work);
        $m!(skills, Skill);
        $m!(languages, Language);
        $m!(interests, Interest);
        $m!(projects, Project);
        $m!(certificates, Certificate);
        $m!(awards, Award);
        $m!(publications, Publication);
        $m!(volunteer, Volunteer);
        $m!(references, Reference);
    };
}
pub(crate) use each_section;

/// A document an import adds, with its bytes.
pub(crate) struct PlannedDocument<'a> {
    pub new: NewDocument,
    pub provenance: Provenance,
    pub content: &'a [u8],
}

/// What an import writes.
pub(crate) struct Plan<'a> {
    pub report: ImportReport,
    /// The entries to append, section by section (`person` unused).
    pub add: Profile,
    /// The person to store, when the import fills any of its fields.
    pub person: Option<Person>,
    pub documents: Vec<PlannedDocument<'a>>,
    /// Record the import under this fingerprint (when it adds anything).
    pub fingerprint: Option<String>,
    /// Earlier imports of the same file whose records are gone.
    pub stale_sources: Vec<String>,
    pub resume: Option<ResumePlan>,
}

/// A JSON Resume's leftovers to store.
pub(crate) struct ResumePlan {
    /// What is stored already, with this import's document-level leftovers merged in.
    pub kept: ResumeKept,
    /// Whether `kept` differs from what is stored.
    pub changed: bool,
    /// Per section, the leftovers of each entry in [`Plan::add`], in the same order.
    pub entries: BTreeMap<&'static str, Vec<Value>>,
}

impl<'a> Plan<'a> {
    pub fn new(format: ImportFormat, dry_run: bool) -> Self {
        Plan {
            report: ImportReport::new(format, dry_run),
            add: Profile::default(),
            person: None,
            documents: Vec::new(),
            fingerprint: None,
            stale_sources: Vec::new(),
            resume: None,
        }
    }

    /// Plans appending every entry of `incoming`'s sections that the vault does not hold
    /// exactly already. `kept`, when given, is the JSON Resume leftovers of each incoming
    /// entry, by section and index.
    pub fn add_sections(
        &mut self,
        vault: &SeekerVault,
        incoming: &Profile,
        kept: Option<&serde_json::Map<String, Value>>,
    ) -> Result<()> {
        let mut kept_entries: BTreeMap<&'static str, Vec<Value>> = BTreeMap::new();
        let mut counts: Vec<SectionCount> = Vec::new();
        let add = &mut self.add;
        macro_rules! section {
            ($field:ident, $type:ty) => {
                let name = stringify!($field);
                let kept_items = kept.and_then(|k| k.get(name)).and_then(Value::as_array);
                let (added, skipped, kept_added) =
                    append_new::<$type>(vault, &incoming.$field, &mut add.$field, kept_items)?;
                if !incoming.$field.is_empty() {
                    counts.push(SectionCount {
                        section: name.into(),
                        added,
                        skipped,
                    });
                }
                if let Some(kept_added) = kept_added {
                    kept_entries.insert(name, kept_added);
                }
            };
        }
        each_section!(section);
        self.report.sections.extend(counts);
        self.report.learning_opportunities = count(
            self.add
                .education
                .iter()
                .map(|e| nodes(&e.courses))
                .sum::<usize>(),
        );
        if let Some(resume) = &mut self.resume {
            resume.entries.extend(kept_entries);
        }
        Ok(())
    }

    /// Plans filling the seeker's person from `incoming`.
    pub fn fill_person(&mut self, vault: &SeekerVault, incoming: &Person) -> Result<()> {
        let existing = match &self.person {
            Some(planned) => Some(planned.clone()),
            None => vault.person()?,
        };
        let (merged, filled) = fill_person(existing.as_ref(), incoming);
        if existing.is_none() && merged.is_none() && *incoming != Person::default() {
            self.report.warnings.push(ImportNote::new(
                "person_without_name",
                "the file gives no name, and a profile needs one, so nothing about the person \
                 was stored; fill in your name first and import again",
            ));
        }
        if let Some(merged) = merged {
            self.person = Some(merged);
            self.report.person_fields.extend(filled);
        }
        Ok(())
    }

    /// Whether running the plan would change nothing.
    pub fn is_empty(&self) -> bool {
        let no_entries = self
            .resume
            .as_ref()
            .is_none_or(|r| !r.changed && r.entries.values().flatten().all(Value::is_null));
        self.add == Profile::default()
            && self.person.is_none()
            && self.documents.is_empty()
            && self.stale_sources.is_empty()
            && no_entries
    }

    /// Checks everything the plan would store, so a preview fails as the import would.
    pub fn validate(&self) -> Result<()> {
        let mut all = self.add.clone();
        all.person = self.person.clone();
        all.validate()?;
        Ok(())
    }
}

/// Appends to `out` each of `incoming` that `T`'s records do not already hold; returns how
/// many were added and skipped, and the kept leftovers of those added.
fn append_new<T: Record + PartialEq>(
    vault: &SeekerVault,
    incoming: &[T],
    out: &mut Vec<T>,
    kept: Option<&Vec<Value>>,
) -> Result<(u32, u32, Option<Vec<Value>>)> {
    if incoming.is_empty() {
        return Ok((0, 0, None));
    }
    let existing: Vec<T> = vault.list::<T>()?.into_iter().map(|e| e.value).collect();
    let mut kept_added = kept.map(|_| Vec::new());
    let (mut added, mut skipped) = (0, 0);
    for (i, item) in incoming.iter().enumerate() {
        if existing.contains(item) {
            skipped += 1;
            continue;
        }
        out.push(item.clone());
        if let (Some(kept_added), Some(kept)) = (&mut kept_added, kept) {
            kept_added.push(kept.get(i).cloned().unwrap_or(Value::Null));
        }
        added += 1;
    }
    Ok((added, skipped, kept_added))
}

/// Every node of a tree of learning opportunities.
pub(crate) fn nodes(courses: &[LearningOpportunity]) -> usize {
    courses.iter().map(|c| 1 + nodes(&c.children)).sum()
}

impl SeekerVault {
    /// Runs `plan` in one transaction and returns its report.
    pub(crate) fn run_plan(&mut self, plan: Plan<'_>) -> Result<ImportReport> {
        if plan.is_empty() {
            return Ok(plan.report);
        }
        let Plan {
            report,
            add,
            person,
            documents,
            fingerprint,
            stale_sources,
            resume,
        } = plan;
        self.write(|w| {
            for id in &stale_sources {
                w.remove(ImportSource::KIND, id)?;
            }
            if let Some(person) = &person {
                w.put_record(PERSON_ID, 0, person)?;
            }
            let mut added: Vec<RecordRef> = Vec::new();
            let mut ids_by_section: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
            macro_rules! section {
                ($field:ident, $type:ty) => {
                    let ids = w.append(&add.$field)?;
                    added.extend(ids.iter().map(|id| RecordRef {
                        kind: <$type>::KIND.into(),
                        id: id.clone(),
                    }));
                    ids_by_section.insert(stringify!($field), ids);
                };
            }
            each_section!(section);
            for document in documents {
                let entry = w.add_document(document.new, document.provenance, document.content)?;
                added.push(RecordRef {
                    kind: Document::KIND.into(),
                    id: entry.id,
                });
            }
            if let Some(ResumePlan {
                mut kept,
                mut changed,
                entries,
            }) = resume
            {
                for (section, values) in entries {
                    let ids = ids_by_section.get(section).map(Vec::as_slice);
                    for (id, value) in ids.unwrap_or_default().iter().zip(values) {
                        if !value.is_null() {
                            kept.entries.insert(ResumeKept::key(section, id), value);
                            changed = true;
                        }
                    }
                }
                if changed {
                    w.put_record(ResumeKept::ID, 0, &kept)?;
                }
            }
            if let Some(fingerprint) = fingerprint.filter(|_| !added.is_empty()) {
                let source = ImportSource {
                    format: report.format,
                    fingerprint,
                    imported_at: Timestamp::now(),
                    records: added,
                };
                w.put_record(&new_id(), now_order(), &source)?;
            }
            Ok(())
        })?;
        Ok(report)
    }
}
