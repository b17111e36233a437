//! `candor cv`: a CV as PDF from a view of the profile, the same view a share would send.

use std::io::Write;
use std::path::Path;

use candor_model::{Lang, View, ViewKind};
use candor_render::{render_cv, CvOptions, Template};
use candor_vault::{write_new_file, CvView, Existing, SeekerVault, VaultError};
use serde_json::json;

use super::files::written;
use super::{CliError, Context};
use crate::args::{CvArgs, CvLang, CvTemplate};
use crate::output;

pub fn cv(ctx: &Context, args: CvArgs) -> Result<(), CliError> {
    let vault = ctx.seeker()?;
    let (view, signed_as) = view_for(&vault, args.view, args.to.as_deref(), "CV")?;
    let options = cv_options(args.template, args.lang, signed_as);
    let pdf = render_cv(&view, &options)?;
    let out = &args.out;
    write_private(out, &pdf, args.force)?;
    if ctx.json {
        output::json(&json!({
            "out": out,
            "view": args.view,
            "signedAs": options.signed_as,
            "bytes": pdf.len(),
        }));
    } else {
        println!(
            "Wrote {} CV, signed as {}, to {}. It is not encrypted: keep it somewhere safe, and \
             delete it when you no longer need it.",
            match args.view {
                ViewKind::Anonymous => "an anonymous",
                ViewKind::Full => "a full",
            },
            options.signed_as,
            out.display()
        );
    }
    Ok(())
}

/// The view a CV or a letter is made from, and the name it is signed with. With an
/// organisation, the view is the one a share to it would send, signed as it would be: an
/// anonymous one under the pseudonym that organisation knows.
pub(super) fn view_for(
    vault: &SeekerVault,
    kind: ViewKind,
    to: Option<&str>,
    what: &str,
) -> Result<(View, String), CliError> {
    match vault.cv_view(kind, to) {
        Ok(CvView { view, signed_as }) => Ok((view, signed_as)),
        Err(VaultError::AnonymousCvNeedsRecipient) => Err(CliError::new(format!(
            "an anonymous {what} is signed with the pseudonym one organisation knows you by; \
             name it with --to (see `candor recipient list`)"
        ))),
        Err(VaultError::CvNeedsName) => Err(CliError::new(format!(
            "your profile has no name to sign the {what} with; add it with \
             `candor profile set` first"
        ))),
        Err(other) => Err(other.into()),
    }
}

pub(super) fn cv_options(template: CvTemplate, lang: CvLang, signed_as: String) -> CvOptions {
    CvOptions {
        template: template_of(template),
        lang: lang_of(lang),
        signed_as,
    }
}

pub(super) fn template_of(template: CvTemplate) -> Template {
    match template {
        CvTemplate::Classic => Template::Classic,
        CvTemplate::Compact => Template::Compact,
    }
}

pub(super) fn lang_of(lang: CvLang) -> Lang {
    match lang {
        CvLang::En => Lang::En,
        CvLang::Nb => Lang::Nb,
    }
}

/// Writes a file (a PDF, a calendar) whole or not at all, readable by its owner alone
/// (0600); an existing file is replaced only with `force`.
pub(super) fn write_private(out: &Path, bytes: &[u8], force: bool) -> Result<(), CliError> {
    let existing = if force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    write_new_file(out, existing, |file| {
        file.write_all(bytes).map_err(|e| VaultError::Io {
            context: format!("cannot write {}", out.display()),
            source: e,
        })
    })
    .map_err(written)?;
    Ok(())
}
