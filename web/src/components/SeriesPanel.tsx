import { useEffect, useId, useState } from "react";
import { Link } from "react-router";
import { calendarFileName } from "../lib/calendar";
import { saveFile } from "../lib/files";
import { problemText } from "../lib/payments";
import { fetchSeries, fetchSeriesCalendar, type MeetupSeries } from "../lib/series";
import { formatWhen } from "../lib/time";
import { ErrorBanner, StatusBadge } from "./ui";
import "./series.css";

export interface SeriesState {
  loading: boolean;
  series: MeetupSeries | null;
  problem: string | null;
}

const NO_SERIES: SeriesState = { loading: false, series: null, problem: null };

/**
 * The series the meetup is an occurrence of, over REST (null when it does not repeat).
 * ``version`` is the meetup's: publishing or editing it asks again (dates may have been added).
 * ``skip`` while the meetup is known not to repeat: its series would only answer 404.
 */
export function useSeries(meetupId: string, version?: number, skip = false): SeriesState {
  const [state, setState] = useState<SeriesState>({ loading: true, series: null, problem: null });
  useEffect(() => {
    if (skip) return undefined;
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    fetchSeries(meetupId).then(
      (series) => current && setState({ loading: false, series, problem: null }),
      (error: unknown) =>
        current &&
        setState({ loading: false, series: null, problem: problemText(error, "Could not load the series.") }),
    );
    return () => {
      current = false;
    };
  }, [meetupId, version, skip]);
  return skip ? NO_SERIES : state;
}

/** The meetup's number in its series, if listed. */
export function occurrenceOf(series: MeetupSeries, meetupId: string): number | null {
  return series.occurrences.find((o) => o.meetup_id === meetupId)?.occurrence ?? null;
}

/**
 * A monthly series on an occurrence's page: the rule in words, which occurrence this is, the
 * dates created so far (in the meetup's time zone), and the whole series for a calendar app.
 * Renders nothing for a meetup that does not repeat.
 */
export function SeriesPanel({
  meetupId,
  title,
  timezone,
  version,
}: {
  meetupId: string;
  title: string;
  timezone: string;
  version?: number;
}) {
  const { series, problem } = useSeries(meetupId, version);
  const headingId = useId();
  const [downloading, setDownloading] = useState(false);
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null);

  if (problem) return <ErrorBanner>{problem}</ErrorBanner>;
  if (!series) return null;
  const number = occurrenceOf(series, meetupId);

  async function download() {
    setDownloadProblem(null);
    setDownloading(true);
    try {
      saveFile(await fetchSeriesCalendar(meetupId), calendarFileName(title, "-series"));
    } catch (error) {
      setDownloadProblem(problemText(error, "Could not make the calendar file."));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <section className="panel series-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Monthly series</h2>
      <p className="series-summary">{series.summary}</p>
      {number ? <p className="muted">Occurrence {number}</p> : null}
      <h3>Dates</h3>
      <p className="hint">Times in {timezone.replace(/_/g, " ")}.</p>
      <ul className="occurrences" aria-label="Dates of the series">
        {series.occurrences.map((o) => {
          const when = <time dateTime={o.starts_at}>{formatWhen(o.starts_at, timezone)}</time>;
          const cancelled = o.status === "cancelled";
          return (
            <li key={o.occurrence} className={cancelled ? "occurrence occurrence-cancelled" : "occurrence"}>
              <Link to={`/meetups/${o.meetup_id}`} aria-current={o.meetup_id === meetupId ? "page" : undefined}>
                {cancelled ? <s>{when}</s> : when}
              </Link>
              <StatusBadge status={o.status.toUpperCase()} />
            </li>
          );
        })}
      </ul>
      <p className="hint">
        {series.published
          ? "Dates are added as they come within 60 days."
          : "The next dates are added when the first one is published."}
      </p>
      <button type="button" className="button button-small" disabled={downloading} onClick={() => void download()}>
        {downloading ? "Preparing the file…" : "Add the series to your calendar"}
      </button>
      <ErrorBanner>{downloadProblem}</ErrorBanner>
    </section>
  );
}
