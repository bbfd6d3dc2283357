import { Link, useNavigate, useSearchParams } from "react-router";
import { LogInForm, SignUpForm } from "../components/AuthForms";
import { Notice } from "../components/ui";
import { useAuth } from "../lib/auth";
import type { StoredSession } from "../lib/session";

function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/meetups";
}

/** Signing in from either page: keep the session, then go where the person was going. */
function useSignedInGoOn() {
  const { session, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const done = (next: StoredSession) => {
    signIn(next);
    navigate(safeNext(params.get("next")));
  };
  return { session, params, done };
}

export function SignUpPage() {
  const { session, params, done } = useSignedInGoOn();
  return (
    <section className="page narrow">
      <h1>Create your account</h1>
      {session?.user.isGuest ? <Notice>Your drafts as a guest move to your new account.</Notice> : null}
      <SignUpForm onSession={done} />
      <p className="muted">
        Already have an account? <Link to={`/login${params.toString() ? `?${params}` : ""}`}>Log in</Link>
      </p>
    </section>
  );
}

export function LogInPage() {
  const { session, params, done } = useSignedInGoOn();
  return (
    <section className="page narrow">
      <h1>Log in</h1>
      {session?.user.isGuest ? <Notice>Your drafts as a guest move to your account.</Notice> : null}
      <LogInForm onSession={done} />
      <p className="muted">
        New here? <Link to={`/signup${params.toString() ? `?${params}` : ""}`}>Create an account</Link>
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
