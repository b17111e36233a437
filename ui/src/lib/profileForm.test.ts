import { describe, expect, test } from "vitest";
import { changedSections, forForm, forSave } from "./profileForm";
import type { ProfileInput } from "./bindings";

describe("the profile form", () => {
  test("round-trips a profile without changing it, keeping fields the form does not show", () => {
    const profile: ProfileInput = {
      person: { name: "Kari", givenName: "Kari", photo: "doc-1" },
      education: [
        {
          institution: "UiO",
          startDate: "2018-08",
          courses: [
            {
              title: "Degree",
              kind: "degree",
              classifications: [{ scheme: "ISCED-F", value: "0613" }],
              children: [{ code: "IN1000", title: "Programming", credits: "10", grade: { scheme: "ects", label: "B" }, term: "Høst 2018" }],
            },
          ],
        },
      ],
      languages: [{ language: "Norwegian", fluency: "C2" }],
    };
    const saved = forSave(forForm(profile));
    expect(saved.person).toEqual({ name: "Kari", givenName: "Kari", photo: "doc-1", addresses: [], profiles: [] });
    expect(saved.education![0].courses![0]).toMatchObject({ title: "Degree", kind: "degree", classifications: [{ scheme: "ISCED-F", value: "0613" }] });
    expect(saved.education![0].courses![0].children![0]).toMatchObject({ credits: "10", grade: { scheme: "ects", label: "B" }, term: "Høst 2018" });
    expect(saved.education![0].courses![0]).not.toHaveProperty("grade");
    expect(changedSections(saved, forSave(forForm(saved)))).toEqual([]);
  });

  test("drops empty dates, credits and grades, which Rust would not read as “none”", () => {
    const form = forForm({});
    form.person.name = "Kari";
    form.person.birthDate = "";
    form.education.push({ institution: "NTNU", startDate: " ", endDate: "", courses: [{ code: "", title: "X", credits: "", grade: { scheme: "ects", label: " " }, children: [] }] });
    form.interests.push({ name: "Energy", kind: "" as never });
    const saved = forSave(form);
    expect(saved.person).not.toHaveProperty("birthDate");
    expect(saved.education![0]).toEqual({ institution: "NTNU", courses: [{ code: "", title: "X", children: [] }] });
    expect(saved.interests).toEqual([{ name: "Energy" }]);
  });

  test("an untouched empty person is not sent", () => {
    expect(forSave(forForm({}))).not.toHaveProperty("person");
  });

  test("names the sections that changed", () => {
    const before = forSave(forForm({ skills: [{ name: "Rust" }] }));
    const form = forForm({ skills: [{ name: "Rust" }] });
    form.skills.push({ name: "SQL" });
    form.person.name = "Kari";
    expect(changedSections(before, forSave(form))).toEqual(["person", "skills"]);
  });
});
