/**
 * The answer page of a paid meetup: the price with its fee before paying, checkout, the seat
 * kept while paying, the confirmation after it, and the ticket.
 */
import { useCallback, useEffect, useEffectEvent, useId, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { AnswerPageQuery, InvitationResponse } from "../gql/graphql";
import { invitationCalendar } from "../lib/calendar";
import { leaveTo } from "../lib/navigation";
import {
  ApiProblem,
  fetchAnswer,
  giveUpTicket,
  problemText,
  startCheckout,
  type Quote,
  type RsvpAnswer,
  type Ticket,
} from "../lib/payments";
import { formatClock } from "../lib/time";
import { DeclinedConfirmation, JoinDetails, SeatOfferedConfirmation, WaitlistedConfirmation } from "./AnswerConfirmations";
import { Dialog, ErrorBanner, Notice, Spinner } from "./ui";

type AnswerMeetup = NonNullable<AnswerPageQuery["invitation"]>["meetup"];

// The provider's webhook makes a ticket paid a second or so after the buyer is sent back.
export const CONFIRM_POLL_MS = 1000;
export const CONFIRM_WITHIN_MS = 30_000;

export const NON_REFUNDABLE =
  "Tickets are non-refundable. If the organizer cancels, you are refunded in full.";

/** Ticket, service fee and total, as the buyer is charged. */
export function QuoteSummary({ quote }: { quote: Quote }) {
  return (
    <dl className="quote">
      <div>
        <dt>Ticket</dt>
        <dd>{quote.price.display}</dd>
      </div>
      {quote.fee ? (
        <div>
          <dt>Service fee</dt>
          <dd>{quote.fee.display}</dd>
        </div>
      ) : null}
      <div className="quote-total">
        <dt>Total</dt>
        <dd>{quote.total.display}</dd>
      </div>
    </dl>
  );
}

/** A paid ticket: its code (large, copyable), what was paid, how to join, and giving it up. */
export function TicketView({
  ticket,
  token,
  meetup,
  who,
  justPaid,
  canGiveUp,
  onGiveUp,
}: {
  ticket: Ticket | null;
  token: string;
  meetup: AnswerMeetup;
  who: string;
  justPaid: boolean;
  canGiveUp: boolean;
  onGiveUp: () => Promise<string | null>;
}) {
  const [copied, setCopied] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const code = useRef<HTMLElement>(null);
  const textId = useId();

  async function copy() {
    if (!ticket?.code) return;
    try {
      await navigator.clipboard.writeText(ticket.code);
      setCopied("Code copied.");
    } catch {
      // No clipboard (an old browser, or permission refused): select it for a manual copy.
      const range = document.createRange();
      if (code.current) range.selectNodeContents(code.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied("The code is selected: copy it from here.");
    }
  }

  async function confirm() {
    setBusy(true);
    setProblem(null);
    const failed = await onGiveUp();
    setBusy(false);
    if (failed) setProblem(failed);
    else setOpen(false);
  }

  return (
    <section className="confirmation confirmation-yes ticket" aria-labelledby="ticket-title">
      <h2 id="ticket-title">Your ticket</h2>
      <p role="status">
        {justPaid ? `Payment confirmed: you're in, ${who}!` : `You're attending, ${who}.`}
      </p>
      {ticket?.code ? (
        <dl className="ticket-facts">
          <div>
            <dt>Ticket code</dt>
            <dd>
              <code className="ticket-code" ref={code}>
                {ticket.code}
              </code>
              <button type="button" className="button button-small button-ghost" onClick={() => void copy()}>
                Copy code
              </button>
            </dd>
          </div>
          <div>
            <dt>Total paid</dt>
            <dd>{ticket.total.display}</dd>
          </div>
        </dl>
      ) : null}
      <p className="small" role="status">
        {copied}
      </p>
      {meetup.status === "CANCELLED" ? (
        <p>The meetup was cancelled: you are refunded in full.</p>
      ) : (
        <JoinDetails meetup={meetup} calendar={invitationCalendar(token)} token={token} />
      )}
      {canGiveUp ? (
        <button type="button" className="button button-danger-ghost button-block" onClick={() => setOpen(true)}>
          Give up my ticket
        </button>
      ) : null}
      <Dialog open={open} onClose={() => setOpen(false)} title="Give up your ticket?" describedBy={textId}>
        <p id={textId}>
          You will no longer attend “{meetup.title}”, and your seat goes to someone else. Nothing
          is refunded
          {ticket ? `: the ${ticket.total.display} you paid stays paid` : ""}.
        </p>
        <ErrorBanner>{problem}</ErrorBanner>
        <div className="actions">
          <button type="button" className="button" onClick={() => setOpen(false)} autoFocus>
            Keep my ticket
          </button>
          <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={busy}>
            {busy ? "Giving it up…" : "Yes, give it up"}
          </button>
        </div>
      </Dialog>
    </section>
  );
}

/** Whether a ticket may still become paid by a webhook on its way. */
function unsettled(ticket: Ticket | null): boolean {
  return ticket?.status === "held" || ticket?.status === "lapsed";
}

/** The quote and ticket of the answer link: loaded once, and polled after checkout. */
function usePaidAnswer(token: string) {
  const [answer, setAnswer] = useState<RsvpAnswer | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(async (): Promise<RsvpAnswer | null> => {
    try {
      const next = await fetchAnswer(token);
      setAnswer(next);
      setProblem(null);
      return next;
    } catch (error) {
      setProblem(problemText(error, "Could not load the price of this meetup."));
      return null;
    }
  }, [token]);
  useEffect(() => {
    void load();
  }, [load]);
  return { answer, problem, load };
}

export function PaidAnswer({
  token,
  meetup,
  response,
  who,
  canAnswer,
  declining,
  onDecline,
  onChanged,
  now = () => new Date(),
}: {
  token: string;
  meetup: AnswerMeetup;
  response: InvitationResponse;
  who: string;
  canAnswer: boolean;
  declining: boolean;
  /** Decline without a ticket to give up; answers the refusal's message, if any. */
  onDecline: () => Promise<string | null>;
  /** The invitation changed here: read the meetup and the answer again. */
  onChanged: () => void;
  now?: () => Date;
}) {
  const [params, setParams] = useSearchParams();
  const { answer, problem: loadProblem, load } = usePaidAnswer(token);
  const [problem, setProblem] = useState<string | null>(null);
  const [stillFull, setStillFull] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [timedOut, setTimedOut] = useState(false);
  const [round, setRound] = useState(0);
  const [justPaid, setJustPaid] = useState(false);

  const ticket = answer?.ticket ?? null;
  const paid = ticket?.status === "paid";
  const returning = params.get("checkout") === "paid";
  // Back from checkout: the ticket is paid once the provider's webhook reached the API. Until
  // then it is held (or lapsed, when the hold ended while paying: a payment still counts).
  const waiting = returning && (answer === null || unsettled(ticket));
  const confirming = waiting && !timedOut;

  useEffect(() => {
    if (!waiting) return undefined;
    let stopped = false;
    let timer = 0;
    const deadline = Date.now() + CONFIRM_WITHIN_MS;
    const tick = async () => {
      const next = await load();
      if (stopped || (next && !unsettled(next.ticket))) return;
      if (Date.now() >= deadline) setTimedOut(true);
      else timer = window.setTimeout(() => void tick(), CONFIRM_POLL_MS);
    };
    timer = window.setTimeout(() => void tick(), CONFIRM_POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [waiting, round, load]);

  // The latest callbacks, but run only when the return from checkout is seen paid.
  const settlePaid = useEffectEvent(() => {
    setJustPaid(true);
    onChanged(); // the join link is shown to attendees only
    setParams(
      (current) => {
        current.delete("checkout");
        return current;
      },
      { replace: true },
    );
  });
  useEffect(() => {
    if (returning && paid) settlePaid();
  }, [returning, paid]);

  async function pay() {
    setProblem(null);
    setStillFull(false);
    setLeaving(true);
    try {
      const result = await startCheckout(token);
      if (result.checkout) {
        leaveTo(result.checkout.url); // the button stays busy while the browser leaves
        return;
      }
      // Full: on the waiting list instead (or still on it).
      setStillFull(response === "WAITLISTED");
      onChanged();
      await load();
    } catch (error) {
      if (error instanceof ApiProblem && error.code === "already_attending") {
        onChanged();
        await load();
      }
      setProblem(problemText(error, "Could not open the payment page."));
    }
    setLeaving(false);
  }

  async function decline() {
    setProblem(null);
    const failed = await onDecline();
    if (failed) setProblem(failed);
    else await load();
  }

  async function giveUp(): Promise<string | null> {
    try {
      await giveUpTicket(token);
    } catch (error) {
      return problemText(error, "Could not give up your ticket.");
    }
    setJustPaid(false);
    onChanged();
    await load();
    return null;
  }

  const heldUntil =
    // A seat held at checkout, or offered to them from the waiting list (no checkout yet).
    ticket?.status === "held" && ticket.expires_at && new Date(ticket.expires_at) > now()
      ? ticket.expires_at
      : null;
  // Someone waiting for whom a seat is kept: offered to them, or kept at a checkout they opened.
  const offeredUntil = response === "WAITLISTED" ? heldUntil : null;
  const organizer = meetup.organizer.name;

  return (
    <>
      {confirming ? <Spinner label="Payment received, confirming your ticket…" /> : null}
      {waiting && timedOut ? (
        <div className="banner banner-info" role="status">
          <p>
            Your payment is taking longer than usual to confirm. Your ticket shows here, and is
            emailed to you, as soon as it is.
          </p>
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setTimedOut(false);
              setRound((r) => r + 1);
            }}
          >
            Check again
          </button>
        </div>
      ) : null}

      {paid || (response === "ATTENDING" && !confirming && (answer || loadProblem)) ? (
        <TicketView
          ticket={paid ? ticket : null}
          token={token}
          meetup={meetup}
          who={who}
          justPaid={justPaid}
          canGiveUp={canAnswer}
          onGiveUp={giveUp}
        />
      ) : null}
      {response === "WAITLISTED" && !paid && offeredUntil ? (
        <SeatOfferedConfirmation title={meetup.title} who={who} until={offeredUntil} />
      ) : null}
      {/* Said once the ticket is known: a seat may be kept for them. */}
      {response === "WAITLISTED" && !paid && !offeredUntil && (answer || loadProblem) ? (
        <WaitlistedConfirmation title={meetup.title} who={who} paid />
      ) : null}
      {response === "DECLINED" && !paid && !confirming ? (
        <DeclinedConfirmation organizer={organizer} who={who}>
          {ticket?.status === "forfeited" ? (
            <p className="small">You gave up ticket {ticket.code}; it was not refunded.</p>
          ) : null}
        </DeclinedConfirmation>
      ) : null}
      {ticket?.status === "refunded" ? (
        <Notice>
          Ticket {ticket.code} was refunded in full: {ticket.total.display} goes back to the card you
          paid with.
        </Notice>
      ) : null}

      {canAnswer && !paid && response !== "ATTENDING" && !confirming ? (
        <section className="answer-box" aria-labelledby="answer-title">
          <h2 id="answer-title">
            {offeredUntil ? "Take your seat?" : response === "NONE" ? "Will you be there?" : "Changed your mind?"}
          </h2>
          {answer?.quote ? (
            <>
              <QuoteSummary quote={answer.quote} />
              <p className="small">{NON_REFUNDABLE}</p>
            </>
          ) : loadProblem ? (
            <ErrorBanner>
              {loadProblem}{" "}
              <button type="button" className="button button-small" onClick={() => void load()}>
                Try again
              </button>
            </ErrorBanner>
          ) : (
            <Spinner label="Loading the price…" />
          )}
          {ticket?.status === "lapsed" && response === "NONE" ? (
            <p className="muted small">Your last payment was not finished in time, so the seat was let go.</p>
          ) : null}
          <ErrorBanner>{problem}</ErrorBanner>
          {stillFull ? <Notice>No seat has freed up yet: you keep your place on the waiting list.</Notice> : null}
          {heldUntil && !offeredUntil ? (
            <p>
              Your seat is kept until <time dateTime={heldUntil}>{formatClock(heldUntil)}</time>.
            </p>
          ) : null}
          <div className="answer-buttons">
            {heldUntil && ticket?.checkout_url ? (
              <a className="button button-primary" href={ticket.checkout_url}>
                Continue to payment
              </a>
            ) : answer?.quote ? (
              <button type="button" className="button button-primary" disabled={leaving} onClick={() => void pay()}>
                {leaving ? "Opening the payment page…" : `Attend — pay ${answer.quote.total.display}`}
              </button>
            ) : null}
            <button
              type="button"
              className="button"
              aria-pressed={response === "DECLINED"}
              disabled={declining || leaving}
              onClick={() => void decline()}
            >
              I can't make it
            </button>
          </div>
        </section>
      ) : null}
    </>
  );
}
