import { render, screen as view, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { emit } from "@tauri-apps/api/event";
import { get } from "svelte/store";
import { afterEach, describe, expect, test, vi } from "vitest";
import App from "./App.svelte";
import { userActive, TOUCH_INTERVAL_MS } from "./lib/activity";
import { screen, vaultPath } from "./lib/stores";
import { application, applicationsOf, callsOf, mockCommands, type Handler } from "./test/ipc";
import type { ApplicationStatus } from "./lib/bindings";

function info(overrides: Record<string, unknown> = {}) {
  return {
    defaultVault: "/home/kari/.local/share/candor/vault.candor",
    lastVault: "/home/kari/jobs.candor",
    prefs: { language: "en", autoLockMinutes: 5, recent: ["/home/kari/jobs.candor", "/media/usb/old.candor"] },
    unlocked: null,
    statuses: ["draft", "applied", "interview", "offer", "hired", "rejected", "withdrawn"],
    documentKinds: ["cv", "cover-letter", "diploma", "transcript", "photo", "other"],
    ...overrides,
  };
}

function mockApp(extra: Record<string, Handler> = {}) {
  return mockCommands({
    app_info: () => info(),
    ready: () => null,
    touch: () => true,
    lock_vault: () => null,
    unlock_vault: ({ path }) => ({ path, role: "seeker" }),
    get_profile: () => ({}),
    agenda: () => [],
    compute_gpa: () => null,
    list_documents: () => [],
    list_applications: () => ({ total: 0, matched: 0, offset: 0, rows: [] }),
    ...extra,
  });
}

afterEach(() => vi.useRealTimers());

describe("starting the app", () => {
  test("asks Rust what it knows, shows the start screen, then says it is ready, once", async () => {
    const calls = mockApp();
    render(App);
    expect(await view.findByTestId("start-open-last")).toHaveTextContent("/home/kari/jobs.candor");
    await waitFor(() => expect(callsOf(calls, "ready")).toHaveLength(1));
    expect(calls.findIndex((c) => c.cmd === "app_info")).toBeLessThan(calls.findIndex((c) => c.cmd === "ready"));
    expect(view.getAllByTestId("recent-vault").map((b) => b.textContent)).toEqual(["/home/kari/jobs.candor", "/media/usb/old.candor"]);
    expect(document.documentElement.lang).toBe("en");
  });

  test("opens in the saved language", async () => {
    mockApp({ app_info: () => info({ prefs: { language: "nb", autoLockMinutes: 5, recent: [] }, lastVault: null }) });
    render(App);
    expect(await view.findByTestId("start-create")).toHaveTextContent("Opprett et nytt hvelv");
    expect(view.queryByTestId("start-open-last")).toBeNull();
    expect(document.documentElement.lang).toBe("nb");
  });

  test("“open last vault” goes straight to unlock with the path filled in", async () => {
    mockApp();
    const user = userEvent.setup();
    render(App);
    await user.click(await view.findByTestId("start-open-last"));
    expect(view.getByTestId("unlock-path")).toHaveValue("/home/kari/jobs.candor");
    expect(view.getByTestId("unlock-passphrase")).toHaveFocus();
  });

  test("“create a new vault” starts from the default path", async () => {
    mockApp();
    const user = userEvent.setup();
    render(App);
    await user.click(await view.findByTestId("start-create"));
    expect(view.getByTestId("create-path")).toHaveValue("/home/kari/.local/share/candor/vault.candor");
  });

  test("a recent vault opens unlock with its path", async () => {
    mockApp();
    const user = userEvent.setup();
    render(App);
    await user.click((await view.findAllByTestId("recent-vault"))[1]);
    expect(view.getByTestId("unlock-path")).toHaveValue("/media/usb/old.candor");
  });
});

describe("started to open a file", () => {
  test("a vault opened from the file manager goes straight to its unlock", async () => {
    mockApp({ app_info: () => info({ openedVault: "/home/kari/Downloads/jobs.candor" }) });
    render(App);
    expect(await view.findByTestId("unlock-path")).toHaveValue("/home/kari/Downloads/jobs.candor");
  });

  test("a bundle opened from the file manager is named on the start screen, with where to import it", async () => {
    mockApp({ app_info: () => info({ openedBundle: "/home/kari/Downloads/fjordkraft.candorbundle" }) });
    render(App);
    expect(await view.findByTestId("opened-bundle")).toHaveTextContent(
      "You opened fjordkraft.candorbundle, a Candor bundle. Open the vault it is for first",
    );
  });
});

describe("the open vault", () => {
  async function unlocked(extra: Record<string, Handler> = {}) {
    const calls = mockApp(extra);
    const user = userEvent.setup();
    render(App);
    await user.click(await view.findByTestId("start-open-last"));
    await user.type(view.getByTestId("unlock-passphrase"), "right{Enter}");
    await view.findByTestId("nav-profile");
    return { calls, user };
  }

  test("opens on Today, and has a navigation to each section", async () => {
    const { user } = await unlocked();
    expect(view.getByTestId("nav-today")).toHaveAttribute("aria-current", "page");
    expect(await view.findByTestId("today-start")).toBeInTheDocument();
    const order = view.getAllByRole("button").map((b) => b.dataset.testid).filter((id) => id?.startsWith("nav-"));
    expect(order).toEqual([
      "nav-today",
      "nav-profile",
      "nav-cv",
      "nav-documents",
      "nav-import",
      "nav-applications",
      "nav-share",
      "nav-ledger",
      "nav-settings",
    ]);
    await user.click(view.getByTestId("nav-applications"));
    expect(await view.findByTestId("application-new")).toBeInTheDocument();
    expect(view.getByTestId("nav-applications")).toHaveAttribute("aria-current", "page");
    await user.click(view.getByTestId("nav-documents"));
    expect(await view.findByTestId("document-add")).toBeInTheDocument();
    await user.click(view.getByTestId("nav-import"));
    expect(await view.findByTestId("import-choose")).toHaveTextContent("Choose a file…");
    expect(view.getByTestId("nav-import")).toHaveAttribute("aria-current", "page");
    await user.click(view.getByTestId("nav-settings"));
    expect(view.getByTestId("language-select")).toBeInTheDocument();
    expect(view.getByTestId("export-all")).toBeInTheDocument();
  });

  test("a status message stays on the screen it was made on", async () => {
    const kartverket = application("a1", { company: "Kartverket", position: "Developer", status: "applied" });
    const { user } = await unlocked({
      ...applicationsOf(() => [kartverket]),
      move_application: ({ status }) => {
        kartverket.value.status = String(status) as ApplicationStatus;
        return kartverket;
      },
    });
    await user.click(view.getByTestId("nav-applications"));
    const [row] = await view.findAllByTestId("application-row");
    await user.click(within(row).getByTestId("status-select"));
    await user.click(within(row).getByRole("menuitemradio", { name: "Interview" }));
    expect(await view.findByText("Kartverket moved to Interview.")).toBeInTheDocument();
    await user.click(view.getByTestId("nav-documents"));
    await view.findByTestId("document-add");
    expect(view.queryByText(/moved to Interview/)).toBeNull();
    await user.click(view.getByTestId("nav-applications"));
    await view.findAllByTestId("application-row");
    expect(view.queryByText(/moved to Interview/)).toBeNull();
    expect(view.getByTestId("applications-status").textContent).toBe("");
  });

  test("the profile is read again after a visit elsewhere, unless it holds unsaved edits", async () => {
    const { calls, user } = await unlocked();
    await user.click(view.getByTestId("nav-profile"));
    await view.findByTestId("person-name");
    const first = callsOf(calls, "get_profile").length;
    await user.click(view.getByTestId("nav-applications"));
    await view.findByTestId("application-new");
    expect(view.queryByTestId("person-name")).toBeNull();
    await user.click(view.getByTestId("nav-profile"));
    await view.findByTestId("person-name");
    expect(callsOf(calls, "get_profile")).toHaveLength(first + 1);

    await user.type(view.getByTestId("person-name"), "Kari");
    await user.click(view.getByTestId("nav-applications"));
    await view.findByTestId("application-new");
    expect(view.getByTestId("person-name")).not.toBeVisible();
    await user.click(view.getByTestId("nav-profile"));
    expect(view.getByTestId("person-name")).toHaveValue("Kari");
    expect(callsOf(calls, "get_profile")).toHaveLength(first + 1);
  });

  test("an employer's vault opens on its inbox, without the seeker's sections", async () => {
    mockApp({
      unlock_vault: ({ path }) => ({ path, role: "employer", organisation: "Fjordkraft Data AS" }),
      list_candidates: () => [],
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await view.findByTestId("start-open-last"));
    await user.type(view.getByTestId("unlock-passphrase"), "right{Enter}");
    expect(await view.findByTestId("inbox-import")).toBeInTheDocument();
    const order = view.getAllByRole("button").map((b) => b.dataset.testid).filter((id) => id?.startsWith("nav-"));
    expect(order).toEqual(["nav-inbox", "nav-settings"]);
    expect(view.queryByTestId("profile-save")).toBeNull();
    expect(view.getByTestId("organisation").textContent).toBe("Fjordkraft Data AS");
  });

  test("Lock locks in Rust and goes back to unlock with the same path", async () => {
    const { calls, user } = await unlocked();
    await user.click(view.getByTestId("lock-button"));
    await waitFor(() => expect(get(screen)).toBe("unlock"));
    expect(callsOf(calls, "lock_vault")).toHaveLength(1);
    expect(view.getByTestId("unlock-path")).toHaveValue("/home/kari/jobs.candor");
    expect(view.queryByRole("status")).toBeNull();
  });

  test("when Rust locks the idle vault, shows unlock with the reason", async () => {
    await unlocked();
    await emit("vault-locked");
    await waitFor(() => expect(get(screen)).toBe("unlock"));
    expect(view.getByRole("status")).toHaveTextContent("locked because it was left idle");
    expect(get(vaultPath)).toBe("/home/kari/jobs.candor");
  });

  test("a command that finds the vault locked also goes to unlock", async () => {
    mockApp({
      list_documents: () => {
        throw { code: "locked", message: "locked", field: null, params: {}, problems: [] };
      },
    });
    const user = userEvent.setup();
    render(App);
    await user.click(await view.findByTestId("start-open-last"));
    await user.type(view.getByTestId("unlock-passphrase"), "right{Enter}");
    await user.click(await view.findByTestId("nav-documents"));
    await waitFor(() => expect(get(screen)).toBe("unlock"));
  });

  test("input tells Rust the person is active, at most every 30 seconds", async () => {
    const { calls, user } = await unlocked();
    const touches = () => callsOf(calls, "touch").length;
    const before = touches();
    await user.keyboard("a");
    await user.keyboard("b");
    expect(touches()).toBe(before);
    userActive(Date.now() + TOUCH_INTERVAL_MS + 1);
    expect(touches()).toBe(before + 1);
    userActive(Date.now() + TOUCH_INTERVAL_MS + 2);
    expect(touches()).toBe(before + 1);
  });
});
