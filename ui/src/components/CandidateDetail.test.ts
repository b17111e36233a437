import { render, screen as view, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, test, vi } from "vitest";
import CandidateDetail from "./CandidateDetail.svelte";
import { language } from "../lib/i18n";
import type { Candidate, ReceivedSummary } from "../lib/bindings";
import { callsOf, ipcError, mockCommands } from "../test/ipc";

const BUNDLE: ReceivedSummary = {
  bundleId: "b1",
  candidate: "c1",
  candidateName: "Candidate GFUI-UYE7",
  anonymous: true,
  view: "anonymous",
  purpose: "",
  issuedAt: "2026-11-20T10:00:00Z",
  receivedAt: "2026-11-21T10:00:00Z",
  expiresAt: "2027-02-18T10:00:00Z",
  plain: false,
  entries: ["profile.json", "profile.html", "attachments/01-cv.pdf", "attachments/02-Vitnemål_2024.pdf", "README.txt"],
  alreadyHeld: false,
};

/** An anonymous candidate: the school and the employer's name were left out. */
const ANONYMOUS: Candidate = {
  id: "c1",
  name: "Candidate GFUI-UYE7",
  anonymous: true,
  revealed: [],
  profile: {
    person: { name: "", label: "Backend developer" },
    education: [
      {
        institution: "",
        studyType: "Bachelor",
        area: "Informatics",
        startDate: "2019-08",
        endDate: "2022-06",
        courses: [
          { code: "IN1000", title: "Introduction to programming", credits: "10", grade: { scheme: "ects", label: "A" } },
          { code: "IN2010", title: "Algorithms and data structures", credits: "10", grade: { scheme: "ects", label: "B" } },
        ],
      },
    ],
    work: [
      {
        name: "",
        position: "Developer",
        industry: "Energy",
        startDate: "2022-08",
        endDate: "2024-05",
        summary: "Built the metering pipeline.",
        highlights: ["Cut the nightly run from 3 hours to 20 minutes"],
      },
      { name: "", position: "Intern", startDate: "2021-06" },
    ],
    skills: [{ name: "Rust" }, { name: "SQL" }],
    languages: [{ language: "Norwegian", fluency: "C2" }, { language: "English", fluency: "b2" }],
  },
  bundles: [BUNDLE],
  replyTo: "age1example",
  gpa: ["4.50 (A)"],
};

const FULL: Candidate = {
  ...ANONYMOUS,
  id: "c2",
  name: "Kari Nordmann",
  anonymous: false,
  profile: { ...ANONYMOUS.profile, person: { name: "Kari Nordmann", email: "kari@example.no" } },
  bundles: [{ ...BUNDLE, bundleId: "b2", view: "full", anonymous: false, purpose: "Backend developer", entries: ["profile.json"] }],
  replyTo: null,
};

function show(candidate: Candidate, ondeleted = vi.fn()) {
  render(CandidateDetail, { candidate, ondeleted });
  return ondeleted;
}

describe("the employer's candidate page", () => {
  test("shows the GPA, each education and position with its dates, and no empty heading", () => {
    mockCommands({});
    show(ANONYMOUS);
    const detail = view.getByTestId("candidate-detail");
    expect(view.getByTestId("candidate-gpa-0").textContent).toBe("Grade point average: 4.50 (A)");
    const education = view.getByTestId("candidate-education");
    expect(within(education).getByRole("heading").textContent).toBe("Bachelor · Informatics");
    expect(education.textContent).toContain("Aug 2019 – Jun 2022");
    expect(education.textContent).toContain("IN1000 Introduction to programming");
    expect(education.textContent).toContain("10 credits");

    const [developer, intern] = view.getAllByTestId("candidate-work");
    expect(within(developer).getByRole("heading").textContent).toBe("Developer · Energy");
    expect(developer.textContent).toContain("Aug 2022 – May 2024");
    expect(developer.textContent).toContain("Built the metering pipeline.");
    expect(developer.textContent).toContain("Cut the nightly run from 3 hours to 20 minutes");
    expect(intern.textContent).toContain("Jun 2021 – present");

    expect(view.getByTestId("candidate-languages").textContent).toContain("Norwegian – C2 – Proficient");
    expect(view.getByTestId("candidate-languages").textContent).toContain("English – B2 – Upper intermediate");
    expect(view.getByTestId("candidate-label").textContent).toBe("Backend developer");
    expect(view.queryByTestId("candidate-contact")).toBeNull();

    for (const heading of within(detail).getAllByRole("heading")) {
      expect(heading.textContent?.trim(), heading.outerHTML).not.toBe("");
      expect(heading.textContent, heading.outerHTML).not.toMatch(/^ ·|· $|· ·/);
    }
  });

  test("dates are written in the chosen language", () => {
    mockCommands({});
    language.set("nb");
    show(ANONYMOUS);
    expect(view.getByTestId("candidate-education").textContent).toContain("aug. 2019 – juni 2022");
    expect(view.getAllByTestId("candidate-work")[1].textContent).toContain("juni 2021 – nå");
    expect(view.getByTestId("candidate-gpa-0").textContent).toBe("Karaktersnitt: 4,50 (A)");
  });

  test("lists each bundle with its dates and attachments by file name, and saves one", async () => {
    const user = userEvent.setup();
    const calls = mockCommands({ save_received_entry: () => "/home/hr/01-cv.pdf" });
    show(ANONYMOUS);
    const bundle = view.getByTestId("candidate-bundle");
    expect(bundle.textContent).toContain("no purpose given");
    expect(bundle.textContent).toContain("Received 21 Nov 2026");
    expect(bundle.textContent).toContain("delete by 18 Feb 2027");
    expect(view.getAllByTestId("attachment-name").map((n) => n.textContent)).toEqual(["01-cv.pdf", "02-Vitnemål_2024.pdf"]);
    expect(bundle.textContent).not.toContain("attachments/");
    expect(bundle.textContent).not.toContain("profile.json");

    await user.click(view.getAllByTestId("attachment-save")[0]);
    expect(callsOf(calls, "save_received_entry")[0].args).toEqual({ bundleId: "b1", path: "attachments/01-cv.pdf" });
    expect((await view.findByTestId("candidate-status")).textContent).toContain("Saved a decrypted copy to /home/hr/01-cv.pdf");
  });

  test("an anonymous candidate can be invited with a message; a full one cannot", async () => {
    const user = userEvent.setup();
    const calls = mockCommands({ invite_candidate: () => "/home/hr/invitation.candorbundle" });
    show(ANONYMOUS);
    expect(view.getByTestId("invite-save")).toBeDisabled();
    await user.type(view.getByTestId("invite-message"), "Can we talk on Tuesday?");
    await user.click(view.getByTestId("invite-save"));
    expect(callsOf(calls, "invite_candidate")[0].args).toEqual({ candidate: "c1", message: "Can we talk on Tuesday?" });
    expect((await view.findByTestId("candidate-status")).textContent).toContain(
      "Saved the invitation to /home/hr/invitation.candorbundle",
    );
  });

  test("a candidate who shared in full shows their contact details and no invitation", () => {
    mockCommands({});
    show(FULL);
    expect(view.queryByTestId("candidate-invite")).toBeNull();
    expect(view.queryByTestId("invite-save")).toBeNull();
    expect(view.getByTestId("candidate-contact").textContent).toContain("kari@example.no");
    expect(view.getByTestId("candidate-bundle").textContent).toContain("Backend developer");
    expect(view.getByTestId("candidate-bundle").textContent).toContain("No attachments.");
  });

  test("delete now asks first; cancelling deletes nothing, confirming deletes the candidate", async () => {
    const user = userEvent.setup();
    const calls = mockCommands({ delete_candidate: () => ["b1"] });
    const ondeleted = show(ANONYMOUS);
    await user.click(view.getByTestId("candidate-delete"));
    expect(view.getByRole("alertdialog").textContent).toContain("Delete everything Candidate GFUI-UYE7 sent");
    await user.click(view.getByText("Cancel"));
    expect(view.queryByRole("alertdialog")).toBeNull();
    expect(callsOf(calls, "delete_candidate")).toHaveLength(0);

    await user.click(view.getByTestId("candidate-delete"));
    await user.click(view.getByTestId("confirm-yes"));
    expect(callsOf(calls, "delete_candidate")[0].args).toEqual({ candidate: "c1" });
    await waitFor(() => expect(ondeleted).toHaveBeenCalledWith("Deleted everything Candidate GFUI-UYE7 sent. Bundles deleted: 1."));
  });

  test("a failed save says why in the person's language", async () => {
    const user = userEvent.setup();
    mockCommands({
      save_received_entry: () => {
        throw ipcError("file_write", { path: "/media/usb/01-cv.pdf", reason: "permission_denied" });
      },
    });
    show(ANONYMOUS);
    await user.click(view.getAllByTestId("attachment-save")[0]);
    expect((await view.findByTestId("error")).textContent).toContain("/media/usb/01-cv.pdf");
  });
});
