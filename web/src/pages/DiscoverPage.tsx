import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { useClient } from "urql";
import { JoinButton } from "../components/JoinMeetup";
import { Picture } from "../components/Picture";
import { ErrorBanner, Spinner, StatusBadge } from "../components/ui";
import type { PublicMeetupsQuery as PublicMeetupsResult } from "../gql/graphql";
import { useAuth } from "../lib/auth";
import {
  QUERY_MAX,
  SORTS,
  SORT_LABELS,
  categoryLabel,
  readSearch,
  searchParams,
  searchVariables,
  shownSort,
  type DiscoverySearch,
  type Sort,
} from "../lib/discovery";
import { PublicMeetupsQuery } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { browserTimeZone, formatWhen, zoneAbbreviation } from "../lib/time";
import { CATEGORIES } from "../lib/validation";

/** How long typing pauses before the search runs. */
const TYPING_PAUSE_MS = 300;

type Found = PublicMeetupsResult["publicMeetups"]["nodes"][number];

interface Results {
  meetups: Found[];
  next: string | null; // the cursor of the page after these, if there is one
}

type Outcome = { page: Results } | { problem: string };

/** The results of a search, a page at a time; a newer search wins over a slower older one. */
function useResults(search: DiscoverySearch) {
  const client = useClient();
  const [results, setResults] = useState<Results | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState<"search" | "more" | null>("search");
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (after: string | null): Promise<Outcome> => {
      // The index changes all the time: a cached page would hide new meetups.
      const result = await client
        .query(PublicMeetupsQuery, searchVariables(search, after), { requestPolicy: "network-only" })
        .toPromise();
      const connection = result.data?.publicMeetups;
      if (!connection) return { problem: errorMessage(result.error) ?? "Could not search meetups." };
      const { hasNextPage, endCursor } = connection.pageInfo;
      return { page: { meetups: connection.nodes, next: hasNextPage ? (endCursor ?? null) : null } };
    },
    [client, search],
  );

  useEffect(() => {
    const mine = ++generation.current;
    setBusy("search");
    setProblem(null);
    void fetchPage(null).then((outcome) => {
      if (mine !== generation.current) return;
      if ("page" in outcome) setResults(outcome.page);
      else {
        setResults(null);
        setProblem(outcome.problem);
      }
      setBusy(null);
    });
  }, [fetchPage, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  /** Add the next page; answers whether it brought meetups not shown yet. */
  async function more(): Promise<boolean> {
    const after = results?.next;
    if (!results || !after) return false;
    const mine = generation.current;
    setBusy("more");
    setProblem(null);
    const outcome = await fetchPage(after);
    if (mine !== generation.current) return false;
    setBusy(null);
    if ("problem" in outcome) {
      setProblem(outcome.problem);
      return false;
    }
    // A meetup that moved up the order between two pages is shown once.
    const seen = new Set(results.meetups.map((m) => m.id));
    const fresh = outcome.page.meetups.filter((m) => !seen.has(m.id));
    setResults({ meetups: [...results.meetups, ...fresh], next: outcome.page.next });
    return fresh.length > 0;
  }

  return { results, problem, busy, more, retry };
}

/** Public meetups anyone can find and join: words, a category and an order, kept in the address. */
export function DiscoverPage() {
  const [params, setParams] = useSearchParams();
  const key = params.toString();
  const search = useMemo(() => readSearch(new URLSearchParams(key)), [key]);
  const { results, problem, busy, more, retry } = useResults(search);
  const [text, setText] = useState(search.q);
  const list = useRef<HTMLUListElement>(null);
  const chips = useRef<HTMLDivElement>(null);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);

  function show(changes: Partial<DiscoverySearch>, replace = false) {
    setParams(searchParams({ ...search, q: text.trim(), ...changes }), { replace });
  }

  // The address changed without typing (back, a shared link): the box follows it.
  useEffect(() => {
    setText((typed) => (typed.trim() === search.q ? typed : search.q));
  }, [search.q]);

  // Typing searches once it pauses; the address is replaced, so Back skips every keystroke.
  const showTyped = useEffectEvent((q: string) => show({ q }, true));
  useEffect(() => {
    if (text.trim() === search.q) return undefined;
    const timer = window.setTimeout(() => showTyped(text.trim()), TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [text, search]);

  // On a phone the chips scroll sideways: a shared link's category is brought into view.
  useEffect(() => {
    const pressed = chips.current?.querySelector<HTMLElement>('[aria-pressed="true"]');
    pressed?.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  }, [search.category]);

  // After "Load more", focus moves to the first new meetup, so reading goes on where the list grew.
  useEffect(() => {
    if (focusFrom === null) return;
    list.current?.querySelectorAll<HTMLAnchorElement>(".card-title a")[focusFrom]?.focus();
    setFocusFrom(null);
  }, [focusFrom]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === search.q) retry();
    else show({ q: text.trim() });
  }

  async function loadMore() {
    const shown = results?.meetups.length ?? 0;
    if (await more()) setFocusFrom(shown);
  }

  const sort = shownSort(search);
  const filtered = Boolean(search.q || search.category);

  return (
    <section className="page discover">
      <h1>Discover meetups</h1>
      <p className="muted">Public meetups anyone can join. Find one by its words, a category or what is on soon.</p>

      <form role="search" aria-label="Meetups" className="discover-search" onSubmit={submit}>
        <label htmlFor="discover-q">Search meetups</label>
        <div className="discover-query">
          <input
            id="discover-q"
            type="search"
            name="q"
            value={text}
            maxLength={QUERY_MAX}
            autoComplete="off"
            enterKeyHint="search"
            placeholder="Title, topic or host"
            onChange={(event) => setText(event.target.value)}
          />
          <button type="submit" className="button button-primary">
            Search
          </button>
        </div>
      </form>

      <div ref={chips} className="chips" role="group" aria-label="Category">
        <button
          type="button"
          className="chip"
          aria-pressed={!search.category}
          onClick={() => show({ category: null })}
        >
          All
        </button>
        {CATEGORIES.map((category) => (
          <button
            key={category}
            type="button"
            className="chip"
            aria-pressed={search.category === category}
            onClick={() => show({ category: search.category === category ? null : category })}
          >
            {categoryLabel(category)}
          </button>
        ))}
      </div>

      <div className="discover-sort">
        <label htmlFor="discover-sort">Sort by</label>
        <select id="discover-sort" value={sort} onChange={(event) => show({ sort: event.target.value as Sort })}>
          {SORTS.filter((option) => option !== "relevance" || search.q).map((option) => (
            <option key={option} value={option}>
              {SORT_LABELS[option]}
            </option>
          ))}
        </select>
      </div>

      {!results && busy === "search" ? <Spinner label="Finding meetups…" /> : null}
      {!results && problem ? (
        <div>
          <ErrorBanner title="Could not search.">{problem}</ErrorBanner>
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        </div>
      ) : null}
      {results && results.meetups.length === 0 ? (
        <div className="empty">
          <p>{filtered ? "No public meetups match your search." : "No public meetups coming up yet."}</p>
          {filtered ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                setText("");
                setParams(new URLSearchParams());
              }}
            >
              Clear the search
            </button>
          ) : null}
        </div>
      ) : null}
      {results && results.meetups.length > 0 ? (
        <>
          <ul
            ref={list}
            className={`cards discover-results${busy === "search" ? " stale" : ""}`}
            aria-label="Public meetups"
            aria-busy={busy === "search"}
          >
            {results.meetups.map((meetup) => (
              <MeetupCard key={meetup.id} meetup={meetup} />
            ))}
          </ul>
          <ErrorBanner>{problem}</ErrorBanner>
          {results.next ? (
            <div className="actions">
              <button
                type="button"
                className="button button-block"
                disabled={busy !== null}
                onClick={() => void loadMore()}
              >
                {busy === "more" ? "Loading more…" : "Load more"}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** One meetup found: the card opens its page; Join gives the person an answer link of their own. */
function MeetupCard({ meetup }: { meetup: Found }) {
  const { session } = useAuth();
  const location = useLocation();
  const viewerZone = browserTimeZone();
  const hosting = session?.user.id === meetup.organizer.id;

  return (
    <li className="card discover-card">
      <div className="card-cover">
        {meetup.coverImage ? (
          <Picture media={meetup.coverImage} alt="" sizes="(min-width: 720px) 320px, 100vw" />
        ) : (
          <div className="cover-placeholder" aria-hidden="true">
            {meetup.title.charAt(0).toUpperCase()}
          </div>
        )}
      </div>
      <div className="card-body">
        <p className="card-tags">
          <span className="badge">{categoryLabel(meetup.category)}</span>
          {meetup.phase === "LIVE" ? <StatusBadge status={meetup.phase} /> : null}
        </p>
        <h2 className="card-title">
          <Link to={`/meetups/${meetup.meetupId}`}>{meetup.title}</Link>
        </h2>
        <p className="card-when">
          <time dateTime={meetup.startsAt}>
            {formatWhen(meetup.startsAt, meetup.timezone)} {zoneAbbreviation(meetup.startsAt, meetup.timezone)}
          </time>
        </p>
        {meetup.timezone !== viewerZone ? (
          <p className="muted small">
            Your time: {formatWhen(meetup.startsAt, viewerZone)} {zoneAbbreviation(meetup.startsAt, viewerZone)}
          </p>
        ) : null}
        <p className="muted small">Hosted by {meetup.organizer.name}</p>
        <p className="card-facts">
          <span className="price">{meetup.price?.display ?? "Free"}</span>
          <span className="muted">{meetup.counts.attending} attending</span>
        </p>
        {hosting ? (
          <p className="muted small card-note">You host this meetup.</p>
        ) : (
          <JoinButton meetup={meetup} back={location.pathname + location.search} className="card-action" />
        )}
      </div>
    </li>
  );
}
