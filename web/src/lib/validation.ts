/** Client-side checks that mirror the server's meetup rules (the server stays the authority). */
import { fromZonedTime } from "date-fns-tz";
import { Category, Currency } from "../gql/graphql";

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 5000;
export const DURATION_MIN = 5;
export const DURATION_MAX = 24 * 60;
export const CAPACITY_MAX = 100_000;
export const JOIN_URL_MAX = 2048;
export const AMOUNT_MAX_MINOR = 100_000_000;

/** The server's categories, in its order (the schema's Category enum). */
export const CATEGORIES: readonly Category[] = Object.values(Category);
const CURRENCIES: readonly string[] = Object.values(Currency);

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

/** Whether the server takes prices in this currency (the schema's Currency enum). */
export function isCurrency(value: string): value is Currency {
  return CURRENCIES.includes(value);
}

export interface MeetupFormValues {
  title: string;
  description: string;
  category: string;
  date: string; // yyyy-MM-dd in the organizer's zone
  time: string; // HH:mm in the organizer's zone
  timezone: string;
  durationMinutes: string;
  joinUrl: string;
  capacity: string;
  priceAmount: string; // in major units, e.g. 12.50
  currency: string;
  visibility: "PRIVATE" | "PUBLIC";
}

/** Field name (the server's camelCase input names) to message. */
export type FieldErrors = Partial<Record<string, string>>;

export const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  category: "Category",
  startsAt: "Start",
  timezone: "Time zone",
  durationMinutes: "Duration",
  joinUrl: "Join link",
  capacity: "Capacity",
  price: "Price",
  "price.amountMinor": "Price",
  "price.currency": "Currency",
  visibility: "Visibility",
};

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone !== zone.trim()) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY), or null if the
 * server takes no prices in it. */
export function currencyDigits(currency: string): number | null {
  if (!isCurrency(currency)) return null;
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  } catch {
    return null;
  }
}

/** The amount in the currency's minor unit, or null when it is not a valid amount. */
export function toMinor(amount: string, currency: string): number | null {
  const digits = currencyDigits(currency) ?? 2;
  const pattern = digits ? new RegExp(`^\\d+(\\.\\d{1,${digits}})?$`) : /^\d+$/;
  const text = amount.trim();
  if (!pattern.test(text)) return null;
  const [whole = "0", fraction = ""] = text.split(".");
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

export function joinUrlProblem(raw: string): string | null {
  const url = raw.trim();
  if (!url) return "is required";
  if (url.length > JOIN_URL_MAX || /\s/.test(url)) {
    return `must be an https link of at most ${JOIN_URL_MAX} characters`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "must be an https link such as https://meet.example.com/abc";
  }
  if (
    parsed.protocol !== "https:" ||
    !parsed.hostname.includes(".") ||
    parsed.username !== ""
  ) {
    return "must be an https link such as https://meet.example.com/abc";
  }
  return null;
}

function wholeNumber(raw: string): number | null {
  return /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : null;
}

/** The start as a UTC instant from the date and time in ``timezone``, or null. */
export function startInstant(values: Pick<MeetupFormValues, "date" | "time" | "timezone">): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date) || !/^\d{2}:\d{2}$/.test(values.time)) return null;
  if (!isValidTimeZone(values.timezone)) return null;
  const instant = fromZonedTime(`${values.date}T${values.time}:00`, values.timezone);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

/**
 * Every problem with the form, keyed by the server's field names. ``keptStart`` is the
 * meetup's current start when editing: leaving it as it was is allowed even once it passed.
 */
export function validateMeetup(values: MeetupFormValues, now: Date, keptStart?: Date): FieldErrors {
  const errors: FieldErrors = {};
  const title = values.title.split(/\s+/).filter(Boolean).join(" ");
  if (!title) errors.title = "is required";
  else if (title.length > TITLE_MAX) errors.title = `must be at most ${TITLE_MAX} characters`;

  if (values.description.trim().length > DESCRIPTION_MAX) {
    errors.description = `must be at most ${DESCRIPTION_MAX} characters`;
  }
  if (!isCategory(values.category)) {
    errors.category = `must be one of ${CATEGORIES.join(", ")}`;
  }
  if (!isValidTimeZone(values.timezone)) {
    errors.timezone = "must be an IANA time zone such as Europe/Berlin";
  }
  if (!values.date || !values.time) {
    errors.startsAt = "is required";
  } else {
    const start = startInstant(values);
    if (!start) {
      if (!errors.timezone) errors.startsAt = "must be a date and time";
    } else if (start.getTime() <= now.getTime() && start.getTime() !== keptStart?.getTime()) {
      errors.startsAt = "must be in the future";
    }
  }
  const duration = wholeNumber(values.durationMinutes);
  if (duration === null || duration < DURATION_MIN || duration > DURATION_MAX) {
    errors.durationMinutes = `must be a whole number from ${DURATION_MIN} to ${DURATION_MAX} minutes`;
  }
  const join = joinUrlProblem(values.joinUrl);
  if (join) errors.joinUrl = join;

  if (values.capacity.trim()) {
    const capacity = wholeNumber(values.capacity);
    if (capacity === null || capacity < 1 || capacity > CAPACITY_MAX) {
      errors.capacity = `must be a whole number from 1 to ${CAPACITY_MAX}`;
    }
  }
  if (values.priceAmount.trim()) {
    const currency = values.currency.trim().toUpperCase();
    if (currencyDigits(currency) === null) {
      errors["price.currency"] = "must be an ISO 4217 code such as EUR";
    } else {
      const minor = toMinor(values.priceAmount, currency);
      if (minor === null || minor < 1 || minor > AMOUNT_MAX_MINOR) {
        errors["price.amountMinor"] = "must be a positive amount, such as 12.50";
      }
    }
  }
  return errors;
}

/** "Title is required": a field's message as a sentence. */
export function describe(field: string, message: string): string {
  const label = FIELD_LABELS[field];
  return label ? `${label} ${message}` : message;
}
