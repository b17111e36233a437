import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import ShareScreen from "./ShareScreen.svelte";
import { language } from "../lib/i18n";
import type { ProfileInput, RecipientInfo, SharePreview, ViewChoiceInput } from "../lib/bindings";
import { application, callsOf, ipcError, mockCommands, summaryOf } from "../test/ipc";

const RECIPIENT: RecipientInfo = {
  id: "r1",
  organisation: "Fjordkraft Data AS",
  organisationNumber: "987654321",
  contact: "jobb@fjordkraft.example",
  privacyContact: "personvern@fjordkraft.example",
  privacyPolicyUrl: "https://fjordkraft.example/personvern",
  intakeUrl: null,
  fingerprint: "7KQ2-M9XD-AB12-CD34-EF56",
  ageRecipient: "age1example",
  minisignKey: "RWQexample",
  addedAt: "2026-11-01T10:00:00Z",
  source: "card.json",
  pseudonym: "Candidate GFUI-UYE7",
};

const PROFILE: ProfileInput = {
  person: { name: "Kari Nordmann", email: "kari@example.org" },
  work: [{ name: "Statnett", position: "Developer" }],
  skills: [{ name: "Rust" }, { name: "SQL" }],
} as ProfileInput;

/** Rust's projection, reduced to what the test looks at: the skills left in. */
function previewOf(choice: ViewChoiceInput): SharePreview {
  const skills = (PROFILE.skills ?? []).filter((_, i) => !(choice.exclude ?? []).includes(`skills[${i}]`));
  const json = JSON.stringify({ skills: skills.map((s) => ({ name: s.name })) }, null, 2);
  return {
    recipient: RECIPIENT,
    signedAs: RECIPIENT.pseudonym,
    view: {
      kind: choice.kind,
      profile: { skills } as never,
      documents: [],
      fields: skills.map((_, i) => `skills[${i}].name`),
      findings: [{ path: "person.summary", kind: "name", text: "Kari" }],
      quasiIdentifiers: [
        { path: "work", kind: "careerHistory", note: "your roles, in order", detail: { count: null, example: null, distributions: false } },
        {
          path: "education[0].courses",
          kind: "courseCode",
          note: "6 course codes, such as IN1000, name the institution",
          detail: { count: 6, example: "IN1000", distributions: false },
        },
      ],
      warnings: [],
      // What the model classes as identifying in PROFILE, as Rust lists it.
      identifying:
        choice.kind === "anonymous"
          ? ["person.name", "person.email", "work[0].name"].map((path) => ({
              path,
              included: (choice.include ?? []).includes(path),
            }))
          : [],
    },
    profileJson: json,
    profileHtml: `<!DOCTYPE html><html><body><h1>${RECIPIENT.pseudonym}</h1><ul>${skills.map((s) => `<li>${s.name}</li>`).join("")}</ul></body></html>`,
    attachments: ["attachments/cv-1.pdf"],
    cleaned: [
      {
        name: "attachments/cv-1.pdf",
        fileName: "Kari_Nordmann_CV.pdf",
        removed: [{ kind: "info", entry: "Author", value: "Kari Nordmann" }, { kind: "xmp" }],
      },
    ],
  };
}

/** Two applications, one with a cover letter written. */
const APPLICATIONS = [
  summaryOf(application("a1", { company: "Fjordkraft Data AS", position: "Backend developer", coverLetter: { blocks: [{ type: "paragraph", runs: [{ text: "Hello" }] }] } })),
  summaryOf(application("a2", { company: "Equinor", position: "Tester" })),
];

function mock(extra: Record<string, (args: Record<string, unknown>) => unknown> = {}) {
  return mockCommands({
    list_recipients: () => [RECIPIENT],
    get_profile: () => PROFILE,
    list_documents: () => [],
    list_applications: () => ({ total: 2, matched: 2, offset: 0, rows: APPLICATIONS }),
    preview_share: (args) => previewOf(args.choice as ViewChoiceInput),
    ...extra,
  });
}

async function toItems(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await view.findByTestId("recipient-Fjordkraft Data AS"));
  await user.click(view.getByTestId("share-next"));
  await user.click(view.getByTestId("view-anonymous"));
  await user.click(view.getByTestId("share-next"));
}

/** What save_share answers: the file, its ledger entry and the covering letter. */
function savedShare(path: string, bundleId: string) {
  return {
    path,
    size: 4888,
    entry: { organisation: "Fjordkraft Data AS", bundleId },
    letters: { en: "To Fjordkraft Data AS\n\nAttached is my anonymous profile.", nb: "Til Fjordkraft Data AS\n\nVedlagt er den anonyme profilen min." },
    mailto: "mailto:rekruttering@fjordkraft.example?subject=Anonymous%20profile",
  };
}

describe("the share wizard", () => {
  test("an unticked item is gone from the preview, and the choice Rust gets excludes it", async () => {
    const user = userEvent.setup();
    const calls = mock();
    render(ShareScreen);
    await toItems(user);
    await user.click(view.getByTestId("item-skills[1]"));
    await user.click(view.getByTestId("share-next"));
    const preview = await view.findByTestId("share-preview");
    expect(preview.textContent).toContain("Rust");
    expect(preview.textContent).not.toContain("SQL");
    // The page the organisation opens, in a frame that may run and load nothing.
    const page = view.getByTestId("share-preview-page") as HTMLIFrameElement;
    expect(page.getAttribute("sandbox")).toBe("");
    expect(page.getAttribute("srcdoc")).toContain("<li>Rust</li>");
    expect(page.getAttribute("srcdoc")).not.toContain("SQL");
    expect(page.title).toBe("The page Fjordkraft Data AS will open");
    const choice = callsOf(calls, "preview_share").at(-1)!.args.choice as ViewChoiceInput;
    expect(choice).toEqual({ kind: "anonymous", exclude: ["skills[1]"], include: [] });
    expect(view.getByTestId("findings").textContent).toContain("Kari");
    // Worded in the UI's language from the note's kind and detail, with the place in words.
    const quasi = view.getByTestId("quasi-identifiers").textContent ?? "";
    expect(quasi).toContain("Your roles, industries and dates, in order");
    expect(quasi).toContain("Course codes (6, such as IN1000) name the institution");
    expect(quasi).toContain("(Education › Courses and grades)");
    expect(quasi).not.toMatch(/\w+\[\d+\]/);
    language.set("nb");
    await waitFor(() =>
      expect(view.getByTestId("quasi-identifiers").textContent).toContain("Emnekoder (6, for eksempel IN1000) avslører lærestedet"),
    );
    expect(view.getByTestId("quasi-identifiers").textContent).not.toContain("your roles");
    language.set("en");
  });

  test("the preview names each attachment as sent and what was taken out of it", async () => {
    const user = userEvent.setup();
    mock();
    render(ShareScreen);
    await toItems(user);
    await user.click(view.getByTestId("share-next"));
    const attachments = await view.findByTestId("share-attachments");
    expect(attachments).toHaveTextContent(
      "cv-1.pdf from “Kari_Nordmann_CV.pdf”, written anew without: Author “Kari Nordmann”, XMP metadata",
    );
  });

  test("an identifying field is shared only when ticked", async () => {
    const user = userEvent.setup();
    const calls = mock();
    render(ShareScreen);
    await toItems(user);
    await user.click(view.getByTestId("optin-work[0].name"));
    await user.click(view.getByTestId("share-next"));
    await view.findByTestId("share-preview");
    const choice = callsOf(calls, "preview_share").at(-1)!.args.choice as ViewChoiceInput;
    expect(choice.include).toEqual(["work[0].name"]);
  });

  test("the fields to opt into are those the model lists, in words with their values", async () => {
    const user = userEvent.setup();
    mock();
    render(ShareScreen);
    await toItems(user);
    const work = await view.findByTestId("optin-work[0].name");
    expect(work.closest("label")).toHaveTextContent("The employer's name: Statnett (Developer · Statnett)");
    expect(view.getByTestId("optin-person.email").closest("label")).toHaveTextContent(
      "Your e-mail address: kari@example.org",
    );
  });

  test("a field inside an item left out is not offered", async () => {
    const user = userEvent.setup();
    mock();
    render(ShareScreen);
    await toItems(user);
    await view.findByTestId("optin-work[0].name");
    await user.click(view.getByTestId("item-work[0]"));
    expect(view.queryByTestId("optin-work[0].name")).toBeNull();
  });

  test("a warning about an attachment is said in the page's language", async () => {
    const user = userEvent.setup();
    mock({
      preview_share: (args) => {
        const preview = previewOf(args.choice as ViewChoiceInput);
        preview.view.warnings = [
          {
            path: "documents[d1]",
            kind: "attachmentNamesYou",
            message: "English for the command line",
            reason: "namesYou",
            file: "Kari_Nordmann_CV.pdf",
            found: ["Kari Nordmann"],
          },
        ];
        return preview;
      },
    });
    render(ShareScreen);
    await toItems(user);
    await user.click(view.getByTestId("share-next"));
    const warning = await view.findByTestId("share-warning");
    expect(warning.textContent?.trim()).toBe(
      "“Kari_Nordmann_CV.pdf” names you in its text (“Kari Nordmann”): Candor cannot change what a document says, so the recipient will read it.",
    );
    language.set("nb");
    await waitFor(() => expect(view.getByTestId("share-warning").textContent).toContain("«Kari_Nordmann_CV.pdf» nevner deg i teksten"));
    language.set("en");
  });

  test("saving sends the expiry, purpose and encryption chosen, and says where it went", async () => {
    const user = userEvent.setup();
    const calls = mock({
      save_share: () => savedShare("/home/kari/Fjordkraft_Data_AS.candor", "a".repeat(32)),
      save_letter: () => "/home/kari/Letter to Fjordkraft Data AS.txt",
      open_email: () => null,
    });
    render(ShareScreen);
    await toItems(user);
    await user.click(view.getByTestId("share-next"));
    await view.findByTestId("share-preview");
    await user.click(view.getByTestId("share-next"));
    await user.selectOptions(await view.findByTestId("share-expires"), "30");
    await user.type(view.getByTestId("share-purpose"), "Backend developer");
    await user.click(view.getByTestId("share-save"));
    expect((await view.findByTestId("share-saved")).textContent).toContain("/home/kari/Fjordkraft_Data_AS.candor");
    const save = callsOf(calls, "save_share")[0].args;
    expect(save).toMatchObject({ recipient: "r1", expiresDays: 30, purpose: "Backend developer", plain: false });
    // Saved once: the same share is not saved twice by a second click.
    expect(view.getByTestId("share-save")).toHaveProperty("disabled", true);
    // The covering letter, to copy, save or open in the mail program with the file to attach.
    expect((view.getByTestId("share-letter") as HTMLTextAreaElement).value).toContain("Attached is my anonymous profile.");
    await user.click(view.getByTestId("share-letter-save"));
    await waitFor(() =>
      expect(callsOf(calls, "save_letter")[0].args).toMatchObject({
        text: "To Fjordkraft Data AS\n\nAttached is my anonymous profile.",
        name: "Letter to Fjordkraft Data AS",
      }),
    );
    expect((await view.findByTestId("share-letter-status")).textContent).toContain("Saved as /home/kari/Letter to Fjordkraft Data AS.txt.");
    await user.click(view.getByTestId("share-letter-email"));
    await waitFor(() => expect(callsOf(calls, "open_email")[0].args).toMatchObject({ mailto: savedShare("", "").mailto }));
    expect(view.getByText("Attach /home/kari/Fjordkraft_Data_AS.candor to the e-mail.")).toBeTruthy();
  });

  test("a saved bundle goes to the organisation's intake address, or is shown in its folder", async () => {
    const user = userEvent.setup();
    const saved = savedShare("/home/kari/Fjordkraft_Data_AS.candor", "b".repeat(32));
    const calls = mock({
      list_recipients: () => [{ ...RECIPIENT, intakeUrl: "https://fjordkraft.example/intake" }],
      save_share: () => saved,
      send_share: () => ({ organisation: "Fjordkraft Data AS", alreadyHeld: false }),
      show_in_folder: () => null,
    });
    render(ShareScreen);
    await toItems(user);
    await user.click(view.getByTestId("share-next"));
    await view.findByTestId("share-preview");
    await user.click(view.getByTestId("share-next"));
    await user.click(await view.findByTestId("share-save"));
    await user.click(await view.findByTestId("share-send"));
    expect((await view.findByTestId("share-sent")).textContent).toContain("Sent: Fjordkraft Data AS has filed it.");
    expect(callsOf(calls, "send_share")[0].args).toMatchObject({ bundleId: "b".repeat(32), path: saved.path });
    expect(view.getByTestId("share-send")).toHaveProperty("disabled", true);
    await user.click(view.getByTestId("share-show-in-folder"));
    await waitFor(() => expect(callsOf(calls, "show_in_folder")[0].args).toMatchObject({ path: saved.path }));
  });

  test("a CV and an application's letter are asked for in the language and layout chosen", async () => {
    const user = userEvent.setup();
    const calls = mock({ save_share: () => savedShare("/home/kari/Fjordkraft_Data_AS.candor", "b".repeat(32)) });
    render(ShareScreen);
    await toItems(user);
    const letters = await view.findByTestId("made-letter");
    // Only the application with a letter is offered.
    await waitFor(() => expect(letters.querySelectorAll("option")).toHaveLength(2));
    expect(letters.textContent).toContain("Fjordkraft Data AS — Backend developer");
    expect(letters.textContent).not.toContain("Equinor");
    expect(view.queryByTestId("made-template")).toBeNull();
    await user.click(view.getByTestId("made-cv"));
    await user.selectOptions(letters, "a1");
    await user.selectOptions(view.getByTestId("made-template"), "compact");
    await user.selectOptions(view.getByTestId("made-lang"), "nb");
    await user.click(view.getByTestId("share-next"));
    await view.findByTestId("share-preview");
    const made = { cv: true, letter: "a1", template: "compact", lang: "nb" };
    expect(callsOf(calls, "preview_share").at(-1)?.args).toMatchObject({ made });
    await user.click(view.getByTestId("share-next"));
    await user.click(await view.findByTestId("share-save"));
    await view.findByTestId("share-saved");
    expect(callsOf(calls, "save_share")[0].args).toMatchObject({ made });
  });

  test("a bundle that could not be sent says so and keeps the saved file", async () => {
    const user = userEvent.setup();
    mock({
      list_recipients: () => [{ ...RECIPIENT, intakeUrl: "https://fjordkraft.example/intake" }],
      save_share: () => savedShare("/home/kari/f.candor", "c".repeat(32)),
      send_share: () => {
        throw {
          ...ipcError("send_failed", { organisation: "Fjordkraft Data AS" }),
          message: "cannot fetch https://fjordkraft.example/intake: connection refused.",
        };
      },
    });
    render(ShareScreen);
    await toItems(user);
    await user.click(view.getByTestId("share-next"));
    await view.findByTestId("share-preview");
    await user.click(view.getByTestId("share-next"));
    await user.click(await view.findByTestId("share-save"));
    await user.click(await view.findByTestId("share-send"));
    await waitFor(() =>
      expect(view.getByTestId("error").textContent).toContain(
        "Sending to Fjordkraft Data AS did not work: cannot fetch https://fjordkraft.example/intake: connection refused. The saved file is still there",
      ),
    );
    expect(view.getByTestId("share-saved")).toBeTruthy();
  });

  test("without an intake address there is no send button, only the folder", async () => {
    const user = userEvent.setup();
    mock({ save_share: () => savedShare("/home/kari/f.candor", "d".repeat(32)) });
    render(ShareScreen);
    await toItems(user);
    await user.click(view.getByTestId("share-next"));
    await view.findByTestId("share-preview");
    await user.click(view.getByTestId("share-next"));
    await user.click(await view.findByTestId("share-save"));
    await view.findByTestId("share-show-in-folder");
    expect(view.queryByTestId("share-send")).toBeNull();
  });

  test("a refused key card is explained and adds nobody", async () => {
    const user = userEvent.setup();
    mock({
      add_recipient_file: () => {
        throw {
          ...ipcError("bundle_refused", { problem: "card-bad-signature" }),
          message: "the key card's signature does not verify: the card was edited or forged",
        };
      },
    });
    render(ShareScreen);
    await user.click(await view.findByTestId("recipient-add-file"));
    await waitFor(() =>
      expect(view.getByTestId("error").textContent).toContain("the key card's signature does not verify"),
    );
    expect(view.getAllByRole("radio")).toHaveLength(1);
  });
});
