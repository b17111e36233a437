import { render, screen as view, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test } from "vitest";
import DocumentsList from "./DocumentsList.svelte";
import { language } from "../lib/i18n";
import type { Document, DocumentKind, Entry } from "../lib/bindings";
import { callsOf, ipcError, mockCommands } from "../test/ipc";

function doc(id: string, fileName: string, kind: DocumentKind = "cv", size = 123_456): Entry<Document> {
  return { id, version: 1, value: { kind, fileName, size, sha256: "0".repeat(64), addedAt: "2025-03-14T10:00:00Z", mediaType: "application/pdf" } };
}

describe("documents", () => {
  test("lists file name, kind, size and date added", async () => {
    mockCommands({ list_documents: () => [doc("d1", "CV 2025.pdf"), doc("d2", "Vitnemål.pdf", "diploma", 2_500_000)] });
    render(DocumentsList);
    const rows = await view.findAllByTestId("document-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("CV 2025.pdf");
    expect(rows[0]).toHaveTextContent("CV");
    expect(rows[0]).toHaveTextContent("123 kB");
    expect(rows[0]).toHaveTextContent("14 Mar 2025");
    expect(rows[1]).toHaveTextContent("Diploma");
    expect(rows[1]).toHaveTextContent("2.5 MB");
  });

  test("adds a document of the chosen kind; a cancelled dialog adds nothing", async () => {
    let answer: Entry<Document> | null = null;
    const calls = mockCommands({ list_documents: () => [], add_document: () => answer });
    const user = userEvent.setup();
    render(DocumentsList);
    await view.findByText(/No documents yet/);
    await user.selectOptions(view.getByTestId("document-kind"), "transcript");
    await user.click(view.getByTestId("document-add"));
    await waitFor(() => expect(callsOf(calls, "add_document")).toHaveLength(1));
    expect(callsOf(calls, "add_document")[0].args).toEqual({ kind: "transcript" });
    expect(view.queryAllByTestId("document-row")).toHaveLength(0);

    answer = doc("d9", "Karakterutskrift.pdf", "transcript");
    await user.click(view.getByTestId("document-add"));
    expect(await view.findByTestId("document-row")).toHaveTextContent("Karakterutskrift.pdf");
    expect(view.getByRole("status")).toHaveTextContent("Added Karakterutskrift.pdf.");
  });

  test("a file that cannot be read is explained with its path, in the chosen language", async () => {
    mockCommands({
      list_documents: () => [],
      add_document: () => {
        throw ipcError("file_read", { path: "/home/kari/cv.pdf", reason: "permission denied" });
      },
    });
    const user = userEvent.setup();
    render(DocumentsList);
    await user.click(await view.findByTestId("document-add"));
    const alert = await view.findByRole("alert");
    expect(alert).toHaveTextContent("Could not read /home/kari/cv.pdf: you do not have permission.");
    language.set("nb");
    await waitFor(() => expect(alert).toHaveTextContent("Kunne ikke lese /home/kari/cv.pdf: du har ikke tilgang."));
  });

  test("opens, saves a copy, and removes only after confirmation", async () => {
    const calls = mockCommands({
      list_documents: () => [doc("d1", "CV.pdf")],
      open_document: () => null,
      save_document_copy: () => "/home/kari/Desktop/CV.pdf",
      remove_document: () => null,
    });
    const user = userEvent.setup();
    render(DocumentsList);
    const row = await view.findByTestId("document-row");
    await user.click(within(row).getByTestId("document-open"));
    await waitFor(() => expect(callsOf(calls, "open_document")[0]?.args).toEqual({ id: "d1" }));
    await user.click(within(row).getByTestId("document-save"));
    expect(await view.findByText("Saved a decrypted copy to /home/kari/Desktop/CV.pdf. It is not encrypted: delete it when you no longer need it.")).toBeInTheDocument();

    await user.click(within(row).getByTestId("document-remove"));
    const dialog = view.getByRole("alertdialog");
    expect(dialog).toHaveTextContent("Remove “CV.pdf” from your vault?");
    await user.keyboard("{Escape}");
    expect(view.queryByRole("alertdialog")).toBeNull();
    expect(callsOf(calls, "remove_document")).toHaveLength(0);

    await user.click(within(row).getByTestId("document-remove"));
    await user.click(view.getByTestId("confirm-yes"));
    await waitFor(() => expect(view.queryAllByTestId("document-row")).toHaveLength(0));
    expect(callsOf(calls, "remove_document")[0].args).toEqual({ id: "d1" });
  });
});
