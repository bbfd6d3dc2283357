import { useState } from "react";
import { calendarFileName, googleCalendarUrl, type CalendarEvent, type CalendarFile } from "../lib/calendar";
import { saveFile } from "../lib/files";
import { problemText } from "../lib/payments";
import { ErrorBanner } from "./ui";

/** The meetup for a calendar app: the server's .ics file (when the viewer may have it) and Google Calendar. */
export function AddToCalendar({ event, file }: { event: CalendarEvent; file: CalendarFile | null }) {
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const name = calendarFileName(event.title);

  async function download(load: () => Promise<Blob>) {
    setProblem(null);
    setLoading(true);
    try {
      saveFile(await load(), name);
    } catch (error) {
      setProblem(problemText(error, "Could not get the calendar file."));
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      <div className="calendar-links" role="group" aria-label="Add to calendar">
        {file && "href" in file ? (
          <a className="button button-ghost button-small" href={file.href} download={name}>
            Download .ics
          </a>
        ) : null}
        {file && "load" in file ? (
          <button
            type="button"
            className="button button-ghost button-small"
            disabled={loading}
            onClick={() => void download(file.load)}
          >
            {loading ? "Preparing the file…" : "Download .ics"}
          </button>
        ) : null}
        <a
          className="button button-ghost button-small"
          href={googleCalendarUrl(event)}
          target="_blank"
          rel="noopener noreferrer"
        >
          Google Calendar
        </a>
      </div>
      <ErrorBanner>{problem}</ErrorBanner>
    </>
  );
}
