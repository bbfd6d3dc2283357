/**
 * Joining a public meetup, from Discover or from its page: an account joins at once and goes
 * to its own answer page; anyone else signs up on the way (or logs in from there), then
 * comes back to ``back``.
 */
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMutation } from "urql";
import { useAuth } from "../lib/auth";
import { JoinMeetupMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { ErrorBanner } from "./ui";

export interface Joinable {
  id: string; // the global id
  title: string;
  price?: { display: string } | null;
}

/** "Join", or "Get a ticket" for a paid meetup (its price is shown on the answer page). */
export function joinLabel(meetup: Joinable): string {
  return meetup.price ? "Get a ticket" : "Join";
}

export function JoinButton({ meetup, back, className = "" }: { meetup: Joinable; back: string; className?: string }) {
  // While a reload's session is being restored, a click would send a signed-in person to
  // sign-up: the button waits for it.
  const { session, restoring } = useAuth();
  const navigate = useNavigate();
  const [{ fetching }, join] = useMutation(JoinMeetupMutation);
  const [problem, setProblem] = useState<string | null>(null);
  const label = joinLabel(meetup);

  async function joinMeetup() {
    // Only an account can join (a guest has no address to be invited by).
    const signUp = `/signup?${new URLSearchParams({ next: back })}`;
    if (!session || session.user.isGuest) {
      navigate(signUp);
      return;
    }
    setProblem(null);
    const result = await join({ id: meetup.id });
    const payload = result.data?.joinMeetup;
    if (payload?.token) {
      navigate(`/rsvp/${encodeURIComponent(payload.token)}`);
      return;
    }
    const first = payload?.userErrors[0];
    if (first?.code === "signup_required") {
      navigate(signUp);
      return;
    }
    setProblem(first?.message ?? errorMessage(result.error) ?? "Could not join the meetup.");
  }

  return (
    <>
      <ErrorBanner>{problem}</ErrorBanner>
      <button
        type="button"
        className={`button button-primary button-block ${className}`.trim()}
        aria-label={meetup.price ? `Get a ticket for ${meetup.title}` : `Join ${meetup.title}`}
        disabled={fetching || restoring}
        onClick={() => void joinMeetup()}
      >
        {fetching ? "Joining…" : label}
      </button>
    </>
  );
}
