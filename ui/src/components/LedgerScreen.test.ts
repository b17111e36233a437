import { render, screen as view, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import LedgerScreen from "./LedgerScreen.svelte";
import { language } from "../lib/i18n";
import type { HeldItem, InvitationRow, LedgerEntry, RequestRow, RequestSent, ShareOutcome } from "../lib/bindings";
import { callsOf, ipcError, mockCommands, type Handler } from "../test/ipc";
import { deleted, requestRow, shareEntry } from "../test/requests";

/** One held item, as Rust names it from the seeker's profile. */
function item(section: string, name: string, fields: string[], extra: Partial<HeldItem> = {}): HeldItem {
  return { section, name, fields, courses: 0, gradedCourses: 0, document: null, made: null, ...extra };
}

const HOLDINGS = {
  shares: [],
  fields: ["person.name", "skills[0].name", "skills[1].name"],
  groups: [
    { section: "person", entries: 0, fields: ["name"] },
    { section: "skills", entries: 2, fields: ["name"] },
  ],
  items: [item("person", "", ["name"]), item("skills", "Rust", ["name"]), item("skills", "SQL", ["name"])],
};

const LETTERS = {
  en: "To Fjordkraft Data AS\n\nRequest for erasure under GDPR Art. 17\n",
  nb: "Til Fjordkraft Data AS\n\nKrav om sletting etter personvernforordningen art. 17\n",
};

/** The ledger with `shares`, and requests that `send_request` and `import_answer_file` change. */
function mockLedger(shares: LedgerEntry[], initial: RequestRow[] = [], extra: Record<string, Handler> = {}) {
  let requests = initial;
  const calls = mockCommands({
    // Rust's reading of each share, reduced to what these tests look at.
    list_shares: () =>
      shares.map((entry) => {
        const about = requests.filter((r) => (r.entry.refersTo ?? []).includes(entry.bundleId));
        const status = about.some((r) => r.state === "answered")
          ? "deletion-confirmed"
          : about.length
            ? "deletion-requested"
            : "active";
        return { entry, status, confirmedAt: null, dueAt: null };
      }),
    list_requests: () => requests,
    list_invitations: () => [],
    list_recipients: () => [],
    recipient_holdings: () => HOLDINGS,
    send_request: (args) => {
      const row = requestRow("q1", shares.filter((s) => s.view === args.view).map((s) => s.bundleId));
      requests = [row];
      const sent: RequestSent = {
        path: "/home/kari/deletion-request-Fjordkraft_Data_AS.candor",
        entry: row.entry,
        letters: LETTERS,
        mailto: "mailto:personvern@fjordkraft.example?subject=Erasure",
      };
      return sent;
    },
    import_answer_file: () => {
      requests = requests.map(deleted);
      return requests[0];
    },
    ...extra,
  });
  return calls;
}

describe("what an organisation holds", () => {
  test("every field is named in the UI's language, bokmål included, never as a path or in English", async () => {
    const user = userEvent.setup();
    mockLedger([shareEntry("b1")], [], {
      recipient_holdings: () => ({
        ...HOLDINGS,
        items: [
          item("person", "", ["givenName", "addresses.city"]),
          item("education", "Bachelor, Informatikk", ["studyType", "courses.distribution", "courses.grade.scheme"]),
          item("skills", "", ["keywords"]),
        ],
      }),
    });
    language.set("nb");
    render(LedgerScreen);
    await user.click(await view.findByTestId("ledger-organisation"));
    const held = (await view.findByTestId("held")).textContent ?? "";
    for (const word of ["Fornavn", "Sted", "Grad", "Karakterfordeling", "Karakterskala"]) expect(held).toContain(word);
    for (const english of ["given name", "city", "study type", "distribution", "scheme", "keywords"]) expect(held.toLowerCase()).not.toContain(english);
    language.set("en");
  });

  test("each item is named as the seeker knows it: the education with its courses, the CV by type and size", async () => {
    const user = userEvent.setup();
    mockLedger([shareEntry("b1")], [], {
      recipient_holdings: () => ({
        ...HOLDINGS,
        items: [
          item("education", "Universitetet i Oslo, Bachelor, Informatikk", ["institution", "courses.grade"], { courses: 12, gradedCourses: 12 }),
          item("documents", "cv-kari.pdf", [], {
            document: { kind: "cv", fileName: "cv-kari.pdf", mediaType: "application/pdf", size: 182_000 },
          }),
          item("work", "Developer", ["position"], { courses: 0 }),
        ],
      }),
    });
    render(LedgerScreen);
    await user.click(await view.findByTestId("ledger-organisation"));
    const items = (await view.findAllByTestId("held-item")).map((li) => li.textContent ?? "");
    expect(items[0]).toContain("Education — Universitetet i Oslo, Bachelor, Informatikk: 12 courses with grades");
    expect(items[1]).toContain("CV (PDF, 182 kB)");
    expect(items[2]).toContain("Developer");
    for (const text of items) {
      expect(text).not.toMatch(/\w+\[\d+\]/);
      expect(text).not.toMatch(/\b[0-9a-f]{16,}\b/);
    }
  });

  test("each share shows its purpose and time, and a confirmed deletion its date", async () => {
    mockLedger([shareEntry("b1", { purpose: "Backend developer" }), shareEntry("b2", { purpose: "" })], [], {
      list_shares: () => [
        { entry: shareEntry("b1", { purpose: "Backend developer" }), status: "deletion-confirmed", confirmedAt: "2026-12-20T10:00:00Z", dueAt: null },
        { entry: shareEntry("b2", { purpose: "" }), status: "active", confirmedAt: null, dueAt: null },
      ],
    });
    render(LedgerScreen);
    const purposes = (await view.findAllByTestId("ledger-purpose")).map((td) => td.textContent);
    expect(purposes).toEqual(["No purpose given", "Backend developer"]);
    expect(view.getAllByTestId("ledger-org")).toHaveLength(1);
    expect(view.getByTestId("ledger-status-detail").textContent).toBe("on 20 Dec 2026");
  });
});

describe("the ledger's requests", () => {
  test("a notice goes to the organisation's intake address and its answer is taken in", async () => {
    const user = userEvent.setup();
    const calls = mockLedger([shareEntry("b1")], [], {
      list_recipients: () => [{ id: "r1", organisation: "Fjordkraft Data AS", intakeUrl: "https://fjordkraft.example/intake" }],
      send_notice: () => deleted(requestRow("q1", ["b1"])),
    });
    render(LedgerScreen);
    await user.click(await view.findByTestId("ledger-organisation"));
    await user.click(await view.findByTestId("request-deletion"));
    await user.click(await view.findByTestId("request-send"));
    expect((await view.findByTestId("request-answered")).textContent).toContain("Deletion confirmed: Fjordkraft Data AS signed");
    expect(callsOf(calls, "send_notice")[0].args).toEqual({
      recipient: "r1",
      path: "/home/kari/deletion-request-Fjordkraft_Data_AS.candor",
    });
  });

  test("requesting deletion saves the notice, shows the letter in the UI's language and follows the request", async () => {
    const user = userEvent.setup();
    const calls = mockLedger([shareEntry("b1")]);
    render(LedgerScreen);
    await user.click(await view.findByTestId("ledger-organisation"));
    const held = await view.findByTestId("held");
    expect(held.textContent).toContain("Skills — Rust");
    expect(held.textContent).toContain("Skills — SQL");
    expect(held.textContent).not.toContain("skills[0]");
    expect(view.queryByTestId("request-view-full")).toBeNull();
    await user.click(view.getByTestId("request-deletion"));
    expect(callsOf(calls, "send_request")[0].args).toEqual({ recipient: "r1", view: "full", kind: "deletion" });
    const saved = await view.findByTestId("request-sent");
    expect(saved.textContent).toContain("/home/kari/deletion-request-Fjordkraft_Data_AS.candor");
    expect(saved.textContent).toContain("personvern@fjordkraft.example");
    expect(view.getByTestId("request-letter")).toHaveValue(LETTERS.en);
    expect(document.activeElement?.textContent).toBe("The letter to send with it");
    await user.click(view.getByTestId("request-letter-email"));
    expect(callsOf(calls, "open_email")[0].args).toEqual({ mailto: "mailto:personvern@fjordkraft.example?subject=Erasure" });
    await waitFor(() => expect(view.getByTestId("ledger-status").textContent).toBe("Deletion requested"));
    const row = view.getByTestId("request-row");
    expect(row.textContent).toContain("Deletion request to Fjordkraft Data AS");
    expect(within(row).getByTestId("request-status").textContent?.trim()).toBe("Sent");
    language.set("nb");
    await waitFor(() => expect(view.getByTestId("request-letter")).toHaveValue(LETTERS.nb));
    expect(view.getByTestId("ledger-status").textContent).toBe("Sletting krevd");
  });

  test("with both an anonymous and a full share, the seeker chooses which the notice is about", async () => {
    const user = userEvent.setup();
    const calls = mockLedger([shareEntry("b1", { view: "anonymous", signedAs: "Candidate GFUI-UYE7" }), shareEntry("b2")]);
    render(LedgerScreen);
    await user.click((await view.findAllByTestId("ledger-organisation"))[0]);
    await user.click(await view.findByTestId("request-view-anonymous"));
    await user.click(view.getByTestId("request-withdraw"));
    expect(callsOf(calls, "send_request")[0].args).toEqual({ recipient: "r1", view: "anonymous", kind: "withdraw" });
  });

  test("a cancelled save dialog sends nothing and shows no letter", async () => {
    const user = userEvent.setup();
    mockLedger([shareEntry("b1")], [], { send_request: () => null });
    render(LedgerScreen);
    await user.click(await view.findByTestId("ledger-organisation"));
    await user.click(await view.findByTestId("request-access"));
    await waitFor(() => expect(view.getByTestId("request-access")).toBeEnabled());
    expect(view.queryByTestId("request-letter")).toBeNull();
    expect(view.getByTestId("requests-empty")).toBeInTheDocument();
  });

  test("importing the receipt turns the request and the share to deletion confirmed", async () => {
    const user = userEvent.setup();
    mockLedger([shareEntry("b1")], [requestRow("q1", ["b1"])]);
    render(LedgerScreen);
    expect((await view.findByTestId("ledger-status")).textContent).toBe("Deletion requested");
    await user.click(view.getByTestId("answer-import"));
    await waitFor(() =>
      expect(view.getByTestId("requests-status").textContent).toBe(
        "Deletion confirmed: Fjordkraft Data AS signed that it deleted what you asked about. Bundles deleted: 1",
      ),
    );
    await waitFor(() => expect(view.getByTestId("ledger-status").textContent).toBe("Deletion confirmed"));
    expect(view.getByTestId("request-status").textContent?.trim()).toBe("Deletion confirmed");
    expect(view.getByTestId("request-row").textContent).toContain("deletion confirmed, signed by Fjordkraft Data AS");
  });

  test("an answer signed by another key is refused with the reason, and nothing changes", async () => {
    const user = userEvent.setup();
    mockLedger([shareEntry("b1")], [requestRow("q1", ["b1"])], {
      import_answer_file: () => {
        throw ipcError("answer_from_another_signer", { organisation: "Fjordkraft Data AS" });
      },
    });
    render(LedgerScreen);
    await user.click(await view.findByTestId("answer-import"));
    expect((await view.findByTestId("error")).textContent?.trim()).toBe(
      "This answer is not signed with Fjordkraft Data AS's key, so it was refused. Nothing was changed.",
    );
    expect(view.getByTestId("request-status").textContent?.trim()).toBe("Sent");
  });

  test("overdue requests come first, marked, with a complaint to Datatilsynet to copy", async () => {
    const user = userEvent.setup();
    const overdue = requestRow("q2", ["b2"], { overdue: true }, "access-request");
    const calls = mockLedger([shareEntry("b1"), shareEntry("b2")], [overdue, requestRow("q1", ["b1"])], {
      request_complaint: () => ({ en: "To Datatilsynet\n\nComplaint: no answer", nb: "Til Datatilsynet\n\nKlage: ikke svar" }),
    });
    render(LedgerScreen);
    const rows = await view.findAllByTestId("request-row");
    expect(rows[0]).toHaveClass("is-overdue");
    expect(within(rows[0]).getByTestId("request-status").textContent?.trim()).toBe("Overdue");
    expect(rows[0].textContent).toContain("Access request to Fjordkraft Data AS");
    expect(view.getByTestId("requests-overdue").textContent).toContain("Overdue without an answer: 1");
    expect(within(rows[1]).queryByTestId("request-complaint")).toBeNull();
    await user.click(within(rows[0]).getByTestId("request-complaint"));
    expect(await view.findByTestId("complaint-letter")).toHaveValue("To Datatilsynet\n\nComplaint: no answer");
    expect(callsOf(calls, "request_complaint")[0].args).toEqual({ request: "q2" });
  });

  test("an extended request shows by how long and why, and its new due date", async () => {
    mockLedger([shareEntry("b1")], [
      requestRow("q1", ["b1"], {
        state: { extended: { months: 1, reason: "The records are in an archive we must restore" } },
        dueAt: "2027-01-23T10:00:00Z",
        answer: { answeredAt: "2026-12-10T09:00:00Z", outcome: "extended", bundles: [], reason: "The records are in an archive we must restore", tombstoned: [] },
      }),
    ]);
    render(LedgerScreen);
    const row = await view.findByTestId("request-row");
    expect(within(row).getByTestId("request-status").textContent?.trim()).toBe("Extended by 1 month");
    expect(row.textContent).toContain("they need 1 month more. Their reason: The records are in an archive we must restore");
    expect(row.textContent).toContain("Answer due by 23 Jan 2027");
    expect(view.getByTestId("ledger-status").textContent).toBe("Deletion requested");
  });
});

const INVITATION: InvitationRow = {
  id: "i1",
  recipientId: "r1",
  organisation: "Fjordkraft Data AS",
  to: "Candidate GFUI-UYE7",
  message: "We would like to meet you about the backend role.",
  contact: "rekruttering@fjordkraft.example",
  bundles: ["b1"],
  receivedAt: "2026-11-22T09:00:00Z",
};

/** The ledger with one anonymous share, and invitations that `import_invitation_file` adds. */
function mockInvitations(extra: Record<string, Handler> = {}) {
  let invitations: InvitationRow[] = [];
  const share = shareEntry("b1", { view: "anonymous", signedAs: "Candidate GFUI-UYE7" });
  const reveal = shareEntry("b2", { action: "reveal", at: "2026-11-23T10:00:00Z" });
  return mockLedger([share], [], {
    list_invitations: () => invitations,
    import_invitation_file: () => {
      invitations = [INVITATION];
      return INVITATION;
    },
    save_reveal: (): ShareOutcome => ({
      path: "/home/kari/reveal-Fjordkraft_Data_AS.candor",
      entry: reveal,
      size: 2048,
      letters: { en: "To Fjordkraft Data AS", nb: "Til Fjordkraft Data AS" },
      mailto: null,
    }),
    ...extra,
  });
}

describe("the ledger's invitations", () => {
  test("an imported invitation shows who wrote, to which pseudonym, and which share it answers", async () => {
    const user = userEvent.setup();
    mockInvitations();
    render(LedgerScreen);
    expect(await view.findByTestId("invitations-empty")).toBeInTheDocument();
    await user.click(view.getByTestId("invitation-import"));
    const row = await view.findByTestId("invitation-row");
    expect(row.textContent).toContain("From Fjordkraft Data AS");
    expect(row.textContent).toContain("To your pseudonym Candidate GFUI-UYE7");
    expect(row.textContent).toContain("We would like to meet you about the backend role.");
    expect(row.textContent).toContain("rekruttering@fjordkraft.example");
    expect(row.textContent).toContain("It answers your anonymous shares: 20 Nov 2026");
    expect(view.getByTestId("invitations-status").textContent).toBe("Invitation from Fjordkraft Data AS imported.");
  });

  test("revealing saves a full view for the organisation and says where it was saved", async () => {
    const user = userEvent.setup();
    const calls = mockInvitations();
    render(LedgerScreen);
    await user.click(await view.findByTestId("invitation-import"));
    await user.click(await view.findByTestId("invitation-reveal"));
    expect(callsOf(calls, "save_reveal")[0].args).toEqual({ recipient: "r1" });
    const saved = await view.findByTestId("reveal-saved");
    expect(saved.textContent).toContain("/home/kari/reveal-Fjordkraft_Data_AS.candor");
    expect(saved.textContent).toContain("Send the file to Fjordkraft Data AS");
    language.set("nb");
    await waitFor(() => expect(view.getByTestId("invitation-reveal").textContent).toBe("Vis hvem jeg er …"));
  });

  test("a cancelled dialog imports and reveals nothing", async () => {
    const user = userEvent.setup();
    const calls = mockInvitations({ import_invitation_file: () => null });
    render(LedgerScreen);
    await user.click(await view.findByTestId("invitation-import"));
    await waitFor(() => expect(view.getByTestId("invitation-import")).toBeEnabled());
    expect(callsOf(calls, "import_invitation_file")).toHaveLength(1);
    expect(view.queryByTestId("invitation-row")).toBeNull();
    expect(view.getByTestId("invitations-status").textContent).toBe("");
  });

  test("a reveal to an organisation never shared with anonymously says to share a full view", async () => {
    const user = userEvent.setup();
    mockInvitations({
      save_reveal: () => {
        throw ipcError("nothing_to_reveal", { organisation: "Fjordkraft Data AS" });
      },
    });
    render(LedgerScreen);
    await user.click(await view.findByTestId("invitation-import"));
    await user.click(await view.findByTestId("invitation-reveal"));
    expect((await view.findByRole("alert")).textContent).toContain(
      "You have not shared anything anonymously with Fjordkraft Data AS, so there is no pseudonym to reveal.",
    );
    expect(view.queryByTestId("reveal-saved")).toBeNull();
  });
});
