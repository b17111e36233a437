// Imports and exports in words: the formats a person can import, and the section, person
// field and record kind names Rust reports, each as the label the profile already uses.
import { isKey, type Key, type Translate } from "./i18n";
import type { FileFormat, ImportReport } from "./bindings";

/** The formats the Import screen offers, in its order. */
export const IMPORT_FORMATS: FileFormat[] = ["emrex", "linkedin", "json-resume"];

/** A profile section ("education", "skills"…) by its heading in the profile. */
export function sectionLabel(t: Translate, section: string): string {
  const key = `${section}.title`;
  return isKey(key) ? t(key) : section;
}

const PERSON_FIELDS: Record<string, Key> = {
  name: "person.name",
  givenName: "import.field.givenName",
  familyName: "import.field.familyName",
  label: "person.label",
  email: "person.email",
  phone: "person.phone",
  url: "person.url",
  summary: "person.summary",
  birthDate: "person.birthDate",
  gender: "import.field.gender",
  nationalId: "import.field.nationalId",
  addresses: "address.title",
  profiles: "social.title",
};

/** A person field an import fills ("birthDate"), by its label in the profile. */
export function personFieldLabel(t: Translate, field: string): string {
  const key = PERSON_FIELDS[field];
  return key ? t(key) : field;
}

const RECORD_KINDS: Record<string, Key> = {
  person: "person.title",
  education: "education.title",
  work: "work.title",
  skill: "skills.title",
  language: "languages.title",
  interest: "interests.title",
  project: "projects.title",
  certificate: "certificates.title",
  award: "awards.title",
  publication: "publications.title",
  volunteer: "volunteer.title",
  reference: "references.title",
  document: "documents.title",
  application: "applications.title",
  "import-source": "export.kind.import-source",
  "ledger-entry": "export.kind.ledger-entry",
};

/** A record kind in an export's counts ("skill", "ledger-entry"), in words. */
export function recordKindLabel(t: Translate, kind: string): string {
  const key = RECORD_KINDS[kind];
  return key ? t(key) : kind;
}

/** Entries an import adds (or would add), over every section. */
export function entriesAdded(report: ImportReport): number {
  return report.sections.reduce((sum, s) => sum + s.added, 0);
}

/** Whether an import adds nothing at all: no entry, person field or document. */
export function addsNothing(report: ImportReport): boolean {
  return entriesAdded(report) === 0 && report.personFields.length === 0 && report.documents.length === 0;
}

/** The last part of a path, for headings (the whole path is shown beside it). */
export function fileName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}
