import { googleCalendarUrl, icsDataUrl, type CalendarEvent } from "../lib/calendar";

function fileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${slug || "meetup"}.ics`;
}

export function AddToCalendar({ event }: { event: CalendarEvent }) {
  return (
    <div className="calendar-links" role="group" aria-label="Add to calendar">
      <a className="button button-ghost button-small" href={icsDataUrl(event)} download={fileName(event.title)}>
        Download .ics
      </a>
      <a
        className="button button-ghost button-small"
        href={googleCalendarUrl(event)}
        target="_blank"
        rel="noopener noreferrer"
      >
        Google Calendar
      </a>
    </div>
  );
}
