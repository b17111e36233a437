import { render, screen as view, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import ApplicationsScreen from "./ApplicationsScreen.svelte";
import { language } from "../lib/i18n";
import type { Application, Entry } from "../lib/types";
import { application, callsOf, ipcError, mockCommands, problem } from "../test/ipc";

const PAST = "2001-02-03";
const FUTURE = "2199-12-31";

function sample(): Entry<Application>[] {
  return [
    application("a1", { company: "Kartverket", position: "Developer", status: "applied", createdAt: "2025-02-01T09:00:00Z", nextStep: "Call back", nextStepDate: PAST }),
    application("a2", { company: "Equinor", position: "Data engineer", status: "interview", createdAt: "2025-03-01T09:00:00Z", nextStepDate: FUTURE }),
    application("a3", { company: "Bekk", position: "Consultant", status: "rejected", createdAt: "2025-01-01T09:00:00Z", nextStepDate: PAST, notes: "Too junior" }),
  ];
}

function mockApplications(list = sample()) {
  return mockCommands({
    list_applications: () => list,
    move_application: ({ id, status, note }) => {
      const entry = list.find((e) => e.id === id)!;
      const moved = structuredClone(entry);
      moved.value.history = [...(moved.value.history ?? []), { from: entry.value.status, to: String(status), at: "2025-04-01T12:00:00Z", ...(note ? { note: String(note) } : {}) }];
      moved.value.status = String(status);
      return moved;
    },
    add_application: ({ application: a }) => application("new", { ...(a as Application), status: "draft" }),
    update_application: ({ id, application: a }) => ({ id, version: 2, value: a }),
  });
}

const companies = () => view.getAllByTestId("application-row").map((row) => within(row).getByRole("rowheader").textContent?.trim());

describe("the applications table", () => {
  test("lists every application with its company and status, newest first", async () => {
    mockApplications();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    expect(companies()).toEqual(["Equinor", "Kartverket", "Bekk"]);
    const row = view.getAllByTestId("application-row")[0];
    expect(row).toHaveTextContent("Equinor");
    expect(row).toHaveTextContent("Interview");
    expect(within(row).getByTestId("status-select")).toHaveValue("interview");
  });

  test("sorts by a column, and the other way on a second click", async () => {
    mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.click(view.getByRole("button", { name: /Company/ }));
    expect(companies()).toEqual(["Bekk", "Equinor", "Kartverket"]);
    expect(view.getByRole("columnheader", { name: /Company/ })).toHaveAttribute("aria-sort", "ascending");
    await user.click(view.getByRole("button", { name: /Company/ }));
    expect(companies()).toEqual(["Kartverket", "Equinor", "Bekk"]);
    await user.click(view.getByRole("button", { name: /^Status/ }));
    expect(companies()).toEqual(["Kartverket", "Equinor", "Bekk"]);
    await user.click(view.getByRole("button", { name: /Next step date/ }));
    expect(companies()).toEqual(["Bekk", "Kartverket", "Equinor"]);
  });

  test("filters by status and by the search text", async () => {
    mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.selectOptions(view.getByTestId("status-filter"), "interview");
    expect(companies()).toEqual(["Equinor"]);
    await user.selectOptions(view.getByTestId("status-filter"), "");
    await user.type(view.getByTestId("application-search"), "junior");
    expect(companies()).toEqual(["Bekk"]);
    await user.clear(view.getByTestId("application-search"));
    await user.type(view.getByTestId("application-search"), "nothing like this");
    expect(view.queryAllByTestId("application-row")).toHaveLength(0);
    expect(view.getByText("No application matches the search.")).toBeInTheDocument();
  });

  test("changing the status in a row moves the application through Rust", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    const row = (await view.findAllByTestId("application-row"))[1];
    await user.selectOptions(within(row).getByTestId("status-select"), "interview");
    await waitFor(() => expect(callsOf(calls, "move_application")).toHaveLength(1));
    expect(callsOf(calls, "move_application")[0].args).toEqual({ id: "a1", status: "interview", note: null });
    await waitFor(() => expect(within(view.getAllByTestId("application-row")[1]).getByTestId("status-select")).toHaveValue("interview"));
    expect(view.getByText("Kartverket moved to Interview.")).toBeInTheDocument();
  });

  test("a refused move shows Rust's problem in words", async () => {
    mockCommands({
      list_applications: () => sample(),
      move_application: () => {
        throw ipcError("validation", {}, [problem("status", "same_status", { status: "applied" })]);
      },
    });
    const user = userEvent.setup();
    render(ApplicationsScreen);
    const row = (await view.findAllByTestId("application-row"))[1];
    await user.selectOptions(within(row).getByTestId("status-select"), "offer");
    expect(await view.findByRole("alert")).toHaveTextContent("The application already has the status Applied.");
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
    await waitFor(() => expect(companies()).toContain("Vy"));
    expect(view.queryByTestId("app-company")).toBeNull();
  });

  test("the form shows a bad date at its field and sends nothing", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await user.click(await view.findByTestId("application-new"));
    await user.type(view.getByTestId("app-company"), "Vy");
    await user.type(view.getByTestId("app-next-date"), "2025-02-30");
    await user.click(view.getByTestId("app-save"));
    const field = view.getByTestId("app-next-date").closest(".field") as HTMLElement;
    expect(await within(field).findByTestId("field-error")).toHaveTextContent("“2025-02-30” is not a date: that month has no such day.");
    expect(callsOf(calls, "add_application")).toHaveLength(0);
    await user.keyboard("{Escape}");
    expect(view.queryByTestId("app-company")).toBeNull();
  });

  test("the detail panel shows the history, moves with a note, and edits", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await user.click(await view.findByRole("button", { name: "Details of the application to Kartverket" }));
    const detail = view.getByTestId("application-detail");
    expect(within(detail).getByTestId("status-history")).toHaveTextContent("Created as Draft");
    await user.selectOptions(within(detail).getByTestId("detail-status"), "interview");
    await user.type(within(detail).getByTestId("detail-note"), "Phone screen went well");
    await user.click(within(detail).getByTestId("detail-move"));
    await waitFor(() => expect(callsOf(calls, "move_application")[0]?.args).toEqual({ id: "a1", status: "interview", note: "Phone screen went well" }));
    const history = await within(view.getByTestId("application-detail")).findByText("Applied → Interview");
    expect(history.closest("li")).toHaveTextContent("Phone screen went well");

    await user.click(within(view.getByTestId("application-detail")).getByTestId("application-edit"));
    const position = view.getByTestId("app-position");
    expect(position).toHaveValue("Developer");
    await user.clear(position);
    await user.type(position, "Senior developer{Enter}");
    await waitFor(() => expect(callsOf(calls, "update_application")).toHaveLength(1));
    const sent = callsOf(calls, "update_application")[0].args as { id: string; application: Application };
    expect(sent.id).toBe("a1");
    expect(sent.application).toMatchObject({ company: "Kartverket", position: "Senior developer", status: "interview", nextStepDate: PAST });
  });
});

describe("the pipeline", () => {
  test("has one column per status in order, with each card in its status's column", async () => {
    mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.click(view.getByTestId("view-pipeline"));
    const columns = view.getAllByTestId(/^pipeline-/);
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
  });

  test("moving a card with its select puts it in the new column", async () => {
    const calls = mockApplications();
    const user = userEvent.setup();
    render(ApplicationsScreen);
    await view.findAllByTestId("application-row");
    await user.click(view.getByTestId("view-pipeline"));
    const card = within(view.getByTestId("pipeline-applied")).getByTestId("application-card");
    await user.selectOptions(within(card).getByTestId("status-select"), "offer");
    await waitFor(() => expect(view.getByTestId("pipeline-offer")).toHaveTextContent("Kartverket"));
    expect(view.getByTestId("pipeline-applied")).not.toHaveTextContent("Kartverket");
    expect(callsOf(calls, "move_application")[0].args).toEqual({ id: "a1", status: "offer", note: null });
  });
});
