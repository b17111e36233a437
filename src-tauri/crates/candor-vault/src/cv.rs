//! What a CV is made from: a view of the profile and the name it is signed with, the same
//! for `candor cv` and the app's CV screen.

use candor_model::{project, View, ViewChoice, ViewKind};

use crate::error::{Result, VaultError};
use crate::roles::SeekerVault;

/// A view ready to be typeset as a CV.
#[derive(Debug, Clone)]
pub struct CvView {
    pub view: View,
    /// Whose CV it says it is: the seeker's name, or for an anonymous view the pseudonym
    /// the organisation knows them by.
    pub signed_as: String,
}

impl SeekerVault {
    /// The view a CV of `kind` shows. With an organisation (`to`, an id or prefix), it is
    /// the view a share to it would send, signed as that share would be: an anonymous one
    /// under the pseudonym that organisation knows. Without one, only a full CV can be
    /// made, signed with the profile's name.
    pub fn cv_view(&self, kind: ViewKind, to: Option<&str>) -> Result<CvView> {
        let choice = ViewChoice::new(kind);
        if let Some(to) = to {
            let preview = self.preview_share(to, &choice)?;
            return Ok(CvView {
                view: preview.view,
                signed_as: preview.signed_as,
            });
        }
        if kind == ViewKind::Anonymous {
            return Err(VaultError::AnonymousCvNeedsRecipient);
        }
        let profile = self.profile()?;
        let name = profile
            .person
            .as_ref()
            .map(|person| person.name.trim().to_owned())
            .unwrap_or_default();
        if name.is_empty() {
            return Err(VaultError::CvNeedsName);
        }
        let view = project(&profile, &[], &choice)?;
        Ok(CvView {
            view,
            signed_as: name,
        })
    }
}
