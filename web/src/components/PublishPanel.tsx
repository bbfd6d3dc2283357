import { useState } from "react";
import { Link } from "react-router";
import { useMutation, useQuery } from "urql";
import { ResendVerification } from "./AccountNotice";
import { SignUpForm } from "./AuthForms";
import { ErrorBanner, Notice } from "./ui";
import { useAuth } from "../lib/auth";
import { PublishMutation, ViewerQuery } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import type { StoredSession } from "../lib/session";

/**
 * Publish a draft. A guest is asked to sign up right here; an account whose address is not
 * confirmed yet is asked to open the emailed link (or have it sent again), then publish. The
 * draft waits through both.
 */
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
  const [refusedUnverified, setRefusedUnverified] = useState(false);
  // Known before the first click too: the viewer says whether their address is confirmed.
  const [{ data: viewerData }] = useQuery({ query: ViewerQuery });
  const viewer = viewerData?.viewer;
  const needsVerification = refusedUnverified || (viewer != null && !viewer.isGuest && !viewer.emailVerified);
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
      setRefusedUnverified(false);
      onPublished();
      return true;
    }
    const first = payload?.userErrors[0];
    if (first?.code === "signup_required") {
      setNeedsSignUp(true);
      return false;
    }
    if (first?.code === "verification_required") {
      setNeedsSignUp(false);
      setRefusedUnverified(true);
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
            Your draft is kept: create your account, confirm your email address, and publish.
          </p>
          <SignUpForm onSession={afterSignUp} submitLabel="Sign up and publish" />
          <p className="muted small">
            Have an account? <Link to={`/login?next=/meetups/${meetupId}`}>Log in</Link>, then publish.
          </p>
        </div>
      ) : needsVerification ? (
        <div className="verify-inline" aria-labelledby="verify-to-publish">
          <h3 id="verify-to-publish">Confirm your email address to publish</h3>
          <p className="muted">
            Your draft is kept. Open the link we emailed you (invitations go out in your name), then
            publish.
          </p>
          <button type="button" className="button button-primary button-block" onClick={() => void run()} disabled={fetching}>
            {fetching ? "Publishing…" : "I have confirmed it: publish"}
          </button>
          <ResendVerification />
        </div>
      ) : (
        <button type="button" className="button button-primary button-block" onClick={() => void run()} disabled={fetching}>
          {fetching ? "Publishing…" : "Publish and send invitations"}
        </button>
      )}
    </div>
  );
}
