import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app is served from inside the binary (no dev server): build to dist/, with the
// bare page used as the benchmarks' baseline beside the real one.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15",
    rollupOptions: {
      input: { main: "index.html", bare: "bare.html" },
    },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test-setup.ts"],
  },
  // Vitest runs in mode "test": resolve Svelte's browser build there, not the server one.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
}));
