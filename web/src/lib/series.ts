/**
 * Monthly series of meetups: the organizer's "Repeats monthly" choices in words and as the
 * API's recurrence, and the series of an occurrence over the REST API (GraphQL's meetup query
 * does not carry it).
 */
import type { RecurrenceInput } from "../gql/graphql";
import { authFetch } from "./client";
import { counted } from "./plural";
import { problemOf, reach } from "./rest";
import type { FieldErrors } from "./validation";

/** As the server allows: at most 120 occurrences, the first included. */
export const COUNT_MAX = 120;
const SHORTEST_MONTH = 28;
const WEEKS_NAMED = 4; // "1st" to "4th"; a date in the 5th week is "the last"

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** What stays the same from month to month: the 12th, the 2nd Tuesday, or the last Tuesday. */
export type RepeatOn = "day_of_month" | "weekday" | "last_weekday";
export type RepeatEnd = "never" | "count" | "until";
/** An edit of an occurrence: this one only, or this and all those to come. */
export type ApplyTo = "this" | "following";

/** The "Repeats monthly" fields as typed. */
export interface RepeatValues {
  repeats: boolean;
  on: RepeatOn;
  ends: RepeatEnd;
  count: string;
  until: string; // yyyy-MM-dd, the last day, in the meetup's zone
}

export const NO_REPEAT: RepeatValues = { repeats: false, on: "weekday", ends: "never", count: "6", until: "" };

/** Field name (the server's, e.g. ``recurrence.count``) to what it is called on the form. */
export const REPEAT_LABELS: Record<string, string> = {
  recurrence: "The repeat",
  "recurrence.frequency": "The repeat",
  "recurrence.by": "The repeat",
  "recurrence.nth": "The repeat day",
  "recurrence.count": "Number of occurrences",
  "recurrence.until": "End date",
};

/** A yyyy-MM-dd date as its day, month (1-12) and year, or null. */
function parts(date: string): { year: number; month: number; day: number } | null {
  const found = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!found) return null;
  const [year, month, day] = [Number(found[1]), Number(found[2]), Number(found[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "1st", "2nd", "3rd", "4th", "11th", "21st"... */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** The week of its month the date falls in: days 1-7 are the 1st, 8-14 the 2nd..., 29-31 the 5th. */
export function nthWeekday(date: string): number | null {
  const day = parts(date);
  return day ? Math.floor((day.day - 1) / 7) + 1 : null;
}

/** Whether the date is in its month's last 7 days: the last such weekday of the month. */
export function isLastWeek(date: string): boolean {
  const day = parts(date);
  return day ? day.day + 7 > daysInMonth(day.year, day.month) : false;
}

/** "Tuesday". */
export function weekdayName(date: string): string | null {
  const day = parts(date);
  return day ? (WEEKDAYS[new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()] ?? null) : null;
}

/** A day of the month that some months lack falls on the month's last day in those. */
export function dayOfMonthNote(day: number): string | null {
  return day > SHORTEST_MONTH ? "or the month's last day" : null;
}

export interface RepeatChoice {
  value: RepeatOn;
  label: string;
}

/**
 * The days a series starting on ``date`` can repeat on: "the 12th", "the 2nd Tuesday", and
 * "the last Tuesday" for a date in its month's last 7 days (only that one in the 5th week).
 */
export function repeatChoices(date: string): RepeatChoice[] {
  const day = parts(date);
  const week = nthWeekday(date);
  const weekday = weekdayName(date);
  if (!day || week === null || !weekday) return [];
  const note = dayOfMonthNote(day.day);
  const choices: RepeatChoice[] = [
    { value: "day_of_month", label: `the ${ordinal(day.day)}${note ? ` (${note})` : ""}` },
  ];
  if (week <= WEEKS_NAMED) choices.push({ value: "weekday", label: `the ${ordinal(week)} ${weekday}` });
  if (isLastWeek(date)) choices.push({ value: "last_weekday", label: `the last ${weekday}` });
  return choices;
}

/** The choice as it applies to ``date``: one the date no longer offers becomes the other weekday one. */
export function effectiveOn(on: RepeatOn, date: string): RepeatOn {
  const offered = repeatChoices(date).map((choice) => choice.value);
  if (!offered.length || offered.includes(on)) return on;
  if (on === "weekday" && offered.includes("last_weekday")) return "last_weekday";
  if (on === "last_weekday" && offered.includes("weekday")) return "weekday";
  return "day_of_month";
}

function wholeNumber(raw: string): number | null {
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : null;
}

/** Every problem with the repeat fields, keyed by the server's field names (as it checks them). */
export function validateRepeat(repeat: RepeatValues, date: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!repeat.repeats) return errors;
  if (repeat.ends === "count") {
    const count = wholeNumber(repeat.count);
    if (count === null || count < 1 || count > COUNT_MAX) {
      errors["recurrence.count"] = `must be a whole number from 1 to ${COUNT_MAX}`;
    }
  } else if (repeat.ends === "until") {
    if (!parts(repeat.until)) errors["recurrence.until"] = "must be a date such as 2027-06-30";
    else if (parts(date) && repeat.until < date) {
      errors["recurrence.until"] = `must not be before the first occurrence (${date})`;
    }
  }
  return errors;
}

/** The fields as the API's recurrence (already validated), or null when it does not repeat. */
export function toRecurrence(repeat: RepeatValues, date: string): RecurrenceInput | null {
  if (!repeat.repeats) return null;
  const on = effectiveOn(repeat.on, date);
  return {
    frequency: "monthly",
    by: on === "day_of_month" ? "day_of_month" : "weekday",
    nth: on === "weekday" ? nthWeekday(date) : on === "last_weekday" ? -1 : null,
    count: repeat.ends === "count" ? Number(repeat.count.trim()) : null,
    until: repeat.ends === "until" ? repeat.until : null,
  };
}

/** The repeat in words, as the server says it: "Monthly on the 2nd Tuesday, 6 times". */
export function describeRepeat(repeat: RepeatValues, date: string): string | null {
  if (!repeat.repeats) return null;
  const on = effectiveOn(repeat.on, date);
  const chosen = repeatChoices(date).find((choice) => choice.value === on);
  if (!chosen) return null;
  let text = `Monthly on ${chosen.label}`;
  const count = wholeNumber(repeat.count);
  if (repeat.ends === "count" && count) text += count === 1 ? ", once" : `, ${counted(count, "time")}`;
  if (repeat.ends === "until" && parts(repeat.until)) text += `, until ${repeat.until}`;
  return text;
}

// -- the series of an occurrence, over REST ----------------------------------------------------

export type OccurrenceStatus = "draft" | "published" | "cancelled";

export interface SeriesOccurrence {
  occurrence: number;
  meetup_id: string;
  starts_at: string;
  status: OccurrenceStatus;
}

/** ``GET /api/meetups/{id}/series``: only what the web app reads of it. */
export interface MeetupSeries {
  id: string;
  summary: string;
  first_starts_at: string;
  timezone: string;
  published: boolean;
  occurrences: SeriesOccurrence[];
  skipped: number[];
}

/** ``series`` of the meetup in ``GET /api/rsvp/{token}``. */
export interface SeriesRef {
  id: string;
  occurrence: number;
  summary: string | null;
}

function send(path: string, init: RequestInit, signedIn: boolean): Promise<Response> {
  return reach(() => (signedIn ? authFetch : fetch)(path, init));
}

const meetupPath = (meetupId: string) => `/api/meetups/${encodeURIComponent(meetupId)}`;
const rsvpPath = (token: string) => `/api/rsvp/${encodeURIComponent(token)}`;

/**
 * The series the meetup is an occurrence of, or null when it does not repeat (or the viewer,
 * not signed in, cannot ask).
 */
export async function fetchSeries(meetupId: string): Promise<MeetupSeries | null> {
  const response = await send(`${meetupPath(meetupId)}/series`, { headers: { Accept: "application/json" } }, true);
  if (response.status === 404 || response.status === 401) return null;
  if (!response.ok) throw await problemOf(response);
  return (await response.json()) as MeetupSeries;
}

/** The whole series as one repeating calendar event (an .ics file). */
export async function fetchSeriesCalendar(meetupId: string): Promise<Blob> {
  const response = await send(`${meetupPath(meetupId)}/series.ics`, { headers: { Accept: "text/calendar" } }, true);
  if (!response.ok) throw await problemOf(response);
  return response.blob();
}

/** The series an answer link's meetup belongs to, or null when it does not repeat. */
export async function seriesOfAnswerLink(token: string): Promise<SeriesRef | null> {
  const response = await send(rsvpPath(token), { headers: { Accept: "application/json" } }, false);
  if (!response.ok) throw await problemOf(response);
  const body = (await response.json()) as { meetup?: { series?: SeriesRef | null } };
  return body.meetup?.series ?? null;
}

/** Answer for this occurrence and every later one of its series, those to come too. */
export async function answerForSeries(token: string, response: "attending" | "declined"): Promise<void> {
  const answer = await send(
    rsvpPath(token),
    {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ response, scope: "series" }),
    },
    false,
  );
  if (!answer.ok) throw await problemOf(answer);
}
