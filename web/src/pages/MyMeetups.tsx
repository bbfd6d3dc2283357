import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { type CombinedError, useClient, useMutation, useQuery } from "urql";
import { OfflineNotice } from "../components/OfflineNotice";
import { Picture } from "../components/Picture";
import { ErrorBanner, Spinner, StatusBadge } from "../components/ui";
import type { MyInvitationsQuery as Invitations, MyMeetupsQuery as Organized } from "../gql/graphql";
import { MyInvitationsQuery, MyMeetupsQuery, OpenMyAnswerPageMutation } from "../lib/documents";
import { useAuth } from "../lib/auth";
import { errorMessage } from "../lib/errors";
import { copyFor, keepCopy, unreachable } from "../lib/offline";
import { counted } from "../lib/plural";
import { browserTimeZone, formatWhen, zoneAbbreviation } from "../lib/time";
import { useOfflineCopy } from "../lib/useOfflineCopy";
import "./my-meetups.css";

type Attended = Invitations["myInvitations"]["nodes"][number];
type Organizing = Organized["myMeetups"]["nodes"][number];
type Response = Attended["invitation"]["response"];

/** Past and cancelled meetups shown before the rest of their group is folded away. */
export const FEW = 3;

const ANSWER_TEXT: Record<Response, string> = {
  NONE: "No answer yet",
  ATTENDING: "Attending",
  DECLINED: "Declined",
  WAITLISTED: "On the waiting list",
};

/** Everyone's home: the meetups I attend or am invited to, then the ones I organize. */
export function MyMeetups() {
  return (
    <section className="page">
      <div className="page-head">
        <h1>My meetups</h1>
        <Link className="button button-primary" to="/meetups/new">
          New meetup
        </Link>
      </div>
      <section className="mine-section" aria-labelledby="mine-attending">
        <h2 id="mine-attending">Attending and invited</h2>
        <AttendingChunk after={null} />
      </section>
      <section className="mine-section" aria-labelledby="mine-organizing">
        <h2 id="mine-organizing">Organizing</h2>
        <OrganizingList />
      </section>
    </section>
  );
}

function When({ startsAt }: { startsAt: string }) {
  const zone = browserTimeZone();
  return (
    <time dateTime={startsAt}>
      {formatWhen(startsAt, zone)} {zoneAbbreviation(startsAt, zone)}
    </time>
  );
}

function Thumb({ title, cover }: { title: string; cover: Attended["meetup"]["coverImage"] }) {
  return (
    <div className="mine-thumb" aria-hidden="true">
      {cover ? <Picture media={cover} alt="" sizes="96px" /> : <span>{title.charAt(0).toUpperCase()}</span>}
    </div>
  );
}

function Retry({ error, what, retry }: { error: CombinedError | undefined; what: string; retry: () => void }) {
  return (
    <div>
      <ErrorBanner>{errorMessage(error) ?? `Could not load ${what}.`}</ErrorBanner>
      <button type="button" className="button" onClick={retry}>
        Try again
      </button>
    </div>
  );
}

/** A page of the meetups I attend or am invited to that have not ended, soonest first. */
function AttendingChunk({ after }: { after: string | null }) {
  const [answer, reexecute] = useQuery({ query: MyInvitationsQuery, variables: { after } });
  const { fetching, error } = answer;
  // The first page is what a phone must show with the network off.
  const { data, savedAt } = useOfflineCopy(after === null ? "MyInvitations" : null, answer);
  const [more, setMore] = useState(false);

  if (!data && fetching) return <Spinner label="Loading the meetups you attend…" />;
  if (!data) {
    const retry = () => reexecute({ requestPolicy: "network-only" });
    return <Retry error={error} what="the meetups you attend" retry={retry} />;
  }
  const { nodes } = data.myInvitations;
  const { hasNextPage, endCursor } = data.myInvitations.pageInfo;
  if (nodes.length === 0 && after === null) {
    return (
      <p className="mine-none muted">
        Nothing coming up. Meetups you join or are invited to appear here. <Link to="/discover">Discover meetups</Link>
      </p>
    );
  }
  return (
    <>
      <OfflineNotice savedAt={savedAt} />
      <ul className="mine-list" aria-label={after === null ? "Meetups I attend or am invited to" : undefined}>
        {nodes.map((node) => (
          <AttendedRow key={node.meetup.id} node={node} />
        ))}
      </ul>
      {hasNextPage && endCursor ? (
        more ? (
          <AttendingChunk after={endCursor} />
        ) : (
          <button type="button" className="button button-block" onClick={() => setMore(true)}>
            Show more
          </button>
        )
      ) : null}
    </>
  );
}

/** One meetup I attend or am invited to: its answer page opens from my own answer link. */
function AttendedRow({ node }: { node: Attended }) {
  const { meetup, invitation } = node;
  const navigate = useNavigate();
  const [{ fetching }, open] = useMutation(OpenMyAnswerPageMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const { session, offlineUser } = useAuth();
  const person = session?.user ?? offlineUser;
  // The link opened last time, kept with the person's copy: offline, it opens the kept page.
  const linkKey = `AnswerLink:${meetup.id}`;

  async function openAnswerPage() {
    setProblem(null);
    const result = await open({ id: meetup.id });
    const payload = result.data?.openMyAnswerPage;
    const kept = person && unreachable(result.error) ? copyFor<string>(person.id, linkKey) : null;
    const token = payload?.token ?? kept?.data;
    if (token) {
      if (session && payload?.token) keepCopy(session.user, linkKey, token);
      navigate(`/rsvp/${encodeURIComponent(token)}`);
      return;
    }
    setProblem(payload?.userErrors[0]?.message ?? errorMessage(result.error) ?? "Could not open the meetup.");
  }

  const answer =
    invitation.response === "NONE" && invitation.joined ? "Joined: no answer yet" : ANSWER_TEXT[invitation.response];
  return (
    <li className="mine-row">
      <Thumb title={meetup.title} cover={meetup.coverImage} />
      <div className="mine-body">
        <h3 className="mine-title">
          <button type="button" className="mine-open" onClick={openAnswerPage} disabled={fetching}>
            {meetup.title}
          </button>
        </h3>
        <p className="muted small">
          <When startsAt={meetup.startsAt} />
          {meetup.organizer?.name ? ` · Hosted by ${meetup.organizer.name}` : ""}
        </p>
        <p className="mine-badges">
          {meetup.phase === "CANCELLED" || meetup.phase === "LIVE" ? <StatusBadge status={meetup.phase} /> : null}
          <span className={`badge badge-answer-${invitation.response.toLowerCase()}`}>{answer}</span>
        </p>
        {problem ? <ErrorBanner>{problem}</ErrorBanner> : null}
      </div>
    </li>
  );
}

const GROUPS = [
  { key: "drafts", title: "Drafts", phases: ["DRAFT"], latestFirst: false, folded: false },
  { key: "upcoming", title: "Upcoming", phases: ["UPCOMING", "LIVE"], latestFirst: false, folded: false },
  { key: "past", title: "Past", phases: ["ENDED"], latestFirst: true, folded: true },
  { key: "cancelled", title: "Cancelled", phases: ["CANCELLED"], latestFirst: true, folded: true },
] as const;

/** The meetups I organize, in groups; the past and cancelled ones folded beyond a few. */
function OrganizingList() {
  const [answer, reexecute] = useQuery({ query: MyMeetupsQuery, variables: { after: null } });
  const { fetching, error } = answer;
  const { data, savedAt } = useOfflineCopy("MyMeetups", answer);
  const client = useClient();
  const [later, setLater] = useState<{ nodes: Organizing[]; cursor: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  if (!data && fetching) return <Spinner label="Loading your meetups…" />;
  if (!data) {
    const retry = () => reexecute({ requestPolicy: "network-only" });
    return <Retry error={error} what="your meetups" retry={retry} />;
  }
  const first = data.myMeetups;
  const meetups = [...first.nodes, ...(later?.nodes ?? [])];
  const cursor = later ? later.cursor : first.pageInfo.hasNextPage ? first.pageInfo.endCursor : null;
  if (meetups.length === 0) {
    return (
      <div className="empty">
        <p>No meetups yet. Plan your first one: it takes a minute.</p>
        <Link className="button button-primary" to="/meetups/new">
          Create a meetup
        </Link>
      </div>
    );
  }

  async function loadMore() {
    setLoading(true);
    setProblem(null);
    const result = await client.query(MyMeetupsQuery, { after: cursor }).toPromise();
    setLoading(false);
    const page = result.data?.myMeetups;
    if (!page) {
      setProblem(errorMessage(result.error) ?? "Could not load more meetups.");
      return;
    }
    setLater({
      nodes: [...(later?.nodes ?? []), ...page.nodes],
      cursor: page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null,
    });
  }

  return (
    <>
      <OfflineNotice savedAt={savedAt} />
      {GROUPS.map((group) => {
        const inGroup = meetups.filter((m) => (group.phases as readonly string[]).includes(m.phase));
        if (inGroup.length === 0) return null;
        const ordered = group.latestFirst ? [...inGroup].reverse() : inGroup;
        const shown = group.folded ? ordered.slice(0, FEW) : ordered;
        const rest = group.folded ? ordered.slice(FEW) : [];
        return (
          <section key={group.key} className="mine-group" aria-labelledby={`mine-${group.key}`}>
            <h3 id={`mine-${group.key}`}>
              {group.title} <span className="muted small">({inGroup.length})</span>
            </h3>
            <ul className="mine-list" aria-label={group.title}>
              {shown.map((m) => (
                <OrganizedRow key={m.id} meetup={m} />
              ))}
            </ul>
            {rest.length > 0 ? (
              <details className="mine-fold">
                <summary>Show {counted(rest.length, `more ${group.title.toLowerCase()} meetup`)}</summary>
                <ul className="mine-list" aria-label={`More ${group.title.toLowerCase()}`}>
                  {rest.map((m) => (
                    <OrganizedRow key={m.id} meetup={m} />
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
        );
      })}
      {problem ? <ErrorBanner>{problem}</ErrorBanner> : null}
      {cursor ? (
        <button type="button" className="button button-block" onClick={loadMore} disabled={loading}>
          {loading ? "Loading…" : "Show more"}
        </button>
      ) : null}
    </>
  );
}

function OrganizedRow({ meetup }: { meetup: Organizing }) {
  return (
    <li className="mine-row">
      <Thumb title={meetup.title} cover={meetup.coverImage} />
      <div className="mine-body">
        <h4 className="mine-title">
          <Link to={`/meetups/${meetup.meetupId}`}>{meetup.title}</Link>
        </h4>
        <p className="muted small">
          <When startsAt={meetup.startsAt} />
        </p>
        <p className="mine-badges">
          <StatusBadge status={meetup.phase} />
          <span className="muted small">
            {meetup.counts.invited} invited · {meetup.counts.attending} attending
          </span>
        </p>
      </div>
    </li>
  );
}
