import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach } from "vitest";
import { resetForTest } from "./test/ipc";

beforeEach(() => resetForTest());

afterEach(() => {
  cleanup();
  clearMocks();
});
