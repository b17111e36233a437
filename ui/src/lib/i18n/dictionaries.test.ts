import { describe, expect, test, vi } from "vitest";
import { en } from "./en";
import { nb } from "./nb";
import { interpolate, translate } from ".";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the dictionaries", () => {
  test("have the same keys", () => {
    expect(Object.keys(nb).sort()).toEqual(Object.keys(en).sort());
  });

  test("use the same placeholders for each key", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(nb[key]), key).toEqual(placeholders(en[key]));
    }
  });

  test("have no empty text", () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(nb)]) expect(text.trim(), key).not.toBe("");
  });

  test("translate with params, leaving unknown placeholders visible", () => {
    expect(translate("nb", "strength.text", { word: "sterk", score: 3 })).toBe("sterk (3 av 4)");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});

test("the pseudo-locale wraps every catalogue string whole, with its values inside", async () => {
  localStorage.setItem("candor.pseudoLocale", "1");
  vi.resetModules();
  try {
    const i18n = await import("./index");
    expect(i18n.translate("en", "share.pageTitle", { name: "Acme AS" })).toBe("⟦The page Acme AS will open⟧");
    expect(i18n.translate("nb", "notices.answeredAt")).toBe("⟦Besvart⟧");
  } finally {
    localStorage.removeItem("candor.pseudoLocale");
    vi.resetModules();
  }
  const plain = await import("./index");
  expect(plain.translate("en", "notices.answeredAt")).toBe("Answered");
});
