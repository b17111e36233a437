//! `candor cv`: a CV as PDF from a view of the profile, the same view a share would send.

use std::io::Write;

use candor_model::{project, Lang, ViewChoice, ViewKind};
use candor_render::{render_cv, CvOptions, Template};
use candor_vault::{write_new_file, Existing, VaultError};
use serde_json::json;

use super::files::written;
use super::{CliError, Context};
use crate::args::{CvArgs, CvLang, CvTemplate};
use crate::output;

pub fn cv(ctx: &Context, args: CvArgs) -> Result<(), CliError> {
    let vault = ctx.seeker()?;
    let choice = ViewChoice::new(args.view);
    // With an organisation, the view is the one a share to it would send, signed as it
    // would be: an anonymous one under the pseudonym that organisation knows.
    let (view, signed_as) = match &args.to {
        Some(to) => {
            let preview = vault.preview_share(to, &choice)?;
            (preview.view, preview.signed_as)
        }
        None if args.view == ViewKind::Anonymous => {
            return Err(CliError::new(
                "an anonymous CV is signed with the pseudonym one organisation knows you by; \
                 name it with --to (see `candor recipient list`)",
            ));
        }
        None => {
            let profile = vault.profile()?;
            let name = profile
                .person
                .as_ref()
                .map(|person| person.name.clone())
                .unwrap_or_default();
            if name.trim().is_empty() {
                return Err(CliError::new(
                    "your profile has no name to sign the CV with; add it with \
                     `candor profile set` first",
                ));
            }
            let view = project(&profile, &[], &choice).map_err(VaultError::from)?;
            (view, name)
        }
    };
    let options = CvOptions {
        template: match args.template {
            CvTemplate::Classic => Template::Classic,
        },
        lang: match args.lang {
            CvLang::En => Lang::En,
            CvLang::Nb => Lang::Nb,
        },
        signed_as,
    };
    let pdf = render_cv(&view, &options)?;
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    let out = &args.out;
    write_new_file(out, existing, |file| {
        file.write_all(&pdf).map_err(|e| VaultError::Io {
            context: format!("cannot write {}", out.display()),
            source: e,
        })
    })
    .map_err(written)?;
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
