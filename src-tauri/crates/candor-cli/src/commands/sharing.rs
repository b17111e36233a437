//! Sharing from the command line: recipients, shares, the ledger, verifying bundles, and
//! the employer's side.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use candor_model::{Day, Timestamp, ViewChoice, ViewKind};
use candor_vault::bundle::{self, Keys, Limits};
use candor_vault::{
    Existing, MadeForShare, RecipientInfo, SeekerVault, ShareProtection, ShareRequest, SignedAs,
    VaultError,
};
use serde_json::json;

use super::{CliError, Context};
use crate::args::{CorrectArgs, RecipientCommand, RevealArgs, ShareArgs};
use crate::{output, secrets};

pub fn recipient(ctx: &Context, cmd: RecipientCommand) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    match cmd {
        RecipientCommand::Add { card } => {
            let bytes = read_card(&card)?;
            let added = vault.add_recipient(&bytes, &card)?;
            if ctx.json {
                output::json(&added);
            } else {
                println!("Added {}.", added.organisation);
                print_recipient(&added);
                println!();
                println!(
                    "Compare the fingerprint with {} by phone or in person before you share.",
                    added.organisation
                );
            }
        }
        RecipientCommand::List => {
            let all = vault.recipients()?;
            if ctx.json {
                output::json(&all);
            } else if all.is_empty() {
                println!("No recipients yet; add one with `candor recipient add CARD`.");
            } else {
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|r| {
                        vec![
                            r.id.clone(),
                            r.organisation.clone(),
                            r.organisation_number.clone(),
                            r.fingerprint.clone(),
                        ]
                    })
                    .collect();
                output::table(&["ID", "ORGANISATION", "NUMBER", "FINGERPRINT"], &rows);
            }
        }
        RecipientCommand::Show { recipient } => {
            let found = vault.recipient(&recipient)?;
            if ctx.json {
                output::json(&found);
            } else {
                print_recipient(&found);
            }
        }
    }
    Ok(())
}

/// A key card from a file, or fetched from an http(s) URL.
fn read_card(source: &str) -> Result<Vec<u8>, CliError> {
    if source.starts_with("https://") || source.starts_with("http://") {
        return Ok(candor_net::fetch_card(source)?);
    }
    File::open(source)
        .and_then(bundle::read_card_bytes)
        .map_err(|e| CliError::new(format!("cannot read the key card {source}: {e}")))
}

fn print_recipient(r: &RecipientInfo) {
    let rows = [
        ("Organisation", r.organisation.as_str()),
        ("Number", &r.organisation_number),
        ("Contact", &r.contact),
        ("Privacy contact", &r.privacy_contact),
        ("Privacy policy", &r.privacy_policy_url),
        ("Intake URL", r.intake_url.as_deref().unwrap_or("(none)")),
        ("Fingerprint", &r.fingerprint),
        ("Anonymous as", &r.pseudonym),
        ("Id", &r.id),
    ];
    for (label, value) in rows {
        println!("{:<16} {value}", format!("{label}:"));
    }
}

pub fn share(ctx: &Context, args: ShareArgs) -> Result<(), CliError> {
    let choice = ViewChoice {
        kind: args.view,
        include: args.include.clone(),
        exclude: args.exclude.clone(),
    };
    let made = MadeForShare {
        cv: args.with_cv,
        letter: args.with_letter.clone(),
        template: super::cv::template_of(args.template),
        lang: super::cv::lang_of(args.lang),
    };
    let mut vault = ctx.seeker()?;
    if args.preview {
        let preview = vault.preview_share_with(&args.to, &choice, &made)?;
        if ctx.json {
            output::json(&preview);
        } else {
            println!(
                "{} view for {}, signed as {}.",
                capitalised(with_article(Some(args.view))),
                preview.recipient.organisation,
                preview.signed_as
            );
            print_view_notes(&preview.view);
            println!();
            println!("profile.json, exactly as it would be sent:");
            println!("{}", preview.profile_json);
            for attachment in &preview.attachments {
                match preview.cleaned.iter().find(|c| &c.name == attachment) {
                    Some(cleaned) if cleaned.removed.is_empty() => println!(
                        "{attachment} (\u{201c}{}\u{201d}, written anew; it had no metadata)",
                        cleaned.file_name
                    ),
                    Some(cleaned) => println!(
                        "{attachment} (\u{201c}{}\u{201d}, written anew without: {})",
                        cleaned.file_name,
                        cleaned
                            .removed
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    None => println!("{attachment}"),
                }
            }
        }
        return Ok(());
    }
    let out = args
        .out
        .as_deref()
        .ok_or_else(|| CliError::new("--out FILE is needed to write a bundle"))?;
    let protection = if args.plain {
        ShareProtection::Plain
    } else if args.passphrase_protect {
        ShareProtection::Passphrase(secrets::bundle_passphrase("CANDOR_BUNDLE_PASSPHRASE")?)
    } else {
        ShareProtection::ToRecipient
    };
    let request = ShareRequest {
        recipient: args.to.clone(),
        choice,
        expires_at: parse_expiry(&args.expires)?,
        purpose: args.purpose.clone(),
        protection,
        accept_warnings: args.yes,
        made,
    };
    let preview = vault.preview_share(&request.recipient, &request.choice)?;
    if args.send && preview.recipient.intake_url.is_none() {
        // Refused before anything is written or recorded.
        return Err(VaultError::NoIntakeUrl {
            organisation: preview.recipient.organisation,
            contact: preview.recipient.contact,
        }
        .into());
    }
    let outcome = vault
        .share(&request, out, Existing::Refuse)
        .map_err(super::files::written)?;
    if ctx.json {
        let mut shown = serde_json::to_value(&outcome).map_err(|e| CliError::new(e.to_string()))?;
        if args.send {
            let sent = send(&vault, &outcome.entry.bundle_id, out)?;
            shown["sent"] = json!({
                "organisation": sent.organisation,
                "url": sent.url,
                "alreadyHeld": sent.already_held,
            });
        }
        output::json(&shown);
        return Ok(());
    }
    let entry = &outcome.entry;
    println!(
        "Wrote {} bundle for {} to {} ({} bytes).",
        with_article(Some(entry.view)),
        entry.organisation,
        out.display(),
        outcome.size
    );
    print_view_notes(&preview.view);
    match entry.sealing {
        bundle::Sealing::Plain => println!(
            "It is NOT encrypted: anyone who gets the file can read it. It is still signed."
        ),
        bundle::Sealing::Passphrase => println!(
            "It is encrypted to the passphrase; give it to {} another way than the file.",
            entry.organisation
        ),
        _ => println!(
            "Only {} (fingerprint {}) can open it.",
            entry.organisation, entry.fingerprint
        ),
    }
    println!(
        "Signed as {}; {} fields; expires {}. Recorded in your ledger as share {}.",
        match &entry.signed_as {
            SignedAs::Identity => "you, with your own key",
            SignedAs::Pseudonym(name) => name,
        },
        entry.fields.len(),
        entry
            .expires_at
            .map_or_else(|| "never".to_owned(), output::day),
        entry.seq
    );
    if args.send {
        let sent = send(&vault, &entry.bundle_id, out)?;
        println!(
            "Sent to {} at {}; {}.",
            sent.organisation,
            sent.url,
            if sent.already_held {
                "they already had it"
            } else {
                "they filed it"
            }
        );
    }
    Ok(())
}

/// Where a share went.
struct Sent {
    organisation: String,
    url: String,
    already_held: bool,
}

/// Posts the saved bundle to its organisation's intake address.
fn send(vault: &SeekerVault, bundle_id: &str, file: &Path) -> Result<Sent, CliError> {
    let delivery = vault.delivery(bundle_id, file, Timestamp::now())?;
    let filed = candor_net::deliver_bundle(&delivery.url, &delivery.bytes)?;
    if filed.bundle_id != delivery.bundle_id {
        return Err(candor_net::NetError::NotAnIntake { url: delivery.url }.into());
    }
    Ok(Sent {
        organisation: delivery.organisation,
        url: delivery.url,
        already_held: filed.already_held,
    })
}

pub fn reveal(ctx: &Context, args: RevealArgs) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    let request = ShareRequest {
        recipient: args.to.clone(),
        choice: ViewChoice {
            kind: ViewKind::Full,
            include: args.include,
            exclude: args.exclude,
        },
        expires_at: parse_expiry(&args.expires)?,
        purpose: args.purpose,
        protection: ShareProtection::ToRecipient,
        accept_warnings: args.yes,
        made: MadeForShare::nothing(),
    };
    let outcome = vault
        .reveal(&request, &args.out, Existing::Refuse)
        .map_err(super::files::written)?;
    if ctx.json {
        output::json(&outcome);
    } else {
        println!(
            "Wrote a reveal for {} to {}: it links {} to you, signed by both.",
            outcome.entry.organisation,
            args.out.display(),
            vault.recipient(&args.to)?.pseudonym
        );
    }
    Ok(())
}

fn print_view_notes(view: &candor_model::View) {
    for finding in &view.findings {
        println!(
            "Removed from {}: {} {:?}",
            candor_model::place_en(&finding.path),
            finding.kind.words_en(),
            finding.text
        );
    }
    for quasi in &view.quasi_identifiers {
        println!(
            "Could still identify you ({}): {}",
            candor_model::place_en(&quasi.path),
            quasi.note
        );
    }
    for warning in &view.warnings {
        println!("Warning: {}", warning.message);
    }
}

/// `90d` from now, a day (`2027-03-01`, the end of it in UTC), an RFC 3339 time, or `never`.
fn parse_expiry(text: &str) -> Result<Option<Timestamp>, CliError> {
    let bad = || {
        CliError::new(format!(
            "--expires {text:?}: write a number of days (90d), a date (2027-03-01) or never"
        ))
    };
    let text = text.trim();
    if text == "never" {
        return Ok(None);
    }
    let at = if let Some(days) = text.strip_suffix('d') {
        let days: i64 = days.parse().map_err(|_| bad())?;
        if days <= 0 {
            return Err(bad());
        }
        Timestamp::now().as_offset_date_time() + time::Duration::days(days)
    } else if text.parse::<Day>().is_ok() {
        Timestamp::parse(&format!("{text}T23:59:59Z"))
            .map_err(|_| bad())?
            .as_offset_date_time()
    } else {
        text.parse::<Timestamp>()
            .map_err(|_| bad())?
            .as_offset_date_time()
    };
    let at = Timestamp::try_from(at).map_err(|_| bad())?;
    if at <= Timestamp::now() {
        return Err(CliError::new(format!(
            "--expires {text:?} is in the past; a share must expire in the future"
        )));
    }
    Ok(Some(at))
}

pub fn verify(ctx: &Context, file: &Path) -> Result<(), CliError> {
    let cannot_read = |e: std::io::Error| CliError::unreadable(file, None)(e);
    let mut head = [0u8; 4];
    let read = File::open(file)
        .and_then(|mut f| f.read(&mut head))
        .map_err(cannot_read)?;
    // A plain bundle needs no keys; an encrypted one needs this vault's.
    let vault = if read == 4 && &head == b"PK\x03\x04" {
        None
    } else {
        Some(ctx.open_any()?)
    };
    let keys = match &vault {
        Some(vault) => vault.decryption_keys()?,
        None => Vec::new(),
    };
    let source = File::open(file).map_err(cannot_read)?;
    let mut opened = bundle::open(
        source,
        &Keys {
            identities: keys.iter().collect(),
            passphrase: std::env::var("CANDOR_BUNDLE_PASSPHRASE")
                .ok()
                .map(secrecy::SecretString::from),
        },
        &Limits::default(),
    )
    .map_err(VaultError::from)?;
    opened.verify_all().map_err(VaultError::from)?;
    let manifest = opened.manifest().clone();
    let key_id = bundle::VerifyingKey::parse(&manifest.issuer.public_key)
        .map_err(VaultError::from)?
        .key_id();
    let expired = manifest.is_expired(Timestamp::now());
    if ctx.json {
        output::json(&json!({
            "valid": true,
            "sealing": opened.sealing().as_str(),
            "signerKeyId": key_id,
            "expired": expired,
            "manifest": manifest,
        }));
        return Ok(());
    }
    println!(
        "Valid: the signature and all {} entries check out.",
        manifest.entries.len()
    );
    println!("Kind:        {}", manifest.kind);
    println!("Bundle:      {}", manifest.id);
    println!(
        "Signed by:   {} (minisign key {key_id})",
        manifest.issuer.name
    );
    if let Some(to) = &manifest.recipient {
        println!("For:         {} ({})", to.name, to.fingerprint);
    }
    if let Some(view) = manifest.view {
        println!(
            "View:        {}, {} fields",
            view.as_str(),
            manifest.fields.len()
        );
    }
    println!("Issued:      {}", output::minute(manifest.issued_at));
    println!(
        "Expires:     {}{}",
        manifest
            .expires_at
            .map_or_else(|| "never".to_owned(), output::day),
        if expired { " (expired)" } else { "" }
    );
    if !manifest.purpose.is_empty() {
        println!("Purpose:     {}", manifest.purpose);
    }
    println!(
        "Encryption:  {}",
        match opened.sealing() {
            bundle::Sealing::Plain => "none (a plain, signed bundle)",
            bundle::Sealing::Passphrase => "age, to a passphrase",
            bundle::Sealing::Recipient => "age, to a key",
        }
    );
    for entry in &manifest.entries {
        println!("  {:>10}  {}", entry.size, entry.path);
    }
    Ok(())
}

/// "an anonymous", "a full".
/// "an anonymous", "a full", or "a" for a bundle with no view (a reveal).
pub(super) fn with_article(view: Option<ViewKind>) -> &'static str {
    match view {
        Some(ViewKind::Anonymous) => "an anonymous",
        Some(ViewKind::Full) => "a full",
        None => "a",
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub fn correct(ctx: &Context, args: CorrectArgs) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    let request = ShareRequest {
        recipient: String::new(),
        choice: ViewChoice {
            kind: ViewKind::Full,
            include: args.include,
            exclude: args.exclude,
        },
        expires_at: parse_expiry(&args.expires)?,
        purpose: args.purpose,
        protection: ShareProtection::ToRecipient,
        accept_warnings: false,
        made: MadeForShare::nothing(),
    };
    let outcome = vault
        .correct(&args.bundle, &request, &args.out, Existing::Refuse)
        .map_err(super::files::written)?;
    if ctx.json {
        output::json(&outcome);
    } else {
        println!(
            "Wrote a correction for {} to {}: it replaces bundle {} when imported.",
            outcome.entry.organisation,
            args.out.display(),
            args.bundle
        );
    }
    Ok(())
}

pub fn inbox(ctx: &Context, import: Option<std::path::PathBuf>) -> Result<(), CliError> {
    let mut vault = ctx.seeker()?;
    if let Some(file) = import {
        let row = vault.import_invitation(super::requests::open(&file)?, Timestamp::now())?;
        if !ctx.json {
            println!(
                "{} invited {}: {}\nReply with `candor reveal --to \"{}\" --out FILE` if you want them to know who you are.",
                row.organisation, row.to, row.message, row.organisation
            );
        }
    }
    let all = vault.invitations()?;
    if ctx.json {
        output::json(&all);
    } else if all.is_empty() {
        println!("No invitations.");
    } else {
        for row in &all {
            println!(
                "{}  {} → {}: {} (contact: {})",
                output::minute(row.received_at),
                row.organisation,
                row.to,
                row.message,
                row.contact
            );
        }
    }
    Ok(())
}
