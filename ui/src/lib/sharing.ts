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

/** What identifies the seeker, which an anonymous view leaves out unless ticked. */
export function identifyingItems(profile: ProfileInput): ShareItem[] {
  const items: ShareItem[] = [];
  const person = profile.person;
  if (person) {
    const fields: [keyof typeof person, string][] = [
      ["name", person.name],
      ["email", person.email ?? ""],
      ["phone", person.phone ?? ""],
      ["url", person.url ?? ""],
    ];
    for (const [field, value] of fields) {
      if (value) items.push({ path: `person.${String(field)}`, section: "person", label: value });
    }
  }
  (profile.work ?? []).forEach((w, i) => {
    if (w.name) items.push({ path: `work[${i}].name`, section: "work", label: w.name });
  });
  (profile.education ?? []).forEach((e, i) => {
    if (e.institution) items.push({ path: `education[${i}].institution`, section: "education", label: e.institution });
  });
  return items;
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
