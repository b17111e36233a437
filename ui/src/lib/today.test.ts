import { describe, expect, test } from "vitest";
import { dayForInput } from "./format";
import { translate } from "./i18n";
import { dueWhen, profileIsEmpty } from "./today";
import type { DueItem, Profile } from "./bindings";

const en = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate("en", key, params);

function dueIn(days: number): DueItem {
  return {
    what: { kind: "shareExpires", shareId: "s", organisation: "DNB" },
    day: "2026-12-04",
    urgency: days < 0 ? "overdue" : days === 0 ? "today" : "soon",
    days,
    stableId: "share-expires-s",
  };
}

describe("Today's words", () => {
  test("say how far a day is, in both directions", () => {
    expect([-3, -1, 0, 1, 5].map((days) => dueWhen(dueIn(days), en))).toEqual([
      "3 days ago",
      "yesterday",
      "today",
      "tomorrow",
      "in 5 days",
    ]);
  });

  test("an empty vault is one with no person and nothing in any section", () => {
    expect(profileIsEmpty({} as Profile)).toBe(true);
    expect(profileIsEmpty({ education: [], skills: [] } as unknown as Profile)).toBe(true);
    expect(profileIsEmpty({ skills: [{ name: "Rust" }] } as unknown as Profile)).toBe(false);
    expect(profileIsEmpty({ person: { name: "Kari" } } as unknown as Profile)).toBe(false);
  });
});

describe("a day in a form field", () => {
  test("is written the Norwegian way in bokmål and left as it is otherwise", () => {
    expect(dayForInput("2026-12-15", "nb")).toBe("15.12.2026");
    expect(dayForInput("2026-03-05", "nb")).toBe("05.03.2026");
    expect(dayForInput("2026-12-15", "en")).toBe("2026-12-15");
    expect(dayForInput("15.12.2026", "nb")).toBe("15.12.2026");
    expect(dayForInput(null, "nb")).toBe("");
  });
});
