// Numbers and dates in the person's language.
import { locale, type Language } from "./i18n";

export function formatSize(bytes: number | null | undefined, lang: Language): string {
  if (bytes === null || bytes === undefined) return "";
  const units = ["B", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale(lang), { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** A whole number as the language writes it: "10,000" or "10 000". */
export function formatCount(n: number, lang: Language): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** An RFC 3339 time as a date ("3 May 2024"); the raw text when it does not parse. */
export function formatDate(time: string | null | undefined, lang: Language): string {
  if (!time) return "";
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return time;
  return new Intl.DateTimeFormat(locale(lang), { day: "numeric", month: "short", year: "numeric" }).format(date);
}

export function formatDateTime(time: string | null | undefined, lang: Language): string {
  if (!time) return "";
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return time;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

/** A calendar day `YYYY-MM-DD` in words, without a time-zone shift. */
export function formatDay(day: string | null | undefined, lang: Language): string {
  if (!day) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale(lang), { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(date);
}

/** A calendar day `YYYY-MM-DD` as a person types it in a field: `15.12.2026` in bokmål,
 *  unchanged in English. Rust reads both forms in either language. */
export function dayForInput(day: string | null | undefined, lang: Language): string {
  if (!day) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match || lang !== "nb") return day;
  return `${match[3]}.${match[2]}.${match[1]}`;
}

/** Today as `YYYY-MM-DD`, in local time. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A CV date that may be partial (`2019`, `2019-06`, `2019-06-29`) in words, as precise as
 *  it was written: "2019", "Jun 2019", "29 Jun 2019"; the raw text when it does not parse. */
export function formatPartialDate(date: string | null | undefined, lang: Language): string {
  if (!date) return "";
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date.trim());
  if (!match) return date;
  if (match[3]) return formatDay(date.trim(), lang);
  if (!match[2]) return match[1];
  const month = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale(lang), { month: "short", year: "numeric", timeZone: "UTC" }).format(month);
}

/** A period between two partial dates, "Jun 2019 – Aug 2021"; `ongoing` stands for a
 *  missing end when there is a start ("Jun 2019 – present"). Empty when neither is given. */
export function formatPeriod(start: string | null | undefined, end: string | null | undefined, lang: Language, ongoing: string): string {
  const from = formatPartialDate(start, lang);
  const to = formatPartialDate(end, lang);
  if (!from && !to) return "";
  if (!to) return `${from} – ${ongoing}`;
  return from ? `${from} – ${to}` : to;
}

/** A number Rust wrote with a decimal point ("3.25 (C)"), with the language's decimal sign. */
export function localDecimals(text: string, lang: Language): string {
  const sign = new Intl.NumberFormat(locale(lang)).format(1.5).charAt(1);
  return text.replace(/(\d)\.(\d)/g, `$1${sign}$2`);
}
