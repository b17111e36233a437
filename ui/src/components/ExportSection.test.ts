import { render, screen as view, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import ExportSection from "./ExportSection.svelte";
import { language } from "../lib/i18n";
import type { ExportDone } from "../lib/bindings";
import { callsOf, ipcError, mockCommands } from "../test/ipc";

function exported(includeNationalId: boolean): ExportDone {
  return {
    path: "/home/kari/candor-export.zip",
    summary: {
      counts: { person: 1, education: 2, skill: 5, application: 3, document: 2, "import-source": 1, "ledger-entry": 0 },
      learningOpportunities: 30,
      statusChanges: 7,
      documentsWritten: includeNationalId ? 2 : 0,
      documentsLeftOut: includeNationalId ? [] : ["vitnemal.xml", "Vitnemål.pdf"],
      nationalIdIncluded: includeNationalId,
      files: ["README.txt", "profile.json"],
    },
  };
}

describe("export", () => {
  test("says the zip is not encrypted, and leaves the national id out unless ticked", async () => {
    const calls = mockCommands({ export_all: ({ includeNationalId }) => exported(includeNationalId as boolean) });
    const user = userEvent.setup();
    render(ExportSection);
    expect(view.getByTestId("export-all")).toHaveTextContent("Export everything (GDPR Art. 20 — data portability)");
    expect(view.getByTestId("export-not-encrypted")).toHaveTextContent("The zip is NOT encrypted");
    const box = view.getByTestId("export-include-national-id");
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(/signed originals that contain it/);

    await user.click(view.getByTestId("export-all"));
    const done = await view.findByTestId("export-done");
    expect(callsOf(calls, "export_all")[0].args).toEqual({ includeNationalId: false });
    expect(done).toHaveTextContent("Exported everything to /home/kari/candor-export.zip.");
    expect(done).toHaveTextContent("Education2");
    expect(done).toHaveTextContent("Skills5");
    expect(done).toHaveTextContent("Applications3");
    expect(done).toHaveTextContent("Learning opportunities30");
    expect(done).toHaveTextContent("Status changes of applications7");
    expect(done).not.toHaveTextContent("Ledger entries");
    expect(done).toHaveTextContent("Left out because they hold your national identity number: vitnemal.xml, Vitnemål.pdf");
    expect(done).toHaveTextContent("Your national identity number is not in the export.");

    await user.click(box);
    await user.click(view.getByTestId("export-all"));
    await waitFor(() => expect(callsOf(calls, "export_all")).toHaveLength(2));
    expect(callsOf(calls, "export_all")[1].args).toEqual({ includeNationalId: true });
    expect(await view.findByText("Your national identity number is in the export.")).toBeInTheDocument();
    expect(view.getByTestId("export-done")).toHaveTextContent("Documents included2");
  });

  test("a cancelled save dialog writes nothing and says nothing", async () => {
    const calls = mockCommands({ export_all: () => null, export_json_resume: () => null });
    const user = userEvent.setup();
    render(ExportSection);
    await user.click(view.getByTestId("export-all"));
    await user.click(view.getByTestId("export-json-resume"));
    await waitFor(() => expect(callsOf(calls, "export_json_resume")).toHaveLength(1));
    await waitFor(() => expect(view.getByTestId("export-json-resume")).toBeEnabled());
    expect(view.queryByTestId("export-done")).toBeNull();
    expect(view.queryByTestId("error")).toBeNull();
  });

  test("exports the profile as JSON Resume, and says where", async () => {
    const calls = mockCommands({ export_json_resume: () => "/home/kari/resume.json" });
    const user = userEvent.setup();
    render(ExportSection);
    await user.click(view.getByTestId("export-json-resume"));
    expect(await view.findByTestId("export-done")).toHaveTextContent("Wrote your profile as JSON Resume to /home/kari/resume.json.");
    expect(callsOf(calls, "export_json_resume")[0].args).toEqual({});
    language.set("nb");
    await waitFor(() => expect(view.getByTestId("export-done")).toHaveTextContent("Profilen er skrevet som JSON Resume til /home/kari/resume.json."));
    expect(view.getByTestId("export-all")).toHaveTextContent("Eksporter alt (GDPR art. 20 – dataportabilitet)");
  });

  test("a file that cannot be written is explained", async () => {
    mockCommands({
      export_all: () => {
        throw ipcError("file_write", { path: "/media/usb/candor-export.zip", reason: "no storage space" });
      },
    });
    const user = userEvent.setup();
    render(ExportSection);
    await user.click(view.getByTestId("export-all"));
    expect(await view.findByTestId("error")).toHaveTextContent("Could not write /media/usb/candor-export.zip: the disk is full.");
    expect(view.queryByTestId("export-done")).toBeNull();
  });
});
