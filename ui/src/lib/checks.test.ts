import { describe, expect, test } from "vitest";
import { checkCredits, checkDay, checkPartialDate } from "./checks";

// The same cases as candor-model's credits.rs and date.rs: what Rust refuses while reading
// arguments must be caught here, with the same code and params.
describe("credits", () => {
  test.each(["7.5", "10", "10.0", "0", "7,5", "0.125", " 7.5 ", "-0", ""])("%j is accepted", (value) => {
    expect(checkCredits("c", value)).toBeNull();
  });

  test("negative credits", () => {
    expect(checkCredits("education[0].courses[1].credits", "-5")).toEqual({
      field: "education[0].courses[1].credits",
      code: "negative_credits",
      params: { value: "-5" },
      message: "negative_credits",
    });
  });

  test.each(["7.", "7.1234", "abc", "1e3", ".5", "7.5.5", "99999999999", "--1"])("%j is not a number of credits", (value) => {
    expect(checkCredits("c", value)?.code).toBe("bad_credits");
  });
});

describe("dates", () => {
  test.each(["2019", "2019-06", "2019-06-29", "2024-02-29", ""])("partial date %j is accepted", (value) => {
    expect(checkPartialDate("d", value)).toBeNull();
  });

  test.each([
    ["2019-13", "month_out_of_range"],
    ["1899", "year_out_of_range"],
    ["2023-02-29", "day_not_in_month"],
    ["19-06", "not_a_date"],
    ["2019/06", "not_a_date"],
    ["2019-6", "not_a_date"],
  ])("partial date %j is refused: %s", (value, reason) => {
    expect(checkPartialDate("d", value)?.params).toEqual({ value, reason });
  });

  test("the dotted form Norwegians write is read as Rust reads it", () => {
    expect(checkDay("nextStepDate", "15.12.2026")).toBeNull();
    expect(checkDay("nextStepDate", "5.3.2026")).toBeNull();
    expect(checkPartialDate("d", "12.2026")).toBeNull();
    expect(checkDay("nextStepDate", "12.2026")?.params.reason).toBe("incomplete");
    expect(checkDay("nextStepDate", "31.02.2026")?.params.reason).toBe("day_not_in_month");
    expect(checkDay("nextStepDate", "15.12.26")?.params.reason).toBe("not_a_date");
  });

  test("a day needs all three parts", () => {
    expect(checkDay("nextStepDate", "2025-03-14")).toBeNull();
    expect(checkDay("nextStepDate", "2025-03")?.params.reason).toBe("incomplete");
    expect(checkDay("nextStepDate", "2025-02-30")?.params.reason).toBe("day_not_in_month");
  });
});
