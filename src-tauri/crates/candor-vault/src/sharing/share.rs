//! Sharing a view: project the profile for one recipient, write the bundle, record it in
//! the ledger. The bundle file and the ledger entry appear together or not at all.

mod attachments;
mod letter;
mod made;
mod writing;

use crate::roles::SeekerVault;
use std::path::{Path, PathBuf};

use candor_bundle::{
    new_bundle_id, readme_text, Addressee, Issuer, Kind, Letters, Manifest, Protection, Reveal,
    Sealing,
};
use candor_model::{Document, DocumentKind, SharedDocument, Timestamp, View, ViewChoice, ViewKind};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use sha2::Digest;

use crate::error::{Result, VaultError};
use crate::files::{write_new_file, Existing};
use crate::records::pick_by_prefix;
use crate::sharing::ledger::{LedgerEntry, SignedAs};
use crate::sharing::recipients::RecipientInfo;
use attachments::{anonymous_attachment_path, attachment_path, numbered_path};
pub use attachments::{AttachmentCleaning, RemovedMetadata};
use made::Made;
pub use made::{MadeForShare, MADE_COVER_LETTER, MADE_CV};
use writing::{Attachment, Contents};

/// How the bundle travels.
pub enum ShareProtection {
    /// Encrypted to the recipient's key card (the normal case).
    ToRecipient,
    /// Encrypted to a passphrase, given to the recipient another way.
    Passphrase(SecretString),
    /// Signed but readable by anyone who gets the file; only on the seeker's explicit choice.
    Plain,
}

/// Everything a share needs besides the output file.
pub struct ShareRequest {
    /// A recipient id, fingerprint or organisation name.
    pub recipient: String,
    pub choice: ViewChoice,
    pub expires_at: Option<Timestamp>,
    pub purpose: String,
    pub protection: ShareProtection,
    /// The seeker has read the warnings of the view (an issuer-signed original that holds
    /// the national identity number) and shares anyway.
    pub accept_warnings: bool,
    /// A CV of the view and a cover letter to make and send along.
    pub made: MadeForShare,
}

/// Exactly what a share would send, before anything is written.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SharePreview {
    pub recipient: RecipientInfo,
    /// The name the bundle is signed with: the seeker's, or the pseudonym for this recipient.
    pub signed_as: String,
    pub view: View,
    /// `profile.json` byte for byte.
    pub profile_json: String,
    /// `profile.html` byte for byte: the page the organisation opens.
    pub profile_html: String,
    /// The attachments by the names they get in the bundle: the documents the view
    /// attaches, then what Candor made for the share (a CV, a cover letter).
    pub attachments: Vec<String>,
    /// For an anonymous view: what was taken out of each attachment that was cleaned.
    pub cleaned: Vec<AttachmentCleaning>,
}

/// A share that was written and recorded.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareOutcome {
    pub path: PathBuf,
    pub entry: LedgerEntry,
    #[cfg_attr(feature = "specta", specta(type = f64))]
    pub size: u64,
    /// The covering letter, in English and bokmål, naming the file to attach.
    pub letters: Letters,
    /// The letter as a `mailto:` to the organisation's contact, when it has an address.
    pub mailto: Option<String>,
}

impl SeekerVault {
    /// The view `choice` makes for `recipient`, and the bytes that would be sent.
    pub fn preview_share(&self, recipient: &str, choice: &ViewChoice) -> Result<SharePreview> {
        self.preview_share_with(recipient, choice, &MadeForShare::nothing())
    }

    /// The preview of a share that also carries what `made` asks Candor to make.
    pub fn preview_share_with(
        &self,
        recipient: &str,
        choice: &ViewChoice,
        made: &MadeForShare,
    ) -> Result<SharePreview> {
        self.prepare_share(recipient, choice, made)
            .map(|prepared| prepared.preview)
    }

    /// The preview, for each attachment the bytes to send when they are not the document
    /// as stored (an anonymous view's PDFs, written anew without metadata), and what was
    /// made for the share.
    fn prepare_share(
        &self,
        recipient: &str,
        choice: &ViewChoice,
        made: &MadeForShare,
    ) -> Result<Prepared> {
        let recipient = self.recipient(recipient)?;
        let documents = self.list::<Document>()?;
        let offered: Vec<SharedDocument> = documents
            .into_iter()
            .map(|entry| SharedDocument {
                id: entry.id,
                document: entry.value,
            })
            .collect();
        let profile = self.profile()?;
        let choice = &self.with_full_document_ids(choice)?;
        let mut view = candor_model::project(&profile, &offered, choice)?;
        let signed_as = match choice.kind {
            ViewKind::Anonymous => recipient.pseudonym.clone(),
            ViewKind::Full => self.person()?.map(|p| p.name).unwrap_or_default(),
        };
        let mut attachments = Vec::new();
        let mut contents = Vec::new();
        let mut cleaned = Vec::new();
        let mut numbers: Vec<(DocumentKind, usize)> = Vec::new();
        for (i, id) in view.documents.clone().iter().enumerate() {
            let document = offered
                .iter()
                .find(|d| &d.id == id)
                .map(|d| &d.document)
                .ok_or_else(|| VaultError::tampered(format!("document {id} went missing")))?;
            if choice.kind == ViewKind::Full {
                attachments.push(attachment_path(i, &document.file_name));
                contents.push(None);
                continue;
            }
            let number = match numbers.iter_mut().find(|(kind, _)| *kind == document.kind) {
                Some((_, n)) => {
                    *n += 1;
                    *n
                }
                None => {
                    numbers.push((document.kind, 1));
                    1
                }
            };
            let name = anonymous_attachment_path(document, number);
            let outgoing = self.anonymise_attachment(id, document, &name, &profile, &mut view)?;
            if let Some((_, cleaning)) = &outgoing {
                cleaned.push(cleaning.clone());
            }
            attachments.push(name);
            contents.push(outgoing.map(|(bytes, _)| bytes));
        }
        let made = self.make_for_share(made, &profile, choice, &mut view, &signed_as)?;
        for document in &made {
            attachments.push(match choice.kind {
                ViewKind::Full => attachment_path(
                    attachments.len(),
                    match document.kind {
                        DocumentKind::CoverLetter => "cover-letter.pdf",
                        _ => "cv.pdf",
                    },
                ),
                ViewKind::Anonymous => {
                    let taken = numbers
                        .iter()
                        .find(|(kind, _)| *kind == document.kind)
                        .map_or(0, |(_, n)| *n);
                    numbered_path(document.kind, taken + 1, Some("pdf"))
                }
            });
        }
        let preview = SharePreview {
            profile_json: candor_formats::export_json_resume_string(&view.profile, None),
            profile_html: candor_formats::profile_html(&view.profile, &signed_as),
            recipient,
            signed_as,
            view,
            attachments,
            cleaned,
        };
        Ok(Prepared {
            preview,
            rewritten: contents,
            made,
        })
    }

    /// `choice` with each `documents[<prefix>]` naming its document's full id, as ids are
    /// shortened everywhere else. A prefix that names no document is left for the view to
    /// refuse by name; one that names several is refused here.
    fn with_full_document_ids(&self, choice: &ViewChoice) -> Result<ViewChoice> {
        let resolve = |paths: &[String]| -> Result<Vec<String>> {
            paths
                .iter()
                .map(|path| {
                    let Some(prefix) = path
                        .strip_prefix("documents[")
                        .and_then(|rest| rest.strip_suffix(']'))
                    else {
                        return Ok(path.clone());
                    };
                    match self.resolve_id::<Document>(prefix) {
                        Ok(id) => Ok(candor_model::document_path(&id)),
                        Err(VaultError::RecordNotFound { .. }) => Ok(path.clone()),
                        Err(other) => Err(other),
                    }
                })
                .collect()
        };
        Ok(ViewChoice {
            kind: choice.kind,
            include: resolve(&choice.include)?,
            exclude: resolve(&choice.exclude)?,
        })
    }

    /// Writes the bundle to `out` and records the share in the ledger. Anonymous views are
    /// signed with the recipient's pseudonym, full views with the seeker's identity.
    pub fn share(
        &mut self,
        request: &ShareRequest,
        out: &Path,
        existing: Existing,
    ) -> Result<ShareOutcome> {
        self.write_share(request, out, existing, Variant::Share)
    }

    /// Tells a recipient that the pseudonym it knows is the seeker: a full share, signed by
    /// the identity, carrying `reveal.json` countersigned by the pseudonym and bound to that
    /// recipient, naming the anonymous shares it follows. The view is always a full one.
    pub fn reveal(
        &mut self,
        request: &ShareRequest,
        out: &Path,
        existing: Existing,
    ) -> Result<ShareOutcome> {
        self.write_share(request, out, existing, Variant::Reveal)
    }

    /// Corrects an earlier share (GDPR Art. 16): a new bundle of the same view for the same
    /// recipient, signed by the same key, that replaces `bundle_id` at the employer. The
    /// request's recipient and view kind are taken from the share being corrected.
    pub fn correct(
        &mut self,
        bundle_id: &str,
        request: &ShareRequest,
        out: &Path,
        existing: Existing,
    ) -> Result<ShareOutcome> {
        let shares = self.ledger()?.into_iter().filter(LedgerEntry::is_share);
        let earlier = pick_by_prefix(shares.map(|e| (e.bundle_id.clone(), e)), bundle_id, "share")?
            .ok_or_else(|| VaultError::RecordNotFound {
                kind: "share",
                id: bundle_id.to_owned(),
            })?;
        self.write_share(
            request,
            out,
            existing,
            Variant::Correction(Box::new(earlier)),
        )
    }

    fn write_share(
        &mut self,
        request: &ShareRequest,
        out: &Path,
        existing: Existing,
        variant: Variant,
    ) -> Result<ShareOutcome> {
        let mut choice = request.choice.clone();
        let mut recipient_name = request.recipient.clone();
        match &variant {
            Variant::Share => {}
            Variant::Reveal => choice.kind = ViewKind::Full,
            Variant::Correction(earlier) => {
                choice.kind = if earlier.view == ViewKind::Anonymous {
                    ViewKind::Anonymous
                } else {
                    ViewKind::Full
                };
                recipient_name = earlier.recipient_id.clone();
            }
        }
        let reveal = matches!(variant, Variant::Reveal);
        let Prepared {
            preview,
            rewritten,
            made,
        } = self.prepare_share(&recipient_name, &choice, &request.made)?;
        if !preview.view.warnings.is_empty() && !request.accept_warnings {
            return Err(VaultError::UnacceptedWarnings {
                warnings: preview
                    .view
                    .warnings
                    .iter()
                    .map(|w| w.message.clone())
                    .collect(),
            });
        }
        let recipient = &preview.recipient;
        let revealed = if reveal {
            let pseudonym = self.pseudonym(&recipient.id)?;
            let anonymous: Vec<String> = self
                .ledger()?
                .into_iter()
                .filter(|e| {
                    e.is_share() && e.recipient_id == recipient.id && e.view == ViewKind::Anonymous
                })
                .map(|e| e.bundle_id)
                .collect();
            match pseudonym {
                Some(pseudonym) if !anonymous.is_empty() => Some((pseudonym, anonymous)),
                _ => {
                    return Err(VaultError::NothingToReveal {
                        organisation: recipient.organisation.clone(),
                    })
                }
            }
        } else {
            None
        };
        let keys = match choice.kind {
            ViewKind::Anonymous => self.pseudonym(&recipient.id)?.ok_or_else(|| {
                VaultError::tampered("the pseudonym for this recipient is missing")
            })?,
            ViewKind::Full => self.own_keys()?,
        };
        let (protection, sealing) = match &request.protection {
            // The sender's own key too, so the seeker can open and verify their copy.
            ShareProtection::ToRecipient => (
                Protection::Recipients(vec![recipient.age_recipient.clone(), keys.age.recipient()]),
                Sealing::Recipient,
            ),
            ShareProtection::Passphrase(p) => {
                (Protection::Passphrase(p.clone()), Sealing::Passphrase)
            }
            ShareProtection::Plain => (Protection::Plain, Sealing::Plain),
        };
        let encrypted = sealing != Sealing::Plain;
        let kind = match &variant {
            Variant::Share => Kind::ProfileShare,
            Variant::Reveal => Kind::Reveal,
            Variant::Correction(_) => Kind::Correction,
        };
        let manifest = Manifest {
            format: String::new(),
            kind,
            id: new_bundle_id(),
            issued_at: Timestamp::now(),
            expires_at: request.expires_at,
            issuer: Issuer {
                public_key: String::new(),
                name: preview.signed_as.clone(),
                reply_to: Some(keys.age.recipient()),
            },
            recipient: Some(Addressee {
                name: recipient.organisation.clone(),
                fingerprint: recipient.fingerprint.clone(),
            }),
            view: Some(choice.kind),
            fields: preview.view.fields.clone(),
            purpose: request.purpose.clone(),
            refers_to: match &variant {
                Variant::Correction(earlier) => vec![earlier.bundle_id.clone()],
                _ => revealed
                    .as_ref()
                    .map(|(_, bundles)| bundles.clone())
                    .unwrap_or_default(),
            },
            entries: Vec::new(),
        };
        let mut attachments = Vec::new();
        let outgoing = preview
            .view
            .documents
            .iter()
            .zip(&preview.attachments)
            .zip(rewritten);
        for ((id, path), content) in outgoing {
            // The hash the vault recorded when the document was added (authenticated with
            // its record) spares hashing the bytes again. Were it ever wrong, every reader
            // of the bundle would refuse the entry as edited.
            let sha256 = match &content {
                Some(bytes) => sha2::Sha256::digest(bytes).into(),
                None => recorded_sha256(id, &self.get::<Document>(id)?.value)?,
            };
            attachments.push(Attachment {
                id: id.clone(),
                path: path.clone(),
                sha256,
                content,
            });
        }
        let made_paths = preview
            .attachments
            .iter()
            .skip(preview.view.documents.len());
        for (document, path) in made.into_iter().zip(made_paths) {
            attachments.push(Attachment {
                id: document.path.to_owned(),
                path: path.clone(),
                sha256: sha2::Sha256::digest(&document.pdf).into(),
                content: Some(document.pdf),
            });
        }
        let contents = Contents {
            profile_json: preview.profile_json.clone(),
            profile_html: preview.profile_html.clone(),
            attachments,
            reveal: revealed.as_ref().map(|(pseudonym, _)| {
                Reveal::sign(
                    &recipient.fingerprint,
                    &pseudonym.signing,
                    &pseudonym.name,
                    &keys.signing,
                    &preview.signed_as,
                    Timestamp::now(),
                )
            }),
            readme: readme_text(&keys.signing.verifying_key().to_base64(), encrypted),
        };
        let (sha256, size, manifest) = write_new_file(out, existing, |file| {
            self.stream_bundle(file, protection, &contents, manifest, &keys.signing)
        })?;
        let entry = LedgerEntry {
            seq: 0,
            at: manifest.issued_at,
            action: kind,
            bundle_id: manifest.id.clone(),
            bundle_sha256: sha256,
            recipient_id: recipient.id.clone(),
            organisation: recipient.organisation.clone(),
            organisation_number: recipient.organisation_number.clone(),
            privacy_contact: recipient.privacy_contact.clone(),
            privacy_policy_url: recipient.privacy_policy_url.clone(),
            fingerprint: recipient.fingerprint.clone(),
            view: choice.kind,
            signed_as: match choice.kind {
                ViewKind::Anonymous => SignedAs::Pseudonym(preview.signed_as.clone()),
                // The ledger names fields, never values; the seeker's own name is one.
                ViewKind::Full => SignedAs::Identity,
            },
            fields: preview.view.fields.clone(),
            documents: preview.view.documents.clone(),
            expires_at: request.expires_at,
            purpose: request.purpose.clone(),
            sealing,
            refers_to: match &variant {
                Variant::Correction(earlier) => vec![earlier.bundle_id.clone()],
                _ => Vec::new(),
            },
            due_at: None,
            prev_hash: String::new(),
        };
        // The file is complete; if recording fails, it must not leave without a record.
        let entry = match self.write(|w| w.append_ledger(entry)) {
            Ok(entry) => entry,
            Err(e) => {
                let _ = std::fs::remove_file(out);
                return Err(e);
            }
        };
        let file_name = out
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let letters = letter::share_letters(
            &entry,
            &file_name,
            &preview.signed_as,
            candor_model::PeopleTime::system(),
        );
        let mailto = letter::share_mailto(&entry, &preview.recipient.contact, &letters);
        Ok(ShareOutcome {
            path: out.to_owned(),
            entry,
            size,
            letters,
            mailto,
        })
    }
}

/// A share ready to write: what it sends, and the bytes that are not documents as stored.
struct Prepared {
    preview: SharePreview,
    /// For each document the view attaches, its bytes when rewritten (else `None`).
    rewritten: Vec<Option<Vec<u8>>>,
    made: Vec<Made>,
}

/// What kind of share is being written.
enum Variant {
    Share,
    Reveal,
    /// A new share replacing this earlier one.
    Correction(Box<LedgerEntry>),
}

/// A document's SHA-256 as its record holds it (hex, checked when the record was read).
fn recorded_sha256(id: &str, document: &Document) -> Result<[u8; 32]> {
    data_encoding::HEXLOWER
        .decode(document.sha256.as_bytes())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .ok_or_else(|| VaultError::tampered(format!("document {id} records no valid SHA-256")))
}
