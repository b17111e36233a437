// What the employer's candidate page shows of a profile and a bundle: present parts only,
// file names rather than bundle paths, CEFR levels in words.
import { CEFR_LEVELS, type ReceivedSummary } from "./bindings";
import type { Translate } from "./i18n";

/** The present parts, joined: `["Developer", "", "Acme"]` → "Developer · Acme". */
export function joined(parts: (string | null | undefined)[], separator = " · "): string {
  return parts
    .map((p) => p?.trim() ?? "")
    .filter(Boolean)
    .join(separator);
}

/** An attachment of a bundle: its path in the bundle and the file name people see. */
export interface Attachment {
  path: string;
  name: string;
}

const ATTACHMENTS = "attachments/";

/** The attachments a bundle holds (not its profile, page or read-me), by file name. */
export function attachmentsOf(bundle: ReceivedSummary): Attachment[] {
  return bundle.entries
    .filter((path) => path.startsWith(ATTACHMENTS) && path.length > ATTACHMENTS.length)
    .map((path) => ({ path, name: fileName(path) }));
}

/** `attachments/01-cv.pdf` → `01-cv.pdf`. */
export function fileName(path: string): string {
  return path.split(/[/\\]/).filter(Boolean).pop() ?? path;
}

/** A language's fluency: a CEFR level in words ("B2 – Upper intermediate"), else as written. */
export function fluencyText(t: Translate, fluency: string | undefined): string {
  const text = fluency?.trim() ?? "";
  const level = CEFR_LEVELS.find((l) => l === text.toUpperCase());
  return level ? t(`cefr.${level}`) : text;
}
