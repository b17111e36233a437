import { render, screen as view } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import InboxScreen from "./InboxScreen.svelte";
import type { Candidate, ReceivedSummary } from "../lib/types";
import { ipcError, mockCommands } from "../test/ipc";

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
};

describe("the employer's inbox", () => {
  test("an imported bundle shows its candidate by pseudonym, with the date to delete by", async () => {
    const user = userEvent.setup();
    let imported = false;
    mockCommands({
      list_candidates: () => (imported ? [CANDIDATE] : []),
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
    expect(view.getByTestId("candidate-skills").textContent).toBe("Rust");
  });

  test("a refused bundle says why, and the list stays as it was", async () => {
    const user = userEvent.setup();
    mockCommands({
      list_candidates: () => [],
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
