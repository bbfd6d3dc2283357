import { useState, type ReactNode } from "react";
import { useMutation, useQuery } from "urql";
import { useAuth } from "../lib/auth";
import { ResendVerificationMutation, ViewerQuery } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { ErrorBanner } from "./ui";

/** Who is signed in, and, until they confirm their address, a reminder to (guests: nothing). */
export function AccountNotice() {
  const { session } = useAuth();
  if (!session || session.user.isGuest) return null;
  return (
    <div className="account-notice">
      <p className="muted small">
        Signed in as <strong>{session.user.name || session.user.email}</strong>
      </p>
      <VerificationReminder />
    </div>
  );
}

/**
 * While the signed-in account's address is not confirmed: say to check the inbox, with a button
 * that emails a new link. Signing up answers alike whether or not the address had an account
 * (its holder gets an email saying so instead of a link), so the words fit both. Once it is
 * confirmed: ``confirmed`` (nothing by default). Asks the server, since a link opened in another
 * tab or on a phone confirms it without this page knowing.
 */
export function VerificationReminder({ confirmed = null }: { confirmed?: ReactNode }) {
  const [{ data }] = useQuery({ query: ViewerQuery });
  const viewer = data?.viewer;
  if (!viewer || viewer.isGuest) return null;
  if (viewer.emailVerified) return <>{confirmed}</>;
  return (
    <div className="banner banner-info verify-reminder">
      <p>
        Please confirm your email address: check your inbox at <strong>{viewer.email}</strong> for the
        email we sent. If that address already had an account, the email says how to get back into it.
      </p>
      <ResendVerification />
    </div>
  );
}

/** A button that emails the signed-in account a new link to confirm its address. */
export function ResendVerification() {
  const [{ fetching }, resend] = useMutation(ResendVerificationMutation);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function click() {
    setSent(false);
    setError(null);
    const result = await resend({});
    const payload = result.data?.resendVerification;
    if (payload?.accepted) setSent(true);
    else setError(payload?.userErrors[0]?.message ?? errorMessage(result.error) ?? "Could not send the email.");
  }

  return (
    <>
      <button type="button" className="button button-small" onClick={() => void click()} disabled={fetching}>
        {fetching ? "Sending…" : "Resend the confirmation email"}
      </button>
      <p className="small" role="status">
        {sent ? "Sent: check your inbox for the new link." : ""}
      </p>
      <ErrorBanner>{error}</ErrorBanner>
    </>
  );
}
