//! Bringing data in: ELMO / EMREX transcripts, LinkedIn exports, JSON Resumes.
//!
//! Parsing is `candor-formats`' business; here is what an import does to the vault. Each
//! import is planned against the vault as it is — entries the vault already holds exactly
//! are skipped, the person's empty fields are filled and typed ones kept — and then either
//! previewed (`preview_*`: the report, nothing written) or run in one transaction
//! (`import_*`: all of it stored, or on any failure none of it). Both give the same
//! [`ImportReport`].
//!
//! ```
//! use candor_vault::{KdfParams, SeekerVault};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let passphrase = "correct horse battery staple".to_owned().into();
//! let (mut vault, _) = SeekerVault::create(&dir.path().join("v"), &passphrase, KdfParams::minimum())?;
//! let resume = candor_formats::import_json_resume(br#"{"skills": [{"name": "Rust"}]}"#)?;
//! let preview = vault.preview_json_resume(&resume)?;
//! assert_eq!(preview.section("skills").map(|s| s.added), Some(1));
//! assert!(vault.profile()?.skills.is_empty(), "a preview stores nothing");
//! vault.import_json_resume(&resume)?;
//! let again = vault.import_json_resume(&resume)?;
//! assert_eq!(again.section("skills").map(|s| (s.added, s.skipped)), Some((0, 1)));
//! # Ok(())
//! # }
//! ```

mod elmo;
mod file;
mod person;
mod plan;
mod report;
mod resume;
mod source;

use crate::roles::SeekerVault;
use candor_formats::{ElmoImport, JsonResumeImport, LinkedInImport};
use candor_model::Profile;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::Result;
pub use file::{FileFormat, ParsedImport, TITLE_LANGUAGES};
use plan::Plan;
pub(crate) use plan::{each_section, nodes};
pub(crate) use report::count;
pub use report::{ImportFormat, ImportReport, SectionCount};
pub use source::{ImportSource, RecordRef};

impl SeekerVault {
    /// What [`Vault::import_elmo`] would do, without storing anything.
    pub fn preview_elmo(&self, import: &ElmoImport, keep_identity: bool) -> Result<ImportReport> {
        Ok(self.plan_elmo(import, keep_identity, true)?.report)
    }

    /// Stores a transcript: its educations with their whole trees of learning
    /// opportunities, the original XML and each embedded document as encrypted documents
    /// marked as issuer originals that hold the learner's identity. The learner's name,
    /// birth date and national identity number go into the person's empty fields only when
    /// `keep_identity` is true; otherwise they are not stored anywhere but in those
    /// originals. A transcript imported before (same fingerprint, its records still there)
    /// adds nothing again.
    pub fn import_elmo(
        &mut self,
        import: &ElmoImport,
        keep_identity: bool,
    ) -> Result<ImportReport> {
        let plan = self.plan_elmo(import, keep_identity, false)?;
        self.run_plan(plan)
    }

    /// What [`Vault::import_profile`] would do, without storing anything.
    pub fn preview_profile(&self, profile: &Profile) -> Result<ImportReport> {
        Ok(self
            .plan_profile(ImportFormat::Profile, profile, None, true)?
            .report)
    }

    /// Adds a profile's entries to the vault's, skipping those it holds exactly already,
    /// and fills the person's empty fields.
    pub fn import_profile(&mut self, profile: &Profile) -> Result<ImportReport> {
        let plan = self.plan_profile(ImportFormat::Profile, profile, None, false)?;
        self.run_plan(plan)
    }

    /// What [`Vault::import_linkedin`] would do, without storing anything.
    pub fn preview_linkedin(&self, import: &LinkedInImport) -> Result<ImportReport> {
        Ok(self.plan_linkedin(import, true)?.report)
    }

    /// [`Vault::import_profile`] for a LinkedIn export; what the export held that Candor
    /// did not import is listed in the report's warnings.
    pub fn import_linkedin(&mut self, import: &LinkedInImport) -> Result<ImportReport> {
        let plan = self.plan_linkedin(import, false)?;
        self.run_plan(plan)
    }

    /// What [`Vault::import_json_resume`] would do, without storing anything.
    pub fn preview_json_resume(&self, import: &JsonResumeImport) -> Result<ImportReport> {
        Ok(self.plan_json_resume(import, true)?.report)
    }

    /// [`Vault::import_profile`] for a JSON Resume, also keeping what the model has no
    /// place for, so [`Vault::export_json_resume`] gives the resume back whole.
    pub fn import_json_resume(&mut self, import: &JsonResumeImport) -> Result<ImportReport> {
        let plan = self.plan_json_resume(import, false)?;
        self.run_plan(plan)
    }

    fn plan_linkedin(&self, import: &LinkedInImport, dry_run: bool) -> Result<Plan<'static>> {
        let mut plan = self.plan_profile(ImportFormat::Linkedin, &import.profile, None, dry_run)?;
        plan.report
            .warnings
            .extend(import.not_imported.iter().map(|n| n.note()));
        Ok(plan)
    }

    fn plan_json_resume(&self, import: &JsonResumeImport, dry_run: bool) -> Result<Plan<'static>> {
        let kept = match &import.kept {
            Value::Object(kept) => Some(kept),
            _ => None,
        };
        let mut plan =
            self.plan_profile(ImportFormat::JsonResume, &import.profile, kept, dry_run)?;
        plan.report.warnings.extend(import.warnings.iter().cloned());
        Ok(plan)
    }

    fn plan_profile(
        &self,
        format: ImportFormat,
        profile: &Profile,
        kept: Option<&serde_json::Map<String, Value>>,
        dry_run: bool,
    ) -> Result<Plan<'static>> {
        let mut plan = Plan::new(format, dry_run);
        if let Some(kept) = kept {
            let stored = self.resume_kept()?;
            let mut merged = stored.clone();
            merged.merge_document(kept);
            plan.resume = Some(plan::ResumePlan {
                changed: merged != stored,
                kept: merged,
                entries: Default::default(),
            });
        }
        plan.add_sections(self, profile, kept)?;
        if let Some(person) = &profile.person {
            plan.fill_person(self, person)?;
        }
        plan.fingerprint = Some(fingerprint(profile, kept));
        plan.validate()?;
        Ok(plan)
    }
}

/// SHA-256 (hex) of what a profile import read.
fn fingerprint(profile: &Profile, kept: Option<&serde_json::Map<String, Value>>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(serde_json::to_vec(profile).expect("a profile always serializes"));
    if let Some(kept) = kept {
        hasher.update(serde_json::to_vec(kept).expect("JSON always serializes"));
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
