import { render, screen as view } from "@testing-library/svelte";
import { describe, expect, test } from "vitest";
import ErrorNotice from "../components/ErrorNotice.svelte";
import { describeError, describeProblem } from "./errors";
import { translate, type Key, type Params } from "./i18n";
import { ipcError, problem } from "../test/ipc";

const en = (key: Key, params?: Params) => translate("en", key, params);
const nb = (key: Key, params?: Params) => translate("nb", key, params);

describe("error codes are translated with their params", () => {
  test("a deleted bundle sent again names why and the day, in the person's language", () => {
    const error = ipcError("bundle_deleted", { reason: "request", day: "2026-11-23" });
    expect(describeError(en, error, "en")).toBe(
      "This bundle was deleted on 23 Nov 2026 at the candidate's request, so it cannot be imported again. Nothing was stored.",
    );
    expect(describeError(nb, error, "nb")).toBe(
      "Denne pakken ble slettet 23. nov. 2026 etter kandidatens ønske, så den kan ikke importeres igjen. Ingenting ble lagret.",
    );
    expect(describeError(en, ipcError("bundle_deleted", { reason: "expiry", day: "2026-11-23" }), "en")).toContain("expired and was deleted on 23 Nov 2026");
    expect(describeError(nb, ipcError("bundle_deleted", { reason: "employer", day: "2026-11-23" }), "nb")).toBe(
      "Denne pakken ble slettet 23. nov. 2026 av virksomheten deres, så den kan ikke importeres igjen. Ingenting ble lagret.",
    );
    expect(describeError(nb, ipcError("id_taken", { what: "notice" }), "nb")).toBe(
      "Et annet varsel med denne ID-en er allerede besvart; dette ble avvist, og ingenting ble lagret.",
    );
  });

  test("sending a share that cannot go says why, with the share's state in words", () => {
    const inactive = ipcError("share_not_active", { organisation: "Fjordkraft Data AS", status: "deletion-requested" });
    expect(describeError(en, inactive)).toBe("The share with Fjordkraft Data AS is no longer active (deletion requested), so it is not sent.");
    expect(describeError(nb, inactive, "nb")).toContain("Delingen med Fjordkraft Data AS er ikke lenger aktiv");
    const noAddress = ipcError("no_intake_url", { organisation: "Fjordkraft Data AS", contact: "jobb@fjordkraft.example" });
    expect(describeError(nb, noAddress, "nb")).toBe(
      "Nøkkelkortet til Fjordkraft Data AS oppgir ingen adresse å sende til. Send den lagrede filen til jobb@fjordkraft.example på en annen måte.",
    );
  });

  test("a vault path goes into the sentence", () => {
    const error = ipcError("no_vault", { path: "/tmp/x.candor" });
    expect(describeError(en, error)).toBe("There is no vault at /tmp/x.candor. Check the path, or create a new vault.");
    expect(describeError(nb, error)).toBe("Det finnes ikke noe hvelv i /tmp/x.candor. Kontroller stien, eller opprett et nytt hvelv.");
  });

  test("a file read failure names the file and the reason, in words", () => {
    const error = ipcError("file_read", { path: "/home/kari/cv.pdf", reason: "entity not found" });
    expect(describeError(en, error)).toBe("Could not read /home/kari/cv.pdf: the file does not exist.");
    expect(describeError(nb, error)).toBe("Kunne ikke lese /home/kari/cv.pdf: filen finnes ikke.");
    expect(describeError(en, ipcError("file_read", { path: "/x" }))).toBe("Could not read /x.");
    expect(describeError(en, ipcError("file_read"))).toBe("A file could not be read.");
    expect(describeError(en, ipcError("file_read", { path: "/x", reason: "some new kind" }))).toBe("Could not read /x: some new kind.");
  });

  test("a request about shares never made names the view in the person's language", () => {
    const error = ipcError("nothing_shared", { organisation: "Fjordkraft Data AS", view: "anonymous" });
    expect(describeError(en, error)).toBe(
      "You have made no anonymous share with Fjordkraft Data AS, so there is nothing to ask about.",
    );
    expect(describeError(nb, error)).toBe(
      "Du har ikke gjort noen anonym deling med Fjordkraft Data AS, så det er ingenting å kreve.",
    );
  });

  test("the passphrase rule's numbers come from Rust", () => {
    const short = ipcError("passphrase_too_short", { min: "10" });
    expect(describeError(en, short)).toBe("The passphrase is too short: use at least 10 characters.");
    expect(describeError(nb, short)).toBe("Passordfrasen er for kort: bruk minst 10 tegn.");
    const weak = ipcError("weak_passphrase", { score: "1", needed: "3" });
    expect(describeError(en, weak)).toContain("(strength 1 of 4; 3 or more is safe)");
    expect(describeError(nb, weak)).toContain("(styrke 1 av 4; 3 eller mer er trygt)");
  });

  test("versions of a newer vault", () => {
    expect(describeError(en, ipcError("newer_schema", { found: "7", supported: "3" }))).toContain("format 7; this one reads up to 3");
  });

  test("the English message from Rust is used only for a code the UI does not know", () => {
    const unknown = { ...ipcError("internal"), code: "brand_new_code" as never, message: "what Rust said" };
    expect(describeError(en, unknown)).toBe("what Rust said");
    expect(describeError(en, ipcError("wrong_passphrase"))).not.toContain("English message");
    expect(describeError(en, { ...ipcError("internal"), message: "disk on fire" })).toBe("Something went wrong inside Candor: disk on fire");
  });

  test("a validation error counts its problems, or names the only one", () => {
    const one = ipcError("validation", {}, [problem("person.name", "required")]);
    expect(describeError(en, one)).toBe("Nothing was saved. Fill this in.");
    const two = ipcError("validation", {}, [problem("a", "required"), problem("b", "required")]);
    expect(describeError(nb, two)).toBe("Ingenting ble lagret: 2 felt må rettes.");
  });
});

describe("validation problems are translated with their params", () => {
  test("credits", () => {
    expect(describeProblem(en, problem("c", "negative_credits", { value: "-5" }))).toBe(
      "Credits cannot be negative (“-5”). Use 0 or more, e.g. 7.5.",
    );
    expect(describeProblem(nb, problem("c", "bad_credits", { value: "7.5.5" }))).toBe(
      "«7.5.5» er ikke et antall studiepoeng. Bruk et tall med høyst 3 desimaler, f.eks. 7,5.",
    );
  });

  test("a date's reason is a code, translated too", () => {
    const p = problem("person.birthDate", "bad_date", { value: "2019-13", reason: "month_out_of_range" });
    expect(describeProblem(en, p)).toBe("“2019-13” is not a date: the month must be between 01 and 12.");
    expect(describeProblem(nb, p)).toBe("«2019-13» er ikke en dato: måneden må være mellom 01 og 12.");
  });

  test("a grade outside its scheme lists the scheme's grades", () => {
    const p = problem("education[0].courses[0].grade", "grade_not_in_scheme", { label: "VG", scheme: "ects" });
    expect(describeProblem(en, p)).toBe("“VG” is not a grade in ECTS (A–F). Use one of: A, B, C, D, E, FX, F.");
    const other = problem("g", "grade_not_in_scheme", { label: "9", scheme: "other:German 1.0–5.0" });
    expect(describeProblem(en, other)).toContain("Other: German 1.0–5.0");
  });

  test("a status, a list of allowed values, a national id reason, a length", () => {
    expect(describeProblem(nb, problem("status", "same_status", { status: "interview" }))).toBe("Søknaden har allerede statusen Intervju.");
    expect(describeProblem(en, problem("kind", "not_one_of", { value: "x", allowed: ["cv", "other"] }))).toBe(
      "“x” is not allowed here. Use one of: cv, other.",
    );
    expect(describeProblem(en, problem("person.nationalId", "bad_national_id_format", { reason: "not_eleven_digits" }))).toBe(
      "A Norwegian national identity number has 11 digits. Check that none is missing.",
    );
    expect(describeProblem(nb, problem("x", "too_long", { max: "200" }))).toBe("Dette er for langt: kort det ned til høyst 200 tegn.");
  });

  test("an unknown problem code falls back to Rust's message", () => {
    expect(describeProblem(en, { code: "new_problem", params: {}, message: "x: be nicer" })).toBe("x: be nicer");
  });
});

describe("the error notice", () => {
  test("is an alert with the stable test id, and lists each problem", () => {
    render(ErrorNotice, {
      error: ipcError("validation", {}, [problem("person.email", "bad_email", { value: "a@b" }), problem("skills[0].name", "required")]),
    });
    const alert = view.getByRole("alert");
    expect(alert).toHaveAttribute("data-testid", "error");
    expect(alert).toHaveTextContent("Nothing was saved: 2 fields need correcting.");
    expect(view.getByRole("button", { name: "“a@b” is not an e-mail address. Write it as name@example.com." })).toBeInTheDocument();
  });

  test("shows nothing without an error", () => {
    render(ErrorNotice, { error: null });
    expect(view.queryByRole("alert")).toBeNull();
  });
});
