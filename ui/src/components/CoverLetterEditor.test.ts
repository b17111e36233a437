import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import CoverLetterEditor from "./CoverLetterEditor.svelte";
import { language } from "../lib/i18n";
import { application, callsOf, mockCommands } from "../test/ipc";

const ENTRY = application("a1", { company: "Aker BP", position: "Graduate engineer", contact: "Ola Berg" });

describe("the cover letter editor", () => {
  test("says whom the letter goes to, saves what was written and then offers the PDF", async () => {
    language.set("en");
    const user = userEvent.setup();
    const calls = mockCommands({
      cover_letter_text: () => "",
      save_cover_letter: (args) => application("a1", { company: "Aker BP", coverLetter: { blocks: [{ type: "paragraph", runs: [{ text: String(args.text) }] }] } }),
      save_cover_letter_pdf: () => "/home/kari/cover-letter.pdf",
    });
    const saved: unknown[] = [];
    render(CoverLetterEditor, { entry: ENTRY, onsaved: (e) => saved.push(e) });
    expect(view.getByText(/To Ola Berg, Aker BP/)).toBeTruthy();
    expect(view.getByText(/About: Graduate engineer/)).toBeTruthy();
    const pdf = view.getByTestId("letter-pdf") as HTMLButtonElement;
    expect(pdf.disabled).toBe(true);

    await user.type(view.getByTestId("letter-text"), "I would like to **join** you.");
    expect(pdf.disabled).toBe(true);
    await user.click(view.getByTestId("letter-save"));
    await waitFor(() => expect(callsOf(calls, "save_cover_letter")[0].args).toEqual({ id: "a1", text: "I would like to **join** you." }));
    expect((await view.findByTestId("letter-status")).textContent).toBe("The letter is saved with the application, encrypted.");
    expect(saved).toHaveLength(1);

    await user.selectOptions(view.getByTestId("letter-template"), "compact");
    await user.click(view.getByTestId("letter-pdf"));
    await waitFor(() => expect(callsOf(calls, "save_cover_letter_pdf")[0].args).toEqual({ id: "a1", template: "compact", lang: "en" }));
    await waitFor(() => expect(view.getByTestId("letter-status").textContent).toContain("It is not encrypted"));
  });

  test("a letter already written is shown, in bokmål too", async () => {
    language.set("nb");
    mockCommands({ cover_letter_text: () => "Hei!\n\n- Rust" });
    render(CoverLetterEditor, { entry: ENTRY, onsaved: () => {} });
    await waitFor(() => expect((view.getByTestId("letter-text") as HTMLTextAreaElement).value).toBe("Hei!\n\n- Rust"));
    expect(view.getByText("Søknadsbrev")).toBeTruthy();
    expect((view.getByTestId("letter-pdf") as HTMLButtonElement).disabled).toBe(false);
    language.set("en");
  });
});
