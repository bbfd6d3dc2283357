import { useState } from "react";
import { Link } from "react-router";
import { useQuery } from "urql";
import { Picture } from "../components/Picture";
import { ErrorBanner, Spinner, StatusBadge } from "../components/ui";
import { MyMeetupsQuery } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { browserTimeZone, formatWhen, zoneAbbreviation } from "../lib/time";

export function MyMeetups() {
  return (
    <section className="page">
      <div className="page-head">
        <h1>My meetups</h1>
        <Link className="button button-primary" to="/meetups/new">
          New meetup
        </Link>
      </div>
      <MeetupsChunk after={null} />
    </section>
  );
}

/** One page of meetups, and a button that shows the next page under it. */
function MeetupsChunk({ after }: { after: string | null }) {
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MyMeetupsQuery, variables: { after } });
  const [more, setMore] = useState(false);
  const zone = browserTimeZone();

  if (!data && fetching) return <Spinner label="Loading your meetups…" />;
  if (!data) {
    return (
      <div>
        <ErrorBanner>{errorMessage(error) ?? "Could not load your meetups."}</ErrorBanner>
        <button type="button" className="button" onClick={() => reexecute({ requestPolicy: "network-only" })}>
          Try again
        </button>
      </div>
    );
  }
  const meetups = data.myMeetups.nodes;
  const { hasNextPage, endCursor } = data.myMeetups.pageInfo;
  if (meetups.length === 0 && after === null) {
    return (
      <div className="empty">
        <p>No meetups yet. Plan your first one: it takes a minute.</p>
        <Link className="button button-primary" to="/meetups/new">
          Create a meetup
        </Link>
      </div>
    );
  }
  return (
    <>
      <ul className="cards">
        {meetups.map((m) => (
          <li key={m.id} className="card">
            <Link to={`/meetups/${m.meetupId}`} className="card-link">
              <div className="card-cover">
                {m.coverImage ? (
                  <Picture media={m.coverImage} alt="" sizes="(min-width: 720px) 320px, 100vw" />
                ) : (
                  <div className="cover-placeholder" aria-hidden="true">
                    {m.title.charAt(0).toUpperCase()}
                  </div>
                )}
              </div>
              <div className="card-body">
                <StatusBadge status={m.phase} />
                <h2 className="card-title">{m.title}</h2>
                <p className="muted">
                  <time dateTime={m.startsAt}>
                    {formatWhen(m.startsAt, zone)} {zoneAbbreviation(m.startsAt, zone)}
                  </time>
                </p>
                <p className="muted small">
                  {m.counts.invited} invited · {m.counts.attending} attending
                </p>
              </div>
            </Link>
          </li>
        ))}
      </ul>
      {hasNextPage && endCursor ? (
        more ? (
          <div className="more">
            <MeetupsChunk after={endCursor} />
          </div>
        ) : (
          <div className="actions">
            <button type="button" className="button button-block" onClick={() => setMore(true)}>
              Show more
            </button>
          </div>
        )
      ) : null}
    </>
  );
}
