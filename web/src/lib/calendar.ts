/**
 * Add-to-calendar: the .ics file comes from the server (the one calendar builder, the same
 * as the emails' attachments), and a Google Calendar link is made here from the meetup.
 */
import { authFetch } from "./client";
import { titledFileName } from "./files";
import { problemOf, reach } from "./rest";

export interface CalendarEvent {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  url?: string | null;
}

/** Where the .ics file of a meetup is, for its viewer. */
export type CalendarFile =
  | { href: string } // a link anyone with it may open (an answer link's)
  | { load: () => Promise<Blob> }; // a file for the signed-in person only

function stamp(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function googleCalendarUrl(event: CalendarEvent): string {
  const params = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${stamp(event.startsAt)}/${stamp(event.endsAt)}`,
    details: event.url ? `${event.description}\n\nJoin: ${event.url}` : event.description,
  });
  if (event.url) params.set("location", event.url);
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

/** The calendar event of a meetup as the API gives it. */
export function meetupEvent(meetup: {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  joinUrl?: string | null;
}): CalendarEvent {
  return {
    title: meetup.title,
    description: meetup.description,
    startsAt: meetup.startsAt,
    endsAt: meetup.endsAt,
    url: meetup.joinUrl,
  };
}

/** The calendar file's name for a meetup's title: "launch-party.ics". */
export function calendarFileName(title: string, suffix = ""): string {
  return titledFileName(title, `${suffix}.ics`);
}

/** The invitee's calendar file: their answer, and the join link once they attend. */
export function invitationCalendar(token: string): CalendarFile {
  return { href: `/api/rsvp/${encodeURIComponent(token)}/calendar.ics` };
}

/** The meetup's calendar file for the signed-in person viewing its page. */
export function meetupCalendar(meetupId: string): CalendarFile {
  return {
    load: async () => {
      const path = `/api/meetups/${encodeURIComponent(meetupId)}/calendar.ics`;
      const response = await reach(() => authFetch(path, { headers: { Accept: "text/calendar" } }));
      if (!response.ok) throw await problemOf(response);
      return response.blob();
    },
  };
}
