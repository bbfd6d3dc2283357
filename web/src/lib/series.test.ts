import { describe, expect, it } from "vitest";
import {
  NO_REPEAT,
  daysInMonth,
  dayOfMonthNote,
  describeRepeat,
  effectiveOn,
  isLastWeek,
  nthWeekday,
  ordinal,
  repeatChoices,
  toRecurrence,
  validateRepeat,
  weekdayName,
  type RepeatValues,
} from "./series";

const monthly: RepeatValues = { ...NO_REPEAT, repeats: true };

describe("the words of a monthly repeat", () => {
  it("gives ordinals their suffixes", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 30, 31].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "23rd",
      "30th",
      "31st",
    ]);
  });

  it("counts the week of the month from the day: 1-7 the 1st, 29-31 the 5th", () => {
    expect(["2030-06-01", "2030-06-07", "2030-06-08", "2030-06-28", "2030-06-29"].map(nthWeekday)).toEqual([
      1, 1, 2, 4, 5,
    ]);
    expect(nthWeekday("2030-02-30")).toBeNull();
  });

  it("knows the month's last 7 days, leap years included", () => {
    expect(isLastWeek("2030-06-23")).toBe(false);
    expect(isLastWeek("2030-06-24")).toBe(true);
    expect(isLastWeek("2030-02-22")).toBe(true);
    expect(isLastWeek("2028-02-22")).toBe(false);
    expect(daysInMonth(2028, 2)).toBe(29);
  });

  it("names the weekday of a date", () => {
    expect(weekdayName("2030-06-11")).toBe("Tuesday");
    expect(weekdayName("2030-06-16")).toBe("Sunday");
  });

  it("notes that the 29th to the 31st fall on a shorter month's last day", () => {
    expect(dayOfMonthNote(28)).toBeNull();
    expect(dayOfMonthNote(29)).toBe("or the month's last day");
  });
});

describe("repeatChoices", () => {
  it("offers the same day and the same nth weekday", () => {
    expect(repeatChoices("2030-06-11")).toEqual([
      { value: "day_of_month", label: "the 11th" },
      { value: "weekday", label: "the 2nd Tuesday" },
    ]);
  });

  it("offers the last weekday too in the month's last 7 days", () => {
    expect(repeatChoices("2030-06-25")).toEqual([
      { value: "day_of_month", label: "the 25th" },
      { value: "weekday", label: "the 4th Tuesday" },
      { value: "last_weekday", label: "the last Tuesday" },
    ]);
  });

  it("offers only the last weekday in the 5th week, and notes a short month's last day", () => {
    expect(repeatChoices("2030-07-30")).toEqual([
      { value: "day_of_month", label: "the 30th (or the month's last day)" },
      { value: "last_weekday", label: "the last Tuesday" },
    ]);
  });

  it("offers nothing before there is a date", () => {
    expect(repeatChoices("")).toEqual([]);
  });
});

describe("toRecurrence", () => {
  it("sends nothing when it does not repeat", () => {
    expect(toRecurrence(NO_REPEAT, "2030-06-11")).toBeNull();
  });

  it("sends the nth weekday of the start date", () => {
    expect(toRecurrence({ ...monthly, on: "weekday" }, "2030-06-11")).toEqual({
      frequency: "monthly",
      by: "weekday",
      nth: 2,
      count: null,
      until: null,
    });
  });

  it("sends the last weekday as nth -1, with a count", () => {
    expect(toRecurrence({ ...monthly, on: "last_weekday", ends: "count", count: " 6 " }, "2030-06-25")).toEqual({
      frequency: "monthly",
      by: "weekday",
      nth: -1,
      count: 6,
      until: null,
    });
  });

  it("sends the day of the month, with an end date", () => {
    expect(toRecurrence({ ...monthly, on: "day_of_month", ends: "until", until: "2030-12-31" }, "2030-06-11")).toEqual({
      frequency: "monthly",
      by: "day_of_month",
      nth: null,
      count: null,
      until: "2030-12-31",
    });
  });

  it("follows the date when it moves away from the weekday chosen", () => {
    // The 2nd Tuesday was chosen, then the date moved to the 30th: its Tuesday is the last.
    expect(effectiveOn("weekday", "2030-07-30")).toBe("last_weekday");
    expect(effectiveOn("last_weekday", "2030-06-11")).toBe("weekday");
    expect(toRecurrence({ ...monthly, on: "weekday" }, "2030-07-30")?.nth).toBe(-1);
  });
});

describe("validateRepeat", () => {
  it("checks the number of occurrences as the server does", () => {
    for (const count of ["0", "121", "2.5", ""]) {
      expect(validateRepeat({ ...monthly, ends: "count", count }, "2030-06-11")).toEqual({
        "recurrence.count": "must be a whole number from 1 to 120",
      });
    }
    expect(validateRepeat({ ...monthly, ends: "count", count: "120" }, "2030-06-11")).toEqual({});
  });

  it("wants an end date on or after the first occurrence", () => {
    expect(validateRepeat({ ...monthly, ends: "until", until: "" }, "2030-06-11")).toEqual({
      "recurrence.until": "must be a date such as 2027-06-30",
    });
    expect(validateRepeat({ ...monthly, ends: "until", until: "2030-06-10" }, "2030-06-11")).toEqual({
      "recurrence.until": "must not be before the first occurrence (2030-06-11)",
    });
    expect(validateRepeat({ ...monthly, ends: "until", until: "2030-06-11" }, "2030-06-11")).toEqual({});
  });

  it("checks nothing when it does not repeat", () => {
    expect(validateRepeat({ ...NO_REPEAT, ends: "count", count: "0" }, "2030-06-11")).toEqual({});
  });
});

describe("describeRepeat", () => {
  it("says the repeat as the server does", () => {
    expect(describeRepeat({ ...monthly, ends: "count", count: "6" }, "2030-06-11")).toBe(
      "Monthly on the 2nd Tuesday, 6 times",
    );
    expect(describeRepeat({ ...monthly, on: "day_of_month", ends: "until", until: "2030-12-31" }, "2030-06-30")).toBe(
      "Monthly on the 30th (or the month's last day), until 2030-12-31",
    );
    expect(describeRepeat(NO_REPEAT, "2030-06-11")).toBeNull();
  });
});
