// Checks for the values Rust reads while it deserializes a command's arguments (credits,
// dates). Rust refuses such a value before its validation runs, so the problem would come
// back without a field; checked here first, it shows at its field with the same code and
// params Rust's validation would give. Mirrors candor-model's credits.rs and date.rs.
import type { FieldProblem } from "./bindings";

function problem(field: string, code: string, params: Record<string, string> = {}): FieldProblem {
  return { field, code, params, message: code };
}

const MAX_THOUSANDTHS = 4_294_967_295;

function parseUnsigned(text: string): number | null {
  const match = /^(\d+)(?:[.,](\d{1,3}))?$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(3, "0"));
  const thousandths = whole * 1000 + fraction;
  return thousandths <= MAX_THOUSANDTHS ? thousandths : null;
}

/** Credits as Rust reads them: `7.5`, `10`, `7,5`, `0`; null when fine or empty. */
export function checkCredits(field: string, raw: string | null | undefined): FieldProblem | null {
  const text = (raw ?? "").trim();
  if (text === "") return null;
  if (text.startsWith("-")) {
    const magnitude = parseUnsigned(text.slice(1));
    if (magnitude === null) return problem(field, "bad_credits", { value: text });
    return magnitude === 0 ? null : problem(field, "negative_credits", { value: text });
  }
  return parseUnsigned(text) === null ? problem(field, "bad_credits", { value: text }) : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

type Parts = { year: number; month?: number; day?: number };

/** `15.12.2026`, `5.3.2026` or `12.2026`, as Norwegians write dates; Rust reads them too. */
function dottedReason(text: string): { parts?: Parts; reason?: string } {
  const pieces = text.split(".");
  if (pieces.length > 3 || pieces.length < 2) return { reason: "not_a_date" };
  const year = pieces.at(-1) ?? "";
  const short = pieces.slice(0, -1);
  if (!/^\d{4}$/.test(year) || short.some((p) => !/^\d{1,2}$/.test(p))) return { reason: "not_a_date" };
  const [day, month] = short.length === 2 ? [Number(short[0]), Number(short[1])] : [undefined, Number(short[0])];
  return rangeReason(Number(year), month, day);
}

function rangeReason(year: number, month?: number, day?: number): { parts?: Parts; reason?: string } {
  if (year < 1900 || year > 2200) return { reason: "year_out_of_range" };
  if (month !== undefined && (month < 1 || month > 12)) return { reason: "month_out_of_range" };
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    return { reason: "day_not_in_month" };
  }
  return { parts: { year, month, day } };
}

function dateReason(text: string): { parts?: Parts; reason?: string } {
  if (text.includes(".")) return dottedReason(text);
  const pieces = text.split("-");
  const widths = [4, 2, 2];
  if (pieces.length > 3 || pieces.some((p, i) => p.length !== widths[i] || !/^\d+$/.test(p))) {
    return { reason: "not_a_date" };
  }
  const [year, month, day] = pieces.map(Number);
  return rangeReason(year, month, day);
}

/** A partial date (`2019`, `2019-06`, `2019-06-29`); null when fine or empty. */
export function checkPartialDate(field: string, raw: string | null | undefined): FieldProblem | null {
  const text = (raw ?? "").trim();
  if (text === "") return null;
  const { reason } = dateReason(text);
  return reason ? problem(field, "bad_date", { value: text, reason }) : null;
}

/** A full day (`2019-06-29`); null when fine or empty. */
export function checkDay(field: string, raw: string | null | undefined): FieldProblem | null {
  const text = (raw ?? "").trim();
  if (text === "") return null;
  const { parts, reason } = dateReason(text);
  if (reason) return problem(field, "bad_date", { value: text, reason });
  if (parts?.day === undefined) return problem(field, "bad_date", { value: text, reason: "incomplete" });
  return null;
}

/** A required text; null when filled in. */
export function checkRequired(field: string, raw: string | null | undefined): FieldProblem | null {
  return (raw ?? "").trim() === "" ? problem(field, "required") : null;
}
