import { useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { AddToCalendar } from "../components/AddToCalendar";
import { meetupEvent } from "../lib/calendar";
import { Markdown } from "../components/Markdown";
import { Picture } from "../components/Picture";
import { ErrorBanner, ErrorPage, Spinner } from "../components/ui";
import type { AnswerChoice } from "../gql/graphql";
import { AnswerPageQuery, RespondMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { browserTimeZone, formatDuration, formatWhen, zoneAbbreviation } from "../lib/time";

/** The page an invitation email's link opens: answer without an account. */
export function AnswerPage() {
  const { token = "" } = useParams();
  const [params] = useSearchParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: AnswerPageQuery, variables: { token } });
  const [{ fetching: answering }, respond] = useMutation(RespondMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const [justAnswered, setJustAnswered] = useState(false);
  const oneClick = useRef(false);

  const page = data?.invitation;
  const response = page?.invitation.response;
  const canAnswer = page?.meetup.status === "PUBLISHED" && page.meetup.phase === "UPCOMING";

  async function answer(choice: AnswerChoice) {
    setProblem(null);
    const result = await respond({ token, response: choice });
    const payload = result.data?.respondToInvitation;
    if (payload?.invitation && payload.userErrors.length === 0) {
      setJustAnswered(true);
      reexecute({ requestPolicy: "network-only" });
      return;
    }
    setProblem(payload?.userErrors[0]?.message ?? errorMessage(result.error) ?? "Could not save your answer.");
  }

  // The email's one-click links carry ?answer=attending|declined.
  useEffect(() => {
    const wanted = params.get("answer")?.toUpperCase();
    if (oneClick.current || !canAnswer || (wanted !== "ATTENDING" && wanted !== "DECLINED")) return;
    oneClick.current = true;
    if (wanted !== response) void answer(wanted);
  }, [canAnswer, response]);

  if (!data && fetching) return <Spinner label="Opening your invitation…" />;
  if (!data) {
    return (
      <ErrorPage
        message={errorMessage(error) ?? "Could not open the invitation."}
        retry={() => reexecute({ requestPolicy: "network-only" })}
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

  return (
    <article className="page narrow answer">
      {meetup.coverImage ? (
        <div className="cover">
          <Picture media={meetup.coverImage} alt={`Cover photo of ${meetup.title}`} eager />
        </div>
      ) : null}
      <p className="eyebrow">{meetup.organizer.name} invited you</p>
      <h1>{meetup.title}</h1>
      <p className="when">
        <time dateTime={meetup.startsAt}>{formatWhen(meetup.startsAt, zone)}</time>{" "}
        <span className="zone">
          {zoneAbbreviation(meetup.startsAt, zone)} ({zone.replace(/_/g, " ")}, your time)
        </span>
      </p>
      <p className="muted">{formatDuration(meetup.durationMinutes)} · online</p>

      {meetup.status === "CANCELLED" ? (
        <ErrorBanner>This meetup has been cancelled.</ErrorBanner>
      ) : !canAnswer ? (
        <div className="banner banner-info" role="status">
          {meetup.phase === "ENDED" ? "This meetup has ended." : "This meetup has started: answers are closed."}
        </div>
      ) : null}

      {response === "ATTENDING" ? (
        <div className="confirmation confirmation-yes" role="status" aria-live="polite">
          <h2>{justAnswered ? "You're in!" : "You're attending"}</h2>
          <p>
            Thanks, {who}. {meetup.organizer.name} knows you are coming.
          </p>
          {meetup.joinUrl ? (
            <p>
              Join link:{" "}
              <a className="break" href={meetup.joinUrl} target="_blank" rel="noopener noreferrer">
                {meetup.joinUrl}
              </a>
            </p>
          ) : null}
          <AddToCalendar
            event={meetupEvent(meetup)}
          />
        </div>
      ) : null}
      {response === "WAITLISTED" ? (
        <div className="confirmation" role="status" aria-live="polite">
          <h2>You're on the waiting list</h2>
          <p>
            {meetup.title} is full for now, {who}. If a seat frees up, the first in line gets it,
            and we email you at once.
          </p>
        </div>
      ) : null}
      {response === "DECLINED" ? (
        <div className="confirmation confirmation-no" role="status" aria-live="polite">
          <h2>You've declined</h2>
          <p>Thanks for letting {meetup.organizer.name} know, {who}.</p>
        </div>
      ) : null}

      {canAnswer ? (
        <section className="answer-box" aria-labelledby="answer-title">
          <h2 id="answer-title">
            {response === "NONE" ? "Will you be there?" : "Changed your mind?"}
          </h2>
          {response !== "NONE" ? (
            <p className="muted small">You can change your answer until the meetup starts.</p>
          ) : null}
          <ErrorBanner>{problem}</ErrorBanner>
          <div className="answer-buttons">
            <button
              type="button"
              className={`button ${response === "ATTENDING" ? "button-primary" : ""}`}
              aria-pressed={response === "ATTENDING"}
              disabled={answering}
              onClick={() => void answer("ATTENDING")}
            >
              I'm attending
            </button>
            <button
              type="button"
              className={`button ${response === "DECLINED" ? "button-primary" : ""}`}
              aria-pressed={response === "DECLINED"}
              disabled={answering}
              onClick={() => void answer("DECLINED")}
            >
              I can't make it
            </button>
          </div>
        </section>
      ) : null}

      {meetup.description ? (
        <section aria-labelledby="about">
          <h2 id="about">About</h2>
          <Markdown source={meetup.description} />
        </section>
      ) : null}
    </article>
  );
}
