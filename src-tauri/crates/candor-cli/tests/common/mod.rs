//! Runs the real `candor` binary against vault files in a temporary folder.
//!
//! Every run starts from a clean environment as far as Candor is concerned: each `CANDOR_*`
//! variable inherited from the shell that runs the tests is removed, and only what the test
//! passes is set. Vaults are made with the cheapest key derivation the vault accepts, so a
//! command takes milliseconds.

// Each test file is its own crate and uses only part of this module.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The passphrase of the vaults the tests make.
pub const PASSPHRASE: &str = "correct horse battery staple";

/// `candor init` with the cheapest Argon2id parameters the bounds allow.
pub const INIT: [&str; 7] = [
    "init",
    "--kdf-memory",
    "19",
    "--kdf-iterations",
    "2",
    "--kdf-parallelism",
    "1",
];

/// `candor employer init` for Fjordkraft Data AS with the cheapest Argon2id parameters,
/// its card naming an intake server on loopback.
pub const EMPLOYER_INIT: [&str; 20] = [
    "employer",
    "init",
    "--organisation",
    "Fjordkraft Data AS",
    "--number",
    "987654321",
    "--contact",
    "rekruttering@fjordkraft.example",
    "--privacy-contact",
    "personvern@fjordkraft.example",
    "--privacy-policy",
    "https://fjordkraft.example/personvern",
    "--kdf-memory",
    "19",
    "--kdf-iterations",
    "2",
    "--kdf-parallelism",
    "1",
    "--json",
    "--intake-url=http://127.0.0.1:8450/intake",
];

/// The environment that unlocks a test vault.
pub const UNLOCK: [(&str, &str); 1] = [("CANDOR_PASSPHRASE", PASSPHRASE)];

/// Characters a recovery code is written with (Crockford's base 32).
pub const CODE_ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The time zone every test run of `candor` has (`TZ`): Oslo's rule, written out so that
/// no zone database is needed. People's times are local, so a UTC time would show.
pub const TEST_ZONE: &str = "CET-1CEST,M3.5.0,M10.5.0/3";

/// Times as `candor` shows them in [`TEST_ZONE`].
#[allow(dead_code)]
pub fn people_time() -> candor_model::PeopleTime {
    candor_model::PeopleTime::in_zone(
        jiff::tz::TimeZone::posix(TEST_ZONE).expect("a valid POSIX time zone"),
    )
}

/// A temporary folder, removed at the end of the test, and the vault path inside it.
pub struct Sandbox {
    dir: tempfile::TempDir,
    pub vault: PathBuf,
}

impl Sandbox {
    /// An empty folder; the vault path does not exist yet.
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let vault = dir.path().join("vault.candor");
        Sandbox { dir, vault }
    }

    /// A folder with a vault made by `candor init`, unlocked by [`PASSPHRASE`]; also returns
    /// its recovery code.
    pub fn with_vault() -> (Sandbox, String) {
        let sandbox = Sandbox::new();
        let mut args = vec!["--json"];
        args.extend(INIT);
        let out = sandbox.run(&args, &UNLOCK, None);
        let init = json_of(&succeeded(&out));
        let code = init["recoveryCode"]
            .as_str()
            .expect("init --json prints the recovery code");
        (sandbox, code.to_owned())
    }

    /// A path inside the folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `candor --vault <the vault> args…` in [`TEST_ZONE`] with only `envs` of Candor's variables set,
    /// `stdin` (or nothing) as its input, in the folder.
    pub fn run(&self, args: &[&str], envs: &[(&str, &str)], stdin: Option<&[u8]>) -> Output {
        self.run_on(&self.vault, args, envs, stdin)
    }

    /// [`Sandbox::run`] against another vault path.
    pub fn run_on(
        &self,
        vault: &Path,
        args: &[&str],
        envs: &[(&str, &str)],
        stdin: Option<&[u8]>,
    ) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_candor"));
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("CANDOR_") {
                command.env_remove(key);
            }
        }
        command
            .arg("--vault")
            .arg(vault)
            .args(args)
            .env("TZ", TEST_ZONE)
            .envs(envs.iter().copied())
            .current_dir(self.dir.path())
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the candor binary starts");
        if let Some(input) = stdin {
            let mut pipe = child.stdin.take().expect("stdin is piped");
            // A command that fails before reading its input closes the pipe; its output
            // says so, not this write.
            let _ = pipe.write_all(input);
        }
        let out = child
            .wait_with_output()
            .expect("the candor binary runs to the end");
        if !args.contains(&"--json") {
            for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                let text = String::from_utf8_lossy(bytes);
                // A document printed as it is (a key card, a receipt) is data, not prose.
                if text.trim_start().starts_with(['{', '[']) {
                    continue;
                }
                assert!(
                    !has_fractional_seconds(&text),
                    "`candor {}` printed a time to the fraction of a second on {stream}; people read minutes or days:\n{text}",
                    args.join(" ")
                );
            }
        }
        out
    }

    /// Runs a command on the unlocked vault that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        succeeded(&self.run(args, &UNLOCK, None))
    }

    /// [`Sandbox::ok`] with `--json`, parsed.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend(args);
        json_of(&self.ok(&all))
    }

    /// Runs an `add` command with `--json` and returns the new record's id.
    pub fn add(&self, args: &[&str]) -> String {
        let added = self.json(args);
        let id = added["id"]
            .as_str()
            .expect("an add command prints the new id")
            .to_owned();
        assert_is_id(&id);
        id
    }

    /// `candor profile show`, parsed.
    pub fn profile(&self) -> serde_json::Value {
        json_of(&self.ok(&["profile", "show"]))
    }

    /// `candor profile set` with `document` on stdin.
    pub fn set_profile(&self, document: &str) -> Output {
        self.run(&["profile", "set"], &UNLOCK, Some(document.as_bytes()))
    }
}

/// The stdout of a command that succeeded with nothing on stderr.
pub fn succeeded(out: &Output) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the command should succeed; it said: {stderr}"
    );
    assert_eq!(
        stderr, "",
        "a command that succeeds prints nothing on stderr"
    );
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

/// Asserts that a command was refused the way every refusal is — exit code 1, nothing on
/// stdout, stderr one or more lines each starting `candor: ` — and returns the message: the
/// lines without the prefix, joined by newlines.
pub fn refusal(out: &Output) -> String {
    let stderr = String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a refusal exits with 1; stderr: {stderr}"
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "",
        "a refusal prints nothing on stdout"
    );
    assert!(
        stderr.ends_with('\n'),
        "stderr ends with a newline: {stderr:?}"
    );
    let lines: Vec<&str> = stderr
        .lines()
        .map(|line| {
            line.strip_prefix("candor: ")
                .unwrap_or_else(|| panic!("each line of stderr starts with `candor: `: {stderr:?}"))
        })
        .collect();
    assert!(!lines.is_empty(), "a refusal says why");
    lines.join("\n")
}

/// Asserts that a command was refused with exactly `message`.
pub fn assert_refused(out: &Output, message: &str) {
    assert_eq!(refusal(out), message);
}

/// Parses a command's JSON output.
pub fn json_of(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("stdout should be JSON ({e}); it was {stdout:?}"))
}

/// Asserts that `id` looks like a record id: 16 lower-case hexadecimal digits.
pub fn assert_is_id(id: &str) {
    assert!(
        id.len() == 16
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
        "a record id is 16 lower-case hex digits; got {id:?}"
    );
}

/// The id in a text-mode `Added <what> <id>.` line, after checking the whole line.
pub fn added_id(stdout: &str, what: &str) -> String {
    let id = stdout
        .strip_prefix(&format!("Added {what} "))
        .and_then(|rest| rest.strip_suffix(".\n"))
        .unwrap_or_else(|| panic!("expected `Added {what} <id>.`; got {stdout:?}"));
    assert_is_id(id);
    id.to_owned()
}

/// Asserts that a recovery code is printed the way codes are: nine groups of four
/// characters from the code alphabet, joined by dashes.
pub fn assert_is_recovery_code(code: &str) {
    let groups: Vec<&str> = code.split('-').collect();
    assert_eq!(
        groups.len(),
        9,
        "a recovery code has nine groups; got {code:?}"
    );
    for group in groups {
        assert_eq!(group.len(), 4, "each group of {code:?} has four characters");
        assert!(
            group.chars().all(|c| CODE_ALPHABET.contains(c)),
            "{code:?} uses only the characters {CODE_ALPHABET}"
        );
    }
}

/// The text `candor init` and `candor recover` print around a recovery code.
pub fn recovery_code_text(headline: &str, code: &str) -> String {
    format!(
        "{headline}\n\
         \n\
         Your recovery code (shown once; write it down and keep it somewhere safe):\n\
         \n    {code}\n\
         \n\
         With it you can open the vault and set a new passphrase if you forget yours.\n"
    )
}

/// The code printed on the indented line of [`recovery_code_text`].
pub fn code_in(stdout: &str) -> String {
    let line = stdout
        .lines()
        .find(|line| line.starts_with("    "))
        .unwrap_or_else(|| panic!("an indented line with the recovery code in {stdout:?}"));
    line.trim().to_owned()
}

/// Whether `needle` occurs anywhere in `haystack`.
pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// The path of a real sample file in candor-formats' copies (see
/// ../candor-formats/tests/fixtures/SOURCES.md): `emrex/nor-emrex-1.0.xml`.
pub fn sample_file(path: &str) -> PathBuf {
    PathBuf::from(format!(
        "{}/../candor-formats/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
}

impl Sandbox {
    /// The vault file and its SQLite sidecars (-wal, -shm) that exist, with their bytes.
    pub fn vault_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        ["", "-wal", "-shm"]
            .iter()
            .map(|suffix| {
                let mut path = self.vault.clone().into_os_string();
                path.push(suffix);
                PathBuf::from(path)
            })
            .filter(|path| path.exists())
            .map(|path| {
                let bytes = std::fs::read(&path).expect("a vault file reads");
                (path, bytes)
            })
            .collect()
    }

    /// Writes `bytes` to a file named `name` in the folder and returns its path as text.
    pub fn file(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.path(name);
        std::fs::write(&path, bytes).expect("written");
        path.to_str().expect("UTF-8 path").to_owned()
    }
}

/// Whether `text` holds a time such as `22:52:09.017629324`: seconds with a fraction,
/// which only `--json` may print.
pub fn has_fractional_seconds(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len()).any(|i| {
        digit(i)
            && digit(i + 1)
            && b.get(i + 2) == Some(&b':')
            && digit(i + 3)
            && digit(i + 4)
            && b.get(i + 5) == Some(&b':')
            && digit(i + 6)
            && digit(i + 7)
            && b.get(i + 8) == Some(&b'.')
            && digit(i + 9)
    })
}

#[test]
fn fractional_seconds_are_found_and_minutes_are_not() {
    assert!(has_fractional_seconds(
        "expires 2027-03-02T22:52:09.017629324Z"
    ));
    assert!(!has_fractional_seconds("expires 2 March 2027, 22:52 UTC"));
    assert!(!has_fractional_seconds("at 22:52:09 sharp"));
}

/// A PDF's text as `pdftotext -layout` reads it.
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(output.status.success(), "pdftotext reads the PDF");
    String::from_utf8(output.stdout).expect("UTF-8 text")
}
