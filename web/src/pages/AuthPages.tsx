import { useRef, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { LogInForm, SignUpForm } from "../components/AuthForms";
import { SignInCodeForm } from "../components/SignInCodeForm";
import { SignInProviders } from "../components/SignInProviders";
import { ErrorBanner, Notice } from "../components/ui";
import { safeNext, useAuth } from "../lib/auth";
import type { StoredSession } from "../lib/session";

/** Why a social sign-in came back to log in (``/login?error=…``), by the server's code. */
const SOCIAL_REFUSALS: Record<string, string> = {
  invalid_state: "The sign-in took too long, or was started in another tab. Please try again.",
  code_refused: "The provider did not confirm the sign-in. Please try again.",
  code_missing: "The sign-in was cancelled at the provider. Please try again.",
  provider_refused: "The sign-in was cancelled or refused at the provider.",
  email_not_verified:
    "That account has no confirmed email address, so we cannot sign you in with it. Confirm the " +
    "address with the provider, or log in below.",
  unknown_provider: "That way of signing in is not offered any more. Please log in below.",
  github_user_refused: "GitHub did not tell us who you are. Please try again, or log in below.",
  github_emails_refused:
    "GitHub did not share your email addresses, so we cannot sign you in with it. Allow access " +
    "to your email address at GitHub, or log in below.",
};
const SOCIAL_REFUSED = "We could not confirm who signed in at the provider. Please try again, or log in below.";

/** Signing in from either page: keep the session, then go where the person was going. */
function useSignedInGoOn() {
  const { session, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const done = (session: StoredSession) => {
    signIn(session);
    navigate(next);
  };
  // Where the person was going travels between log in and sign up; a refusal stays behind.
  const carried = new URLSearchParams(params);
  carried.delete("error");
  const query = carried.toString() ? `?${carried}` : "";
  return { session, params, next, query, done };
}

export function SignUpPage() {
  const { session, next, query, done } = useSignedInGoOn();
  return (
    <section className="page narrow">
      <h1>Create your account</h1>
      {session?.user.isGuest ? <Notice>Your drafts as a guest move to your new account.</Notice> : null}
      <SignInProviders next={next} />
      <SignUpForm onSession={done} />
      <p className="muted">
        Already have an account? <Link to={`/login${query}`}>Log in</Link>
      </p>
    </section>
  );
}

export function LogInPage() {
  const { session, params, next, query, done } = useSignedInGoOn();
  const [byCode, setByCode] = useState(false);
  const passwordForm = useRef<HTMLDivElement>(null);
  const refusal = params.get("error");

  function backToPassword() {
    setByCode(false);
    // The code form goes away with the focus in it: carry on in the password form.
    requestAnimationFrame(() => passwordForm.current?.querySelector("input")?.focus());
  }

  return (
    <section className="page narrow">
      <h1>Log in</h1>
      {refusal ? (
        <ErrorBanner title="Signing in did not work.">{SOCIAL_REFUSALS[refusal] ?? SOCIAL_REFUSED}</ErrorBanner>
      ) : null}
      {session?.user.isGuest ? <Notice>Your drafts as a guest move to your account.</Notice> : null}
      <SignInProviders next={next} />
      {byCode ? (
        <>
          <SignInCodeForm onSession={done} />
          <button type="button" className="button button-ghost button-block sign-in-switch" onClick={backToPassword}>
            Log in with your password instead
          </button>
        </>
      ) : (
        <div ref={passwordForm}>
          <LogInForm onSession={done} />
          <p className="sign-in-help">
            <Link to="/forgot-password">Forgot your password?</Link>
          </p>
          <button type="button" className="button button-ghost button-block sign-in-switch" onClick={() => setByCode(true)}>
            Email me a sign-in code
          </button>
        </div>
      )}
      <p className="muted">
        New here? <Link to={`/signup${query}`}>Create an account</Link>
      </p>
    </section>
  );
}

export function NotFound() {
  return (
    <section className="page narrow">
      <p className="eyebrow">404</p>
      <h1>Page not found</h1>
      <p>There is nothing at this address. The link may be mistyped or out of date.</p>
      <Link className="button button-primary" to="/">
        Go to the start page
      </Link>
    </section>
  );
}
