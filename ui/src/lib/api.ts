// The one door to Rust: every call goes through the generated bindings, and every failure
// comes out as a thrown `IpcFailure` carrying the `IpcError` the UI translates.
//
// A failure can also be a plain string: Tauri rejects with one when the arguments do not
// deserialize (a date or a number of credits Rust refuses while reading them). That is
// turned into an `internal` IpcError whose message is the string, so nothing crashes.
import { commands } from "./bindings";
import type {
  ApplicationInput,
  ApplicationOrder,
  ApplicationQueryInput,
  ApplicationStatus,
  CvRequestInput,
  DocumentKind,
  DraftKind,
  EmployerDetailsInput,
  FileFormat,
  IpcError,
  LearningOpportunityInput,
  NewApplicationInput,
  ProfileInput,
  RequestKind,
  ViewChoiceInput,
  MadeChoiceInput,
  ViewKind,
} from "./bindings";
import { sessionLost } from "./stores";
import type { Language } from "./i18n";

/** What each kind of draft is: the argument its form's save command takes. */
type Drafts = { profile: ProfileInput; application: NewApplicationInput };

export class IpcFailure extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    super(error.message);
    this.name = "IpcFailure";
    this.error = error;
  }
}

type Outcome<T> = { status: "ok"; data: T } | { status: "error"; error: unknown };

/** Any rejection or error value as an IpcError. */
export function toIpcError(raw: unknown): IpcError {
  if (raw instanceof IpcFailure) return raw.error;
  if (raw && typeof raw === "object" && "code" in raw && typeof (raw as { code: unknown }).code === "string") {
    const e = raw as Partial<IpcError> & { code: string };
    return {
      code: e.code as IpcError["code"],
      message: e.message ?? "",
      field: e.field ?? null,
      params: e.params ?? {},
      problems: e.problems ?? [],
    };
  }
  const message = raw instanceof Error ? raw.message : typeof raw === "string" ? raw : String(raw);
  return { code: "internal", message, field: null, params: {}, problems: [] };
}

function fail(raw: unknown): never {
  const error = toIpcError(raw);
  // The vault locked itself behind our back (idle timer, or another window): go to unlock.
  if (error.code === "locked") sessionLost();
  throw new IpcFailure(error);
}

/** Unwraps a command that returns a Result. */
export async function unwrap<T>(call: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await call;
  } catch (raw) {
    fail(raw);
  }
  if (outcome.status === "error") fail(outcome.error);
  return outcome.data;
}

/** Awaits a command that returns a plain value (it can still reject, e.g. on bad arguments). */
export async function plain<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (raw) {
    fail(raw);
  }
}

/** A share with nothing made for it: the view and the documents it attaches. */
export const NOTHING_MADE: MadeChoiceInput = { cv: false, letter: null, template: "classic", lang: "en" };

export const api = {
  ready: () => plain(commands.ready()),
  appInfo: () => plain(commands.appInfo()),
  passphraseStrength: (passphrase: string) => plain(commands.passphraseStrength(passphrase)),
  /** `acceptWeak`: the person confirmed a passphrase that is easy to guess. */
  createVault: (path: string, passphrase: string, acceptWeak: boolean) =>
    unwrap(commands.createVault(path, passphrase, acceptWeak)),
  unlockVault: (path: string, passphrase: string) => unwrap(commands.unlockVault(path, passphrase)),
  recoverVault: (path: string, code: string, passphrase: string, acceptWeak: boolean) =>
    unwrap(commands.recoverVault(path, code, passphrase, acceptWeak)),
  lockVault: () => plain(commands.lockVault()),
  touch: () => plain(commands.touch()),
  changePassphrase: (current: string, next: string, acceptWeak: boolean) =>
    unwrap(commands.changePassphrase(current, next, acceptWeak)),
  rekeyVault: (passphrase: string) => unwrap(commands.rekeyVault(passphrase)),
  backupVault: () => unwrap(commands.backupVault()),
  restoreVault: (passphrase: string) => unwrap(commands.restoreVault(passphrase)),
  setPrefs: (language: string, autoLockMinutes: number) => unwrap(commands.setPrefs(language, autoLockMinutes)),
  /** Every problem saving `draft` would meet, each at its field, as Rust reads and validates it. */
  checkDraft: <K extends DraftKind>(kind: K, draft: Drafts[K]) => unwrap(commands.checkDraft(kind, draft)),
  getProfile: () => unwrap(commands.getProfile()),
  saveProfile: (profile: ProfileInput, sections: string[]) => unwrap(commands.saveProfile(profile, sections)),
  computeGpa: (courses: LearningOpportunityInput[]) => plain(commands.computeGpa(courses)),
  /** Every dated item: next steps, answers owed, delete-by days; overdue first. */
  agenda: () => unwrap(commands.agenda()),
  /** Where the calendar file was saved, or `null` when the dialog was cancelled. */
  saveAgendaIcs: (lang: Language) => unwrap(commands.saveAgendaIcs(lang)),
  previewCv: (request: CvRequestInput) => unwrap(commands.previewCv(request)),
  /** Where the PDF was saved, or `null` when the dialog was cancelled. */
  saveCvPdf: (request: CvRequestInput) => unwrap(commands.saveCvPdf(request)),
  coverLetterText: (id: string) => unwrap(commands.coverLetterText(id)),
  saveCoverLetter: (id: string, text: string) => unwrap(commands.saveCoverLetter(id, text)),
  saveCoverLetterPdf: (id: string, template: string | null, lang: Language) => unwrap(commands.saveCoverLetterPdf(id, template, lang)),
  listDocuments: () => unwrap(commands.listDocuments()),
  addDocument: (kind: DocumentKind) => unwrap(commands.addDocument(kind)),
  openDocument: (id: string) => unwrap(commands.openDocument(id)),
  saveDocumentCopy: (id: string) => unwrap(commands.saveDocumentCopy(id)),
  removeDocument: (id: string) => unwrap(commands.removeDocument(id)),
  listApplications: (query: ApplicationQueryInput, order: ApplicationOrder, offset: number, limit: number) =>
    unwrap(commands.listApplications(query, order, offset, limit)),
  applicationPipeline: (query: ApplicationQueryInput, order: ApplicationOrder, limits: Partial<Record<ApplicationStatus, number>>) =>
    unwrap(commands.applicationPipeline(query, order, limits)),
  getApplication: (id: string) => unwrap(commands.getApplication(id)),
  addApplication: (application: NewApplicationInput) => unwrap(commands.addApplication(application)),
  updateApplication: (id: string, application: ApplicationInput) => unwrap(commands.updateApplication(id, application)),
  moveApplication: (id: string, status: ApplicationStatus, note: string | null) =>
    unwrap(commands.moveApplication(id, status, note)),
  openJobLink: (id: string) => unwrap(commands.openJobLink(id)),
  chooseNewVaultPath: () => commands.chooseNewVaultPath(),
  chooseVaultToOpen: () => commands.chooseVaultToOpen(),
  saveEmergencySheet: (code: string, vault: string, lang: "en" | "nb") => unwrap(commands.saveEmergencySheet(code, vault, lang)),
  undoMoveApplication: (id: string, from: ApplicationStatus, to: ApplicationStatus) =>
    unwrap(commands.undoMoveApplication(id, from, to)),
  deleteApplication: (id: string) => unwrap(commands.deleteApplication(id)),
  previewImport: (format: FileFormat) => unwrap(commands.previewImport(format)),
  confirmImport: (format: FileFormat, path: string, keepIdentity: boolean) =>
    unwrap(commands.confirmImport(format, path, keepIdentity)),
  exportAll: (includeNationalId: boolean) => unwrap(commands.exportAll(includeNationalId)),
  exportJsonResume: () => unwrap(commands.exportJsonResume()),
  listRecipients: () => unwrap(commands.listRecipients()),
  addRecipientFile: () => unwrap(commands.addRecipientFile()),
  addRecipientUrl: (url: string) => unwrap(commands.addRecipientUrl(url)),
  previewShare: (recipient: string, choice: ViewChoiceInput, made: MadeChoiceInput = NOTHING_MADE) =>
    unwrap(commands.previewShare(recipient, choice, made)),
  saveShare: (
    recipient: string,
    choice: ViewChoiceInput,
    expiresDays: number,
    purpose: string,
    plain: boolean,
    acceptWarnings: boolean,
    made: MadeChoiceInput = NOTHING_MADE,
  ) => unwrap(commands.saveShare(recipient, choice, expiresDays, purpose, plain, acceptWarnings, made)),
  sendShare: (bundleId: string, path: string) => unwrap(commands.sendShare(bundleId, path)),
  showInFolder: (path: string) => unwrap(commands.showInFolder(path)),
  getLedger: () => unwrap(commands.getLedger()),
  listShares: () => unwrap(commands.listShares()),
  recipientHoldings: (recipient: string) => unwrap(commands.recipientHoldings(recipient)),
  createEmployerVault: (path: string, passphrase: string, acceptWeak: boolean, details: EmployerDetailsInput) =>
    unwrap(commands.createEmployerVault(path, passphrase, acceptWeak, details)),
  saveEmployerCard: () => unwrap(commands.saveEmployerCard()),
  importBundle: () => unwrap(commands.importBundle()),
  listCandidates: () => unwrap(commands.listCandidates()),
  saveReceivedEntry: (bundleId: string, path: string) => unwrap(commands.saveReceivedEntry(bundleId, path)),
  inviteCandidate: (candidate: string, message: string) => unwrap(commands.inviteCandidate(candidate, message)),
  deleteCandidate: (candidate: string) => unwrap(commands.deleteCandidate(candidate)),
  sendRequest: (recipient: string, view: ViewKind, kind: RequestKind) => unwrap(commands.sendRequest(recipient, view, kind)),
  openEmail: (mailto: string) => unwrap(commands.openEmail(mailto)),
  saveLetter: (text: string, name: string) => unwrap(commands.saveLetter(text, name)),
  sendNotice: (recipient: string, path: string) => unwrap(commands.sendNotice(recipient, path)),
  listRequests: () => unwrap(commands.listRequests()),
  importAnswerFile: () => unwrap(commands.importAnswerFile()),
  requestComplaint: (request: string) => unwrap(commands.requestComplaint(request)),
  answerNoticeFile: (extendMonths: number | null, reason: string | null) =>
    unwrap(commands.answerNoticeFile(extendMonths, reason)),
  listNotices: () => unwrap(commands.listNotices()),
  importInvitationFile: () => unwrap(commands.importInvitationFile()),
  listInvitations: () => unwrap(commands.listInvitations()),
  saveReveal: (recipient: string) => unwrap(commands.saveReveal(recipient)),
};
