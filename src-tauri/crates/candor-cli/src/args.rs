//! The command line, as clap derives it.

use std::path::PathBuf;

use candor_model::ViewKind;
use candor_vault::bundle::RequestKind;
use clap::{Args, Parser, Subcommand};

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
    /// List applications, newest first; filters combine
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

#[derive(Debug, Subcommand)]
pub enum RecipientCommand {
    /// Add an organisation from its key card: a file, or an https:// URL
    Add {
        /// The key card file or URL
        card: String,
    },
    /// List the organisations you can share with
    List,
    /// Show one organisation's card and fingerprint
    Show {
        /// Its name, fingerprint or id
        recipient: String,
    },
}

#[derive(Debug, Args)]
pub struct ShareArgs {
    /// The organisation: its name, fingerprint or id (see `candor recipient list`)
    #[arg(long)]
    pub to: String,
    /// anonymous (no name, contact or employer and school names unless included) or full
    #[arg(long, value_enum)]
    pub view: ViewKind,
    /// A field or item to share beyond what the view shares (person.email, work[0].name,
    /// documents[ID]); repeat for more
    #[arg(long, value_name = "PATH")]
    pub include: Vec<String>,
    /// An item or section to leave out (work[1], skills); repeat for more
    #[arg(long, value_name = "PATH")]
    pub exclude: Vec<String>,
    /// When the organisation must delete it: a number of days (90d) or a date (2027-03-01)
    #[arg(long, default_value = "90d")]
    pub expires: String,
    /// What it is for, as the organisation will see it
    #[arg(long, default_value = "")]
    pub purpose: String,
    /// Do not encrypt: anyone who gets the file can read it (it is still signed)
    #[arg(long, conflicts_with = "passphrase_protect")]
    pub plain: bool,
    /// Encrypt to a passphrase instead of the organisation's key (CANDOR_BUNDLE_PASSPHRASE,
    /// or asked)
    #[arg(long)]
    pub passphrase_protect: bool,
    /// Share even though the view has warnings (a signed transcript with your national id)
    #[arg(long)]
    pub yes: bool,
    /// Print exactly what would be sent, and write nothing
    #[arg(long)]
    pub preview: bool,
    /// Where to write the bundle
    #[arg(long, required_unless_present = "preview")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct LedgerArgs {
    /// Only what this organisation has: its name, fingerprint or id
    #[arg(long)]
    pub to: Option<String>,
    /// Print the consent receipt of one share (by bundle id)
    #[arg(long, value_name = "BUNDLE_ID", conflicts_with = "to")]
    pub receipt: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EmployerCommand {
    /// Create an employer vault and its key card
    Init(EmployerInitArgs),
    /// Write the organisation's key card, to give to candidates
    Card {
        /// Where to write it (printed when left out)
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Write the organisation's age identity, to decrypt bundles with the `age` tool
    ExportIdentity {
        /// Where to write it; readable by its owner only
        #[arg(long)]
        out: PathBuf,
    },
    /// Import bundles and notices received from candidates; a notice is answered at once
    /// with a signed answer written beside it (FILE.answer.candor)
    Import {
        /// The bundle and notice files
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Instead of answering the notices, say they will take this many more months (1–2)
        #[arg(long, value_name = "MONTHS", requires = "reason")]
        extend: Option<u8>,
        /// Why the answer takes longer (with --extend)
        #[arg(long)]
        reason: Option<String>,
    },
    /// List candidates and when what they sent expires
    Candidates,
    /// The notices candidates sent, and how they were answered
    Notices,
    /// Run the intake server: candidates POST bundles and notices to /intake
    Serve(ServeArgs),
    /// Show one candidate's profile
    Show {
        /// The candidate's id or name (pseudonym)
        candidate: String,
        /// Write one entry of the newest bundle (profile.html, attachments/...) to a file
        #[arg(long, value_name = "PATH", requires = "out")]
        entry: Option<String>,
        /// Where to write the entry
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// The intake server's settings; each default is safe for a server on the Internet behind
/// a TLS reverse proxy.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (loopback, behind a TLS reverse proxy; see --insecure-plain-http)
    #[arg(long, default_value = "127.0.0.1:8450")]
    pub listen: std::net::SocketAddr,
    /// Largest request body, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub max_body: usize,
    /// Bytes of request bodies held in memory at once (at least --max-body); more wait
    #[arg(long, value_name = "BYTES", default_value_t = 128 << 20)]
    pub max_buffered: usize,
    /// Requests taken at once from everyone together before answering 429
    #[arg(long, default_value_t = 20)]
    pub burst: u32,
    /// Requests per second from everyone together after that
    #[arg(long, default_value_t = 10)]
    pub rate: u32,
    /// Requests taken at once from one client address before answering it 429
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub peer_burst: u32,
    /// Requests per second from one client address after that
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub peer_rate: u32,
    /// The reverse proxy's address: its X-Forwarded-For names the client (ignored from
    /// anyone else)
    #[arg(long, value_name = "ADDR")]
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// Seconds a connection has to send a request's head (and an idle one stays open)
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout: u64,
    /// Seconds a request body has before --min-rate applies
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub body_grace: u64,
    /// Slowest a request body may come, in bytes per second on average; slower is cut (408)
    #[arg(long, value_name = "BYTES_PER_SEC", default_value_t = 16 << 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub min_rate: u64,
    /// Seconds a request waits for memory or for the vault before 503 with Retry-After
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub slot_wait: u64,
    /// Connections open at once; more wait to be accepted
    #[arg(long, value_name = "N", default_value_t = 256, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,
    /// Seconds between deletions of expired bundles while the server runs
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
    pub purge_every: u64,
    /// Serve plain HTTP on an address other machines can reach (not loopback): bundles and
    /// answers would cross the network without TLS. Use a TLS reverse proxy instead
    #[arg(long)]
    pub insecure_plain_http: bool,
    /// Access requests answered per candidate key in any 24 hours (deletion, withdrawal
    /// and revocation are never limited)
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub access_per_candidate: usize,
    /// Access requests answered in all in any 24 hours
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub access_per_day: usize,
    /// Largest part of an access export; a larger one is answered in several parts
    #[arg(long, value_name = "BYTES", default_value_t = 64 << 20)]
    pub export_part: u64,
}

#[derive(Debug, Args)]
pub struct EmployerInitArgs {
    /// The organisation's name
    #[arg(long)]
    pub organisation: String,
    /// The organisation number (Brønnøysundregistrene)
    #[arg(long)]
    pub number: String,
    /// Where candidates reach recruitment
    #[arg(long)]
    pub contact: String,
    /// Where requests about personal data go
    #[arg(long)]
    pub privacy_contact: String,
    /// The privacy policy's URL
    #[arg(long)]
    pub privacy_policy: String,
    /// Where bundles and notices can be posted, if you run `candor employer serve`
    #[arg(long)]
    pub intake_url: Option<String>,
    #[command(flatten)]
    pub kdf: InitArgs,
}

#[derive(Debug, Args)]
pub struct RevealArgs {
    /// The organisation you shared with anonymously
    #[arg(long)]
    pub to: String,
    /// An attachment to send along (documents[ID]); repeat for more
    #[arg(long, value_name = "PATH")]
    pub include: Vec<String>,
    /// An item or section to leave out (work[1], skills); repeat for more
    #[arg(long, value_name = "PATH")]
    pub exclude: Vec<String>,
    /// When the organisation must delete it: a number of days (90d) or a date (2027-03-01)
    #[arg(long, default_value = "90d")]
    pub expires: String,
    /// What it is for, as the organisation will see it
    #[arg(long, default_value = "")]
    pub purpose: String,
    /// Share even though the view has warnings
    #[arg(long)]
    pub yes: bool,
    /// Where to write the bundle
    #[arg(long)]
    pub out: PathBuf,
}

#[derive(Debug, Args)]
pub struct RequestArgs {
    /// deletion (Art. 17), access (Art. 15), withdraw (consent, Art. 7(3)) or revoke
    #[arg(value_enum)]
    pub kind: RequestKind,
    #[command(flatten)]
    pub target: RequestTarget,
}

#[derive(Debug, Args)]
pub struct RequestTarget {
    /// The organisation
    #[arg(long)]
    pub to: String,
    /// Which of your shares it is about: those made anonymously (signed with your
    /// pseudonym) or in full
    #[arg(long, value_enum, default_value_t = ViewKind::Full)]
    pub view: ViewKind,
    /// Where to write the notice (send it as a file or by e-mail)
    #[arg(long)]
    pub out: PathBuf,
    /// Also post it to the organisation's intake URL and take in the answer
    #[arg(long)]
    pub send: bool,
}

#[derive(Debug, Subcommand)]
pub enum ReceiptCommand {
    /// Import an organisation's signed answer to one of your requests
    Import {
        /// The answer file
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct CorrectArgs {
    /// The bundle to correct (its id, from `candor ledger`)
    pub bundle: String,
    /// A field or item to share beyond what the view shares; repeat for more
    #[arg(long, value_name = "PATH")]
    pub include: Vec<String>,
    /// An item or section to leave out; repeat for more
    #[arg(long, value_name = "PATH")]
    pub exclude: Vec<String>,
    /// When the organisation must delete it: a number of days (90d) or a date (2027-03-01)
    #[arg(long, default_value = "90d")]
    pub expires: String,
    /// What it is for
    #[arg(long, default_value = "")]
    pub purpose: String,
    /// Where to write the bundle
    #[arg(long)]
    pub out: PathBuf,
}
