import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { get } from "svelte/store";
import { describe, expect, test } from "vitest";
import SettingsScreen from "./SettingsScreen.svelte";
import { language } from "../lib/i18n";
import { notice, organisation, prefs, role, screen, vaultPath } from "../lib/stores";
import { callsOf, ipcError, mockCommands, type Handler } from "../test/ipc";

const STRONG = "gravel orbit tulip marmalade";

function mockSettings(extra: Record<string, Handler> = {}) {
  return mockCommands({
    set_prefs: ({ language, autoLockMinutes }) => ({ language, autoLockMinutes, recent: [] }),
    passphrase_strength: () => ({ score: 4, guessesLog10: 20 }),
    change_passphrase: ({ current }) => {
      if (current !== "old passphrase") throw ipcError("wrong_passphrase");
      return null;
    },
    rekey_vault: ({ passphrase }) => {
      if (passphrase !== "old passphrase") throw ipcError("wrong_passphrase");
      return { recoveryCode: "VX3M-6N9F-4AX8-93T9-01E2-YMJA-5DE4-YTVE-2F0W", vault: { path: "/home/kari/jobs.candor", role: "seeker" } };
    },
    backup_vault: () => "/media/usb/candor-backup.candor",
    restore_vault: () => "/home/kari/jobs.candor",
    touch: () => false,
    ...extra,
  });
}

describe("settings", () => {
  test("the language switches at once, is remembered, and sets <html lang>", async () => {
    const calls = mockSettings();
    const user = userEvent.setup();
    render(SettingsScreen);
    await user.selectOptions(view.getByTestId("language-select"), "nb");
    expect(get(language)).toBe("nb");
    expect(document.documentElement.lang).toBe("nb");
    expect(view.getByRole("heading", { level: 1 })).toHaveTextContent("Innstillinger");
    await waitFor(() => expect(callsOf(calls, "set_prefs")[0]?.args).toEqual({ language: "nb", autoLockMinutes: 5 }));
  });

  test("auto-lock minutes are saved; nonsense is refused at the field", async () => {
    const calls = mockSettings();
    const user = userEvent.setup();
    render(SettingsScreen);
    const minutes = view.getByTestId("autolock-minutes");
    expect(minutes).toHaveValue("5");
    await user.clear(minutes);
    await user.type(minutes, "ten");
    await user.click(view.getByTestId("settings-save"));
    expect(view.getByTestId("field-error")).toHaveTextContent("whole number of minutes");
    expect(callsOf(calls, "set_prefs")).toHaveLength(0);

    await user.clear(minutes);
    await user.type(minutes, "15{Enter}");
    expect(await view.findByText("Settings saved.")).toBeInTheDocument();
    expect(callsOf(calls, "set_prefs")[0].args).toEqual({ language: "en", autoLockMinutes: 15 });
    expect(get(prefs).autoLockMinutes).toBe(15);
  });

  test("changing the passphrase with a wrong current one says so and clears every field", async () => {
    const calls = mockSettings();
    const user = userEvent.setup();
    render(SettingsScreen);
    await user.type(view.getByTestId("passphrase-current"), "not it");
    await user.type(view.getByTestId("passphrase-new"), STRONG);
    await user.type(view.getByTestId("passphrase-new-repeat"), STRONG);
    await user.click(view.getByTestId("passphrase-change"));
    expect(await view.findByRole("alert")).toHaveTextContent("Wrong passphrase.");
    expect(callsOf(calls, "change_passphrase")[0].args).toEqual({ current: "not it", newPassphrase: STRONG, acceptWeak: false });
    for (const id of ["passphrase-current", "passphrase-new", "passphrase-new-repeat"]) expect(view.getByTestId(id)).toHaveValue("");
  });

  test("changing the passphrase works with the right one", async () => {
    mockSettings();
    const user = userEvent.setup();
    render(SettingsScreen);
    await user.type(view.getByTestId("passphrase-current"), "old passphrase");
    await user.type(view.getByTestId("passphrase-new"), STRONG);
    await user.type(view.getByTestId("passphrase-new-repeat"), STRONG);
    expect(view.getByTestId("strength")).toBeInTheDocument();
    await user.click(view.getByTestId("passphrase-change"));
    expect(await view.findByText(/Passphrase changed/)).toBeInTheDocument();
  });

  test("re-encrypting asks for the passphrase, shows the new code once, then says it is done", async () => {
    const calls = mockSettings();
    const user = userEvent.setup();
    render(SettingsScreen);
    await user.click(view.getByTestId("rekey-start"));
    expect(view.getByText("Type your current passphrase.")).toBeInTheDocument();
    expect(callsOf(calls, "rekey_vault")).toHaveLength(0);

    await user.type(view.getByTestId("rekey-passphrase"), "not it");
    await user.click(view.getByTestId("rekey-start"));
    expect(await view.findByRole("alert")).toHaveTextContent("Wrong passphrase.");
    expect(view.getByTestId("rekey-passphrase")).toHaveValue("");
    expect(view.getByTestId("rekey-passphrase")).toHaveFocus();

    await user.type(view.getByTestId("rekey-passphrase"), "old passphrase{Enter}");
    expect(await view.findByTestId("recovery-code")).toHaveTextContent("VX3M-6N9F-4AX8-93T9-01E2-YMJA-5DE4-YTVE-2F0W");
    expect(view.getByRole("heading", { level: 2, name: "Your new recovery code" })).toHaveFocus();
    expect(view.getByText(/Your passphrase is the same/)).toBeInTheDocument();
    expect(view.getByTestId("recovery-continue")).toBeDisabled();
    await user.click(view.getByTestId("recovery-saved"));
    await user.click(view.getByTestId("recovery-continue"));
    expect(view.queryByTestId("recovery-code")).not.toBeInTheDocument();
    expect(view.getByText(/Everything is now encrypted under a new key/)).toBeInTheDocument();
    expect(callsOf(calls, "rekey_vault").map((c) => c.args)).toEqual([{ passphrase: "not it" }, { passphrase: "old passphrase" }]);
  });

  test("backup says where it was written", async () => {
    mockSettings();
    const user = userEvent.setup();
    render(SettingsScreen);
    await user.click(view.getByTestId("backup-button"));
    expect(await view.findByText("Backup written to /media/usb/candor-backup.candor.")).toBeInTheDocument();
  });

  test("restore asks first, then goes to unlock the restored vault", async () => {
    const calls = mockSettings();
    vaultPath.set("/home/kari/jobs.candor");
    screen.set("shell");
    const user = userEvent.setup();
    render(SettingsScreen);
    await user.type(view.getByTestId("restore-passphrase"), "backup passphrase");
    await user.click(view.getByTestId("restore-button"));
    expect(view.getByRole("alertdialog")).toHaveTextContent("Replace everything in /home/kari/jobs.candor");
    await user.click(view.getByTestId("confirm-yes"));
    await waitFor(() => expect(get(screen)).toBe("unlock"));
    expect(get(notice)).toBe("restored");
    expect(callsOf(calls, "restore_vault")[0].args).toEqual({ passphrase: "backup passphrase" });
  });

  test("a backup that does not open is explained, and the locked vault goes to unlock", async () => {
    mockSettings({
      restore_vault: () => {
        throw ipcError("bad_backup");
      },
    });
    vaultPath.set("/home/kari/jobs.candor");
    screen.set("shell");
    const user = userEvent.setup();
    render(SettingsScreen);
    await user.type(view.getByTestId("restore-passphrase"), "wrong");
    await user.click(view.getByTestId("restore-button"));
    await user.click(view.getByTestId("confirm-yes"));
    await waitFor(() => expect(get(screen)).toBe("unlock"));
    expect(get(notice)).toBe("restoreFailed");
  });
});

describe("settings in employer mode", () => {
  test("show the organisation and its key card, not the seeker's export", async () => {
    const calls = mockSettings({ save_employer_card: () => "/srv/hr/fjordkraft.candorcard" });
    const user = userEvent.setup();
    role.set("employer");
    organisation.set("Fjordkraft Data AS");
    try {
      render(SettingsScreen);
      const panel = view.getByTestId("settings-organisation");
      expect(panel.textContent).toContain("Fjordkraft Data AS");
      expect(view.queryByTestId("export-not-encrypted")).toBeNull();
      await user.click(view.getByTestId("settings-save-card"));
      await waitFor(() => expect(callsOf(calls, "save_employer_card")).toHaveLength(1));
      expect(panel.textContent).toContain("/srv/hr/fjordkraft.candorcard");
    } finally {
      role.set("seeker");
      organisation.set(null);
    }
  });

  test("a seeker sees the export and no organisation", () => {
    mockSettings();
    render(SettingsScreen);
    expect(view.queryByTestId("settings-organisation")).toBeNull();
    expect(view.getByTestId("export-not-encrypted")).toBeTruthy();
  });
});
