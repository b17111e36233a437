import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { get } from "svelte/store";
import { describe, expect, test } from "vitest";
import UnlockVault from "./UnlockVault.svelte";
import { language } from "../lib/i18n";
import { notice, screen, vaultPath } from "../lib/stores";
import { callsOf, ipcError, mockCommands } from "../test/ipc";

function wrongPassphrase() {
  return mockCommands({
    unlock_vault: ({ passphrase }) => {
      if (passphrase !== "the right one") throw ipcError("wrong_passphrase");
      return { path: "/v.candor", role: "seeker" };
    },
    set_prefs: ({ language, autoLockMinutes }) => ({ language, autoLockMinutes, recent: [] }),
  });
}

describe("unlocking", () => {
  test("a wrong passphrase says so in English, clears the field and puts the cursor back", async () => {
    const calls = wrongPassphrase();
    vaultPath.set("/v.candor");
    const user = userEvent.setup();
    render(UnlockVault);
    const input = view.getByTestId("unlock-passphrase");
    expect(input).toHaveFocus();
    expect(view.getByTestId("unlock-path")).toHaveValue("/v.candor");

    await user.type(input, "not it{Enter}");
    const alert = await view.findByRole("alert");
    expect(alert).toHaveTextContent("Wrong passphrase. Check it (and Caps Lock) and try again.");
    expect(alert).not.toHaveTextContent("the English message");
    expect(input).toHaveValue("");
    await waitFor(() => expect(input).toHaveFocus());
    expect(get(screen)).not.toBe("shell");
    expect(callsOf(calls, "unlock_vault")[0].args).toEqual({ path: "/v.candor", passphrase: "not it" });
  });

  test("a wrong passphrase says so in bokmål when Norwegian is chosen", async () => {
    wrongPassphrase();
    vaultPath.set("/v.candor");
    language.set("nb");
    const user = userEvent.setup();
    render(UnlockVault);
    expect(view.getByRole("heading", { level: 1 })).toHaveTextContent("Lås opp hvelvet");
    await user.type(view.getByTestId("unlock-passphrase"), "feil");
    await user.click(view.getByTestId("unlock-submit"));
    expect(await view.findByTestId("error")).toHaveTextContent("Feil passordfrase.");
    expect(view.getByTestId("unlock-passphrase")).toHaveValue("");
  });

  test("switching the language on the screen translates the error already shown", async () => {
    wrongPassphrase();
    const user = userEvent.setup();
    render(UnlockVault);
    await user.type(view.getByTestId("unlock-passphrase"), "feil{Enter}");
    await view.findByText(/Wrong passphrase/);
    await user.selectOptions(view.getByLabelText("Language"), "nb");
    expect(view.getByTestId("error")).toHaveTextContent("Feil passordfrase.");
    expect(document.documentElement.lang).toBe("nb");
  });

  test("the right passphrase opens the vault", async () => {
    wrongPassphrase();
    vaultPath.set("/v.candor");
    const user = userEvent.setup();
    render(UnlockVault);
    await user.type(view.getByTestId("unlock-passphrase"), "the right one{Enter}");
    await waitFor(() => expect(get(screen)).toBe("shell"));
  });

  test("after an auto-lock, says why the vault is locked", () => {
    mockCommands({});
    notice.set("autoLocked");
    render(UnlockVault);
    expect(view.getByRole("status")).toHaveTextContent("locked because it was left idle");
  });

  test("the recovery link goes to recovery with the same path", async () => {
    mockCommands({});
    vaultPath.set("/v.candor");
    const user = userEvent.setup();
    render(UnlockVault);
    await user.click(view.getByTestId("go-recover"));
    expect(get(screen)).toBe("recover");
    expect(get(vaultPath)).toBe("/v.candor");
  });
});

test("the passphrase can be shown while typing it", async () => {
  const user = userEvent.setup();
  render(UnlockVault);
  const field = view.getByTestId("unlock-passphrase");
  expect(field.getAttribute("type")).toBe("password");
  await user.click(view.getByTestId("unlock-passphrase-show"));
  expect(field.getAttribute("type")).toBe("text");
});
