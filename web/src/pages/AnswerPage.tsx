import { useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import {
  AttendingConfirmation,
  DeclinedConfirmation,
  WaitlistedConfirmation,
} from "../components/AnswerConfirmations";
import { Markdown } from "../components/Markdown";
import { MeetupGallery, MeetupVideos, shownMedia } from "../components/MeetupMedia";
import { PaidAnswer } from "../components/PaidAnswer";
import { Picture } from "../components/Picture";
import { OfflineNotice } from "../components/OfflineNotice";
import { ErrorBanner, ErrorPage, Notice, Spinner } from "../components/ui";
import "../components/series.css";
import type { AnswerChoice } from "../gql/graphql";
import { invitationCalendar } from "../lib/calendar";
import { AnswerPageQuery, RespondMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { problemText } from "../lib/payments";
import { answerForSeries, seriesOfAnswerLink, type SeriesRef } from "../lib/series";
import { browserTimeZone, formatDuration, formatWhen, zoneAbbreviation } from "../lib/time";
import { useOfflineCopy } from "../lib/useOfflineCopy";

/** The page an invitation email's link opens: answer without an account. */
export function AnswerPage() {
  const { token = "" } = useParams();
  const [params] = useSearchParams();
  const [answered, reexecute] = useQuery({ query: AnswerPageQuery, variables: { token } });
  const { fetching, error } = answered;
  // A signed-in person's answer pages read offline too, from the last copy (not to answer).
  const { data, savedAt } = useOfflineCopy(`AnswerPage:${token}`, answered);
  const [{ fetching: answering }, respond] = useMutation(RespondMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const [justAnswered, setJustAnswered] = useState(false);
  const oneClick = useRef(false);
  // GraphQL's answer page does not say whether the meetup repeats; the REST answer link does.
  const [series, setSeries] = useState<SeriesRef | null>(null);
  const [forSeries, setForSeries] = useState(false);
  const [savingSeries, setSavingSeries] = useState(false);
  const [answeredSeries, setAnsweredSeries] = useState(false);
  const forSeriesId = useId();

  const page = data?.invitation;
  const response = page?.invitation.response;
  const canAnswer = !savedAt && page?.meetup.status === "PUBLISHED" && page.meetup.phase === "UPCOMING";
  const paid = Boolean(page?.meetup.price);
  const refresh = () => reexecute({ requestPolicy: "network-only" });

  const repeats = Boolean(page?.meetup.seriesId);
  useEffect(() => {
    if (!canAnswer || paid || !repeats) return undefined;
    let current = true;
    // Without it, answers are for this date only, as on any meetup: nothing to tell.
    seriesOfAnswerLink(token).then(
      (found) => current && setSeries(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [token, canAnswer, paid, repeats]);

  /** Save the answer for this date and every later one of the series. */
  async function answerSeries(choice: AnswerChoice): Promise<string | null> {
    setSavingSeries(true);
    try {
      await answerForSeries(token, choice === "ATTENDING" ? "attending" : "declined");
      setJustAnswered(true);
      setAnsweredSeries(true);
      refresh();
      return null;
    } catch (error) {
      const message = problemText(error, "Could not save your answer.");
      setProblem(message);
      return message;
    } finally {
      setSavingSeries(false);
    }
  }

  /** Save the answer; answers the refusal's message, if any (also shown on the page). */
  async function answer(choice: AnswerChoice): Promise<string | null> {
    setProblem(null);
    setAnsweredSeries(false);
    if (forSeries && series) return answerSeries(choice);
    const result = await respond({ token, response: choice });
    const payload = result.data?.respondToInvitation;
    if (payload?.invitation && payload.userErrors.length === 0) {
      setJustAnswered(true);
      refresh();
      return null;
    }
    const message =
      payload?.userErrors[0]?.message ?? errorMessage(result.error) ?? "Could not save your answer.";
    setProblem(message);
    return message;
  }

  // The email's one-click links carry ?answer=attending|declined.
  const answerFromLink = useEffectEvent(() => {
    const wanted = params.get("answer")?.toUpperCase();
    if (oneClick.current || !canAnswer || (wanted !== "ATTENDING" && wanted !== "DECLINED")) return;
    oneClick.current = true;
    // A paid meetup is attended through checkout, once its price is seen; a ticket is given
    // up only after a warning that nothing is refunded.
    if (paid && (wanted === "ATTENDING" || response === "ATTENDING")) return;
    if (wanted !== response) void answer(wanted);
  });
  useEffect(() => answerFromLink(), [canAnswer, response]);

  if (!data && fetching) return <Spinner label="Opening your invitation…" />;
  if (!data) {
    return (
      <ErrorPage
        message={errorMessage(error) ?? "Could not open the invitation."}
        retry={refresh}
      />
    );
  }
  if (!page) {
    return (
      <section className="page narrow">
        <h1>This invitation link does not work</h1>
        <p>
          It may be mistyped, or the invitation was withdrawn. Ask the organizer to send it again.
        </p>
        <Link className="button" to="/">
          What is slsplay?
        </Link>
      </section>
    );
  }

  const { meetup, invitation } = page;
  const zone = browserTimeZone();
  const who = invitation.name ?? invitation.email;
  const { cover, videos, others } = shownMedia(meetup.media, meetup.coverImage ?? null);
  const calendar = invitationCalendar(token);

  return (
    <article className="page narrow answer">
      {invitation.joined ? (
        <p>
          <Link to="/discover">← Discover meetups</Link>
        </p>
      ) : null}
      {cover ? (
        <div className="cover">
          <Picture media={cover} alt={`Cover photo of ${meetup.title}`} eager />
        </div>
      ) : null}
      <p className="eyebrow">
        {invitation.joined ? `You joined · hosted by ${meetup.organizer.name}` : `${meetup.organizer.name} invited you`}
      </p>
      <h1>{meetup.title}</h1>
      <p className="when">
        <time dateTime={meetup.startsAt}>{formatWhen(meetup.startsAt, zone)}</time>{" "}
        <span className="zone">
          {zoneAbbreviation(meetup.startsAt, zone)} ({zone.replace(/_/g, " ")}, your time)
        </span>
      </p>
      <p className="muted">
        {formatDuration(meetup.durationMinutes)} · online
        {meetup.price ? (
          <>
            {" · "}
            <span className="price">Ticket {meetup.price.display}</span>
          </>
        ) : null}
      </p>

      <OfflineNotice savedAt={savedAt} />
      {savedAt ? null : meetup.status === "CANCELLED" ? (
        <ErrorBanner>This meetup has been cancelled.</ErrorBanner>
      ) : !canAnswer ? (
        <div className="banner banner-info" role="status">
          {meetup.phase === "ENDED" ? "This meetup has ended." : "This meetup has started: answers are closed."}
        </div>
      ) : null}

      {paid ? (
        <PaidAnswer
          token={token}
          meetup={meetup}
          response={invitation.response}
          who={who}
          canAnswer={canAnswer}
          declining={answering}
          onDecline={() => answer("DECLINED")}
          onChanged={refresh}
        />
      ) : (
        <>
          {response === "ATTENDING" ? (
            <AttendingConfirmation
              meetup={meetup}
              organizer={meetup.organizer.name}
              who={who}
              justAnswered={justAnswered}
              calendar={calendar}
              token={token}
            />
          ) : null}
          {response === "WAITLISTED" ? <WaitlistedConfirmation title={meetup.title} who={who} /> : null}
          {response === "DECLINED" ? <DeclinedConfirmation organizer={meetup.organizer.name} who={who} /> : null}
          {canAnswer ? (
            <section className="answer-box" aria-labelledby="answer-title">
              <h2 id="answer-title">
                {response === "NONE" ? "Will you be there?" : "Changed your mind?"}
              </h2>
              {response === "NONE" && invitation.joined ? (
                <p className="muted small">Say you attend to get the join link.</p>
              ) : null}
              {response !== "NONE" ? (
                <p className="muted small">You can change your answer until the meetup starts.</p>
              ) : null}
              <ErrorBanner>{problem}</ErrorBanner>
              {series ? (
                <div className="series-answer">
                  <div className="series-check">
                    <input
                      id={forSeriesId}
                      type="checkbox"
                      checked={forSeries}
                      aria-describedby={`${forSeriesId}-hint`}
                      onChange={(e) => setForSeries(e.target.checked)}
                    />
                    <label htmlFor={forSeriesId}>Apply my answer to every later date of this series</label>
                  </div>
                  <p className="hint" id={`${forSeriesId}-hint`}>
                    {series.summary
                      ? `This is date ${series.occurrence} of a series: ${series.summary}.`
                      : `This is date ${series.occurrence} of a monthly series.`}
                  </p>
                </div>
              ) : null}
              {answeredSeries ? <Notice>Your answer is saved for every later date of this series.</Notice> : null}
              <div className="answer-buttons">
                <button
                  type="button"
                  className={`button ${response === "ATTENDING" ? "button-primary" : ""}`}
                  aria-pressed={response === "ATTENDING"}
                  disabled={answering || savingSeries}
                  onClick={() => void answer("ATTENDING")}
                >
                  I'm attending
                </button>
                <button
                  type="button"
                  className={`button ${response === "DECLINED" ? "button-primary" : ""}`}
                  aria-pressed={response === "DECLINED"}
                  disabled={answering || savingSeries}
                  onClick={() => void answer("DECLINED")}
                >
                  I can't make it
                </button>
              </div>
            </section>
          ) : null}
        </>
      )}

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
