import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import InboxScreen from "./InboxScreen.svelte";
import type { Candidate, NoticeAnswered, ReceivedSummary } from "../lib/bindings";
import { callsOf, ipcError, mockCommands } from "../test/ipc";

const SUMMARY: ReceivedSummary = {
  bundleId: "b1",
  candidate: "c1",
  candidateName: "Candidate GFUI-UYE7",
  anonymous: true,
  view: "anonymous",
  purpose: "Backend developer",
  issuedAt: "2026-11-20T10:00:00Z",
  receivedAt: "2026-11-21T10:00:00Z",
  expiresAt: "2027-02-18T10:00:00Z",
  plain: false,
  entries: ["profile.json", "profile.html", "README.txt"],
  alreadyHeld: false,
};

const CANDIDATE: Candidate = {
  id: "c1",
  name: "Candidate GFUI-UYE7",
  anonymous: true,
  revealed: [],
  profile: { skills: [{ name: "Rust" }] } as never,
  bundles: [SUMMARY],
  replyTo: "age1example",
  gpa: [],
};

describe("the employer's inbox", () => {
  test("an imported bundle shows its candidate by pseudonym, with the date to delete by", async () => {
    const user = userEvent.setup();
    let imported = false;
    mockCommands({
      list_candidates: () => (imported ? [CANDIDATE] : []),
      list_notices: () => [],
      import_bundle: () => {
        imported = true;
        return SUMMARY;
      },
    });
    render(InboxScreen);
    await user.click(await view.findByTestId("inbox-import"));
    expect((await view.findByTestId("inbox-status")).textContent).toContain("Imported a profile from Candidate GFUI-UYE7");
    expect(view.getByTestId("candidates").textContent).toContain("Candidate GFUI-UYE7");
    expect(view.getByTestId("candidates").textContent).toContain("2027");
    // What the candidate sent it for, and when it came.
    expect(view.getByTestId("candidate-purpose").textContent).toBe("Backend developer");
    expect(view.getByTestId("candidate-skills").textContent).toBe("Rust");
  });

  test("a refused bundle says why, and the list stays as it was", async () => {
    const user = userEvent.setup();
    mockCommands({
      list_candidates: () => [],
      list_notices: () => [],
      import_bundle: () => {
        throw {
          ...ipcError("bundle_refused", { problem: "expired" }),
          message: "this bundle expired at 2020-01-01T00:00:00Z",
        };
      },
    });
    render(InboxScreen);
    await user.click(await view.findByTestId("inbox-import"));
    expect((await view.findByTestId("error")).textContent?.trim()).toBe(
      "The file was refused: this bundle expired at 2020-01-01T00:00:00Z",
    );
    expect(view.queryByTestId("candidates")).toBeNull();
  });
});

const DELETION: NoticeAnswered = {
  request: "n1",
  kind: "deletion-request",
  from: "Candidate GFUI-UYE7",
  candidate: "0f3a9c2e71b4d856",
  outcome: "deleted",
  answeredAt: "2026-12-03T09:05:41.123456789Z",
  bundles: ["b1"],
  parts: 1,
  repeated: false,
};

describe("the employer's notices", () => {
  test("answering a deletion request deletes the candidate's bundles and says where the receipt went", async () => {
    const user = userEvent.setup();
    let answered = false;
    const calls = mockCommands({
      list_candidates: () => (answered ? [] : [CANDIDATE]),
      list_notices: () => (answered ? [DELETION] : []),
      answer_notice_file: () => {
        answered = true;
        return { notice: DELETION, path: "/srv/hr/deletion.candor.answer.candor" };
      },
    });
    render(InboxScreen);
    await view.findByTestId("candidates");
    await user.click(view.getByTestId("inbox-answer-notice"));
    expect(callsOf(calls, "answer_notice_file")[0].args).toEqual({ extendMonths: null, reason: null });
    expect((await view.findByTestId("notices-status")).textContent).toBe(
      "Deleted what Candidate GFUI-UYE7 asked about (Deletion request). Bundles deleted: 1. Saved the signed receipt to /srv/hr/deletion.candor.answer.candor: send it back to them.",
    );
    const row = await view.findByTestId("notice-row");
    expect(row.textContent).toContain("Deletion request");
    expect(row.textContent).toContain("Deleted");
    // When, to the minute in the person's own time, without the stored fractions.
    expect(view.getByTestId("notice-answered-at").textContent).toMatch(/^3 Dec 2026, \d\d:\d\d$/);
    await waitFor(() => expect(view.queryByTestId("candidates")).toBeNull());
  });

  test("an extension sends its months and reason; one without a reason is refused with the rule", async () => {
    const user = userEvent.setup();
    const calls = mockCommands({
      list_candidates: () => [],
      list_notices: () => [],
      answer_notice_file: ({ reason }) => {
        if (!String(reason ?? "").trim()) throw ipcError("bad_extension");
        return { notice: { ...DELETION, outcome: "extended", bundles: [] }, path: "/srv/hr/n.answer.candor" };
      },
    });
    render(InboxScreen);
    await user.click(await view.findByTestId("notice-extend"));
    await user.selectOptions(view.getByTestId("notice-months"), "2");
    await user.click(view.getByTestId("inbox-answer-notice"));
    expect((await view.findByTestId("error")).textContent?.trim()).toBe(
      "An extension is one or two months, with a reason the candidate can read (GDPR Art. 12(3)).",
    );
    await user.type(view.getByTestId("notice-reason"), "The records are in an archive we must restore");
    await user.click(view.getByTestId("inbox-answer-notice"));
    expect(callsOf(calls, "answer_notice_file").at(-1)!.args).toEqual({
      extendMonths: 2,
      reason: "The records are in an archive we must restore",
    });
    expect((await view.findByTestId("notices-status")).textContent).toContain("you need 2 months more to answer");
  });
});
