import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { get } from "svelte/store";
import { describe, expect, test } from "vitest";
import RecoverVault from "./RecoverVault.svelte";
import { screen, vaultPath } from "../lib/stores";
import { callsOf, ipcError, mockCommands } from "../test/ipc";

const STRONG = "gravel orbit tulip marmalade";
const OLD = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-JJJJ";
const NEW = "KKKK-MMMM-NNNN-PPPP-QQQQ-RRRR-SSSS-TTTT-VVVV";

describe("recovering with the recovery code", () => {
  test("sets the new passphrase and shows the NEW code once", async () => {
    const calls = mockCommands({
      passphrase_strength: () => ({ score: 4, guessesLog10: 20 }),
      recover_vault: ({ path }) => ({ recoveryCode: NEW, vault: { path, role: "seeker" } }),
    });
    vaultPath.set("/v.candor");
    const user = userEvent.setup();
    render(RecoverVault);
    expect(view.getByTestId("recover-code")).toHaveFocus();
    await user.type(view.getByTestId("recover-code"), OLD);
    await user.type(view.getByTestId("recover-passphrase"), STRONG);
    await user.type(view.getByTestId("recover-passphrase-repeat"), STRONG);
    await user.click(view.getByTestId("recover-submit"));
    expect(await view.findByTestId("recovery-code")).toHaveTextContent(NEW);
    expect(view.getByRole("heading", { level: 1 })).toHaveTextContent("Your new recovery code");
    expect(callsOf(calls, "recover_vault")[0].args).toEqual({ path: "/v.candor", recoveryCode: OLD, newPassphrase: STRONG, acceptWeak: false });
    expect(view.getByTestId("recovery-continue")).toBeDisabled();
    await user.click(view.getByTestId("recovery-saved"));
    await user.click(view.getByTestId("recovery-continue"));
    expect(get(screen)).toBe("shell");
  });

  test("a mistyped code is explained, kept for correcting, and the passphrases cleared", async () => {
    mockCommands({
      passphrase_strength: () => ({ score: 4, guessesLog10: 20 }),
      recover_vault: () => {
        throw ipcError("malformed_recovery_code");
      },
    });
    const user = userEvent.setup();
    render(RecoverVault);
    await user.type(view.getByTestId("recover-code"), "AAAA-BBBB");
    await user.type(view.getByTestId("recover-passphrase"), STRONG);
    await user.type(view.getByTestId("recover-passphrase-repeat"), `${STRONG}{Enter}`);
    expect(await view.findByRole("alert")).toHaveTextContent("That is not a recovery code");
    await waitFor(() => expect(view.getByTestId("recover-passphrase")).toHaveValue(""));
    expect(view.getByTestId("recover-code")).toHaveValue("AAAA-BBBB");
  });
});
