//! `candor cv`: a CV as PDF from a view of the profile, the same view a share would send.

use std::io::Write;

use candor_model::{Lang, ViewKind};
use candor_render::{render_cv, CvOptions, Template};
use candor_vault::{write_new_file, CvView, Existing, VaultError};
use serde_json::json;

use super::files::written;
use super::{CliError, Context};
use crate::args::{CvArgs, CvLang, CvTemplate};
use crate::output;

/// Why an anonymous CV needs `--to`, in the command line's words.
const ANONYMOUS_NEEDS_TO: &str =
    "an anonymous CV is signed with the pseudonym one organisation knows you by; name it with \
     --to (see `candor recipient list`)";

pub fn cv(ctx: &Context, args: CvArgs) -> Result<(), CliError> {
    let vault = ctx.seeker()?;
    // With an organisation, the view is the one a share to it would send, signed as it
    // would be: an anonymous one under the pseudonym that organisation knows.
    let CvView { view, signed_as } =
        vault
            .cv_view(args.view, args.to.as_deref())
            .map_err(|error| match error {
                VaultError::AnonymousCvNeedsRecipient => CliError::new(ANONYMOUS_NEEDS_TO),
                other => other.into(),
            })?;
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
