import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, expect, test } from "vitest";
import Shell from "./Shell.svelte";
import { role, section } from "../lib/stores";
import { mockCommands } from "../test/ipc";

afterEach(() => {
  role.set("seeker");
  section.set("profile");
});

test("the open vault has a main landmark, a skip link to it, and focus on the new screen's heading", async () => {
  const user = userEvent.setup();
  mockCommands({ list_candidates: () => [], list_notices: () => [], touch: () => false });
  role.set("employer");
  section.set("inbox");
  render(Shell);
  const main = view.getByRole("main");
  expect(view.getByTestId("skip-link").getAttribute("href")).toBe(`#${main.id}`);
  await user.click(view.getByTestId("nav-settings"));
  await waitFor(() => expect(document.activeElement?.tagName).toBe("H1"));
  expect(document.activeElement?.textContent).toBe("Settings");
  expect(main.contains(document.activeElement)).toBe(true);
});
