import type {
  CreateMeetupInput,
  MeetupQuery,
  PriceInput,
  RecurrenceInput,
  UserErrorFieldsFragment,
} from "../gql/graphql";
import type { ApplyTo } from "./series";
import { browserTimeZone, isoWithOffset, localDateTimeParts } from "./time";
import {
  currencyDigits,
  isCategory,
  isCurrency,
  startInstant,
  toMinor,
  type FieldErrors,
  type MeetupFormValues,
} from "./validation";

type Meetup = NonNullable<MeetupQuery["meetup"]>;

/** What the meetup form sends: its fields, how it repeats (new meetups), and what an edit of an occurrence applies to. */
export interface MeetupSubmission extends MeetupFormValues {
  recurrence: RecurrenceInput | null;
  applyTo: ApplyTo;
}

export function emptyValues(now: Date = new Date()): MeetupFormValues {
  const zone = browserTimeZone();
  // Next week, at 18:00 in the organizer's zone.
  const parts = localDateTimeParts(new Date(now.getTime() + 7 * 86_400_000).toISOString(), zone);
  return {
    title: "",
    description: "",
    category: "other",
    date: parts.date,
    time: "18:00",
    timezone: zone,
    durationMinutes: "60",
    joinUrl: "",
    capacity: "",
    priceAmount: "",
    currency: "EUR",
    visibility: "PRIVATE",
  };
}

export function valuesOf(meetup: Meetup): MeetupFormValues {
  const { date, time } = localDateTimeParts(meetup.startsAt, meetup.timezone);
  const digits = meetup.price ? (currencyDigits(meetup.price.currency) ?? 2) : 2;
  return {
    title: meetup.title,
    description: meetup.description,
    category: meetup.category,
    date,
    time,
    timezone: meetup.timezone,
    durationMinutes: String(meetup.durationMinutes),
    joinUrl: meetup.joinUrl ?? "",
    capacity: meetup.capacity == null ? "" : String(meetup.capacity),
    priceAmount: meetup.price ? (meetup.price.amountMinor / 10 ** digits).toFixed(digits) : "",
    currency: meetup.price?.currency ?? "EUR",
    visibility: meetup.visibility,
  };
}

/** The form as the API's input (already validated). */
export function toInput(values: MeetupFormValues): CreateMeetupInput {
  const start = startInstant(values);
  if (!start) throw new Error("the start is not valid");
  if (!isCategory(values.category)) throw new Error("the category is not valid");
  const currency = values.currency.trim().toUpperCase();
  const amount = values.priceAmount.trim() ? toMinor(values.priceAmount, currency) : null;
  let price: PriceInput | null = null;
  if (amount != null) {
    if (!isCurrency(currency)) throw new Error("the currency is not valid");
    price = { amountMinor: amount, currency };
  }
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    category: values.category,
    startsAt: isoWithOffset(start, values.timezone),
    timezone: values.timezone,
    durationMinutes: Number(values.durationMinutes),
    joinUrl: values.joinUrl.trim(),
    capacity: values.capacity.trim() ? Number(values.capacity) : null,
    price,
    visibility: values.visibility,
  };
}

/** A new meetup as the API's input: the first occurrence of a monthly series when it repeats. */
export function toCreateInput(values: MeetupSubmission): CreateMeetupInput {
  const input = toInput(values);
  return values.recurrence ? { ...input, recurrence: values.recurrence } : input;
}

/** The server's userErrors by field, plus those about the whole input. */
export function splitUserErrors(
  errors: readonly UserErrorFieldsFragment[],
): { fields: FieldErrors; form: string | null } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const e of errors) {
    if (e.field) fields[e.field] = e.message;
    else general.push(e.message);
  }
  return { fields, form: general.length ? general.join(" ") : null };
}
