import { render, screen as view, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import ImportScreen from "./ImportScreen.svelte";
import { get } from "svelte/store";
import { language } from "../lib/i18n";
import { profileRevision, profileUnsaved } from "../lib/stores";
import type { ImportNote, ImportPreview, ImportReport } from "../lib/bindings";
import { callsOf, mockCommands, type Handler } from "../test/ipc";

const NATIONAL_ID = "01129955131";
const PATH = "/home/kari/Nedlastinger/vitnemal.xml";

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    format: "emrex",
    dryRun: true,
    alreadyImported: false,
    sections: [{ section: "education", added: 1, skipped: 0 }],
    learningOpportunities: 6,
    personFields: [],
    documents: ["vitnemal.xml", "Vitnemål.pdf"],
    signed: true,
    warnings: [
      {
        code: "course_credits_unread",
        params: { course: "EXPH0300", value: "7,5 sp" },
        text: '"EXPH0300": "7,5 sp" is not a number of credits; the credits were left out',
      },
    ],
    learnerDiffers: [],
    ...overrides,
  };
}

function transcript(overrides: Partial<ImportPreview> = {}): ImportPreview {
  return {
    path: PATH,
    report: report(),
    learner: { name: "Kari Nordmann", birthDate: "1999-12-01", nationalId: NATIONAL_ID, country: "NO" },
    signaturePresent: true,
    ...overrides,
  };
}

function linkedin(): ImportPreview {
  return {
    path: "/home/kari/Basic_LinkedInDataExport.zip",
    report: report({
      format: "linkedin",
      sections: [
        { section: "work", added: 3, skipped: 1 },
        { section: "skills", added: 12, skipped: 0 },
      ],
      learningOpportunities: 0,
      personFields: ["label", "summary"],
      documents: [],
      signed: null,
      warnings: [],
    }),
    learner: null,
    signaturePresent: false,
  };
}

function mockImport(preview: () => ImportPreview | null, extra: Record<string, Handler> = {}) {
  return mockCommands({
    preview_import: () => preview(),
    confirm_import: ({ format }) => ({ ...preview()!.report, format, dryRun: false }),
    ...extra,
  });
}

async function choose(user: ReturnType<typeof userEvent.setup>, format?: string) {
  if (format) await user.selectOptions(view.getByTestId("import-format"), format);
  await user.click(view.getByTestId("import-choose"));
}

describe("import", () => {
  test("offers the three formats and previews a transcript: sections, learner once, documents, warnings", async () => {
    const calls = mockImport(() => transcript());
    const user = userEvent.setup();
    render(ImportScreen);
    const options = within(view.getByTestId("import-format")).getAllByRole("option");
    expect(options.map((o) => (o as HTMLOptionElement).value)).toEqual(["emrex", "linkedin", "json-resume"]);
    expect(options[0]).toHaveTextContent("EMREX transcript (Vitnemålsportalen / ELMO XML)");
    expect(options[1]).toHaveTextContent("LinkedIn data export (zip)");
    await choose(user);

    const preview = await view.findByTestId("import-preview");
    expect(callsOf(calls, "preview_import")[0].args).toEqual({ format: "emrex" });
    expect(callsOf(calls, "confirm_import")).toHaveLength(0);
    expect(preview).toHaveTextContent("Preview: vitnemal.xml");
    const [row] = view.getAllByTestId("import-section");
    expect(row).toHaveTextContent("Education");
    expect(within(row).getAllByRole("cell").map((c) => c.textContent)).toEqual(["1", "0"]);
    expect(view.getByTestId("import-opportunities")).toHaveTextContent("Learning opportunities");
    expect(view.getByTestId("import-opportunities")).toHaveTextContent(": 6");
    expect(view.getByTestId("import-documents")).toHaveTextContent("Vitnemål.pdf");
    expect(view.getByTestId("import-warnings")).toHaveTextContent(
      "“EXPH0300”: the credits “7,5 sp” could not be read and were left out.",
    );

    const learner = view.getByTestId("import-learner");
    expect(learner).toHaveTextContent("Kari Nordmann");
    expect(learner).toHaveTextContent("1 Dec 1999");
    expect(learner).toHaveTextContent(`${NATIONAL_ID} (NO)`);
    expect(learner).toHaveTextContent("shown only now");
    expect(learner).toHaveTextContent("unless you tick the box");
    expect(view.getAllByText(new RegExp(NATIONAL_ID))).toHaveLength(1);
    expect(view.getByTestId("import-keep-identity")).not.toBeChecked();
    expect(view.getByTestId("import-signature")).toHaveTextContent(
      "The registry signed this file, but Candor cannot check that signature yet: trust it as much as the place you downloaded it from.",
    );
    expect(document.activeElement).toHaveTextContent("Preview: vitnemal.xml");
  });

  test("a transcript whose learner is not the profile's person asks, in bokmål, whether it is yours", async () => {
    language.set("nb");
    mockImport(() => transcript({ report: report({ learnerDiffers: ["name", "birthDate"] }) }));
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    const warning = await view.findByTestId("import-learner-differs");
    expect(warning).toHaveTextContent("Er dette vitnemålet ditt?");
    expect(warning).toHaveTextContent("Navnet på vitnemålet er ikke navnet i profilen din.");
    expect(warning).toHaveTextContent("Fødselsdatoen på vitnemålet er ikke den i profilen din.");
    // Importing stays possible: the seeker decides.
    expect(view.getByTestId("import-confirm")).toBeEnabled();
  });

  test("the importer's notes read in bokmål, before and after the import", async () => {
    language.set("nb");
    const notes: ImportNote[] = [
      {
        code: "course_date_unread",
        params: { course: "Algebra", date: "31.02" },
        text: '"Algebra": the date "31.02" could not be read and was left out',
      },
      {
        code: "birth_date_differs",
        params: {},
        text: "the transcript's birth date differs from the one in your profile; yours was kept, so check that the transcript is yours",
      },
    ];
    mockImport(() => transcript({ report: report({ warnings: notes }) }));
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    const before = await view.findByTestId("import-warnings");
    expect(before).toHaveTextContent("Merknader fra lesingen av filen:");
    expect(before).toHaveTextContent("«Algebra»: datoen «31.02» kunne ikke leses og ble utelatt.");
    expect(before).toHaveTextContent("Fødselsdatoen på vitnemålet er en annen enn den i profilen din.");
    expect(before).not.toHaveTextContent("could not be read");
    await user.click(view.getByTestId("import-confirm"));
    const done = await view.findByTestId("import-done");
    expect(done).toHaveTextContent("«Algebra»: datoen «31.02» kunne ikke leses og ble utelatt.");
    expect(done).not.toHaveTextContent("transcript");
  });

  test("no question when the learner is the profile's person", async () => {
    mockImport(() => transcript());
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    await view.findByTestId("import-preview");
    expect(view.queryByTestId("import-learner-differs")).toBeNull();
  });

  test("the identity box goes to confirm_import; afterwards the counts show and the learner is gone", async () => {
    const calls = mockImport(() => transcript());
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    await user.click(await view.findByTestId("import-keep-identity"));
    await user.click(view.getByTestId("import-confirm"));

    const done = await view.findByTestId("import-done");
    expect(callsOf(calls, "confirm_import")[0].args).toEqual({ format: "emrex", path: PATH, keepIdentity: true });
    expect(done).toHaveTextContent("Import from EMREX done.");
    expect(done).toHaveTextContent("Entries added1");
    expect(done).toHaveTextContent("Learning opportunities6");
    expect(done).toHaveTextContent("Documents stored2");
    expect(view.queryByTestId("import-preview")).toBeNull();
    expect(view.queryByTestId("import-learner")).toBeNull();
    expect(view.queryByText(new RegExp(NATIONAL_ID))).toBeNull();
    expect(document.activeElement).toBe(view.getByTestId("import-choose"));
  });

  test("a LinkedIn export is read as LinkedIn, with no learner, and imported without the identity", async () => {
    const calls = mockImport(linkedin);
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user, "linkedin");
    await view.findByTestId("import-preview");
    expect(callsOf(calls, "preview_import")[0].args).toEqual({ format: "linkedin" });
    expect(view.queryByTestId("import-learner")).toBeNull();
    expect(view.queryByTestId("import-signature")).toBeNull();
    const rows = view.getAllByTestId("import-section");
    expect(rows.map((r) => r.textContent)).toEqual(["Experience31", "Skills120"]);
    expect(view.getByTestId("import-person-fields")).toHaveTextContent("Headline, About you");

    // Switching the menu afterwards does not change what the previewed file is read as.
    await user.selectOptions(view.getByTestId("import-format"), "json-resume");
    await user.click(view.getByTestId("import-confirm"));
    expect(await view.findByTestId("import-done")).toHaveTextContent("Import from LinkedIn done.");
    expect(callsOf(calls, "confirm_import")[0].args).toEqual({
      format: "linkedin",
      path: "/home/kari/Basic_LinkedInDataExport.zip",
      keepIdentity: false,
    });
  });

  test("cancel clears the learner and imports nothing; the box starts unticked again", async () => {
    const calls = mockImport(() => transcript());
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    await user.click(await view.findByTestId("import-keep-identity"));
    await user.click(view.getByTestId("import-cancel"));

    expect(view.queryByTestId("import-preview")).toBeNull();
    expect(view.queryByTestId("import-learner")).toBeNull();
    expect(view.queryByText(new RegExp(NATIONAL_ID))).toBeNull();
    expect(view.getByRole("status")).toHaveTextContent("Nothing was imported.");
    expect(callsOf(calls, "confirm_import")).toHaveLength(0);
    expect(document.activeElement).toBe(view.getByTestId("import-choose"));

    await choose(user);
    expect(await view.findByTestId("import-keep-identity")).not.toBeChecked();
  });

  test("a refused file shows the importer's reason, translated around it, and no preview", async () => {
    mockCommands({
      preview_import: () => {
        throw {
          code: "import_refused",
          message: "the file is not an ELMO transcript: its root element is <html>",
          field: null,
          params: { problem: "not_elmo" },
          problems: [],
        };
      },
    });
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    const alert = await view.findByTestId("error");
    expect(alert).toHaveTextContent("The file could not be imported: the file is not an ELMO transcript: its root element is <html>");
    expect(view.queryByTestId("import-preview")).toBeNull();
    expect(view.getByRole("status")).toHaveTextContent("");
    language.set("nb");
    await waitFor(() => expect(alert).toHaveTextContent("Filen kunne ikke importeres: the file is not an ELMO transcript"));
    expect(view.getByTestId("import-choose")).toHaveTextContent("Velg en fil …");
  });

  test("a cancelled file dialog does nothing", async () => {
    const calls = mockImport(() => null);
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    await waitFor(() => expect(callsOf(calls, "preview_import")).toHaveLength(1));
    await waitFor(() => expect(view.getByTestId("import-choose")).toBeEnabled());
    expect(view.queryByTestId("import-preview")).toBeNull();
    expect(view.queryByTestId("error")).toBeNull();
    expect(view.queryByTestId("import-done")).toBeNull();
    expect(view.getByRole("status")).toHaveTextContent("");
    expect(callsOf(calls, "confirm_import")).toHaveLength(0);
  });

  test("a transcript imported before says nothing will be added again and offers no import; an unsigned one says so", async () => {
    const again = transcript({
      signaturePresent: false,
      report: report({ alreadyImported: true, sections: [], learningOpportunities: 0, documents: [], signed: false, warnings: [] }),
    });
    const calls = mockImport(() => again);
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    expect(await view.findByTestId("import-already")).toHaveTextContent("nothing will be added again");
    expect(view.getByTestId("import-signature")).toHaveTextContent("No signature");
    expect(view.getByTestId("import-preview")).not.toHaveTextContent(/verified/);
    // Nothing would be added: there is nothing to confirm.
    expect(view.getByTestId("import-confirm")).toBeDisabled();
    expect(callsOf(calls, "confirm_import")).toHaveLength(0);
  });

  test("a file that fails on import shows the error and drops the preview with the learner", async () => {
    mockImport(() => transcript(), {
      confirm_import: () => {
        throw { code: "file_read", message: "cannot read", field: null, params: { path: PATH, reason: "entity not found" }, problems: [] };
      },
    });
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user);
    await user.click(await view.findByTestId("import-confirm"));
    expect(await view.findByTestId("error")).toHaveTextContent(`Could not read ${PATH}: the file does not exist.`);
    expect(view.queryByTestId("import-learner")).toBeNull();
    expect(view.queryByTestId("import-done")).toBeNull();
  });

  test("is usable from the keyboard, in bokmål", async () => {
    language.set("nb");
    const calls = mockImport(() => transcript());
    const user = userEvent.setup();
    render(ImportScreen);
    await user.tab();
    expect(view.getByTestId("import-format")).toHaveFocus();
    await user.tab();
    expect(view.getByTestId("import-choose")).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(await view.findByTestId("import-preview")).toHaveTextContent("Forhåndsvisning: vitnemal.xml");
    expect(view.getByTestId("import-learner")).toHaveTextContent("Fødselsnummer");
    await user.tab();
    expect(view.getByTestId("import-keep-identity")).toHaveFocus();
    await user.keyboard(" ");
    await user.tab();
    await user.tab();
    expect(view.getByTestId("import-confirm")).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(await view.findByTestId("import-done")).toHaveTextContent("Importen fra EMREX er ferdig.");
    expect(callsOf(calls, "confirm_import")[0].args).toMatchObject({ keepIdentity: true });
  });

  test("waits for unsaved profile edits; after an import the profile reloads", async () => {
    const calls = mockImport(linkedin);
    profileUnsaved.set(true);
    const user = userEvent.setup();
    render(ImportScreen);
    await choose(user, "linkedin");
    expect(await view.findByTestId("import-unsaved-profile")).toHaveTextContent("Save them on the Profile page first");
    expect(view.getByTestId("import-confirm")).toBeDisabled();

    profileUnsaved.set(false);
    await waitFor(() => expect(view.getByTestId("import-confirm")).toBeEnabled());
    expect(view.queryByTestId("import-unsaved-profile")).toBeNull();
    await user.click(view.getByTestId("import-confirm"));
    await view.findByTestId("import-done");
    expect(callsOf(calls, "confirm_import")).toHaveLength(1);
    expect(get(profileRevision)).toBe(1);
  });
});
