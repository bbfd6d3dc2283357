import { formatInTimeZone } from "date-fns-tz";

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function timeZones(): string[] {
  const own = browserTimeZone();
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = [];
  }
  const all = new Set([...zones, own, "UTC"]);
  return [...all].sort();
}

/** "Tue, 1 Jan 2030, 10:00" in ``zone``. */
export function formatWhen(iso: string, zone: string = browserTimeZone()): string {
  return new Intl.DateTimeFormat(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(new Date(iso));
}

/** The zone's short name at that instant, e.g. "CET" or "GMT+1". */
export function zoneAbbreviation(iso: string, zone: string): string {
  const parts = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "short" }).formatToParts(
    new Date(iso),
  );
  return parts.find((part) => part.type === "timeZoneName")?.value ?? zone;
}

export function localDateTimeParts(iso: string, zone: string): { date: string; time: string } {
  const instant = new Date(iso);
  return {
    date: formatInTimeZone(instant, zone, "yyyy-MM-dd"),
    time: formatInTimeZone(instant, zone, "HH:mm"),
  };
}

/** The instant as ISO 8601 with the zone's offset, e.g. 2030-01-01T10:00:00+01:00. */
export function isoWithOffset(instant: Date, zone: string): string {
  return formatInTimeZone(instant, zone, "yyyy-MM-dd'T'HH:mm:ssXXX");
}

export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} min`;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** "18:15": the time of day of ``iso`` in ``zone``. */
export function formatClock(iso: string, zone: string = browserTimeZone()): string {
  return formatInTimeZone(new Date(iso), zone, "HH:mm");
}

/** "7 Dec, 14:00": an instant within the weeks around a meetup, in ``zone``. */
export function formatShortWhen(iso: string, zone: string = browserTimeZone()): string {
  return new Intl.DateTimeFormat(undefined, {
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: zone,
  }).format(new Date(iso));
}

/** "7 Dec": a calendar day as the API gives it (YYYY-MM-DD), shifted by no zone. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
