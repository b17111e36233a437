//! The command line, as clap derives it.

use std::path::PathBuf;

use candor_model::ViewKind;
use candor_vault::bundle::RequestKind;
use clap::{Args, Parser, Subcommand, ValueEnum};

mod sharing;

pub use sharing::*;

/// Candor keeps your CV, grades, skills, documents and applications encrypted on your own
/// machine.
#[derive(Debug, Parser)]
#[command(name = "candor", version, about, propagate_version = true)]
pub struct Cli {
    /// The vault file [default: the platform data folder, e.g. ~/.local/share/candor/vault.candor]
    #[arg(long, global = true, env = "CANDOR_VAULT", value_name = "PATH")]
    pub vault: Option<PathBuf>,

    /// Read the passphrase from the first line of this file instead of asking
    /// (CANDOR_PASSPHRASE works too)
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// Print JSON instead of text, for scripts
    #[arg(long, global = true)]
    pub json: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault and print its recovery code once
    Init(InitArgs),
    /// Change the passphrase (records are not re-encrypted; the recovery code keeps working)
    Passwd(NewPassphraseArgs),
    /// Open the vault with its recovery code, set a new passphrase, re-encrypt everything
    /// under a new key and get a new code
    Recover(RecoverArgs),
    /// Re-encrypt everything under a new key and get a new recovery code; the passphrase
    /// stays (use it if a copy of the vault and the old passphrase or code may be in other
    /// hands)
    Rekey,
    /// Show or replace the profile as JSON
    #[command(subcommand)]
    Profile(ProfileCommand),
    /// Education, with courses and grades
    #[command(subcommand)]
    Education(EducationCommand),
    /// Skills
    #[command(subcommand)]
    Skill(SkillCommand),
    /// Work experience
    #[command(subcommand)]
    Experience(ExperienceCommand),
    /// Job applications
    #[command(subcommand)]
    Apply(ApplyCommand),
    /// Documents (CVs, diplomas, transcripts…), stored encrypted
    #[command(subcommand)]
    Doc(DocCommand),
    /// Grade point average, the Norwegian way (ECTS A–E, weighted by credits)
    Gpa,
    /// Bring in data you hold elsewhere: an EMREX transcript, a LinkedIn export, a JSON Resume
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write a CV as PDF from a view of your profile, full or anonymous (not encrypted)
    Cv(CvArgs),
    /// Take your data out: a JSON Resume, or everything in the vault (data portability)
    #[command(subcommand)]
    Export(ExportCommand),
    /// Organisations you share with, from their key cards
    #[command(subcommand)]
    Recipient(RecipientCommand),
    /// Share a view of your profile with one organisation, as a signed, encrypted bundle
    Share(ShareArgs),
    /// Tell an organisation that the pseudonym it knows is you: a full view, signed by
    /// you and by the pseudonym
    Reveal(RevealArgs),
    /// Correct what you shared (GDPR Art. 16): a new bundle that replaces an earlier one
    Correct(CorrectArgs),
    /// Invitations employers sent to your pseudonyms
    Inbox {
        /// Import an invitation file first
        #[arg(long, value_name = "FILE")]
        import: Option<PathBuf>,
    },
    /// For organisations: invite an anonymous candidate, through its pseudonym
    Invite {
        /// The candidate's id or pseudonym
        candidate: String,
        /// What you want to say
        #[arg(long)]
        message: String,
        /// Where to write the invitation
        #[arg(long)]
        out: PathBuf,
    },
    /// Ask an organisation to delete, show or stop using what you shared (a signed notice)
    Request(RequestArgs),
    /// Revoke what you shared with an organisation (a signed notice asking it to delete it)
    Revoke(RequestTarget),
    /// Your requests and their answers; overdue ones first
    Requests {
        /// Print a complaint to Datatilsynet about this overdue request
        #[arg(long, value_name = "REQUEST_ID")]
        complaint: Option<String>,
    },
    /// Answers from organisations
    #[command(subcommand)]
    Receipt(ReceiptCommand),
    /// Every share you made: when, to whom, which fields (never their values)
    Ledger(LedgerArgs),
    /// What is due: next steps of applications, answers owed to you, shares to be deleted
    Agenda(AgendaArgs),
    /// Check a bundle's signature and hashes, and say what it holds
    Verify {
        /// The bundle file
        file: PathBuf,
    },
    /// For organisations: a key card, and bundles received from candidates
    #[command(subcommand)]
    Employer(EmployerCommand),
    /// Write a copy of the (still encrypted) vault into one file
    Backup {
        /// Where to write the backup; must not exist yet
        file: PathBuf,
    },
    /// Restore a backup to the vault path, after checking that it opens
    Restore {
        /// The backup file
        file: PathBuf,
        /// Replace a vault that already exists at the vault path
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Argon2id memory in MiB (19–1024)
    #[arg(long, default_value_t = 64, value_name = "MIB")]
    pub kdf_memory: u32,
    /// Argon2id passes (2–10)
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub kdf_iterations: u32,
    /// Argon2id lanes (1–16)
    #[arg(long, default_value_t = 4, value_name = "N")]
    pub kdf_parallelism: u32,
    /// Use the passphrase even if it is easy to guess, without asking (for scripts)
    #[arg(long)]
    pub accept_weak_passphrase: bool,
}

#[derive(Debug, Args)]
pub struct NewPassphraseArgs {
    /// Read the new passphrase from the first line of this file (CANDOR_NEW_PASSPHRASE works too)
    #[arg(long, value_name = "FILE")]
    pub new_passphrase_file: Option<PathBuf>,
    /// Use the new passphrase even if it is easy to guess, without asking (for scripts)
    #[arg(long)]
    pub accept_weak_passphrase: bool,
}

#[derive(Debug, Args)]
pub struct RecoverArgs {
    /// Read the recovery code from this file (CANDOR_RECOVERY_CODE works too)
    #[arg(long, value_name = "FILE")]
    pub recovery_code_file: Option<PathBuf>,
    #[command(flatten)]
    pub new: NewPassphraseArgs,
}

#[derive(Debug, Subcommand)]
pub enum ProfileCommand {
    /// Print the whole profile as JSON
    Show,
    /// Read a profile JSON document from stdin; the person and every section present replace what is stored
    Set,
}

#[derive(Debug, Subcommand)]
pub enum EducationCommand {
    /// Add an education (a degree or programme at an institution)
    Add {
        #[arg(long)]
        institution: String,
        #[arg(long)]
        programme: Option<String>,
        #[arg(long)]
        degree: Option<String>,
        /// Start date: YYYY, YYYY-MM or YYYY-MM-DD
        #[arg(long)]
        start: Option<String>,
        /// End date: YYYY, YYYY-MM or YYYY-MM-DD
        #[arg(long)]
        end: Option<String>,
    },
    /// List educations with their courses, grades and GPA
    List,
    /// Remove an education and its courses
    Rm { id: String },
    /// Courses inside an education
    #[command(subcommand)]
    Course(CourseCommand),
}

#[derive(Debug, Subcommand)]
pub enum CourseCommand {
    /// Add a course (or module group) to an education
    Add {
        /// The education's id (or its first characters)
        education: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        code: Option<String>,
        /// ECTS credits, e.g. 7.5
        // Negative numbers reach the model, which says why they are refused, instead of
        // clap reading "-5" as an unknown option.
        #[arg(long, allow_negative_numbers = true)]
        credits: Option<String>,
        /// The grade as written, e.g. B, bestått, VG
        #[arg(long)]
        grade: Option<String>,
        /// The grade scheme (ects, norwegian-pass-fail, finnish-numeric, finnish-pass-fail,
        /// swedish-ug-vg, numeric, credit-transfer); guessed from the grade when left out
        #[arg(long)]
        scheme: Option<String>,
        /// Date: YYYY, YYYY-MM or YYYY-MM-DD
        #[arg(long)]
        date: Option<String>,
        /// Put it inside the course or module group with this code
        #[arg(long, value_name = "CODE")]
        under: Option<String>,
    },
    /// Remove the course with this code (and what is inside it)
    Rm { education: String, code: String },
}

#[derive(Debug, Subcommand)]
pub enum SkillCommand {
    Add {
        name: String,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        level: Option<String>,
    },
    List,
    Rm {
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExperienceCommand {
    Add {
        #[arg(long)]
        company: String,
        #[arg(long)]
        position: Option<String>,
        #[arg(long)]
        start: Option<String>,
        #[arg(long)]
        end: Option<String>,
        #[arg(long)]
        summary: Option<String>,
        #[arg(long)]
        industry: Option<String>,
    },
    List,
    Rm {
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApplyCommand {
    /// Record a new application
    Add {
        #[arg(long)]
        company: String,
        #[arg(long)]
        position: String,
        #[arg(long)]
        link: Option<String>,
        #[arg(long)]
        contact: Option<String>,
        #[arg(long)]
        notes: Option<String>,
        /// The next thing to do
        #[arg(long)]
        next_step: Option<String>,
        /// When the next step is due, YYYY-MM-DD
        #[arg(long)]
        next_date: Option<String>,
    },
    /// List applications, newest first; filters combine. Names sort as your language
    /// (LANG) sorts them
    List {
        /// Part of the company name
        #[arg(long)]
        company: Option<String>,
        #[arg(long)]
        status: Option<String>,
        /// Created on or after, YYYY-MM-DD
        #[arg(long)]
        from: Option<String>,
        /// Created on or before, YYYY-MM-DD
        #[arg(long)]
        to: Option<String>,
        /// Text anywhere in company, position, contact, notes or next step
        #[arg(long)]
        text: Option<String>,
        /// Sort by this column: names from A, dates from the newest
        #[arg(long, value_enum, default_value_t = SortColumn::Created)]
        sort: SortColumn,
        /// Sort the other way round
        #[arg(long)]
        reverse: bool,
        /// Show at most this many, a page at a time
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        limit: Option<u32>,
        /// With --limit, which page to show, from 1
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
        page: u32,
    },
    /// Move an application to a new status (draft, applied, interview, offer, hired, rejected, withdrawn)
    Status {
        id: String,
        status: String,
        #[arg(long)]
        note: Option<String>,
    },
    /// Show one application with its history
    Show { id: String },
    /// The cover letter of an application: write it, show it, or make a PDF of it
    #[command(group(clap::ArgGroup::new("action").required(true).args(["edit", "from", "show", "pdf"])))]
    Letter(LetterArgs),
}

/// `candor apply letter`.
#[derive(Debug, Args)]
pub struct LetterArgs {
    /// The application's id (or the start of it)
    pub id: String,
    /// Write the letter: type it (or paste it) and end with Ctrl-D. A blank line starts a
    /// paragraph, "- " starts a bullet, **bold**, _italic_
    #[arg(long)]
    pub edit: bool,
    /// Write the letter from this text file, in the same form as --edit
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Print the letter in the form --edit reads
    #[arg(long)]
    pub show: bool,
    /// Write the letter as PDF to this file (not encrypted)
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
    /// With --pdf: a full letter signed with your name, or an anonymous one signed with
    /// the pseudonym the organisation (--to) knows you by
    #[arg(long, value_enum, default_value = "full", requires = "pdf")]
    pub view: ViewKind,
    /// With --pdf: the organisation it is for; an anonymous letter needs one
    #[arg(long, value_name = "ORGANISATION", requires = "pdf")]
    pub to: Option<String>,
    /// With --pdf: set like this CV template
    #[arg(long, value_enum, default_value = "classic", requires = "pdf")]
    pub template: CvTemplate,
    /// With --pdf: the language of the date, greeting and closing
    #[arg(long, value_enum, default_value = "en", requires = "pdf")]
    pub lang: CvLang,
    /// With --pdf: replace the file if there is one
    #[arg(long, requires = "pdf")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum DocCommand {
    /// Encrypt a file into the vault
    Add {
        file: PathBuf,
        /// cv, cover-letter, diploma, transcript, photo or other
        #[arg(long, default_value = "other")]
        kind: String,
        #[arg(long)]
        note: Option<String>,
    },
    List,
    /// Decrypt a document to a file you choose (or stdout with --out -)
    Get {
        id: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    Rm {
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// An ELMO transcript from EMREX or a diploma registry (XML, or the EMREX transport form)
    Emrex {
        /// The transcript file
        file: PathBuf,
        /// Show what would be added, and store nothing
        #[arg(long)]
        dry_run: bool,
        /// Also fill the learner's name, birth date and national identity number into the
        /// empty fields of your profile (otherwise they are not stored)
        #[arg(long)]
        keep_identity: bool,
        /// Languages to take titles in, most preferred first
        #[arg(
            long,
            value_delimiter = ',',
            default_value = "nb,no,en",
            value_name = "LANGS"
        )]
        lang: Vec<String>,
    },
    /// The zip from LinkedIn's "Get a copy of your data"
    Linkedin {
        /// The zip file
        file: PathBuf,
        /// Show what would be added, and store nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// A JSON Resume document (jsonresume.org)
    Jsonresume {
        /// The JSON file
        file: PathBuf,
        /// Show what would be added, and store nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Your profile as a JSON Resume, on stdout or into a new file
    Jsonresume {
        /// Write it to this file (which must not exist yet) instead of stdout
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Everything in the vault as a zip of JSON files and your documents, with a README
    All {
        /// The zip to write; must not exist yet
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Include your national identity number, and the issuer originals that hold it
        #[arg(long)]
        include_national_id: bool,
    },
}

/// A column `candor apply list` sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortColumn {
    Company,
    Position,
    /// In the order of an application: draft, applied, interview, …
    Status,
    Created,
    /// The next step's date; applications without one come last
    NextDate,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// Everything dated, not only what is overdue or due in the next 14 days
    #[arg(long)]
    pub all: bool,
    /// Write every dated item to this iCalendar file (.ics) for a calendar program; an
    /// export made later updates the same events instead of adding copies
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
    /// The language of the calendar's event titles
    #[arg(long, value_enum, default_value = "en")]
    pub lang: CvLang,
    /// Replace the file at --ics if there is one
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct CvArgs {
    /// full, or anonymous (under the pseudonym the organisation given with --to knows you by)
    #[arg(long, value_enum, default_value = "full")]
    pub view: ViewKind,
    /// The layout
    #[arg(long, value_enum, default_value = "classic")]
    pub template: CvTemplate,
    /// The language of headings and dates
    #[arg(long, value_enum, default_value = "en")]
    pub lang: CvLang,
    /// The organisation it is for: its name, fingerprint or id; an anonymous CV needs one
    #[arg(long, value_name = "ORGANISATION")]
    pub to: Option<String>,
    /// Where to write the PDF
    #[arg(long)]
    pub out: PathBuf,
    /// Replace the file at --out if there is one
    #[arg(long)]
    pub force: bool,
}

/// A CV layout `candor cv` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CvTemplate {
    /// One column, plain headings: what applicant tracking systems read best
    Classic,
    /// Denser: headings beside their sections, courses in two tables; more on a page
    Compact,
}

/// A language `candor cv` (or a calendar export) writes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CvLang {
    /// English
    En,
    /// Norwegian bokmål
    Nb,
}
