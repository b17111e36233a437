import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { get } from "svelte/store";
import { describe, expect, test } from "vitest";
import CreateVault from "./CreateVault.svelte";
import { screen, vaultPath } from "../lib/stores";
import { callsOf, mockCommands } from "../test/ipc";

const STRONG = "gravel orbit tulip marmalade";
const CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD";

/** Rust's zxcvbn, roughly: long passphrases strong, short ones weak. */
function strengthMock() {
  return mockCommands({
    passphrase_strength: ({ passphrase }) => ({ score: String(passphrase).length >= 20 ? 4 : 1, guessesLog10: 3 }),
    create_vault: ({ path }) => ({ recoveryCode: CODE, vault: { path, role: "seeker" } }),
  });
}

describe("creating a vault", () => {
  test("refuses two different passphrases and says so, without calling Rust", async () => {
    const calls = strengthMock();
    vaultPath.set("/home/kari/vault.candor");
    const user = userEvent.setup();
    render(CreateVault);

    expect(view.getByTestId("create-path")).toHaveValue("/home/kari/vault.candor");
    await user.type(view.getByTestId("create-passphrase"), STRONG);
    await user.type(view.getByTestId("create-passphrase-repeat"), "gravel orbit tulip marmalada");
    await user.click(view.getByTestId("create-submit"));

    const alert = await view.findByRole("alert");
    expect(alert).toHaveTextContent("The two passphrases are not the same");
    expect(alert).toHaveAttribute("data-testid", "error");
    expect(callsOf(calls, "create_vault")).toHaveLength(0);
  });

  test("shows the strength as a labelled bar and in words while typing", async () => {
    strengthMock();
    const user = userEvent.setup();
    render(CreateVault);
    const meter = view.getByTestId("strength");
    expect(meter).toHaveTextContent("Type a passphrase");

    await user.type(view.getByTestId("create-passphrase"), "candor24");
    await waitFor(() => expect(meter).toHaveTextContent("weak (1 of 4)"));
    expect(view.getByRole("meter", { name: "Strength" })).toHaveAttribute("aria-valuetext", "weak");

    await user.type(view.getByTestId("create-passphrase"), " gravel orbit tulip");
    await waitFor(() => expect(meter).toHaveTextContent("very strong (4 of 4)"));
  });

  test("a weak passphrase needs the second confirmation", async () => {
    const calls = strengthMock();
    vaultPath.set("/v.candor");
    const user = userEvent.setup();
    render(CreateVault);
    await user.type(view.getByTestId("create-passphrase"), "candor24");
    await user.type(view.getByTestId("create-passphrase-repeat"), "candor24");
    await user.click(view.getByTestId("create-submit"));
    expect(await view.findByRole("alert")).toHaveTextContent("This passphrase is weak");
    expect(callsOf(calls, "create_vault")).toHaveLength(0);

    await user.click(view.getByTestId("create-weak-confirm"));
    await user.click(view.getByTestId("create-submit"));
    await view.findByTestId("recovery-code");
    expect(callsOf(calls, "create_vault")[0].args).toEqual({ path: "/v.candor", passphrase: "candor24", acceptWeak: true });
  });

  test("the recovery code is shown once, and Continue waits for “I have saved it”", async () => {
    strengthMock();
    vaultPath.set("/v.candor");
    const user = userEvent.setup();
    render(CreateVault);
    await user.type(view.getByTestId("create-passphrase"), STRONG);
    await user.type(view.getByTestId("create-passphrase-repeat"), `${STRONG}{Enter}`);

    const code = await view.findByTestId("recovery-code");
    expect(code.textContent).toBe(CODE);
    // The passphrase fields are gone with the form.
    expect(view.queryByTestId("create-passphrase")).toBeNull();
    const next = view.getByTestId("recovery-continue");
    expect(next).toBeDisabled();

    await user.click(view.getByTestId("recovery-saved"));
    expect(next).toBeEnabled();
    await user.click(next);
    expect(get(screen)).toBe("shell");
    expect(get(vaultPath)).toBe("/v.candor");
    expect(view.queryByTestId("recovery-code")).toBeNull();
    expect(document.body.textContent).not.toContain(CODE);
  });

  test("a taken place is said in words, and what was typed stays for a second try", async () => {
    const calls = mockCommands({
      passphrase_strength: () => ({ score: 4, guessesLog10: 20 }),
      create_vault: ({ path }) => {
        if (path === "/v.candor") throw { code: "already_exists", message: "a file exists", field: null, params: { path: "/v.candor" }, problems: [] };
        return { recoveryCode: CODE, vault: { path: String(path), role: "seeker", organisation: null } };
      },
      choose_new_vault_path: () => "/home/kari/ny.candor",
    });
    vaultPath.set("/v.candor");
    const user = userEvent.setup();
    render(CreateVault);
    await user.type(view.getByTestId("create-passphrase"), STRONG);
    await user.type(view.getByTestId("create-passphrase-repeat"), STRONG);
    await user.click(view.getByTestId("create-submit"));
    expect(await view.findByRole("alert")).toHaveTextContent("There is already a file at /v.candor.");
    expect(view.getByTestId("create-passphrase")).toHaveValue(STRONG);
    expect(view.getByTestId("create-passphrase-repeat")).toHaveValue(STRONG);
    // Another place, chosen in the file dialog, and the same passphrase: created.
    await user.click(view.getByTestId("create-choose"));
    await waitFor(() => expect(view.getByTestId("create-path")).toHaveValue("/home/kari/ny.candor"));
    await user.click(view.getByTestId("create-submit"));
    expect(await view.findByTestId("recovery-code")).toHaveTextContent(CODE);
    expect(callsOf(calls, "create_vault").at(-1)?.args).toMatchObject({ path: "/home/kari/ny.candor", passphrase: STRONG });
  });

  test("a cancelled file dialog leaves the typed place as it was", async () => {
    mockCommands({ choose_new_vault_path: () => null });
    vaultPath.set("/v.candor");
    const user = userEvent.setup();
    render(CreateVault);
    await user.click(view.getByTestId("create-choose"));
    expect(view.getByTestId("create-path")).toHaveValue("/v.candor");
  });
  test("the recovery code can be saved as an emergency sheet, which the screen says is not encrypted", async () => {
    const calls = mockCommands({
      passphrase_strength: () => ({ score: 4, guessesLog10: 20 }),
      create_vault: ({ path }) => ({ recoveryCode: CODE, vault: { path: String(path), role: "seeker", organisation: null } }),
      save_emergency_sheet: () => "/home/kari/candor-emergency-sheet.txt",
    });
    vaultPath.set("/home/kari/jobb.candor");
    const user = userEvent.setup();
    render(CreateVault);
    await user.type(view.getByTestId("create-passphrase"), STRONG);
    await user.type(view.getByTestId("create-passphrase-repeat"), STRONG);
    await user.click(view.getByTestId("create-submit"));
    expect(await view.findByText(/not encrypted: anyone who reads it/)).toBeInTheDocument();
    await user.click(view.getByTestId("recovery-save-sheet"));
    expect(await view.findByTestId("recovery-sheet-saved")).toHaveTextContent(
      "Saved to /home/kari/candor-emergency-sheet.txt. This file is not encrypted",
    );
    expect(callsOf(calls, "save_emergency_sheet")[0].args).toEqual({ code: CODE, vault: "/home/kari/jobb.candor", lang: "en" });
  });
});
