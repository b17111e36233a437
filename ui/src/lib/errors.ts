// Error codes and validation problem codes, translated with their params. Rust's English
// `message` is shown only for a code this UI does not know.
import { APPLICATION_STATUSES, GRADE_LABELS } from "./bindings";
import type { FieldProblem, IpcError, Param } from "./bindings";
import { formatDay } from "./format";
import { isKey, type Key, type Language, type Params, type Translate } from "./i18n";

type Problemish = Pick<FieldProblem, "code" | "params" | "message">;

function lookup(t: Translate, key: string, params: Params): string | null {
  return isKey(key) ? t(key, params) : null;
}

/** A parameter that is itself a code (a date reason, a scheme, a status), in words. */
function word(t: Translate, prefix: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return lookup(t, `${prefix}.${value}`, {}) ?? value;
}

function schemeName(t: Translate, scheme: string | undefined): string | undefined {
  if (scheme?.startsWith("other:")) return t("scheme.other", { name: scheme.slice("other:".length) });
  return word(t, "scheme", scheme);
}

/** A text parameter (a code or a value), or undefined when the param is not text. */
function text(value: Param | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The params as translations take them: counts and texts as they are, lists joined. */
function flat(params: Partial<Record<string, Param>>): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) out[key] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** One validation problem in the person's language. */
export function describeProblem(t: Translate, problem: Problemish): string {
  const p: Params = flat(problem.params);
  switch (problem.code) {
    case "bad_date":
      p.reason = word(t, "dateReason", text(problem.params.reason));
      break;
    case "bad_national_id_format":
      p.reason = word(t, "nationalIdReason", text(problem.params.reason));
      break;
    case "grade_not_in_scheme": {
      const scheme = text(problem.params.scheme);
      p.scheme = schemeName(t, scheme);
      p.labels = (scheme && (GRADE_LABELS as Partial<Record<string, readonly string[]>>)[scheme]?.join(", ")) || "—";
      break;
    }
    case "same_status":
    case "moved_since":
      p.status = word(t, "status", text(problem.params.status));
      break;
  }
  return lookup(t, `problem.${problem.code}`, p) ?? (problem.message || problem.code);
}

/** An IPC error in the person's language (`lang` is `t`'s, for dates). */
export function describeError(t: Translate, error: IpcError, lang: Language = "en"): string {
  const params: Params = flat(error.params);
  switch (error.code) {
    case "validation": {
      const count = error.problems.length;
      if (count === 1) return t("error.validation.one", { problem: describeProblem(t, error.problems[0]) });
      return t("error.validation", { count });
    }
    case "file_read":
    case "file_write": {
      if (!error.params.path) return t(`error.${error.code}.nopath` as Key);
      params.reason = word(t, "ioReason", text(error.params.reason)) ?? "";
      const key = error.params.reason ? `error.${error.code}.reason` : `error.${error.code}`;
      return lookup(t, key, params) ?? error.message;
    }
    case "import_refused":
      // The importer's own sentence names the file's problem precisely; it is English.
      return t("error.import_refused", { detail: error.message });
    case "bundle_refused":
    case "view_refused":
    case "fetch_failed":
      // The reader's own sentence says exactly what was wrong and what to do; it is English.
      return t(`error.${error.code}`, { detail: error.message });
    case "send_failed":
      // The network's own sentence says what went wrong; it is English.
      return t("error.send_failed", { organisation: text(error.params.organisation), detail: error.message });
    case "share_not_active":
      // Mid-sentence, the status label reads in lower case: "(deletion requested)".
      params.status = word(t, "ledger.status", text(error.params.status))?.toLocaleLowerCase(lang);
      break;
    case "nothing_shared":
      params.view = word(t, "viewKind", text(error.params.view));
      break;
    case "bundle_deleted": {
      const day = formatDay(text(error.params.day), lang);
      return lookup(t, `error.bundle_deleted.${error.params.reason}`, { day }) ?? error.message;
    }
    case "id_taken":
      return lookup(t, `error.id_taken.${error.params.what}`, {}) ?? error.message;
    case "internal":
      return t("error.internal", { message: error.message });
  }
  return lookup(t, `error.${error.code}`, params) ?? (error.message || String(error.code));
}

export function statusLabel(t: Translate, status: string): string {
  return APPLICATION_STATUSES.includes(status as (typeof APPLICATION_STATUSES)[number]) ? t(`status.${status}` as Key) : status;
}
