import { render, screen as view, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, test } from "vitest";
import { get } from "svelte/store";
import TodayScreen from "./TodayScreen.svelte";
import { language } from "../lib/i18n";
import { importFormatChoice, openApplicationId, section } from "../lib/stores";
import type { DueItem } from "../lib/bindings";
import { callsOf, mockCommands } from "../test/ipc";

const ITEMS: DueItem[] = [
  {
    what: { kind: "nextStep", applicationId: "a1", company: "Equinor", position: "Backend developer", step: "Send references" },
    day: "2026-12-02",
    urgency: "overdue",
    days: -2,
    stableId: "next-step-a1",
  },
  {
    what: { kind: "nextStep", applicationId: "a2", company: "DNB", position: "Developer", step: "" },
    day: "2026-12-04",
    urgency: "today",
    days: 0,
    stableId: "next-step-a2",
  },
  {
    what: { kind: "answer", requestId: "r1", organisation: "Fjordkraft Data AS", request: "deletion" },
    day: "2026-12-07",
    urgency: "soon",
    days: 3,
    stableId: "answer-r1",
  },
  {
    what: { kind: "shareExpires", shareId: "s1", organisation: "Statnett" },
    day: "2027-02-01",
    urgency: "later",
    days: 59,
    stableId: "share-expires-s1",
  },
];

const PROFILE = { person: { name: "Kari Nordmann" } };

afterEach(() => {
  language.set("en");
  section.set("today");
});

describe("Today", () => {
  test("groups what is due, overdue first, in words and with days in the language's form", async () => {
    mockCommands({ agenda: () => ITEMS, get_profile: () => PROFILE });
    render(TodayScreen);
    const overdue = await view.findByTestId("today-overdue");
    expect(overdue).toHaveTextContent("2 Dec 2026 (2 days ago)");
    expect(overdue).toHaveTextContent("Send references — Equinor, Backend developer");
    expect(view.getByTestId("today-today")).toHaveTextContent("Next step — DNB, Developer");
    expect(view.getByTestId("today-soon")).toHaveTextContent(
      "Fjordkraft Data AS owes an answer to your deletion request",
    );
    expect(view.queryByText(/Statnett/)).toBeNull();
    expect(view.getByText("1 more later, shown in the calendar export.")).toBeInTheDocument();
    expect(view.queryByTestId("today-start")).toBeNull();
    const headings = view.getAllByRole("heading", { level: 2 }).map((h) => h.textContent);
    expect(headings).toEqual(["Overdue", "Today", "The next 14 days"]);
  });

  test("in bokmål, dates and words are Norwegian", async () => {
    language.set("nb");
    mockCommands({ agenda: () => ITEMS, get_profile: () => PROFILE });
    render(TodayScreen);
    const overdue = await view.findByTestId("today-overdue");
    expect(overdue).toHaveTextContent("2. des. 2026 (for 2 dager siden)");
    expect(view.getByTestId("today-soon")).toHaveTextContent("Fjordkraft Data AS skal svare på kravet ditt om sletting");
  });

  test("an item opens where it is handled: the application itself, or the ledger", async () => {
    mockCommands({ agenda: () => ITEMS, get_profile: () => PROFILE });
    const user = userEvent.setup();
    render(TodayScreen);
    const overdue = await view.findByTestId("today-overdue");
    await user.click(within(overdue).getByRole("button"));
    expect(get(section)).toBe("applications");
    expect(get(openApplicationId)).toBe("a1");
    openApplicationId.set(null);
    await user.click(within(view.getByTestId("today-soon")).getByRole("button"));
    expect(get(section)).toBe("ledger");
  });

  test("an empty vault offers the imports and typing, and says nothing is due", async () => {
    mockCommands({ agenda: () => [], get_profile: () => ({}) });
    const user = userEvent.setup();
    render(TodayScreen);
    const start = await view.findByTestId("today-start");
    expect(within(start).getAllByRole("button").map((b) => b.textContent)).toEqual([
      "Grades from the diploma registry (EMREX)",
      "Your LinkedIn data export",
      "A CV in JSON Resume",
      "Start typing your profile",
    ]);
    expect(view.getByTestId("today-nothing")).toHaveTextContent("Nothing is overdue or due in the next 14 days.");
    await user.click(view.getByTestId("start-linkedin"));
    expect(get(section)).toBe("import");
    expect(get(importFormatChoice)).toBe("linkedin");
  });

  test("Add to calendar saves through Rust in the page's language and says the file is not encrypted", async () => {
    const calls = mockCommands({
      agenda: () => ITEMS,
      get_profile: () => PROFILE,
      save_agenda_ics: () => "/home/kari/candor-agenda.ics",
    });
    const user = userEvent.setup();
    render(TodayScreen);
    await user.click(await view.findByTestId("today-calendar"));
    expect(await view.findByTestId("today-status")).toHaveTextContent(
      "Saved the calendar to /home/kari/candor-agenda.ics. Import it into your calendar program. The file is not encrypted",
    );
    expect(callsOf(calls, "save_agenda_ics")[0].args).toEqual({ lang: "en" });
  });
});
