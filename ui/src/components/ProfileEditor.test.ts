import { render, screen as view, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { get } from "svelte/store";
import { describe, expect, test } from "vitest";
import ProfileEditor from "./ProfileEditor.svelte";
import { language } from "../lib/i18n";
import type { LearningOpportunityInput, ProfileInput } from "../lib/bindings";
import { profileRevision, profileUnsaved } from "../lib/stores";
import { callsOf, ipcError, mockCommands, problem, type Handler } from "../test/ipc";

const STORED: ProfileInput = {
  person: { name: "Kari Nordmann", email: "kari@example.no" },
  education: [
    {
      institution: "NTNU",
      studyType: "Master",
      courses: [{ code: "TDT4120", title: "Algorithms", credits: "7.5", grade: { scheme: "ects", label: "A" } }],
    },
  ],
  skills: [{ name: "Rust" }],
};

/** Rust's GPA for a flat list: ECTS A–E weighted by credits. */
function gpa({ courses }: Record<string, unknown>) {
  const points: Record<string, number> = { A: 5, B: 4, C: 3, D: 2, E: 1 };
  let weight = 0;
  let sum = 0;
  const leftOut: { course: string; grade: string; reason: string }[] = [];
  for (const c of courses as LearningOpportunityInput[]) {
    const ects = c.grade?.scheme === "ects";
    const p = ects ? points[c.grade!.label] : undefined;
    if (ects && p === undefined && !["F", "FX"].includes(c.grade!.label)) leftOut.push({ course: c.title ?? "", grade: c.grade!.label, reason: "not_an_ects_grade" });
    if (p === undefined || !c.credits) continue;
    weight += Number(c.credits);
    sum += p * Number(c.credits);
  }
  if (!weight) return { average: null, leftOut };
  const value = Math.round((sum / weight) * 100) / 100;
  const letter = value >= 4.5 ? "A" : value >= 3.5 ? "B" : value >= 2.5 ? "C" : value >= 1.5 ? "D" : "E";
  return { average: { value, letter, credits: String(weight), courses: 1, display: `${value.toFixed(2)} (${letter})` }, leftOut };
}

/** Rust with the stored profile; its check of a draft finds nothing unless `check` says so. */
function mockProfile(save: Handler = ({ profile }) => profile, check: Handler = () => []) {
  return mockCommands({ get_profile: () => structuredClone(STORED), compute_gpa: gpa, check_draft: check, save_profile: save });
}

describe("the profile", () => {
  test("loads the person, the education tree and the skills", async () => {
    mockProfile();
    render(ProfileEditor);
    expect(await view.findByTestId("person-name")).toHaveValue("Kari Nordmann");
    expect(view.getByTestId("education-institution-0")).toHaveValue("NTNU");
    expect(view.getByTestId("course-title-0-0")).toHaveValue("Algorithms");
    expect(view.getByTestId("course-credits-0-0")).toHaveValue("7.5");
    expect(view.getByTestId("course-grade-0-0")).toHaveValue("A");
    expect(view.getByTestId("course-scheme-0-0")).toHaveValue("ects");
    expect(view.getByTestId("skill-name-0")).toHaveValue("Rust");
  });

  test("shows the GPA live as courses and grades change", async () => {
    const calls = mockProfile();
    const user = userEvent.setup();
    render(ProfileEditor);
    const badge = await view.findByTestId("gpa-0");
    await waitFor(() => expect(badge.textContent).toBe("5.00 (A)"));

    await user.click(view.getByTestId("course-add-0"));
    await user.type(view.getByTestId("course-title-0-1"), "Databases");
    await user.type(view.getByTestId("course-credits-0-1"), "7.5");
    await user.type(view.getByTestId("course-grade-0-1"), "C");
    await waitFor(() => expect(badge.textContent).toBe("4.00 (B)"));
    const last = callsOf(calls, "compute_gpa").at(-1)!.args.courses as LearningOpportunityInput[];
    expect(last[1]).toMatchObject({ title: "Databases", credits: "7.5", grade: { scheme: "ects", label: "C" } });

    // A pass/fail grade does not count; with no ECTS grade left there is no average.
    await user.selectOptions(view.getByTestId("course-scheme-0-0"), "norwegian-pass-fail");
    await user.selectOptions(view.getByTestId("course-scheme-0-1"), "norwegian-pass-fail");
    await waitFor(() => expect(badge.textContent).toBe(""));
  });

  test("the live GPA names a grade it cannot count, and why, before anything is saved", async () => {
    mockProfile();
    const user = userEvent.setup();
    render(ProfileEditor);
    const badge = await view.findByTestId("gpa-0");
    await waitFor(() => expect(badge.textContent).toBe("5.00 (A)"));
    await user.click(view.getByTestId("course-add-0"));
    await user.type(view.getByTestId("course-title-0-1"), "Databases");
    await user.type(view.getByTestId("course-credits-0-1"), "7.5");
    await user.selectOptions(view.getByTestId("course-scheme-0-1"), "ects");
    await user.type(view.getByTestId("course-grade-0-1"), "G");
    expect(await view.findByTestId("gpa-left-out-0")).toHaveTextContent("Not counted: Databases (“G” is not an ECTS grade A–F)");
    expect(badge.textContent).toBe("5.00 (A)");
  });

  test("sub-courses nest under a course and are sent as its children", async () => {
    const calls = mockProfile();
    const user = userEvent.setup();
    render(ProfileEditor);
    await view.findByTestId("course-add-0");
    await user.click(view.getByTestId("course-add-child-0-0"));
    await user.type(view.getByTestId("course-title-0-0-0"), "Lab");
    await user.click(view.getByTestId("profile-save"));
    await view.findByTestId("profile-saved");
    const sent = callsOf(calls, "save_profile")[0].args as { profile: ProfileInput; sections: string[] };
    expect(sent.sections).toEqual(["education"]);
    expect(sent.profile.education![0].courses![0].children).toEqual([{ code: "", title: "Lab", children: [] }]);
  });

  test("credits Rust cannot read are shown at their field, and nothing is sent", async () => {
    const calls = mockProfile(undefined, () => [problem("education[0].courses[0].credits", "negative_credits", { value: "-5" })]);
    const user = userEvent.setup();
    render(ProfileEditor);
    const credits = await view.findByTestId("course-credits-0-0");
    await user.clear(credits);
    await user.type(credits, "-5");
    await user.click(view.getByTestId("profile-save"));

    const cell = credits.closest(".cell") as HTMLElement;
    expect(await within(cell).findByTestId("field-error")).toHaveTextContent("Credits cannot be negative (“-5”)");
    expect(credits).toHaveAttribute("aria-invalid", "true");
    expect(view.getByRole("alert")).toHaveTextContent("Nothing was saved.");
    expect(credits).toHaveFocus();
    expect(callsOf(calls, "save_profile")).toHaveLength(0);
    expect(credits).toHaveValue("-5");
    const checked = callsOf(calls, "check_draft")[0].args as { kind: string; draft: ProfileInput };
    expect(checked.kind).toBe("profile");
    expect(checked.draft.education![0].courses![0].credits).toBe("-5");
  });

  test("each validation problem from Rust shows at its field, with a summary, and nothing typed is lost", async () => {
    const calls = mockProfile(() => {
      throw ipcError("validation", {}, [
        problem("person.email", "bad_email", { value: "kari at example.no" }),
        problem("education[0].courses[0].grade", "grade_not_in_scheme", { label: "G", scheme: "ects" }),
        problem("skills[0].name", "required"),
      ]);
    });
    const user = userEvent.setup();
    render(ProfileEditor);
    const email = await view.findByTestId("person-email");
    await user.clear(email);
    await user.type(email, "kari at example.no");
    const grade = view.getByTestId("course-grade-0-0");
    await user.clear(grade);
    await user.type(grade, "G");
    await user.clear(view.getByTestId("skill-name-0"));
    await user.click(view.getByTestId("profile-save"));

    const summary = await view.findByRole("alert");
    expect(summary).toHaveTextContent("Nothing was saved: 3 fields need correcting.");
    expect(within(summary).getAllByRole("listitem")).toHaveLength(3);

    const gradeError = within(grade.closest(".cell") as HTMLElement).getByTestId("field-error");
    expect(gradeError).toHaveTextContent("“G” is not a grade in ECTS (A–F). Use one of: A, B, C, D, E, FX, F.");
    const emailError = within(email.closest(".field") as HTMLElement).getByTestId("field-error");
    expect(emailError).toHaveTextContent("“kari at example.no” is not an e-mail address.");
    const nameField = view.getByTestId("skill-name-0").closest(".field") as HTMLElement;
    expect(within(nameField).getByTestId("field-error")).toHaveTextContent("Fill this in.");
    expect(view.getAllByTestId("field-error")).toHaveLength(3);

    expect(email).toHaveValue("kari at example.no");
    expect(grade).toHaveValue("G");
    expect(view.getByTestId("person-name")).toHaveValue("Kari Nordmann");
    const sent = callsOf(calls, "save_profile")[0].args as { sections: string[] };
    expect(sent.sections).toEqual(["person", "education", "skills"]);

    // The same problems read in bokmål.
    language.set("nb");
    await waitFor(() => expect(gradeError).toHaveTextContent("«G» er ikke en karakter i ECTS (A–F)."));
  });

  test("saving sends only the changed sections and says it is saved", async () => {
    const calls = mockProfile();
    const user = userEvent.setup();
    render(ProfileEditor);
    await user.click(await view.findByTestId("skill-add"));
    await user.type(view.getByTestId("skill-name-1"), "SQL");
    expect(view.getByRole("status")).toHaveTextContent("Unsaved changes");
    await user.click(view.getByTestId("profile-save"));
    expect(await view.findByTestId("profile-saved")).toHaveTextContent("All changes saved");
    const sent = callsOf(calls, "save_profile")[0].args as { profile: ProfileInput; sections: string[] };
    expect(sent.sections).toEqual(["skills"]);
    expect(sent.profile.skills).toEqual([{ name: "Rust" }, { name: "SQL" }]);
    // Unchanged sections still go along whole (Rust validates the whole profile).
    expect(sent.profile.person).toEqual({ name: "Kari Nordmann", email: "kari@example.no", addresses: [], profiles: [] });
  });

  test("the national id is optional and normalised; an empty one is not sent", async () => {
    const calls = mockProfile();
    const user = userEvent.setup();
    render(ProfileEditor);
    await user.type(await view.findByTestId("person-birth-date"), "1995-05-15");
    await user.click(view.getByTestId("profile-save"));
    await view.findByTestId("profile-saved");
    let sent = callsOf(calls, "save_profile")[0].args as { profile: ProfileInput };
    expect(sent.profile.person).not.toHaveProperty("nationalId");
    expect(sent.profile.person?.birthDate).toBe("1995-05-15");

    const country = view.getByTestId("national-id-country");
    await user.clear(country);
    await user.type(country, "no");
    await user.type(view.getByTestId("national-id-value"), "150595 00136");
    await user.click(view.getByTestId("profile-save"));
    await waitFor(() => expect(callsOf(calls, "save_profile")).toHaveLength(2));
    sent = callsOf(calls, "save_profile")[1].args as { profile: ProfileInput };
    expect(sent.profile.person?.nationalId).toEqual({ country: "NO", value: "15059500136" });
    expect(view.getByText(/never part of a share/)).toBeInTheDocument();
  });

  test("says when edits are unsaved (imports wait), and reloads after an import", async () => {
    let stored = structuredClone(STORED);
    const calls = mockCommands({ get_profile: () => structuredClone(stored), compute_gpa: gpa, check_draft: () => [], save_profile: ({ profile }) => profile });
    const user = userEvent.setup();
    render(ProfileEditor);
    const skill = await view.findByTestId("skill-name-0");
    expect(get(profileUnsaved)).toBe(false);
    await user.type(skill, " and Go");
    expect(get(profileUnsaved)).toBe(true);
    await user.click(view.getByTestId("profile-save"));
    await waitFor(() => expect(get(profileUnsaved)).toBe(false));

    stored = { ...stored, skills: [{ name: "Rust and Go" }, { name: "Svelte" }] };
    profileRevision.update((n) => n + 1);
    expect(await view.findByTestId("skill-name-1")).toHaveValue("Svelte");
    expect(callsOf(calls, "get_profile")).toHaveLength(2);
    expect(get(profileUnsaved)).toBe(false);
  });
});
