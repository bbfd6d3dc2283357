import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { MeetupForm } from "./MeetupForm";
import { validateMeetup, type MeetupFormValues } from "../lib/validation";

const NOW = new Date("2030-01-01T12:00:00Z");

const valid: MeetupFormValues = {
  title: "Founders' dinner",
  description: "",
  category: "other",
  date: "2030-02-01",
  time: "18:00",
  timezone: "Europe/Berlin",
  durationMinutes: "60",
  joinUrl: "https://meet.example.com/abc",
  capacity: "",
  priceAmount: "",
  currency: "EUR",
  visibility: "PRIVATE",
};

describe("MeetupForm", () => {
  it("shows the server's messages for every bad field and does not submit", async () => {
    const onSubmit = vi.fn();
    render(
      <MeetupForm
        initial={{ ...valid, title: "  ", date: "2029-12-31", durationMinutes: "2", joinUrl: "http://x" }}
        submitLabel="Create draft"
        onSubmit={onSubmit}
        now={() => NOW}
      />,
    );
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));
    expect(screen.getByText("Title is required")).toBeInTheDocument();
    expect(screen.getByText("Start must be in the future")).toBeInTheDocument();
    expect(screen.getByText("Duration must be a whole number from 5 to 1440 minutes")).toBeInTheDocument();
    expect(
      screen.getByText("Join link must be an https link such as https://meet.example.com/abc"),
    ).toBeInTheDocument();
    expect(screen.getByText("4 fields need your attention.")).toBeInTheDocument();
    expect(screen.getByLabelText("Title")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByLabelText("Title")).toHaveAccessibleDescription("Title is required");
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("clears a message once the field is fixed, then submits", async () => {
    const onSubmit = vi.fn();
    render(<MeetupForm initial={{ ...valid, title: "" }} submitLabel="Save" onSubmit={onSubmit} now={() => NOW} />);
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByText("Title is required")).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Title"), "Salon");
    expect(screen.queryByText("Title is required")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ title: "Salon" }));
  });

  it("shows the server's userErrors next to their fields", () => {
    render(
      <MeetupForm
        initial={valid}
        submitLabel="Save"
        onSubmit={() => undefined}
        serverErrors={{ capacity: "must be a whole number from 1 to 100000" }}
        formError="The meetup has changed since you loaded it; reload it and try again."
      />,
    );
    expect(screen.getByText("Capacity must be a whole number from 1 to 100000")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("The meetup has changed");
  });
});

describe("MeetupForm's monthly repeat", () => {
  // 2030-06-11 is the 2nd Tuesday of June; 2030-06-25 the 4th, and the last.
  const tuesday = { ...valid, date: "2030-06-11" };

  it("sends no recurrence unless it repeats", async () => {
    const onSubmit = vi.fn();
    render(<MeetupForm initial={tuesday} submitLabel="Create draft" offerRepeat onSubmit={onSubmit} now={() => NOW} />);
    expect(screen.getByRole("checkbox", { name: "Repeats monthly" })).not.toBeChecked();
    expect(screen.queryByRole("group", { name: "On" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ title: valid.title, recurrence: null }));
  });

  it("offers the day and the weekday of the date, and sends the one chosen with its end", async () => {
    const onSubmit = vi.fn();
    render(<MeetupForm initial={tuesday} submitLabel="Create draft" offerRepeat onSubmit={onSubmit} now={() => NOW} />);
    await userEvent.click(screen.getByRole("checkbox", { name: "Repeats monthly" }));
    const on = screen.getByRole("group", { name: "On" });
    expect(within(on).getAllByRole("radio").map((radio) => radio.parentElement?.textContent)).toEqual([
      "the 11th",
      "the 2nd Tuesday",
    ]);
    await userEvent.click(within(on).getByRole("radio", { name: "the 2nd Tuesday" }));
    const ends = screen.getByRole("group", { name: "Ends" });
    expect(within(ends).getByRole("radio", { name: "Never" })).toBeChecked();
    await userEvent.click(within(ends).getByRole("radio", { name: "After a number of occurrences" }));
    const count = screen.getByLabelText("Number of occurrences");
    await userEvent.clear(count);
    await userEvent.type(count, "6");
    expect(screen.getByText(/Monthly on the 2nd Tuesday, 6 times\./)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        date: "2030-06-11",
        recurrence: { frequency: "monthly", by: "weekday", nth: 2, count: 6, until: null },
      }),
    );
  });

  it("offers the last weekday in the month's last week, and an end date", async () => {
    const onSubmit = vi.fn();
    render(<MeetupForm initial={tuesday} submitLabel="Create draft" offerRepeat onSubmit={onSubmit} now={() => NOW} />);
    await userEvent.click(screen.getByRole("checkbox", { name: "Repeats monthly" }));
    expect(screen.queryByRole("radio", { name: "the last Tuesday" })).not.toBeInTheDocument();
    const date = screen.getByLabelText("Date");
    await userEvent.clear(date);
    await userEvent.type(date, "2030-06-25");
    await userEvent.click(screen.getByRole("radio", { name: "the last Tuesday" }));
    await userEvent.click(screen.getByRole("radio", { name: "On a date" }));
    await userEvent.type(screen.getByLabelText("End date"), "2030-12-31");
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({
        recurrence: { frequency: "monthly", by: "weekday", nth: -1, count: null, until: "2030-12-31" },
      }),
    );
  });

  it("checks the end of the series before sending", async () => {
    const onSubmit = vi.fn();
    render(<MeetupForm initial={tuesday} submitLabel="Create draft" offerRepeat onSubmit={onSubmit} now={() => NOW} />);
    await userEvent.click(screen.getByRole("checkbox", { name: "Repeats monthly" }));
    await userEvent.click(screen.getByRole("radio", { name: "After a number of occurrences" }));
    await userEvent.clear(screen.getByLabelText("Number of occurrences"));
    await userEvent.type(screen.getByLabelText("Number of occurrences"), "121");
    await userEvent.click(screen.getByRole("button", { name: "Create draft" }));
    expect(screen.getByLabelText("Number of occurrences")).toHaveAccessibleDescription(
      "The first one included, up to 120. Number of occurrences must be a whole number from 1 to 120",
    );
    expect(screen.getByText("One field needs your attention.")).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("shows the server's refusal of the repeat next to its field", async () => {
    render(
      <MeetupForm
        initial={tuesday}
        submitLabel="Create draft"
        offerRepeat
        onSubmit={() => undefined}
        serverErrors={{ "recurrence.until": "must not be before the first occurrence (2030-06-11)" }}
      />,
    );
    await userEvent.click(screen.getByRole("checkbox", { name: "Repeats monthly" }));
    await userEvent.click(screen.getByRole("radio", { name: "On a date" }));
    expect(screen.getByText("End date must not be before the first occurrence (2030-06-11)")).toBeInTheDocument();
  });

  it("is not offered when editing", () => {
    render(<MeetupForm initial={tuesday} submitLabel="Save changes" onSubmit={() => undefined} now={() => NOW} />);
    expect(screen.queryByRole("checkbox", { name: "Repeats monthly" })).not.toBeInTheDocument();
    expect(screen.queryByRole("group", { name: "Apply to" })).not.toBeInTheDocument();
  });

  it("asks what an edit of an occurrence applies to", async () => {
    const onSubmit = vi.fn();
    render(
      <MeetupForm
        initial={tuesday}
        submitLabel="Save changes"
        occurrence={{ number: 2, summary: "Monthly on the 2nd Tuesday" }}
        onSubmit={onSubmit}
        now={() => NOW}
      />,
    );
    const applyTo = screen.getByRole("group", { name: "Apply to" });
    expect(applyTo).toHaveAccessibleDescription("This is occurrence 2 of a series: Monthly on the 2nd Tuesday.");
    expect(within(applyTo).getByRole("radio", { name: "This occurrence" })).toBeChecked();
    await userEvent.click(within(applyTo).getByRole("radio", { name: "This and all future occurrences" }));
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ applyTo: "following", recurrence: null }));
  });
});

describe("validateMeetup", () => {
  it("accepts a valid meetup", () => {
    expect(validateMeetup(valid, NOW)).toEqual({});
  });

  it("mirrors the server's rules", () => {
    const errors = validateMeetup(
      {
        ...valid,
        title: "x".repeat(121),
        description: "y".repeat(5001),
        timezone: "Europe",
        durationMinutes: "1441",
        joinUrl: "https://localhost/room",
        capacity: "0",
        priceAmount: "12.345",
        currency: "EUR",
      },
      NOW,
    );
    expect(errors).toEqual({
      title: "must be at most 120 characters",
      description: "must be at most 5000 characters",
      timezone: "must be an IANA time zone such as Europe/Berlin",
      durationMinutes: "must be a whole number from 5 to 1440 minutes",
      joinUrl: "must be an https link such as https://meet.example.com/abc",
      capacity: "must be a whole number from 1 to 100000",
      "price.amountMinor": "must be a positive amount, such as 12.50",
    });
  });

  it("takes the date and time in the organizer's zone", () => {
    // 13:30 in Berlin is 12:30 UTC: after NOW (12:00 UTC), so in the future.
    expect(validateMeetup({ ...valid, date: "2030-01-01", time: "13:30" }, NOW)).toEqual({});
    // 13:30 in New York is 18:30 UTC; 12:30 in Tokyo is 03:30 UTC: in the past.
    expect(
      validateMeetup({ ...valid, date: "2030-01-01", time: "12:30", timezone: "Asia/Tokyo" }, NOW),
    ).toEqual({ startsAt: "must be in the future" });
  });

  it("lets an edit keep a start that has passed", () => {
    const kept = new Date("2029-12-31T17:00:00Z");
    const values = { ...valid, date: "2029-12-31", time: "18:00" };
    expect(validateMeetup(values, NOW, kept)).toEqual({});
  });

  it("checks unknown currencies", () => {
    expect(validateMeetup({ ...valid, priceAmount: "10", currency: "ZZZ" }, NOW)).toEqual({
      "price.currency": "must be an ISO 4217 code such as EUR",
    });
  });

  it("checks the currency against the server's, not the browser's (Croatian kuna left in 2023)", () => {
    expect(validateMeetup({ ...valid, priceAmount: "10", currency: "HRK" }, NOW)).toEqual({
      "price.currency": "must be an ISO 4217 code such as EUR",
    });
  });
});
