//! The arguments of sharing and of what follows it: recipients, shares, the ledger, the
//! employer's commands, reveals, requests, receipts and corrections.

use super::*;

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
    /// Add a CV of this view as PDF, made now from exactly what is shared
    #[arg(long)]
    pub with_cv: bool,
    /// Add the cover letter of this application as PDF (its id, or the start of it); in an
    /// anonymous view, what names you is left out of it
    #[arg(long, value_name = "APPLICATION")]
    pub with_letter: Option<String>,
    /// The layout of the CV and the letter
    #[arg(long, value_enum, default_value = "classic")]
    pub template: CvTemplate,
    /// The language of the CV's headings and the letter's date and greeting
    #[arg(long, value_enum, default_value = "en")]
    pub lang: CvLang,
    /// Print exactly what would be sent, and write nothing
    #[arg(long)]
    pub preview: bool,
    /// Where to write the bundle
    #[arg(long, required_unless_present = "preview")]
    pub out: Option<PathBuf>,
    /// Then post the bundle to the organisation's intake address (on its key card); the
    /// file stays where --out put it
    #[arg(long, conflicts_with = "preview")]
    pub send: bool,
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
    /// Delete everything one candidate sent, now; the same bundles sent again are refused
    Delete {
        /// The candidate's id or name (pseudonym)
        candidate: String,
    },
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
