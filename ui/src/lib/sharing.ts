// The share wizard's choices: which profile items can be left out, which identifying fields
// an anonymous view can opt into, and the ViewChoice Rust projects them with. The paths are
// the ones `candor_model::project` takes (`work[1]`, `education[0].institution`).
import type { ProfileInput, ViewChoiceInput, ViewKind } from "./bindings";

/** One thing the seeker can tick or untick. */
export type ShareItem = { path: string; section: string; label: string };

const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p && p.trim()).join(" · ");

/** Every entry of every section, to untick. */
export function profileItems(profile: ProfileInput): ShareItem[] {
  const items: ShareItem[] = [];
  const add = (section: string, list: unknown[] | undefined, label: (entry: never, i: number) => string) =>
    (list ?? []).forEach((entry, i) =>
      items.push({ path: `${section}[${i}]`, section, label: label(entry as never, i) || `${section} ${i + 1}` }),
    );
  add("education", profile.education, (e: NonNullable<ProfileInput["education"]>[number]) =>
    join(e.studyType, e.area, e.institution),
  );
  add("work", profile.work, (w: NonNullable<ProfileInput["work"]>[number]) => join(w.position, w.name));
  add("skills", profile.skills, (s: NonNullable<ProfileInput["skills"]>[number]) => s.name);
  add("languages", profile.languages, (l: NonNullable<ProfileInput["languages"]>[number]) => l.language);
  add("interests", profile.interests, (i: NonNullable<ProfileInput["interests"]>[number]) => i.name);
  add("projects", profile.projects, (p: NonNullable<ProfileInput["projects"]>[number]) => p.name);
  add("certificates", profile.certificates, (c: NonNullable<ProfileInput["certificates"]>[number]) => c.name);
  add("awards", profile.awards, (a: NonNullable<ProfileInput["awards"]>[number]) => a.title);
  add("publications", profile.publications, (p: NonNullable<ProfileInput["publications"]>[number]) => p.name);
  add("volunteer", profile.volunteer, (v: NonNullable<ProfileInput["volunteer"]>[number]) =>
    join(v.position, v.organization),
  );
  add("references", profile.references, (r: NonNullable<ProfileInput["references"]>[number]) => r.name);
  return items;
}

/** A field that identifies the seeker, which an anonymous view leaves out unless ticked. */
export type OptIn = {
  path: string;
  /** The translation key for what it is ("share.identifying.work.location"). */
  key: string;
  /** What the profile holds there, as text. */
  value: string;
  /** The entry it belongs to ("Backend developer · Equinor"), or "" for the person. */
  context: string;
};

/** The steps of a path: `work[0].location` → `["work", 0, "location"]`. */
function steps(path: string): (string | number)[] {
  return [...path.matchAll(/([A-Za-z]+)|\[(\d+)\]/g)].map((m) => (m[1] !== undefined ? m[1] : Number(m[2])));
}

/** Every text under `value`, joined: an address reads "Storgata 1, 0155, Oslo". */
function asText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" || typeof value === "number") return String(value).trim();
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join("; ");
  if (typeof value === "object") return Object.values(value).map(asText).filter(Boolean).join(", ");
  return "";
}

/** Whether `path` is `within` or inside it. */
function isWithin(path: string, within: string): boolean {
  return path === within || path.startsWith(within + ".") || path.startsWith(within + "[");
}

/**
 * What the seeker can opt into, from the fields the model classes as identifying (the
 * anonymous view's `identifying`), with their words and values from the profile. A field
 * inside something left out is not offered.
 */
export function optInItems(profile: ProfileInput, identifying: { path: string }[], excluded: Set<string>): OptIn[] {
  const entries = profileItems(profile);
  return identifying
    .filter(({ path }) => ![...excluded].some((e) => isWithin(path, e)))
    .map(({ path }) => {
      let value: unknown = profile;
      for (const step of steps(path)) value = (value as Record<string | number, unknown> | undefined)?.[step];
      const entry = entries.find((item) => isWithin(path, item.path));
      return {
        path,
        key: "share.identifying." + path.replace(/\[\d+\]/g, ""),
        value: asText(value),
        context: entry?.label ?? "",
      };
    });
}

/** The choice Rust projects: what is left out, and what is added beyond the kind's default. */
export function viewChoice(kind: ViewKind, excluded: Set<string>, included: Set<string>): ViewChoiceInput {
  return {
    kind,
    exclude: [...excluded].sort(),
    // An anonymous view's opt-ins mean nothing in a full view (it already shares them),
    // except attachments, which both kinds send only when ticked.
    include: [...included].filter((path) => kind === "anonymous" || path.startsWith("documents[")).sort(),
  };
}
