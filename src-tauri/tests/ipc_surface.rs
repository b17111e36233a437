//! The IPC surface: the checked-in TypeScript bindings match the Rust commands, every
//! command is declared and granted, and no command hands a secret back to the webview.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn bindings_path() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(candor_desktop::BINDINGS_PATH)
}

/// Regenerate with `UPDATE_BINDINGS=1 cargo test -p candor-desktop --test ipc_surface`
/// (or `make bindings`).
#[test]
fn checked_in_bindings_match_the_rust_commands() {
    let generated = candor_desktop::bindings();
    let path = bindings_path();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).expect("write the bindings");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "ui/src/lib/bindings.ts is stale: run `make bindings` and commit the result"
    );
}

#[test]
fn every_command_is_declared_granted_and_registered() {
    let declared: BTreeSet<&str> = candor_desktop::COMMANDS.iter().copied().collect();
    assert_eq!(
        declared.len(),
        candor_desktop::COMMANDS.len(),
        "each command is listed once"
    );
    let permissions = candor_desktop::window_permissions();
    let granted: BTreeSet<String> = permissions
        .iter()
        .filter_map(|p| p.strip_prefix("allow-").map(|c| c.replace('-', "_")))
        .collect();
    let declared_owned: BTreeSet<String> = declared.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        granted, declared_owned,
        "the window is granted exactly the declared commands"
    );
    for p in &permissions {
        assert!(
            !p.starts_with("fs:") && !p.starts_with("shell:") && !p.starts_with("dialog:"),
            "the webview must not get {p}"
        );
    }
    let bindings = candor_desktop::bindings();
    for command in &declared {
        let camel = camel_case(command);
        assert!(
            bindings.contains(&format!("\t{camel}: (")),
            "{command} is registered with the invoke handler"
        );
        assert!(
            bindings.contains(&format!("\"{command}\"")),
            "{command} is invoked by its Rust name"
        );
    }
}

/// No command returns the passphrase, the data key or a recovery code, except the two
/// that show a (new) recovery code at the moment it is made.
#[test]
fn no_command_returns_a_secret_to_the_webview() {
    let bindings = candor_desktop::bindings();
    let types = type_fields(&bindings);
    let returns = command_returns(&bindings);
    assert_eq!(
        returns.len(),
        candor_desktop::COMMANDS.len(),
        "every command's return type is read"
    );
    let shown: Vec<&str> = returns
        .iter()
        .filter(|(_, r)| r.contains("ShownRecoveryCode"))
        .map(|(c, _)| c.as_str())
        .collect();
    assert_eq!(
        shown,
        [
            "createVault",
            "recoverVault",
            "rekeyVault",
            "createEmployerVault"
        ],
        "only creating a vault (a seeker's or an employer's), recovering and re-keying show a \
         recovery code"
    );
    let secret_names = [
        "passphrase",
        "recoveryCode",
        "dek",
        "key",
        "kek",
        "secret",
        "password",
    ];
    for (command, returned) in &returns {
        let mut reachable = BTreeSet::new();
        collect_types(&bindings, returned, &types, &mut reachable);
        for ty in &reachable {
            for field in types.get(ty).into_iter().flatten() {
                let lower = field.to_lowercase();
                let is_secret = secret_names
                    .iter()
                    .any(|s| lower == s.to_lowercase() || lower.contains("passphrase"));
                if !is_secret {
                    continue;
                }
                assert!(
                    ty.starts_with("ShownRecoveryCode")
                        && field == "recoveryCode"
                        && shown.contains(&command.as_str()),
                    "{command} returns {ty}.{field}: secrets must not go back to the webview"
                );
            }
        }
    }
}

/// The names `values` serialize to, as a TypeScript union reads: `"a" | "b"`.
fn union_of<T: serde::Serialize>(values: &[T]) -> String {
    let names: Vec<String> = values
        .iter()
        .map(|value| serde_json::to_string(value).expect("serializes"))
        .collect();
    names.join(" | ")
}

/// The definition of `export type NAME`, without comments or line breaks.
fn definition(bindings: &str, name: &str) -> Option<String> {
    let mut text = String::new();
    let mut rest = bindings;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .split_once("*/")
            .map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let start = text.find(&format!("export type {name} = "))? + name.len() + 15;
    let body = &text[start..];
    let body = &body[..body.find(';')?];
    Some(body.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[test]
fn the_models_closed_sets_reach_typescript_as_unions_of_their_names() {
    use candor_model::{ApplicationStatus, DocumentKind, DraftKind, ViewKind};
    use candor_vault::bundle::{Kind, OutcomeKind, RequestKind, Sealing};
    let bindings = candor_desktop::bindings();
    let expected = [
        ("ApplicationStatus", union_of(&ApplicationStatus::ALL)),
        ("DocumentKind", union_of(&DocumentKind::ALL)),
        (
            "DraftKind",
            union_of(&[DraftKind::Profile, DraftKind::Application]),
        ),
        ("ViewKind", union_of(&ViewKind::ALL)),
        ("RequestKind", union_of(&RequestKind::ALL)),
        (
            "OutcomeKind",
            union_of(&[
                OutcomeKind::Deleted,
                OutcomeKind::Exported,
                OutcomeKind::Extended,
            ]),
        ),
        (
            "Sealing",
            union_of(&[Sealing::Recipient, Sealing::Passphrase, Sealing::Plain]),
        ),
        (
            "Kind",
            union_of(&[
                Kind::ProfileShare,
                Kind::Correction,
                Kind::Invitation,
                Kind::Reveal,
                Kind::Revocation,
                Kind::DeletionRequest,
                Kind::AccessRequest,
                Kind::ConsentWithdrawal,
                Kind::DeletionReceipt,
                Kind::AccessExport,
            ]),
        ),
    ];
    for (name, union) in expected {
        assert_eq!(
            definition(&bindings, name).as_deref(),
            Some(union.as_str()),
            "{name}"
        );
    }
}

#[test]
fn every_type_with_two_shapes_is_named_for_what_rust_sends_and_what_it_reads() {
    let bindings = candor_desktop::bindings();
    let both = bindings
        .lines()
        .filter_map(|line| line.strip_prefix("export type "))
        .find(|line| line.ends_with("_Deserialize;") && line.contains("_Serialize | "));
    assert_eq!(both, None, "a union of both shapes is left");
    assert!(bindings.contains("export type Profile = Profile_Serialize;"));
    assert!(bindings.contains("export type ProfileInput = Profile_Deserialize;"));
}

fn camel_case(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// `export type Name = { a: ..., b: ... }` → Name → [a, b] (top-level field names).
fn type_fields(bindings: &str) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for (start, _) in bindings.match_indices("export type ") {
        let rest = &bindings[start + "export type ".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let body = rest.split_once('=').map(|(_, b)| b).unwrap_or("");
        let end = body.find("\nexport ").unwrap_or(body.len());
        let body = &body[..end];
        let fields = body
            .split(['{', ';', ',', '\n'])
            .filter_map(|part| {
                part.trim()
                    .split_once(':')
                    .map(|(f, _)| f.trim().trim_end_matches('?').trim_matches('"').to_string())
            })
            .filter(|f| !f.is_empty() && f.chars().all(|c| c.is_alphanumeric() || c == '_'))
            .collect();
        out.insert(name, fields);
    }
    out
}

/// Each command and the text of its return type.
fn command_returns(bindings: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let block = bindings
        .split_once("export const commands = {")
        .map(|(_, b)| b)
        .unwrap_or("");
    let block = &block[..block.find("\n};").unwrap_or(block.len())];
    for line in block.lines() {
        let line = line.trim();
        let Some((name, rest)) = line.split_once(": (") else {
            continue;
        };
        if !name.chars().all(char::is_alphanumeric) {
            continue;
        }
        let Some((_, returned)) = rest.split_once(") => ") else {
            continue;
        };
        out.push((name.to_string(), returned.to_string()));
    }
    out
}

fn collect_types(
    bindings: &str,
    text: &str,
    types: &BTreeMap<String, Vec<String>>,
    seen: &mut BTreeSet<String>,
) {
    for word in text.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if types.contains_key(word) && seen.insert(word.to_string()) {
            // Follow the type's own body for the types nested in it.
            collect_types(bindings, &type_body(bindings, word), types, seen);
        }
    }
}

fn type_body(bindings: &str, name: &str) -> String {
    let marker = format!("export type {name} =");
    bindings
        .split_once(&marker)
        .map(|(_, rest)| rest[..rest.find("\nexport ").unwrap_or(rest.len())].to_string())
        .unwrap_or_default()
}
