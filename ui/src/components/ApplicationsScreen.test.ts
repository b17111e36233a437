import { render, screen as view, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import ApplicationsScreen from "./ApplicationsScreen.svelte";
import { language } from "../lib/i18n";
import { applicationsView } from "../lib/stores";
import type { Application, ApplicationStatus, Entry } from "../lib/bindings";
import { application, applicationsOf, callsOf, ipcError, mockCommands, problem, type Handler } from "../test/ipc";

const PAST = "2001-02-03";
const FUTURE = "2199-12-31";

function sample(): Entry<Application>[] {
  return [
    application("a1", { company: "Kartverket", position: "Developer", status: "applied", createdAt: "2025-02-01T09:00:00Z", nextStep: "Call back", nextStepDate: PAST }),
    application("a2", { company: "Equinor", position: "Data engineer", status: "interview", createdAt: "2025-03-01T09:00:00Z", nextStepDate: FUTURE }),
    application("a3", { company: "Bekk", position: "Consultant", status: "rejected", createdAt: "2025-01-01T09:00:00Z", nextStepDate: PAST, notes: "Too junior" }),
  ];
}

/** `count` applications, "Company 000" the newest. */
function many(count: number): Entry<Application>[] {
  return Array.from({ length: count }, (_, i) =>
    application(`id${i}`, { company: `Company ${String(i).padStart(3, "0")}`, createdAt: new Date(Date.UTC(2025, 0, 1) - i * 60_000).toISOString() }),
  );
}

/**
 * Rust over a list that moves, adds and edits change, as the vault would. Its check of a
 * form's draft finds nothing unless `check` says so.
 */
function mockApplications(initial = sample(), check: Handler = () => []) {
  let list = initial;
  const replace = (entry: Entry<Application>) => {
    list = list.some((e) => e.id === entry.id) ? list.map((e) => (e.id === entry.id ? entry : e)) : [entry, ...list];
    return entry;
  };
  return mockCommands({
    ...applicationsOf(() => list),
    check_draft: check,
    move_application: ({ id, status, note }) => {
      const moved = structuredClone(list.find((e) => e.id === id)!);
      moved.value.history = [...(moved.value.history ?? []), { from: moved.value.status, to: String(status) as ApplicationStatus, at: "2025-04-01T12:00:00Z", ...(note ? { note: String(note) } : {}) }];
      moved.value.status = String(status) as ApplicationStatus;
      return replace(moved);
    },
    undo_move_application: ({ id }) => {
      const back = structuredClone(list.find((e) => e.id === id)!);
      const last = back.value.history!.pop()!;
      back.value.status = last.from!;
      return replace(back);
    },
    add_application: ({ application: a }) => replace(application("new", { ...(a as Application), status: "draft", createdAt: "2026-01-01T09:00:00Z" })),
    update_application: ({ id, application: a }) => replace({ id: String(id), version: 2, value: a as Application }),
    delete_application: ({ id }) => {
      list = list.filter((e) => e.id !== id);
      return null;
    },
  });
}

const companies = () => view.getAllByTestId("application-row").map((row) => within(row).getByRole("rowheader").textContent?.trim());
const lastCall = (calls: ReturnType<typeof mockCommands>, cmd: string) => callsOf(calls, cmd).at(-1)?.args;

describe("the applications table", () => {
  test("shows the first page Rust sends, newest first, with each company and status", async () => {
    const calls = mockApplications();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    expect(lastCall(calls, "list_applications")).toEqual({
      query: { text: null, status: null },
      order: { key: "created", ascending: false },
      offset: 0,
      limit: 50,
    });
    expect(companies()).toEqual(["Equinor", "Kartverket", "Bekk"]);
    const row = view.getAllByTestId("application-row")[0];
    expect(row).toHaveTextContent("Interview");
    expect(within(row).getByTestId("status-select")).toHaveAttribute("data-status", "interview");
    expect(view.getByTestId("application-count")).toHaveTextContent("3 of 3");
    expect(view.queryByTestId("table-pager")).toBeNull();
  });

  test("sorting by a column asks Rust for that order, and the other way on a second click", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.click(view.getByRole("button", { name: /Company/ }));
    await waitFor(() => expect(companies()).toEqual(["Bekk", "Equinor", "Kartverket"]));
    expect(lastCall(calls, "list_applications")?.order).toEqual({ key: "company", ascending: true });
    expect(view.getByRole("columnheader", { name: /Company/ })).toHaveAttribute("aria-sort", "ascending");
    await user.click(view.getByRole("button", { name: /Company/ }));
    await waitFor(() => expect(companies()).toEqual(["Kartverket", "Equinor", "Bekk"]));
    expect(lastCall(calls, "list_applications")?.order).toEqual({ key: "company", ascending: false });
    await user.click(view.getByRole("button", { name: /Next step date/ }));
    expect(lastCall(calls, "list_applications")?.order).toEqual({ key: "nextDate", ascending: true });
  });

  test("filters by status at once, and searches once typing pauses", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.selectOptions(view.getByTestId("status-filter"), "interview");
    await waitFor(() => expect(companies()).toEqual(["Equinor"]));
    expect(lastCall(calls, "list_applications")?.query).toEqual({ text: null, status: "interview" });
    expect(view.getByTestId("application-count")).toHaveTextContent("1 of 3");

    await user.selectOptions(view.getByTestId("status-filter"), "");
    await waitFor(() => expect(companies()).toHaveLength(3));
    const before = callsOf(calls, "list_applications").length;
    await user.type(view.getByTestId("application-search"), "junior");
    await waitFor(() => expect(companies()).toEqual(["Bekk"]));
    expect(
      callsOf(calls, "list_applications")
        .slice(before)
        .map((c) => c.args.query),
      "one search for the whole word",
    ).toEqual([{ text: "junior", status: null }]);

    await user.clear(view.getByTestId("application-search"));
    await user.type(view.getByTestId("application-search"), "nothing like this");
    expect(await view.findByText("No application matches the search.")).toBeInTheDocument();
    expect(view.queryAllByTestId("application-row")).toHaveLength(0);
  });

  test("a vault without applications says how to add the first", async () => {
    mockApplications([]);
    render(ApplicationsScreen);
    expect(await view.findByText(/No applications yet/)).toBeInTheDocument();
  });

  test("a long list shows a page at a time, and the pager moves between pages", async () => {
    const calls = mockApplications(many(120));
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    expect(view.getAllByTestId("application-row")).toHaveLength(50);
    expect(view.getByTestId("page-range")).toHaveTextContent("1–50 of 120");
    expect(view.getByTestId("page-previous")).toHaveAttribute("aria-disabled", "true");

    await user.click(view.getByTestId("page-next"));
    await waitFor(() => expect(view.getByTestId("page-range")).toHaveTextContent("51–100 of 120"));
    expect(lastCall(calls, "list_applications")).toMatchObject({ offset: 50, limit: 50 });
    expect(companies()[0]).toBe("Company 050");

    await user.click(view.getByTestId("page-next"));
    await waitFor(() => expect(view.getByTestId("page-range")).toHaveTextContent("101–120 of 120"));
    expect(view.getAllByTestId("application-row")).toHaveLength(20);
    const next = view.getByTestId("page-next");
    expect(next).toHaveAttribute("aria-disabled", "true");
    const asked = callsOf(calls, "list_applications").length;
    await user.click(next);
    expect(callsOf(calls, "list_applications")).toHaveLength(asked);
    expect(next).toHaveFocus();

    await user.click(view.getByTestId("page-previous"));
    await waitFor(() => expect(view.getByTestId("page-range")).toHaveTextContent("51–100 of 120"));
  });

  test("the pager is usable from the keyboard and counts in the chosen language", async () => {
    mockApplications(many(1200));
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    view.getByTestId("page-next").focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(view.getByTestId("page-range")).toHaveTextContent("51–100 of 1,200"));
    language.set("nb");
    await waitFor(() => expect(view.getByTestId("page-range")).toHaveTextContent(/51–100 av 1\s200/));
    expect(view.getByRole("navigation", { name: "Sider med søknader" })).toBeInTheDocument();
  });

  test("a new search starts again from the first page", async () => {
    const calls = mockApplications(many(120));
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.click(view.getByTestId("page-next"));
    await waitFor(() => expect(view.getByTestId("page-range")).toHaveTextContent("51–100"));
    await user.click(view.getByTestId("sort-company"));
    await waitFor(() => expect(view.getByTestId("page-range")).toHaveTextContent("1–50 of 120"));
    expect(lastCall(calls, "list_applications")).toMatchObject({ offset: 0, order: { key: "company", ascending: true } });
  });

  test("choosing a status from a row's menu moves the application through Rust and reloads the page", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    const row = (await view.findAllByTestId("application-row"))[1];
    const asked = callsOf(calls, "list_applications").length;
    await user.click(within(row).getByTestId("status-select"));
    await user.click(within(row).getByRole("menuitemradio", { name: "Interview" }));
    await waitFor(() => expect(callsOf(calls, "move_application")).toHaveLength(1));
    expect(callsOf(calls, "move_application")[0].args).toEqual({ id: "a1", status: "interview", note: null });
    await waitFor(() => expect(within(view.getAllByTestId("application-row")[1]).getByTestId("status-select")).toHaveAttribute("data-status", "interview"));
    expect(callsOf(calls, "list_applications").length).toBeGreaterThan(asked);
    expect(view.getByText("Kartverket moved to Interview.")).toBeInTheDocument();
  });

  test("arrow keys on a row's status open its menu and move nothing until a status is chosen", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    const button = within((await view.findAllByTestId("application-row"))[1]).getByTestId("status-select");
    button.focus();
    await user.keyboard("{ArrowDown}");
    expect(view.getByRole("menu")).toBeInTheDocument();
    expect(view.getByRole("menuitemradio", { name: "Applied" })).toHaveFocus();
    await user.keyboard("{ArrowDown}{ArrowDown}{Escape}");
    expect(view.queryByRole("menu")).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(callsOf(calls, "move_application")).toHaveLength(0);
    // Chosen on purpose: down to Interview, Enter.
    await user.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    await waitFor(() => expect(callsOf(calls, "move_application")).toHaveLength(1));
    expect(callsOf(calls, "move_application")[0].args).toMatchObject({ id: "a1", status: "interview" });
  });

  test("Undo takes the last move back and says where the application is", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    const row = (await view.findAllByTestId("application-row"))[1];
    await user.click(within(row).getByTestId("status-select"));
    await user.click(within(row).getByRole("menuitemradio", { name: "Offer" }));
    await user.click(await view.findByTestId("application-undo"));
    await waitFor(() => expect(callsOf(calls, "undo_move_application")).toHaveLength(1));
    expect(callsOf(calls, "undo_move_application")[0].args).toEqual({ id: "a1", from: "applied", to: "offer" });
    expect(await view.findByText("Kartverket is back in Applied.")).toBeInTheDocument();
    expect(view.queryByTestId("application-undo")).not.toBeInTheDocument();
    expect(view.getByTestId("applications-status")).toHaveFocus();
    await waitFor(() => expect(within(view.getAllByTestId("application-row")[1]).getByTestId("status-select")).toHaveAttribute("data-status", "applied"));
  });

  test("a refused move shows Rust's problem in words", async () => {
    mockCommands({
      ...applicationsOf(sample),
      move_application: () => {
        throw ipcError("validation", {}, [problem("status", "same_status", { status: "applied" })]);
      },
    });
    const user = userEvent.setup();
    render(ApplicationsScreen);
    const row = (await view.findAllByTestId("application-row"))[1];
    await user.click(within(row).getByTestId("status-select"));
    await user.click(within(row).getByRole("menuitemradio", { name: "Offer" }));
    expect(await view.findByRole("alert")).toHaveTextContent("The application already has the status Applied.");
  });

  test("a page that cannot be read shows why", async () => {
    mockCommands({
      list_applications: () => {
        throw ipcError("tampered");
      },
    });
    render(ApplicationsScreen);
    expect(await view.findByRole("alert")).toBeInTheDocument();
    expect(view.queryByText("Loading…")).toBeNull();
  });

  test("next-step dates in the past are marked overdue, unless the application is closed", async () => {
    mockApplications();
    render(ApplicationsScreen);
    const rows = await view.findAllByTestId("application-row");
    const [equinor, kartverket, bekk] = rows;
    expect(within(kartverket).getByTestId("overdue")).toHaveTextContent("overdue");
    expect(within(equinor).queryByTestId("overdue")).toBeNull();
    expect(within(bekk).queryByTestId("overdue")).toBeNull();
    language.set("nb");
    await waitFor(() => expect(within(kartverket).getByTestId("overdue")).toHaveTextContent("forfalt"));
  });

  test("a new application is added from the form, with its next step", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.click(view.getByTestId("application-new"));
    await user.type(view.getByTestId("app-company"), "Vy");
    await user.type(view.getByTestId("app-position"), "Tester");
    await user.type(view.getByTestId("app-next-step"), "Send portfolio");
    await user.type(view.getByTestId("app-next-date"), `${FUTURE}{Enter}`);
    await waitFor(() => expect(callsOf(calls, "add_application")).toHaveLength(1));
    expect(callsOf(calls, "add_application")[0].args.application).toEqual({
      company: "Vy",
      position: "Tester",
      link: "",
      contact: null,
      notes: null,
      nextStep: "Send portfolio",
      nextStepDate: FUTURE,
    });
    await waitFor(() => expect(companies()).toEqual(["Vy", "Equinor", "Kartverket", "Bekk"]));
    expect(view.queryByTestId("app-company")).toBeNull();
    expect(view.getByTestId("application-detail")).toHaveTextContent("Vy");
  });

  test("the form shows a bad date at its field and sends nothing", async () => {
    const calls = mockApplications(sample(), () => [problem("nextStepDate", "bad_date", { value: "2025-02-30", reason: "day_not_in_month" })]);
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await user.click(await view.findByTestId("application-new"));
    await user.type(view.getByTestId("app-company"), "Vy");
    await user.type(view.getByTestId("app-next-date"), "2025-02-30");
    await user.click(view.getByTestId("app-save"));
    const field = view.getByTestId("app-next-date").closest(".field") as HTMLElement;
    expect(await within(field).findByTestId("field-error")).toHaveTextContent("“2025-02-30” is not a date: that month has no such day.");
    expect(callsOf(calls, "add_application")).toHaveLength(0);
    expect(callsOf(calls, "check_draft")[0].args).toEqual({ kind: "application", draft: expect.objectContaining({ company: "Vy", nextStepDate: "2025-02-30" }) });
    expect(view.getByTestId("app-next-date")).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(view.queryByTestId("app-company")).toBeNull();
  });

  test("the job link is opened by Rust, and a link that is no web address says what to do", async () => {
    const list = sample();
    list[2].value.link = "bekk";
    const calls = mockCommands({
      ...applicationsOf(() => list),
      open_job_link: () => {
        throw ipcError("not_a_web_link", { link: "bekk" });
      },
    });
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await user.click(await view.findByRole("button", { name: "Details of the application to Bekk" }));
    await user.click(await view.findByTestId("application-link"));
    expect(callsOf(calls, "open_job_link")[0].args).toEqual({ id: "a3" });
    expect(await view.findByText(/The job link “bekk” is not a web address, so it was not opened\./)).toBeInTheDocument();
  });

  test("the detail panel reads the whole application, shows the history, moves with a note, and edits", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await user.click(await view.findByRole("button", { name: "Details of the application to Bekk" }));
    const detail = await view.findByTestId("application-detail");
    expect(callsOf(calls, "get_application").map((c) => c.args)).toEqual([{ id: "a3" }]);
    expect(detail).toHaveTextContent("Too junior");
    expect(within(detail).getByTestId("status-history")).toHaveTextContent("Created as Draft");
    await user.click(within(detail).getByTestId("application-edit"));
    await user.clear(view.getByTestId("app-position"));
    await user.type(view.getByTestId("app-position"), "Senior consultant{Enter}");
    await waitFor(() => expect(callsOf(calls, "update_application")).toHaveLength(1));
    expect(callsOf(calls, "update_application")[0].args.application).toMatchObject({
      company: "Bekk",
      position: "Senior consultant",
      notes: "Too junior",
      history: [{ to: "draft" }],
    });
    await waitFor(() => expect(view.getAllByTestId("application-row")[2]).toHaveTextContent("Senior consultant"));

    await user.click(view.getByRole("button", { name: "Details of the application to Kartverket" }));
    await waitFor(() => expect(view.getByTestId("application-detail")).toHaveTextContent("Kartverket"));
    const kartverket = view.getByTestId("application-detail");
    await user.selectOptions(within(kartverket).getByTestId("detail-status"), "interview");
    await user.type(within(kartverket).getByTestId("detail-note"), "Phone screen went well");
    await user.click(within(kartverket).getByTestId("detail-move"));
    await waitFor(() => expect(callsOf(calls, "move_application")[0]?.args).toEqual({ id: "a1", status: "interview", note: "Phone screen went well" }));
    const history = await within(view.getByTestId("application-detail")).findByText("Applied → Interview");
    expect(history.closest("li")).toHaveTextContent("Phone screen went well");
  });

  test("deleting from the detail panel closes it and reloads the page", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await user.click(await view.findByRole("button", { name: "Details of the application to Equinor" }));
    await user.click(await view.findByTestId("application-delete"));
    await user.click(view.getByTestId("confirm-yes"));
    await waitFor(() => expect(companies()).toEqual(["Kartverket", "Bekk"]));
    expect(callsOf(calls, "delete_application")[0].args).toEqual({ id: "a2" });
    expect(view.queryByTestId("application-detail")).toBeNull();
    expect(view.getByText("Deleted the application to Equinor.")).toBeInTheDocument();
  });
});

describe("the pipeline", () => {
  test("has one column per status in order, with each card in its status's column", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.click(view.getByTestId("view-pipeline"));
    await view.findByTestId("applications-pipeline");
    const columns = view.getAllByTestId(/^pipeline-(?!more)/);
    expect(columns.map((c) => c.dataset.testid)).toEqual([
      "pipeline-draft",
      "pipeline-applied",
      "pipeline-interview",
      "pipeline-offer",
      "pipeline-hired",
      "pipeline-rejected",
      "pipeline-withdrawn",
    ]);
    expect(view.getByTestId("pipeline-applied")).toHaveTextContent("Kartverket");
    expect(view.getByTestId("pipeline-applied")).toHaveTextContent("Developer");
    expect(view.getByTestId("pipeline-interview")).toHaveTextContent("Equinor");
    expect(view.getByTestId("pipeline-rejected")).toHaveTextContent("Bekk");
    expect(within(view.getByTestId("pipeline-applied")).getByTestId("overdue")).toBeInTheDocument();
    expect(lastCall(calls, "application_pipeline")?.limits).toEqual({
      draft: 50,
      applied: 50,
      interview: 50,
      offer: 50,
      hired: 50,
      rejected: 50,
      withdrawn: 50,
    });
  });

  test("a card carried by keyboard is announced at each step and dropped in the chosen column", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    applicationsView.set("pipeline");
    render(ApplicationsScreen);
    const card = within(await view.findByTestId("pipeline-applied")).getByTestId("application-card");
    within(card).getByRole("button", { name: "Move Kartverket (now in Applied)" }).focus();
    await user.keyboard("{Enter}");
    expect(view.getByTestId("move-announcement")).toHaveTextContent("Picked up Kartverket, in Applied.");
    await user.keyboard("{ArrowRight}");
    expect(view.getByTestId("move-announcement")).toHaveTextContent("Interview. Press Enter to move Kartverket here.");
    expect(view.getByTestId("pipeline-interview")).toHaveClass("drop-target");
    await user.keyboard("{ArrowRight}{Enter}");
    await waitFor(() => expect(view.getByTestId("pipeline-offer")).toHaveTextContent("Kartverket"));
    expect(view.getByTestId("pipeline-applied")).not.toHaveTextContent("Kartverket");
    expect(callsOf(calls, "move_application")[0].args).toEqual({ id: "a1", status: "offer", note: null });
    expect(view.getByText("Kartverket moved to Offer.")).toBeInTheDocument();
    // The focus followed the card to its new column.
    await waitFor(() => expect(within(view.getByTestId("pipeline-offer")).getByTestId("card-grip")).toHaveFocus());
  });

  test("Escape puts a carried card back without moving it", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    applicationsView.set("pipeline");
    render(ApplicationsScreen);
    const grip = within(await view.findByTestId("pipeline-applied")).getByTestId("card-grip");
    grip.focus();
    await user.keyboard("{Enter}{ArrowRight}{ArrowRight}{Escape}");
    expect(view.getByTestId("move-announcement")).toHaveTextContent("Move cancelled: Kartverket stays in Applied.");
    expect(view.getByTestId("pipeline-offer")).not.toHaveClass("drop-target");
    expect(callsOf(calls, "move_application")).toHaveLength(0);
  });

  test("a long column shows its first cards, its count, and more on request", async () => {
    const calls = mockApplications(many(120));
    const user = userEvent.setup();
    applicationsView.set("pipeline");
    render(ApplicationsScreen);
    const drafts = await view.findByTestId("pipeline-draft");
    expect(within(drafts).getAllByTestId("application-card")).toHaveLength(50);
    expect(drafts).toHaveTextContent("120");
    await user.click(within(drafts).getByRole("button", { name: "Show 50 more" }));
    await waitFor(() => expect(within(view.getByTestId("pipeline-draft")).getAllByTestId("application-card")).toHaveLength(100));
    expect(lastCall(calls, "application_pipeline")?.limits).toMatchObject({ draft: 100, applied: 50 });
    await user.click(within(view.getByTestId("pipeline-draft")).getByRole("button", { name: "Show 20 more" }));
    await waitFor(() => expect(within(view.getByTestId("pipeline-draft")).getAllByTestId("application-card")).toHaveLength(120));
    expect(view.queryByTestId("pipeline-more-draft")).toBeNull();
  });
});
