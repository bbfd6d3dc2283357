import { useState } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { useMutation } from "urql";
import { ErrorBanner } from "../components/ui";
import { useAuth } from "../lib/auth";
import { GuestMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";

export function Landing() {
  const { session, signIn } = useAuth();
  const navigate = useNavigate();
  const [{ fetching }, continueAsGuest] = useMutation(GuestMutation);
  const [problem, setProblem] = useState<string | null>(null);

  if (session && !session.user.isGuest) return <Navigate to="/meetups" replace />;

  async function asGuest() {
    setProblem(null);
    if (session?.user.isGuest) {
      navigate("/meetups/new");
      return;
    }
    const result = await continueAsGuest({});
    const next = result.data?.continueAsGuest.session;
    if (next) {
      signIn(next);
      navigate("/meetups/new");
    } else {
      setProblem(
        result.data?.continueAsGuest.userErrors[0]?.message ??
          errorMessage(result.error) ??
          "Could not start as a guest.",
      );
    }
  }

  return (
    <section className="landing">
      <div className="hero">
        <p className="eyebrow">Virtual VIP meetups</p>
        <h1>Small rooms. Big names. Zero hassle.</h1>
        <p className="lead">
          Plan an online meetup in a minute, invite people by email, and see who is coming. Your
          guests answer with one click, no account needed.
        </p>
        <ErrorBanner>{problem}</ErrorBanner>
        <div className="stack">
          <Link to="/signup" className="button button-primary button-block">
            Sign up
          </Link>
          <Link to="/login" className="button button-block">
            Log in
          </Link>
          <button type="button" className="button button-ghost button-block" onClick={asGuest} disabled={fetching}>
            {fetching ? "Starting…" : "Continue as guest"}
          </button>
        </div>
        <p className="hint">As a guest you can plan drafts and invite people; sign up when you publish.</p>
      </div>
      <ul className="features" aria-label="What you get">
        <li>
          <strong>Beautiful invitations.</strong> A cover photo, a video, and a description in Markdown.
        </li>
        <li>
          <strong>One-click answers.</strong> Invitees say yes or no from the email, and can change their
          mind until the start.
        </li>
        <li>
          <strong>Know who comes.</strong> Follow every answer and the attendee list as it fills up.
        </li>
      </ul>
    </section>
  );
}
