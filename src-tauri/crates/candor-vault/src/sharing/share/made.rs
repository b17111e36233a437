//! Documents Candor makes for a share from the share's own view: a CV of the view and the
//! cover letter of an application, both as PDF, set in one template and language. They
//! travel as attachments like the seeker's own documents, named like them (an anonymous
//! view's `cv-1.pdf`), and the ledger records them as `made[cv]` and `made[coverLetter]`.

use candor_model::{
    scan_cover_letter, Application, DocumentKind, Lang, PeopleTime, Profile, View, ViewChoice,
};
use candor_render::{render_cv, render_letter, CvOptions, LetterFacts, Template};

use crate::error::{Result, VaultError};
use crate::roles::SeekerVault;

/// What Candor makes for a share, besides the documents the view attaches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MadeForShare {
    /// A CV of the shared view.
    pub cv: bool,
    /// The cover letter of this application (its id, or the start of it).
    pub letter: Option<String>,
    /// The template both are set in.
    pub template: Template,
    /// The language of their headings, dates and greetings.
    pub lang: Lang,
}

impl MadeForShare {
    /// Nothing made: the share carries the view and its documents only.
    pub fn nothing() -> Self {
        MadeForShare::default()
    }
}

/// A document made for a share: its kind, the field path the ledger records, and its PDF.
pub(super) struct Made {
    pub kind: DocumentKind,
    pub path: &'static str,
    pub pdf: Vec<u8>,
}

/// The ledger's field path of a CV made for a share.
pub const MADE_CV: &str = "made[cv]";
/// The ledger's field path of a cover letter made for a share.
pub const MADE_COVER_LETTER: &str = "made[coverLetter]";

impl SeekerVault {
    /// Makes what `made` asks for from `view`, signed as `signed_as`. The letter's text is
    /// scanned as the view's free text was: for an anonymous view, what names the seeker
    /// is left out and listed with the view's findings.
    pub(super) fn make_for_share(
        &self,
        made: &MadeForShare,
        profile: &Profile,
        choice: &ViewChoice,
        view: &mut View,
        signed_as: &str,
    ) -> Result<Vec<Made>> {
        let options = CvOptions {
            template: made.template,
            lang: made.lang,
            signed_as: signed_as.to_owned(),
        };
        let mut documents = Vec::new();
        if made.cv {
            documents.push(Made {
                kind: DocumentKind::Cv,
                path: MADE_CV,
                pdf: render_cv(view, &options)?,
            });
        }
        if let Some(application) = &made.letter {
            let id = self.resolve_id::<Application>(application)?;
            let application = self.get::<Application>(&id)?.value;
            let mut letter = application
                .cover_letter
                .clone()
                .filter(|letter| !letter.is_empty())
                .ok_or_else(|| VaultError::NoCoverLetter {
                    company: application.company.clone(),
                })?;
            let findings = scan_cover_letter(profile, choice, &mut letter)?;
            view.findings.extend(findings);
            let facts = LetterFacts::of(
                &application,
                PeopleTime::system()
                    .today()
                    .map_err(|e| VaultError::tampered(format!("today's date: {e}")))?,
            );
            documents.push(Made {
                kind: DocumentKind::CoverLetter,
                path: MADE_COVER_LETTER,
                pdf: render_letter(view, &letter, &facts, &options)?,
            });
        }
        for document in &documents {
            view.fields.push(document.path.to_owned());
        }
        Ok(documents)
    }
}
