import { useMemo, useState } from "react";
import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { BarChart, type BarSeries } from "../components/BarChart";
import { ErrorBanner, ErrorPage, Spinner } from "../components/ui";
import { MeetupInsightsQuery } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { saveFile, titledFileName } from "../lib/files";
import { meetupGlobalId } from "../lib/ids";
import {
  FUNNEL_ASIDE,
  FUNNEL_STEPS,
  answerTotals,
  fetchInsightsCsv,
  formatMajor,
  formatMoney,
  isEmpty,
  majorUnits,
  shareOf,
  takings,
  type DayOfRevenue,
  type HourOfAnswers,
  type Insights,
} from "../lib/insights";
import { problemText } from "../lib/payments";
import { counted } from "../lib/plural";
import { formatDay, formatShortWhen } from "../lib/time";
import "./insights.css";

// The app's colours for the answers (--ok, --danger, an amber of the same weight) and --brand.
const ATTENDING = "#166534";
const DECLINED = "#b91c1c";
const WAITING = "#b45309";
const REVENUE = "#5b21b6";

function Funnel({ funnel }: { funnel: Insights["funnel"] }) {
  const invited = funnel.invited;
  return (
    <section aria-labelledby="insights-funnel">
      <h2 id="insights-funnel">Funnel</h2>
      <ol className="funnel" aria-labelledby="insights-funnel">
        {FUNNEL_STEPS.map(({ step, label }) => {
          const count = funnel[step];
          const share = shareOf(count, invited);
          return (
            <li key={step} className="funnel-step">
              <div className="funnel-words">
                <span>{label}</span>
                <span className="funnel-count">
                  <strong>{count.toLocaleString("en")}</strong>
                  {share && step !== "invited" ? <span className="muted"> · {share}</span> : null}
                </span>
              </div>
              <div className="funnel-bar" aria-hidden="true">
                <span style={{ width: `${invited > 0 ? Math.min(100, (100 * count) / invited) : 0}%` }} />
              </div>
            </li>
          );
        })}
      </ol>
      <ul className="counts funnel-aside" aria-label="Beside the funnel">
        {FUNNEL_ASIDE.map(({ step, label }) => {
          const share = shareOf(funnel[step], invited);
          return (
            <li key={step}>
              {label}: <strong>{funnel[step].toLocaleString("en")}</strong>
              {share ? ` (${share})` : ""}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AnswersOverTime({ hours }: { hours: readonly HourOfAnswers[] }) {
  const chart = useMemo(() => {
    const labels = hours.map((h) => formatShortWhen(h.hour));
    const series: BarSeries[] = [
      { label: "Attending", values: hours.map((h) => h.attending), color: ATTENDING },
      { label: "Declined", values: hours.map((h) => h.declined), color: DECLINED },
      { label: "Waiting list", values: hours.map((h) => h.waiting), color: WAITING },
    ];
    return { labels, series };
  }, [hours]);
  const first = hours[0];
  const last = hours[hours.length - 1];
  if (!first || !last) {
    return (
      <section aria-labelledby="insights-answers">
        <h2 id="insights-answers">Answers over time</h2>
        <p className="muted">No answers yet.</p>
      </section>
    );
  }
  const totals = answerTotals(hours);
  const summary =
    `Answers by hour, ${counted(hours.length, "hour")} with answers from ${formatShortWhen(first.hour)}` +
    ` to ${formatShortWhen(last.hour)}: ${totals.attending} attending, ${totals.declined} declined,` +
    ` ${totals.waiting} on the waiting list.`;
  return (
    <section aria-labelledby="insights-answers">
      <h2 id="insights-answers">Answers over time</h2>
      <BarChart labels={chart.labels} series={chart.series} summary={summary} stacked />
      <details className="chart-table">
        <summary>The answers as a table</summary>
        <table className="ledger" aria-label="Answers by hour">
          <thead>
            <tr>
              <th scope="col">Hour</th>
              <th scope="col" className="amount">Attending</th>
              <th scope="col" className="amount">Declined</th>
              <th scope="col" className="amount">Waiting</th>
            </tr>
          </thead>
          <tbody>
            {hours.map((h) => (
              <tr key={h.hour}>
                <td>
                  <time dateTime={h.hour}>{formatShortWhen(h.hour)}</time>
                </td>
                <td className="amount">{h.attending}</td>
                <td className="amount">{h.declined}</td>
                <td className="amount">{h.waiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Reminders({ reminders }: { reminders: Insights["reminders"] }) {
  return (
    <section aria-labelledby="insights-reminders">
      <h2 id="insights-reminders">Reminders</h2>
      {reminders.length === 0 ? (
        <p className="muted">No reminder has been sent yet.</p>
      ) : (
        <table className="ledger" aria-labelledby="insights-reminders">
          <thead>
            <tr>
              <th scope="col">Reminder</th>
              <th scope="col" className="amount">Sent</th>
              <th scope="col" className="amount">Answered after</th>
              <th scope="col" className="amount">Joined after</th>
            </tr>
          </thead>
          <tbody>
            {reminders.map((r) => (
              <tr key={`${r.leadHours}-${r.sentAt}`}>
                <td>
                  {counted(r.leadHours, "hour")} before
                  <br />
                  <time dateTime={r.sentAt} className="muted small">
                    {formatShortWhen(r.sentAt)}
                  </time>
                </td>
                <td className="amount">{r.sent}</td>
                <td className="amount">{r.answeredAfter}</td>
                <td className="amount">{r.joinedAfter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Revenue({ days, currency }: { days: readonly DayOfRevenue[]; currency: string }) {
  // Charted in the meetup's currency; every sale is in it, as the meetup has one price.
  const chart = useMemo(() => {
    const shown = days.filter((d) => d.currency === currency);
    return {
      labels: shown.map((d) => formatDay(d.day)),
      series: [
        { label: "Revenue", values: shown.map((d) => majorUnits(d.amountMinor, currency)), color: REVENUE },
      ],
      format: (major: number) => formatMajor(major, currency),
    };
  }, [days, currency]);
  const totals = takings(days);
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <section aria-labelledby="insights-revenue">
      <h2 id="insights-revenue">Tickets and revenue</h2>
      {!first || !last ? (
        <p className="muted">No ticket sold yet.</p>
      ) : (
        <>
          <p className="revenue-total">
            {totals.map((t) => (
              <span key={t.currency}>
                <strong>{formatMoney(t.amountMinor, t.currency)}</strong> from {counted(t.tickets, "ticket")}
              </span>
            ))}
          </p>
          <BarChart
            labels={chart.labels}
            series={chart.series}
            formatValue={chart.format}
            summary={
              `Revenue by day from ${formatDay(first.day)} to ${formatDay(last.day)}: ` +
              totals.map((t) => `${formatMoney(t.amountMinor, t.currency)} from ${counted(t.tickets, "ticket")}`).join(", ") +
              "."
            }
          />
          <details className="chart-table">
            <summary>Revenue as a table</summary>
            <table className="ledger" aria-label="Revenue by day">
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col" className="amount">Tickets</th>
                  <th scope="col" className="amount">Revenue</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={`${d.day}-${d.currency}`}>
                    <td>
                      <time dateTime={d.day}>{formatDay(d.day)}</time>
                    </td>
                    <td className="amount">{d.tickets}</td>
                    <td className="amount">{formatMoney(d.amountMinor, d.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}

/** The organizer's view of how a meetup's invitations went: funnel, answers, reminders, sales. */
export function InsightsPage() {
  const { meetupId = "" } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: MeetupInsightsQuery,
    variables: { id: meetupGlobalId(meetupId) },
  });
  const [exporting, setExporting] = useState(false);
  const [exportProblem, setExportProblem] = useState<string | null>(null);

  if (!data && fetching) return <Spinner label="Loading insights…" />;
  if (!data) {
    return (
      <ErrorPage
        message={errorMessage(error) ?? "Could not load the insights."}
        retry={() => reexecute({ requestPolicy: "network-only" })}
      />
    );
  }
  const meetup = data.meetup;
  // Insights are the organizer's alone: anyone else learns no more than of a missing meetup.
  if (!meetup?.insights) return <ErrorPage message="There is no such meetup, or it is not yours." />;
  const { insights, title } = meetup;
  // Before anything happened there is nothing to export either.
  const empty = isEmpty(insights);

  async function exportCsv() {
    setExportProblem(null);
    setExporting(true);
    try {
      saveFile(await fetchInsightsCsv(meetupId), titledFileName(title, "-insights.csv"));
    } catch (problem) {
      setExportProblem(problemText(problem, "Could not export the insights."));
    } finally {
      setExporting(false);
    }
  }

  return (
    <section className="page narrow insights">
      <p>
        <Link to={`/meetups/${meetup.meetupId}`}>← {title}</Link>
      </p>
      <div className="page-head">
        <h1>Insights</h1>
        {empty ? null : (
          <button
            type="button"
            className="button button-small"
            disabled={exporting}
            onClick={() => void exportCsv()}
          >
            {exporting ? "Preparing the file…" : "Export CSV"}
          </button>
        )}
      </div>
      <ErrorBanner>{exportProblem}</ErrorBanner>
      {empty ? (
        <div className="insights-empty">
          <h2>Nothing to show yet</h2>
          <p className="muted">
            Once people are invited, and open and answer their invitations, you will see here how
            it goes, hour by hour.
          </p>
          <Link className="button" to={`/meetups/${meetup.meetupId}/invite`}>
            Invite people
          </Link>
        </div>
      ) : (
        <>
          <Funnel funnel={insights.funnel} />
          <AnswersOverTime hours={insights.answersByHour} />
          <Reminders reminders={insights.reminders} />
          {meetup.price ? <Revenue days={insights.revenueByDay} currency={meetup.price.currency} /> : null}
        </>
      )}
    </section>
  );
}
