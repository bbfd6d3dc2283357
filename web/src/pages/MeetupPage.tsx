import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { AddToCalendar } from "../components/AddToCalendar";
import { ShareLink } from "../components/ShareLink";
import { meetupCalendar, meetupEvent } from "../lib/calendar";
import { CancelMeetup } from "../components/CancelDialog";
import { Markdown } from "../components/Markdown";
import { JoinButton } from "../components/JoinMeetup";
import { MediaUploader } from "../components/MediaUploader";
import { MeetupGallery, MeetupVideos, shownMedia } from "../components/MeetupMedia";
import { Picture } from "../components/Picture";
import { PublishPanel } from "../components/PublishPanel";
import { SeriesPanel } from "../components/SeriesPanel";
import { UploadStatus } from "../components/UploadStatus";
import { ErrorBanner, ErrorPage, Notice, Spinner, StatusBadge } from "../components/ui";
import type { MediaFieldsFragment } from "../gql/graphql";
import { MeetupQuery, RemoveMediaMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { meetupGlobalId } from "../lib/ids";
import { counted } from "../lib/plural";
import { browserTimeZone, formatDuration, formatWhen, zoneAbbreviation } from "../lib/time";

const POLL_MS = 1000;

function isSettled(media: MediaFieldsFragment): boolean {
  return media.status === "READY" || media.status === "FAILED";
}

export function MeetupPage() {
  const { meetupId = "" } = useParams();
  const id = meetupGlobalId(meetupId);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MeetupQuery, variables: { id } });
  const [watching, setWatching] = useState<string[]>([]);
  const [, removeMedia] = useMutation(RemoveMediaMutation);
  const [mediaProblem, setMediaProblem] = useState<string | null>(null);
  const [justPublished, setJustPublished] = useState(false);

  const refresh = useCallback(() => reexecute({ requestPolicy: "network-only" }), [reexecute]);
  const media = data?.meetup?.media ?? [];
  const pending =
    media.some((m) => m.status === "PROCESSING") ||
    watching.some((w) => !media.find((m) => m.mediaId === w && isSettled(m)));

  useEffect(() => {
    if (!pending) return undefined;
    const timer = window.setInterval(refresh, POLL_MS);
    return () => window.clearInterval(timer);
  }, [pending, refresh]);

  if (!data && fetching) return <Spinner label="Loading the meetup…" />;
  if (!data) {
    return <ErrorPage message={errorMessage(error) ?? "Could not load the meetup."} retry={refresh} />;
  }
  const meetup = data.meetup;
  if (!meetup) {
    return (
      <section className="page narrow">
        <h1>Meetup not found</h1>
        <p>There is no such meetup, or it is private. Invitees open it from the link in their email.</p>
        <Link className="button" to="/">
          Go to the start page
        </Link>
      </section>
    );
  }

  const isOrganizer = data.viewer?.id === meetup.organizer.id;
  const zone = browserTimeZone();
  const { cover, videos, others } = shownMedia(meetup.media, meetup.coverImage ?? null);
  const open = meetup.status !== "CANCELLED" && meetup.phase !== "ENDED";
  const joinable =
    !isOrganizer && meetup.visibility === "PUBLIC" && meetup.status === "PUBLISHED" && meetup.phase === "UPCOMING";

  async function remove(mediaId: string) {
    setMediaProblem(null);
    const result = await removeMedia({ meetupId: id, mediaId });
    const problem = result.data?.removeMedia.userErrors[0]?.message ?? errorMessage(result.error);
    if (problem) setMediaProblem(problem);
    else refresh();
  }

  return (
    <article className="page meetup">
      {isOrganizer ? (
        <p>
          <Link to="/meetups">← My meetups</Link>
        </p>
      ) : meetup.visibility === "PUBLIC" ? (
        <p>
          <Link to="/discover">← Discover meetups</Link>
        </p>
      ) : null}
      <div className="cover">
        {cover ? (
          <Picture media={cover} alt={`Cover photo of ${meetup.title}`} eager />
        ) : (
          <div className="cover-placeholder cover-large" aria-hidden="true">
            {meetup.title.charAt(0).toUpperCase()}
          </div>
        )}
      </div>
      <header className="meetup-head">
        <StatusBadge status={meetup.phase} />
        <h1>{meetup.title}</h1>
        <p className="when">
          <time dateTime={meetup.startsAt}>{formatWhen(meetup.startsAt, zone)}</time>{" "}
          <span className="zone">
            {zoneAbbreviation(meetup.startsAt, zone)} ({zone.replace(/_/g, " ")}, your time)
          </span>
        </p>
        {meetup.timezone !== zone ? (
          <p className="muted small">
            Organizer’s time: {formatWhen(meetup.startsAt, meetup.timezone)} (
            {meetup.timezone.replace(/_/g, " ")})
          </p>
        ) : null}
        <p className="muted">
          {formatDuration(meetup.durationMinutes)} · Hosted by {meetup.organizer.name}
          {meetup.price ? ` · ${meetup.price.display}` : ""}
          {meetup.capacity ? ` · ${counted(meetup.capacity, "place")}` : ""}
        </p>
        {meetup.joinUrl && meetup.status !== "CANCELLED" ? (
          <p>
            Join link:{" "}
            <a href={meetup.joinUrl} target="_blank" rel="noopener noreferrer" className="break">
              {meetup.joinUrl}
            </a>
          </p>
        ) : null}
        {meetup.status === "CANCELLED" ? <ErrorBanner>This meetup has been cancelled.</ErrorBanner> : null}
        {joinable ? <JoinButton meetup={meetup} back={`/meetups/${meetup.meetupId}`} className="meetup-join" /> : null}
        {meetup.status !== "CANCELLED" ? (
          <AddToCalendar event={meetupEvent(meetup)} file={data.viewer ? meetupCalendar(meetup.meetupId) : null} />
        ) : null}
        {meetup.visibility === "PUBLIC" && meetup.status !== "DRAFT" ? (
          <ShareLink meetupId={meetup.meetupId} title={meetup.title} />
        ) : null}
      </header>

      {/* Only an occurrence of a series has one to show: no request for the others. */}
      {meetup.seriesId ? (
        <SeriesPanel
          meetupId={meetup.meetupId}
          title={meetup.title}
          timezone={meetup.timezone}
          version={meetup.version}
        />
      ) : null}

      {isOrganizer ? (
        <section className="panel" aria-labelledby="organizer-tools">
          <h2 id="organizer-tools">Organizer tools</h2>
          <p className="counts">
            <span>{meetup.counts.invited} invited</span>
            <span>{meetup.counts.attending} attending</span>
            <span>{meetup.counts.declined} declined</span>
          </p>
          <div className="tool-grid">
            {open ? (
              <Link className="button" to={`/meetups/${meetup.meetupId}/edit`}>
                Edit details
              </Link>
            ) : null}
            {open && meetup.phase !== "LIVE" ? (
              <Link className="button" to={`/meetups/${meetup.meetupId}/invite`}>
                Invite people
              </Link>
            ) : null}
            <Link className="button" to={`/meetups/${meetup.meetupId}/attendees`}>
              Attendees
            </Link>
            <Link className="button" to={`/meetups/${meetup.meetupId}/insights`}>
              Insights
            </Link>
          </div>
          {meetup.status === "DRAFT" ? (
            <PublishPanel
              meetupGlobalId={meetup.id}
              meetupId={meetup.meetupId}
              onPublished={() => setJustPublished(true)}
            />
          ) : null}
          {justPublished && meetup.status === "PUBLISHED" ? (
            <Notice>Published! Your invitees are being emailed their invitation.</Notice>
          ) : null}
          {open ? (
            <>
              <h3>Photos and videos</h3>
              <MediaUploader
                meetupId={meetup.id}
                media={meetup.media}
                onUploaded={() => {
                  refresh();
                }}
                onStarted={(mediaId) => setWatching((w) => [...w, mediaId])}
              />
            </>
          ) : null}
          <ErrorBanner>{mediaProblem}</ErrorBanner>
          {meetup.media.length ? (
            <ul className="media-list" aria-label="Uploads">
              {meetup.media.map((m) => (
                <li key={m.mediaId} className="media-item">
                  {m.kind === "PHOTO" && m.status === "READY" ? (
                    <Picture media={m} alt="" sizes="96px" className="thumb" />
                  ) : (
                    <div className="thumb thumb-empty" aria-hidden="true">
                      {m.kind === "VIDEO" ? "▶" : "◻"}
                    </div>
                  )}
                  <UploadStatus
                    fileName={m.kind === "VIDEO" ? "Video" : "Photo"}
                    phase={
                      m.status === "READY"
                        ? "ready"
                        : m.status === "FAILED"
                          ? "failed"
                          : m.status === "PROCESSING"
                            ? "processing"
                            : "uploading"
                    }
                    reason={m.reason}
                    kind={m.kind}
                  />
                  {open ? (
                    <button
                      type="button"
                      className="button button-small button-ghost"
                      onClick={() => void remove(m.mediaId)}
                      aria-label={`Remove this ${m.kind === "VIDEO" ? "video" : "photo"}`}
                    >
                      Remove
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {meetup.status !== "CANCELLED" && meetup.phase !== "ENDED" ? (
            <CancelMeetup meetupGlobalId={meetup.id} title={meetup.title} />
          ) : null}
        </section>
      ) : null}

      <MeetupVideos videos={videos} title={meetup.title} />

      {meetup.description ? (
        <section aria-labelledby="about">
          <h2 id="about">About</h2>
          <Markdown source={meetup.description} />
        </section>
      ) : null}

      <MeetupGallery photos={others} title={meetup.title} />
    </article>
  );
}
