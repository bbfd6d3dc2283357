import { Link, useParams } from "react-router";
import { useQuery } from "urql";
import { EmailAddress } from "../components/EmailAddress";
import { ErrorPage, Spinner } from "../components/ui";
import { AttendeesQuery } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { meetupGlobalId } from "../lib/ids";
import { formatWhen } from "../lib/time";

export function AttendeesPage() {
  const { meetupId = "" } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: AttendeesQuery,
    variables: { id: meetupGlobalId(meetupId) },
  });
  if (!data && fetching) return <Spinner label="Loading attendees…" />;
  if (!data) {
    return (
      <ErrorPage
        message={errorMessage(error) ?? "Could not load the attendees."}
        retry={() => reexecute({ requestPolicy: "network-only" })}
      />
    );
  }
  const meetup = data.meetup;
  if (!meetup) return <ErrorPage message="There is no such meetup, or it is not yours." />;
  return (
    <section className="page narrow">
      <p>
        <Link to={`/meetups/${meetup.meetupId}`}>← {meetup.title}</Link>
      </p>
      <h1>Attendees</h1>
      <p className="counts">
        <span>
          {meetup.counts.attending} attending{meetup.capacity ? ` of ${meetup.capacity}` : ""}
        </span>
        <span>{meetup.counts.declined} declined</span>
        {meetup.counts.waitlisted ? <span>{meetup.counts.waitlisted} waiting</span> : null}
        <span>{meetup.counts.invited} invited</span>
      </p>
      {meetup.attendees.length === 0 ? (
        <p className="muted">Nobody has said yes yet.</p>
      ) : (
        <ol className="people" aria-label="Attendees">
          {meetup.attendees.map((a) => (
            <li key={a.id} className="person">
              <div className="person-main">
                <span className="person-name">{a.name ?? <EmailAddress address={a.email} />}</span>
                {a.name ? <EmailAddress address={a.email} className="muted small" /> : null}
              </div>
              {a.respondedAt ? (
                <span className="muted small">
                  <time dateTime={a.respondedAt}>{formatWhen(a.respondedAt)}</time>
                </span>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {meetup.waitlist.length > 0 ? (
        <>
          <h2>Waiting list</h2>
          <p className="muted">A seat that frees up goes to the first in line, who is told by email.</p>
          <ol className="people" aria-label="Waiting list">
            {meetup.waitlist.map((w) => (
              <li key={w.id} className="person">
                <div className="person-main">
                  <span className="person-name">{w.name ?? <EmailAddress address={w.email} />}</span>
                  {w.name ? <EmailAddress address={w.email} className="muted small" /> : null}
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
      <Link className="button" to={`/meetups/${meetup.meetupId}/invite`}>
        Invite more people
      </Link>
    </section>
  );
}
