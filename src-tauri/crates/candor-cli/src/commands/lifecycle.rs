//! Making, unlocking, re-keying, backing up and restoring the vault itself.

use std::path::Path;

use candor_vault::{KdfParams, NewPassphrase, OpenVault, RecoveryCode, SeekerVault};
use secrecy::ExposeSecret;
use serde_json::json;

use super::{CliError, Context};
use crate::args::{InitArgs, NewPassphraseArgs, RecoverArgs};
use crate::{output, secrets};

pub(super) fn print_recovery_code(ctx: &Context, headline: &str, code: &RecoveryCode) {
    let code = code.display();
    if ctx.json {
        output::json(&json!({ "vault": ctx.vault_path, "recoveryCode": code.as_str() }));
    } else {
        println!("{headline}");
        println!();
        println!("Your recovery code (shown once; write it down and keep it somewhere safe):");
        println!();
        println!("    {}", code.as_str());
        println!();
        println!("With it you can open the vault and set a new passphrase if you forget yours.");
    }
}

pub fn init(ctx: &Context, args: InitArgs) -> Result<(), CliError> {
    let (vault, code) = create_with(ctx, &args, |path, passphrase, kdf| {
        SeekerVault::create(path, passphrase, kdf)
    })?;
    let headline = format!(
        "Created a {} vault at {}.",
        vault.role(),
        ctx.vault_path.display()
    );
    print_recovery_code(ctx, &headline, &code);
    Ok(())
}

/// Checks the key derivation's cost and that no vault is in the way, asks for a new
/// passphrase, and has `make` create the vault at the vault path with them.
pub(super) fn create_with<T>(
    ctx: &Context,
    args: &InitArgs,
    make: impl FnOnce(&Path, NewPassphrase<'_>, KdfParams) -> candor_vault::Result<T>,
) -> Result<T, CliError> {
    let kdf = KdfParams {
        memory_kib: args.kdf_memory.saturating_mul(1024),
        iterations: args.kdf_iterations,
        parallelism: args.kdf_parallelism,
    };
    kdf.check_bounds().map_err(|_| {
        CliError::new(
            "--kdf-memory must be 19–1024 MiB, --kdf-iterations 2–10 and --kdf-parallelism 1–16",
        )
    })?;
    if ctx.vault_path.exists() {
        return Err(candor_vault::VaultError::AlreadyExists {
            path: ctx.vault_path.clone(),
        }
        .into());
    }
    let (passphrase, weak) = secrets::new_passphrase(
        ctx.passphrase_file.as_deref(),
        "CANDOR_PASSPHRASE",
        args.accept_weak_passphrase,
    )?;
    Ok(make(
        &ctx.vault_path,
        NewPassphrase::new(&passphrase, weak),
        kdf,
    )?)
}

pub fn passwd(ctx: &Context, args: NewPassphraseArgs) -> Result<(), CliError> {
    let (mut vault, current) = ctx.open_returning_passphrase()?;
    let (new, weak) = secrets::new_passphrase(
        args.new_passphrase_file.as_deref(),
        "CANDOR_NEW_PASSPHRASE",
        args.accept_weak_passphrase,
    )?;
    vault.change_passphrase(&current, NewPassphrase::new(&new, weak))?;
    if ctx.json {
        output::json(&json!({ "changed": true }));
    } else {
        println!("Passphrase changed. Your recovery code still works.");
    }
    Ok(())
}

pub fn recover(ctx: &Context, args: RecoverArgs) -> Result<(), CliError> {
    if !ctx.vault_path.exists() {
        return Err(candor_vault::VaultError::NoVault {
            path: ctx.vault_path.clone(),
        }
        .into());
    }
    let typed = secrets::recovery_code(args.recovery_code_file.as_deref())?;
    let code = RecoveryCode::parse(typed.expose_secret())?;
    let (new, weak) = secrets::new_passphrase(
        args.new.new_passphrase_file.as_deref(),
        "CANDOR_NEW_PASSPHRASE",
        args.new.accept_weak_passphrase,
    )?;
    let (_vault, fresh) =
        OpenVault::recover(&ctx.vault_path, &code, NewPassphrase::new(&new, weak))?;
    print_recovery_code(
        ctx,
        "Recovered: the new passphrase is set, everything in the vault is encrypted under a \
         new key, and the old recovery code no longer works.",
        &fresh,
    );
    Ok(())
}

pub fn rekey(ctx: &Context) -> Result<(), CliError> {
    let (mut vault, passphrase) = ctx.open_returning_passphrase()?;
    let fresh = vault.rekey(&passphrase)?;
    print_recovery_code(
        ctx,
        "Re-keyed: everything in the vault is encrypted under a new key. Your passphrase is \
         the same; the old recovery code no longer works. Backups made before now still open \
         with the passphrase and recovery code they were made with.",
        &fresh,
    );
    Ok(())
}

pub fn backup(ctx: &Context, file: &Path) -> Result<(), CliError> {
    let vault = ctx.open_any()?;
    vault.backup(file)?;
    if ctx.json {
        output::json(&json!({ "backup": file }));
    } else {
        println!(
            "Backed up to {}. It opens with the passphrase the vault has now.",
            file.display()
        );
    }
    Ok(())
}

pub fn restore(ctx: &Context, file: &Path, replace: bool) -> Result<(), CliError> {
    // Checked before asking for the passphrase, and with the flag that allows it.
    if ctx.vault_path.exists() && !replace {
        return Err(CliError::new(format!(
            "a vault already exists at {}; pass --replace to replace it with the backup, or restore to another --vault path",
            ctx.vault_path.display()
        )));
    }
    let passphrase = secrets::passphrase(ctx.passphrase_file.as_deref())?;
    OpenVault::restore(file, &ctx.vault_path, &passphrase, replace)?;
    if ctx.json {
        output::json(&json!({ "restored": ctx.vault_path }));
    } else {
        println!(
            "Restored {} to {}.",
            file.display(),
            ctx.vault_path.display()
        );
    }
    Ok(())
}
