import { useState } from "react";
import { Link } from "react-router";
import { useMutation } from "urql";
import { SignUpForm } from "./AuthForms";
import { ErrorBanner, Notice } from "./ui";
import { useAuth } from "../lib/auth";
import { PublishMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import type { StoredSession } from "../lib/session";

/** Publish a draft; a guest is asked to sign up right here, and the draft is published after. */
export function PublishPanel({
  meetupGlobalId,
  meetupId,
  onPublished,
}: {
  meetupGlobalId: string;
  meetupId: string;
  onPublished: () => void;
}) {
  const { signIn } = useAuth();
  const [{ fetching }, publish] = useMutation(PublishMutation);
  const [needsSignUp, setNeedsSignUp] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [needsPayouts, setNeedsPayouts] = useState(false);
  const [done, setDone] = useState(false);

  async function run(token?: string): Promise<boolean> {
    setProblem(null);
    setNeedsPayouts(false);
    const result = await publish(
      { id: meetupGlobalId },
      token ? { fetchOptions: { headers: { Authorization: `Bearer ${token}` } } } : undefined,
    );
    const payload = result.data?.publishMeetup;
    if (payload?.meetup && payload.userErrors.length === 0) {
      setDone(true);
      setNeedsSignUp(false);
      onPublished();
      return true;
    }
    const first = payload?.userErrors[0];
    if (first?.code === "signup_required") {
      setNeedsSignUp(true);
      return false;
    }
    // A paid meetup needs somewhere to pay its organizer: that is set up on the balance page.
    setNeedsPayouts(first?.code === "payout_account_required");
    setProblem(first?.message ?? errorMessage(result.error) ?? "Could not publish the meetup.");
    return false;
  }

  async function afterSignUp(session: StoredSession) {
    // The guest's drafts now belong to the new account: publish with its token, then switch.
    await run(session.accessToken);
    signIn(session);
  }

  if (done) return <Notice>Published!</Notice>;

  return (
    <div className="publish-panel">
      <ErrorBanner>
        {problem ? (
          <>
            {problem}
            {needsPayouts ? (
              <>
                {" "}
                <Link to="/balance">Set up payouts</Link>
              </>
            ) : null}
          </>
        ) : null}
      </ErrorBanner>
      {needsSignUp ? (
        <div className="signup-inline" aria-labelledby="signup-to-publish">
          <h3 id="signup-to-publish">Sign up to publish</h3>
          <p className="muted">
            Your draft is kept: create your account and it is published right away.
          </p>
          <SignUpForm onSession={afterSignUp} submitLabel="Sign up and publish" />
          <p className="muted small">
            Have an account? <Link to={`/login?next=/meetups/${meetupId}`}>Log in</Link>, then publish.
          </p>
        </div>
      ) : (
        <button type="button" className="button button-primary button-block" onClick={() => void run()} disabled={fetching}>
          {fetching ? "Publishing…" : "Publish and send invitations"}
        </button>
      )}
    </div>
  );
}
