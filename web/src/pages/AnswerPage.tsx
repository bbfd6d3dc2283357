import { useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useMutation, useQuery } from "urql";
import {
  AttendingConfirmation,
  DeclinedConfirmation,
  WaitlistedConfirmation,
} from "../components/AnswerConfirmations";
import { Markdown } from "../components/Markdown";
import { PaidAnswer } from "../components/PaidAnswer";
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
  const paid = Boolean(page?.meetup.price);
  const refresh = () => reexecute({ requestPolicy: "network-only" });

  /** Save the answer; answers the refusal's message, if any (also shown on the page). */
  async function answer(choice: AnswerChoice): Promise<string | null> {
    setProblem(null);
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
  useEffect(() => {
    const wanted = params.get("answer")?.toUpperCase();
    if (oneClick.current || !canAnswer || (wanted !== "ATTENDING" && wanted !== "DECLINED")) return;
    oneClick.current = true;
    // A paid meetup is attended through checkout, once its price is seen; a ticket is given
    // up only after a warning that nothing is refunded.
    if (paid && (wanted === "ATTENDING" || response === "ATTENDING")) return;
    if (wanted !== response) void answer(wanted);
  }, [canAnswer, response]);

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
            />
          ) : null}
          {response === "WAITLISTED" ? <WaitlistedConfirmation title={meetup.title} who={who} /> : null}
          {response === "DECLINED" ? <DeclinedConfirmation organizer={meetup.organizer.name} who={who} /> : null}
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
        </>
      )}

      {meetup.description ? (
        <section aria-labelledby="about">
          <h2 id="about">About</h2>
          <Markdown source={meetup.description} />
        </section>
      ) : null}
    </article>
  );
}
