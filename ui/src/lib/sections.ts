// The simpler profile sections (and the person's addresses and profiles): which fields
// each item has, so one list component edits them all.
import type { Key } from "./i18n";

export type FieldKind = "text" | "multiline" | "date" | "lines" | "fluency" | "interestKind" | "email" | "url";

export interface FieldSpec {
  key: string;
  label: Key;
  kind?: FieldKind;
  hint?: Key;
  required?: boolean;
  wide?: boolean;
}

export interface ListSpec {
  /** The JSON name of the list, the start of its fields' paths: "work", "person.addresses". */
  path: string;
  title: Key;
  /** An item without a name: "Position {n}". */
  item: Key;
  add: Key;
  empty: Key;
  /** The field whose value names an item in headings and buttons. */
  titleField: string;
  /** Test ids: `{prefix}-add`, `{prefix}-{key}-{index}`. */
  testPrefix: string;
  fields: FieldSpec[];
  newItem: () => Record<string, unknown>;
}

const DATE_HINT: Key = "date.partialHint";

export const WORK: ListSpec = {
  path: "work",
  title: "work.title",
  item: "work.item",
  add: "work.add",
  empty: "work.empty",
  titleField: "name",
  testPrefix: "work",
  newItem: () => ({ name: "", position: "" }),
  fields: [
    { key: "name", label: "work.name", required: true },
    { key: "position", label: "work.position" },
    { key: "startDate", label: "work.start", kind: "date", hint: DATE_HINT },
    { key: "endDate", label: "work.end", kind: "date", hint: DATE_HINT },
    { key: "location", label: "work.location" },
    { key: "industry", label: "work.industry" },
    { key: "url", label: "work.url", kind: "url" },
    { key: "description", label: "work.description" },
    { key: "summary", label: "work.summary", kind: "multiline", wide: true },
    { key: "highlights", label: "work.highlights", kind: "lines", wide: true },
  ],
};

export const PROJECTS: ListSpec = {
  path: "projects",
  title: "projects.title",
  item: "projects.item",
  add: "projects.add",
  empty: "projects.empty",
  titleField: "name",
  testPrefix: "project",
  newItem: () => ({ name: "" }),
  fields: [
    { key: "name", label: "projects.name", required: true },
    { key: "entity", label: "projects.entity" },
    { key: "startDate", label: "work.start", kind: "date", hint: DATE_HINT },
    { key: "endDate", label: "work.end", kind: "date", hint: DATE_HINT },
    { key: "type", label: "projects.type" },
    { key: "url", label: "work.url", kind: "url" },
    { key: "description", label: "projects.description", kind: "multiline", wide: true },
    { key: "roles", label: "projects.roles", kind: "lines" },
    { key: "keywords", label: "common.keywords", kind: "lines" },
    { key: "highlights", label: "work.highlights", kind: "lines", wide: true },
  ],
};

export const SKILLS: ListSpec = {
  path: "skills",
  title: "skills.title",
  item: "skills.item",
  add: "skills.add",
  empty: "skills.empty",
  titleField: "name",
  testPrefix: "skill",
  newItem: () => ({ name: "" }),
  fields: [
    { key: "name", label: "skills.name", required: true },
    { key: "category", label: "skills.category" },
    { key: "level", label: "skills.level", hint: "skills.levelHint" },
    { key: "keywords", label: "common.keywords", kind: "lines" },
  ],
};

export const LANGUAGES: ListSpec = {
  path: "languages",
  title: "languages.title",
  item: "languages.item",
  add: "languages.add",
  empty: "languages.empty",
  titleField: "language",
  testPrefix: "language",
  newItem: () => ({ language: "", fluency: "" }),
  fields: [
    { key: "language", label: "languages.language", required: true },
    { key: "fluency", label: "languages.fluency", kind: "fluency" },
  ],
};

export const INTERESTS: ListSpec = {
  path: "interests",
  title: "interests.title",
  item: "interests.item",
  add: "interests.add",
  empty: "interests.empty",
  titleField: "name",
  testPrefix: "interest",
  newItem: () => ({ name: "" }),
  fields: [
    { key: "name", label: "interests.name", required: true },
    { key: "kind", label: "interests.kind", kind: "interestKind" },
    { key: "keywords", label: "common.keywords", kind: "lines" },
  ],
};

export const CERTIFICATES: ListSpec = {
  path: "certificates",
  title: "certificates.title",
  item: "certificates.item",
  add: "certificates.add",
  empty: "certificates.empty",
  titleField: "name",
  testPrefix: "certificate",
  newItem: () => ({ name: "" }),
  fields: [
    { key: "name", label: "certificates.name", required: true },
    { key: "issuer", label: "certificates.issuer" },
    { key: "date", label: "common.date", kind: "date", hint: DATE_HINT },
    { key: "url", label: "work.url", kind: "url" },
  ],
};

export const AWARDS: ListSpec = {
  path: "awards",
  title: "awards.title",
  item: "awards.item",
  add: "awards.add",
  empty: "awards.empty",
  titleField: "title",
  testPrefix: "award",
  newItem: () => ({ title: "" }),
  fields: [
    { key: "title", label: "awards.name", required: true },
    { key: "awarder", label: "awards.awarder" },
    { key: "date", label: "common.date", kind: "date", hint: DATE_HINT },
    { key: "summary", label: "work.summary", kind: "multiline", wide: true },
  ],
};

export const PUBLICATIONS: ListSpec = {
  path: "publications",
  title: "publications.title",
  item: "publications.item",
  add: "publications.add",
  empty: "publications.empty",
  titleField: "name",
  testPrefix: "publication",
  newItem: () => ({ name: "" }),
  fields: [
    { key: "name", label: "publications.name", required: true },
    { key: "publisher", label: "publications.publisher" },
    { key: "releaseDate", label: "publications.releaseDate", kind: "date", hint: DATE_HINT },
    { key: "url", label: "work.url", kind: "url" },
    { key: "summary", label: "work.summary", kind: "multiline", wide: true },
  ],
};

export const VOLUNTEER: ListSpec = {
  path: "volunteer",
  title: "volunteer.title",
  item: "volunteer.item",
  add: "volunteer.add",
  empty: "volunteer.empty",
  titleField: "organization",
  testPrefix: "volunteer",
  newItem: () => ({ organization: "" }),
  fields: [
    { key: "organization", label: "volunteer.organization", required: true },
    { key: "position", label: "volunteer.position" },
    { key: "startDate", label: "work.start", kind: "date", hint: DATE_HINT },
    { key: "endDate", label: "work.end", kind: "date", hint: DATE_HINT },
    { key: "url", label: "work.url", kind: "url" },
    { key: "summary", label: "work.summary", kind: "multiline", wide: true },
    { key: "highlights", label: "work.highlights", kind: "lines", wide: true },
  ],
};

export const REFERENCES: ListSpec = {
  path: "references",
  title: "references.title",
  item: "references.item",
  add: "references.add",
  empty: "references.empty",
  titleField: "name",
  testPrefix: "reference",
  newItem: () => ({ name: "", reference: "" }),
  fields: [
    { key: "name", label: "references.name", required: true },
    { key: "reference", label: "references.reference", kind: "multiline", wide: true },
  ],
};

export const ADDRESSES: ListSpec = {
  path: "person.addresses",
  title: "address.title",
  item: "address.item",
  add: "address.add",
  empty: "address.empty",
  titleField: "address",
  testPrefix: "address",
  newItem: () => ({ address: "", postalCode: "", city: "", countryCode: "" }),
  fields: [
    { key: "address", label: "address.address", kind: "multiline", wide: true },
    { key: "postalCode", label: "address.postalCode" },
    { key: "city", label: "address.city" },
    { key: "region", label: "address.region" },
    { key: "countryCode", label: "address.countryCode", hint: "address.countryHint" },
  ],
};

export const SOCIAL_PROFILES: ListSpec = {
  path: "person.profiles",
  title: "social.title",
  item: "social.item",
  add: "social.add",
  empty: "social.empty",
  titleField: "network",
  testPrefix: "social",
  newItem: () => ({ network: "", username: "", url: "" }),
  fields: [
    { key: "network", label: "social.network" },
    { key: "username", label: "social.username" },
    { key: "url", label: "social.url", kind: "url", wide: true },
  ],
};

