// The profile as the form edits it, and back. The form edits a copy of the `Profile` the
// vault returned, with every optional value present as an empty string or list so inputs
// can bind to it; `forSave` drops those again (Rust reads an empty date or credits as an
// error, not as "none") and normalises codes Rust expects in upper case.
import {
  PROFILE_SECTIONS,
  type AddressInput,
  type EducationInput,
  type Grade,
  type LearningOpportunityInput,
  type NationalId,
  type PersonInput,
  type ProfileInput,
  type SocialProfileInput,
} from "./bindings";

/** The profile's sections by their JSON names, as `saveProfile` takes them. */
type ProfileSection = (typeof PROFILE_SECTIONS)[number];

/** A course with every field an input binds to. */
export type CourseForm = LearningOpportunityInput & { code: string; credits: string; grade: Grade; children: CourseForm[] };
export type EducationForm = EducationInput & { courses: CourseForm[] };
export type PersonForm = PersonInput & { addresses: AddressInput[]; profiles: SocialProfileInput[]; nationalId: NationalId };
/** A profile whose person and lists are all present. */
export type ProfileForm = Required<Omit<ProfileInput, "person" | "education">> & { person: PersonForm; education: EducationForm[] };

type Json = Record<string, unknown>;

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

export function emptyCourse(): CourseForm {
  return { code: "", title: "", credits: "", grade: { scheme: "ects", label: "" }, children: [] };
}

export function emptyEducation(): EducationForm {
  return { institution: "", area: "", studyType: "", startDate: "", endDate: "", courses: [] };
}

function courseForForm(course: LearningOpportunityInput): CourseForm {
  return {
    ...course,
    code: course.code ?? "",
    credits: course.credits ?? "",
    grade: course.grade ?? { scheme: "ects", label: "" },
    children: (course.children ?? []).map(courseForForm),
  };
}

export function forForm(profile: ProfileInput): ProfileForm {
  const p = clone(profile);
  const given = p.person ?? { name: "" };
  const person: PersonForm = {
    ...given,
    addresses: given.addresses ?? [],
    profiles: given.profiles ?? [],
    nationalId: given.nationalId ?? { country: "NO", value: "" },
  };
  return {
    person,
    education: (p.education ?? []).map((e) => ({ ...e, courses: (e.courses ?? []).map(courseForForm) })),
    work: p.work ?? [],
    skills: p.skills ?? [],
    languages: p.languages ?? [],
    interests: p.interests ?? [],
    projects: p.projects ?? [],
    certificates: p.certificates ?? [],
    awards: p.awards ?? [],
    publications: p.publications ?? [],
    volunteer: p.volunteer ?? [],
    references: p.references ?? [],
  };
}

/** Keys whose empty value means "none" and must not reach Rust as "". */
const DROP_IF_EMPTY = new Set([
  "credits",
  "startDate",
  "endDate",
  "date",
  "releaseDate",
  "birthDate",
  "kind",
  "gender",
  "givenName",
  "familyName",
  "photo",
  "status",
  "term",
]);
const TRIMMED = new Set(["credits", "startDate", "endDate", "date", "releaseDate", "birthDate"]);

function cleanObject(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cleanObject);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const [key, raw] of Object.entries(value as Json)) {
    let v = cleanObject(raw);
    if (typeof v === "string" && TRIMMED.has(key)) v = v.trim();
    if ((v === "" || v === null || v === undefined) && DROP_IF_EMPTY.has(key)) continue;
    if (key === "grade" && v && typeof v === "object" && !String((v as Json).label ?? "").trim()) continue;
    if (v === undefined) continue;
    out[key] = v;
  }
  return out;
}

export function cleanCourses(courses: LearningOpportunityInput[]): LearningOpportunityInput[] {
  return cleanObject(courses) as LearningOpportunityInput[];
}

function personIsEmpty(person: PersonInput): boolean {
  const { nationalId, addresses, profiles, ...rest } = person;
  return (
    Object.values(rest).every((v) => v === "" || v === null || v === undefined) &&
    !nationalId?.value?.trim() &&
    !(addresses ?? []).length &&
    !(profiles ?? []).length
  );
}

/** The profile as `saveProfile` takes it. */
export function forSave(form: ProfileForm): ProfileInput {
  const profile = cleanObject(form) as ProfileInput;
  const person = profile.person;
  if (person) {
    const id = person.nationalId;
    if (!id || !id.value.trim()) delete person.nationalId;
    else {
      const country = id.country.trim().toUpperCase();
      person.nationalId = { country, value: country === "NO" ? id.value.replace(/\s+/g, "") : id.value.trim() };
    }
    for (const address of person.addresses ?? []) {
      if (address.countryCode) address.countryCode = address.countryCode.trim().toUpperCase();
    }
    if (personIsEmpty(person)) delete profile.person;
  }
  return profile;
}

/** For comparing: keys sorted, empty strings, lists and nulls left out. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const out: Json = {};
  for (const key of Object.keys(value as Json).sort()) {
    const v = canonical((value as Json)[key]);
    if (v === "" || v === null || v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    out[key] = v;
  }
  return out;
}

/** The sections whose saved form differs between `before` and `after`. */
export function changedSections(before: ProfileInput, after: ProfileInput): ProfileSection[] {
  const b = before as Json;
  const a = after as Json;
  return PROFILE_SECTIONS.filter((s) => JSON.stringify(canonical(b[s])) !== JSON.stringify(canonical(a[s])));
}
