import { describe, expect, test } from "vitest";
import { requestStatus, sharedViews, timeline } from "./requests";
import { deleted, requestRow, shareEntry } from "../test/requests";


describe("where a request stands", () => {
  test("sent, then a deletion confirmed, ends the timeline with the answer", () => {
    const sent = requestRow("q1", ["b1"]);
    expect(requestStatus(sent)).toBe("sent");
    expect(timeline(sent).map((s) => s.step)).toEqual(["sent", "due"]);
    const answered = deleted(sent);
    expect(requestStatus(answered)).toBe("deletion-confirmed");
    expect(timeline(answered)).toEqual([
      { step: "sent", at: "2026-11-23T10:00:00Z" },
      { step: "deleted", at: "2026-12-01T09:00:00Z", count: 1 },
    ]);
  });

  test("an extension shows its months and reason, then the new due date", () => {
    const row = requestRow("q1", ["b1"], {
      state: { extended: { months: 2, reason: "archive restore" } },
      dueAt: "2027-02-23T10:00:00Z",
      answer: { answeredAt: "2026-12-10T09:00:00Z", outcome: "extended", bundles: [], reason: "archive restore", tombstoned: [] },
    });
    expect(requestStatus(row)).toBe("extended");
    expect(timeline(row).map((s) => s.step)).toEqual(["sent", "extended", "due"]);
  });

  test("past its due date with no answer it is overdue, even when extended", () => {
    const row = requestRow("q1", ["b1"], { overdue: true, state: { extended: { months: 1, reason: "r" } } });
    expect(requestStatus(row)).toBe("overdue");
    expect(timeline(row).at(-1)?.step).toBe("overdue");
  });

  test("an access request answered is an export received", () => {
    const row = requestRow("q1", ["b1"], {
      state: "answered",
      answer: { answeredAt: "2026-12-01T09:00:00Z", outcome: "exported", bundles: ["b1"], reason: null, tombstoned: [] },
    }, "access-request");
    expect(requestStatus(row)).toBe("export-received");
  });
});

test("the views shared with one organisation are the ones a request can be about", () => {
  const entries = [
    shareEntry("b1", { view: "anonymous" }),
    shareEntry("b2", { view: "full" }),
    shareEntry("b3", { view: "full", recipientId: "r2" }),
    requestRow("q1", ["b1"]).entry,
  ];
  expect(sharedViews(entries, "r1")).toEqual(["full", "anonymous"]);
  expect(sharedViews(entries, "r2")).toEqual(["full"]);
  expect(sharedViews(entries, "r3")).toEqual([]);
});
