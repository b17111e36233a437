// The IPC types the UI uses, all from the generated bindings (one place to follow them).
// What the form edits and sends: the `_Deserialize` shapes (what Rust reads; they accept
// what Rust sends, too). What Rust returns: the `_Serialize` shapes.
export type {
  Address_Deserialize as Address,
  ApplicationOrder,
  ApplicationPage_Serialize as ApplicationPage,
  ApplicationQuery_Deserialize as ApplicationQuery,
  ApplicationSummary_Serialize as ApplicationSummary,
  Application_Serialize as Application,
  Application_Deserialize as ApplicationInput,
  AppInfo_Serialize as AppInfo,
  Award_Deserialize as Award,
  Certificate_Deserialize as Certificate,
  Document_Serialize as Document,
  Education_Deserialize as Education,
  Entry,
  ErrorCode,
  ExportDone,
  ExportSummary,
  FieldProblem,
  FileFormat,
  GpaView,
  Grade,
  ImportFormat,
  ImportPreview_Serialize as ImportPreview,
  ImportReport_Serialize as ImportReport,
  Interest_Deserialize as Interest,
  IpcError_Serialize as IpcError,
  Language_Deserialize as Language,
  LearnerView_Serialize as LearnerView,
  LearningOpportunity_Deserialize as LearningOpportunity,
  NationalId,
  NewApplication_Deserialize as NewApplication,
  Pipeline_Serialize as Pipeline,
  PipelineColumn_Serialize as PipelineColumn,
  Person_Deserialize as Person,
  Prefs_Serialize as Prefs,
  Profile_Deserialize as Profile,
  Project_Deserialize as Project,
  Publication_Deserialize as Publication,
  Reference_Deserialize as Reference,
  SectionCount,
  SortKey,
  ShownRecoveryCode,
  Skill_Deserialize as Skill,
  SocialProfile_Deserialize as SocialProfile,
  StatusChange_Serialize as StatusChange,
  Strength,
  VaultInfo,
  Volunteer_Deserialize as Volunteer,
  Work_Deserialize as Work,
  Candidate_Serialize as Candidate,
  EmployerDetails_Deserialize as EmployerDetails,
  Holdings_Serialize as Holdings,
  InvitationRow,
  LedgerEntry_Serialize as LedgerEntry,
  ReceivedSummary_Serialize as ReceivedSummary,
  RecipientInfo_Serialize as RecipientInfo,
  RemovedMetadata,
  ShareOutcome_Serialize as ShareOutcome,
  SharePreview_Serialize as SharePreview,
  ViewChoice_Deserialize as ViewChoice,
  ViewKind,
  AnswerSummary_Serialize as AnswerSummary,
  Letters,
  NoticeAnswered,
  NoticeReplied,
  RequestKind,
  RequestRow_Serialize as RequestRow,
  RequestSent_Serialize as RequestSent,
  RequestState,
} from "./bindings";

/** Rust's ApplicationStatus (a string at the boundary). */
export type ApplicationStatus = "draft" | "applied" | "interview" | "offer" | "hired" | "rejected" | "withdrawn";
/** Rust's DocumentKind (a string at the boundary). */
export type DocumentKind = "cv" | "cover-letter" | "diploma" | "transcript" | "photo" | "other";

/** Every status, in the order of an application (the pipeline's columns). */
export const STATUSES: ApplicationStatus[] = ["draft", "applied", "interview", "offer", "hired", "rejected", "withdrawn"];

/** Statuses after which nothing is due any more. */
export const CLOSED_STATUSES: ApplicationStatus[] = ["hired", "rejected", "withdrawn"];

export const DOCUMENT_KINDS: DocumentKind[] = ["cv", "cover-letter", "diploma", "transcript", "photo", "other"];

/** The grade schemes a course can pick; `other:NAME` schemes read from imports are kept as they are. */
export const GRADE_SCHEMES = [
  "ects",
  "norwegian-pass-fail",
  "finnish-numeric",
  "finnish-pass-fail",
  "swedish-ug-vg",
  "numeric",
  "credit-transfer",
] as const;

/** The labels each scheme has (for suggestions); schemes without a list take any label. */
export const GRADE_LABELS: Record<string, string[]> = {
  ects: ["A", "B", "C", "D", "E", "FX", "F"],
  "norwegian-pass-fail": ["bestått", "ikke bestått", "godkjent", "ikke godkjent"],
  "finnish-numeric": ["0", "1", "2", "3", "4", "5"],
  "finnish-pass-fail": ["hyväksytty", "hylätty", "hyv", "hyl"],
  "swedish-ug-vg": ["U", "G", "VG"],
  "credit-transfer": ["innpasset", "godskrevet", "transferred"],
};

export const CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;

/** The profile's sections by their JSON names, as `saveProfile` takes them. */
export const PROFILE_SECTIONS = [
  "person",
  "education",
  "work",
  "skills",
  "languages",
  "interests",
  "projects",
  "certificates",
  "awards",
  "publications",
  "volunteer",
  "references",
] as const;
export type ProfileSection = (typeof PROFILE_SECTIONS)[number];
