import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import CvScreen from "./CvScreen.svelte";
import { language } from "../lib/i18n";
import type { CvPreview, CvRequest, RecipientInfo } from "../lib/bindings";
import { callsOf, ipcError, mockCommands } from "../test/ipc";

const RECIPIENT = {
  id: "r1",
  organisation: "Fjordkraft Data AS",
  pseudonym: "Candidate GFUI-UYE7",
} as RecipientInfo;

const HEADINGS = {
  en: ["Contact", "Summary", "Education"],
  nb: ["Kontakt", "Sammendrag", "Utdanning"],
};

/** What Rust answers: one page drawn for each request, its headings in the CV's language. */
function previewOf(request: CvRequest): CvPreview {
  const signedAs = request.view === "anonymous" ? RECIPIENT.pseudonym : "Kari Nordmann";
  const template = request.template ?? "classic";
  return {
    pages: [
      { image: `data:image/png;base64,${template}-${request.lang}-${request.view}`, headings: [signedAs, ...HEADINGS[request.lang]] },
      { image: `data:image/png;base64,${template}-${request.lang}-2`, headings: [] },
    ],
    template,
    templates: ["classic", "compact", "fancy"],
    signedAs,
  };
}

function mock(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  return mockCommands({
    list_recipients: () => [RECIPIENT],
    preview_cv: (args) => previewOf(args.request as CvRequest),
    ...extra,
  });
}

const pages = () => view.getAllByTestId("cv-page") as HTMLImageElement[];

describe("the CV screen", () => {
  test("shows the full CV's pages as images in the UI's language, described by their headings", async () => {
    language.set("nb");
    const calls = mock();
    render(CvScreen);
    await waitFor(() => expect(pages()).toHaveLength(2));
    expect(pages()[0].src).toContain("classic-nb-full");
    expect(pages()[0].alt).toBe("Side 1 av 2 av CV-en, med overskriftene: Kari Nordmann, Kontakt, Sammendrag, Utdanning");
    expect(pages()[1].alt).toBe("Side 2 av 2 av CV-en");
    expect(callsOf(calls, "preview_cv")).toHaveLength(1);
    expect(callsOf(calls, "preview_cv")[0].args.request).toEqual({ view: "full", recipient: null, template: null, lang: "nb" });
    language.set("en");
  });

  test("a change of template or language draws the pages again", async () => {
    language.set("en");
    const user = userEvent.setup();
    const calls = mock();
    render(CvScreen);
    await waitFor(() => expect(pages()[0].src).toContain("classic-en-full"));
    // Every template Rust offers, the unknown one by its name.
    const options = [...(view.getByTestId("cv-template") as HTMLSelectElement).options].map((o) => o.textContent);
    expect(options).toEqual(["Classic", "Compact", "fancy"]);
    expect(view.getByTestId("cv-template-hint").textContent).toBe("One column with plain headings: what applicant tracking systems read best.");

    await user.selectOptions(view.getByTestId("cv-template"), "fancy");
    await waitFor(() => expect(pages()[0].src).toContain("fancy-en-full"));
    // A template the catalogue does not describe goes without a description.
    expect(view.queryByTestId("cv-template-hint")).toBeNull();
    await user.selectOptions(view.getByTestId("cv-template"), "compact");
    await waitFor(() => expect(pages()[0].src).toContain("compact-en-full"));
    expect(view.getByTestId("cv-template-hint").textContent).toContain("Denser");
    await user.click(view.getByTestId("cv-lang-nb"));
    await waitFor(() => expect(pages()[0].src).toContain("compact-nb-full"));
    expect(pages()[0].alt).toContain("Kontakt, Sammendrag, Utdanning");
    expect(callsOf(calls, "preview_cv").at(-1)!.args.request).toEqual({ view: "full", recipient: null, template: "compact", lang: "nb" });
  });

  test("an anonymous CV is drawn under the chosen organisation's pseudonym", async () => {
    language.set("en");
    const user = userEvent.setup();
    const calls = mock({ list_recipients: () => [RECIPIENT, { ...RECIPIENT, id: "r2", organisation: "Statnett SF" }] });
    render(CvScreen);
    await waitFor(() => expect(pages()).toHaveLength(2));
    await user.click(view.getByTestId("cv-view-anonymous"));
    // With two organisations, none is chosen for the person: no preview until they choose.
    expect(view.getByTestId("cv-pick-recipient")).toBeInTheDocument();
    expect(view.queryAllByTestId("cv-page")).toHaveLength(0);
    expect(view.getByTestId("cv-save")).toBeDisabled();
    await user.selectOptions(view.getByTestId("cv-recipient"), "r1");
    await waitFor(() => expect(view.getByTestId("cv-signed-as").textContent).toBe("Signed as Candidate GFUI-UYE7"));
    expect(pages()[0].alt).toContain("Candidate GFUI-UYE7");
    expect(callsOf(calls, "preview_cv").at(-1)!.args.request).toEqual({ view: "anonymous", recipient: "r1", template: null, lang: "en" });
  });

  test("saving says where the PDF went and that it is not encrypted, or that nothing was saved", async () => {
    language.set("en");
    const user = userEvent.setup();
    const answers: (string | null)[] = [null, "/home/kari/cv.pdf"];
    const calls = mock({ save_cv_pdf: () => answers.shift() ?? null });
    render(CvScreen);
    expect(view.getByText("The saved PDF is not encrypted: anyone who can open the file can read it.")).toBeInTheDocument();
    await waitFor(() => expect(pages()).toHaveLength(2));

    await user.click(view.getByTestId("cv-save"));
    await waitFor(() => expect(view.getByTestId("cv-status").textContent).toContain("Not saved: the save window was closed."));
    await user.click(view.getByTestId("cv-save"));
    const saved = await view.findByTestId("cv-saved");
    expect(saved.textContent).toBe(
      "Saved the CV to /home/kari/cv.pdf. It is not encrypted: keep it somewhere safe, and delete it when you no longer need it.",
    );
    expect(callsOf(calls, "save_cv_pdf")[0].args.request).toEqual({ view: "full", recipient: null, template: null, lang: "en" });
  });

  test("a profile without a name is told what to do, in words", async () => {
    language.set("en");
    mock({
      preview_cv: () => {
        throw ipcError("cv_needs_name");
      },
    });
    render(CvScreen);
    const error = await view.findByTestId("error");
    expect(error.textContent?.trim()).toBe("Your profile has no name to sign the CV with: add it under Profile first.");
  });
});
