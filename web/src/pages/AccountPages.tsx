/** The pages emailed links and the social sign-in land on: confirming an address, resetting a
 * password, and finishing a sign-in at a provider. */
import { useEffect, useEffectEvent, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useMutation } from "urql";
import { VerificationReminder } from "../components/AccountNotice";
import { emailProblem, PASSWORD_MIN, passwordProblem } from "../components/AuthForms";
import { EmailField, ErrorBanner, Field, Notice, Spinner } from "../components/ui";
import { exchangeSignInCode, once, safeNext, useAuth } from "../lib/auth";
import { ForgotPasswordMutation, ResetPasswordMutation, VerifyEmailMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import type { StoredSession } from "../lib/session";
import { ApiProblem, problemText } from "../lib/payments";

type Outcome = { ok: true } | { ok: false; message: string };

const SIGN_IN_SPENT = "This sign-in has expired or was already used. Please start again from the log-in page.";
const VERIFY_LINK_REFUSED = "It may have expired (a link works for 3 days) or been used already.";

// One-time codes and links spent in this tab, by code: each is sent to the server once.
const exchanges = new Map<string, Promise<Outcome>>();
const verifications = new Map<string, Promise<Outcome>>();

/** ``/signin/complete?code=…&next=…``: the provider sent the person back; trade the code. */
export function SignInCompletePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { signIn } = useAuth();
  const code = params.get("code");
  const next = safeNext(params.get("next"));
  const [failure, setFailure] = useState<string | null>(
    code ? null : "This sign-in link is incomplete. Please start again from the log-in page.",
  );

  // The latest functions, but what decides when to trade is the code alone.
  const store = useEffectEvent((session: StoredSession) => signIn(session));
  const finish = useEffectEvent((outcome: Outcome) => {
    if (outcome.ok) navigate(next, { replace: true });
    else setFailure(outcome.message);
  });
  useEffect(() => {
    if (!code) return;
    let live = true;
    const traded = once(exchanges, code, async () => {
      try {
        // Stored here, once: a later visit to this address must not bring back these tokens.
        store(await exchangeSignInCode(code));
        return { ok: true } as const;
      } catch (problem) {
        const spent = problem instanceof ApiProblem && problem.code === "invalid_token";
        return { ok: false, message: spent ? SIGN_IN_SPENT : problemText(problem, SIGN_IN_SPENT) } as const;
      }
    });
    void traded.then((outcome) => live && finish(outcome));
    return () => {
      live = false;
    };
  }, [code]);

  if (failure) {
    return (
      <section className="page narrow">
        <h1>Signing in did not work</h1>
        <ErrorBanner>{failure}</ErrorBanner>
        <Link className="button button-primary" to={`/login?${new URLSearchParams({ next })}`}>
          Back to log in
        </Link>
      </section>
    );
  }
  return (
    <section className="page narrow">
      <h1>Signing you in</h1>
      <Spinner label="Signing you in…" />
    </section>
  );
}

/** ``/verify/:token``: the link of the "confirm your email address" email. */
export function VerifyEmailPage() {
  const { token = "" } = useParams();
  const { session } = useAuth();
  const [, verify] = useMutation(VerifyEmailMutation);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  // ``verify`` is a new function on every render: what decides is the token.
  const check = useEffectEvent((token: string) => verify({ token }));
  useEffect(() => {
    let live = true;
    const verified = once(verifications, token, async () => {
      const result = await check(token);
      const payload = result.data?.verifyEmail;
      if (payload?.user) return { ok: true } as const;
      if (payload) return { ok: false, message: VERIFY_LINK_REFUSED } as const;
      return { ok: false, message: errorMessage(result.error) ?? "Something went wrong." } as const;
    });
    void verified.then((found) => live && setOutcome(found));
    return () => {
      live = false;
    };
  }, [token]);

  const signedIn = session !== null && !session.user.isGuest;
  if (!outcome) {
    return (
      <section className="page narrow">
        <h1>Confirming your email address</h1>
        <Spinner label="Confirming your email address…" />
      </section>
    );
  }
  if (outcome.ok) {
    return (
      <section className="page narrow">
        <h1>Your email address is confirmed</h1>
        <Notice>Thank you for confirming it.</Notice>
        <Link className="button button-primary" to={signedIn ? "/meetups" : "/login"}>
          {signedIn ? "Go to My meetups" : "Log in"}
        </Link>
      </section>
    );
  }
  return (
    <section className="page narrow">
      <h1>This confirmation link does not work</h1>
      <ErrorBanner>{outcome.message}</ErrorBanner>
      {signedIn ? (
        <VerificationReminder confirmed={<Notice>Your email address is already confirmed.</Notice>} />
      ) : (
        <p>
          <Link to="/login?next=%2Fmeetups">Log in</Link> to ask for a new link.
        </p>
      )}
    </section>
  );
}

/** ``/forgot-password``: ask for a reset link (the answer is the same whether or not an account
 * has the address, so nobody can find out who has one). */
export function ForgotPasswordPage() {
  const [{ fetching }, forgot] = useMutation(ForgotPasswordMutation);
  const [email, setEmail] = useState("");
  const [error, setError] = useState<{ email?: string; form?: string }>({});
  const [sentTo, setSentTo] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = emailProblem(email);
    setError(problem ? { email: problem } : {});
    if (problem) return;
    const result = await forgot({ email: email.trim() });
    const payload = result.data?.forgotPassword;
    const refusal = payload?.userErrors[0];
    if (payload?.accepted) setSentTo(email.trim());
    else if (refusal?.field === "email") setError({ email: `Email ${refusal.message}` });
    else setError({ form: refusal?.message ?? errorMessage(result.error) ?? "Could not send the email." });
  }

  return (
    <section className="page narrow">
      <h1>Forgot your password?</h1>
      <div role="status" aria-live="polite">
        {sentTo ? (
          <div className="banner banner-info">
            <strong>Check your inbox.</strong> If {sentTo} has an account, we've emailed it a link to choose a
            new password. The link works for an hour.
          </div>
        ) : null}
      </div>
      {sentTo ? (
        <div className="actions">
          <Link className="button button-primary" to="/login">
            Back to log in
          </Link>
          <button type="button" className="button button-ghost" onClick={() => setSentTo(null)}>
            Use another email address
          </button>
        </div>
      ) : (
        <>
          <p>Enter your account's email address and we'll email you a link to choose a new password.</p>
          <form className="form" onSubmit={submit} noValidate>
            <ErrorBanner>{error.form}</ErrorBanner>
            <EmailField value={email} onChange={setEmail} error={error.email} />
            <button className="button button-primary button-block" type="submit" disabled={fetching}>
              {fetching ? "Sending…" : "Email me a reset link"}
            </button>
          </form>
          <p className="muted">
            Remembered it? <Link to="/login">Log in</Link>
          </p>
        </>
      )}
    </section>
  );
}

/** ``/reset/:token``: the link of the password reset email; a new password signs the person in. */
export function ResetPasswordPage() {
  const { token = "" } = useParams();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [{ fetching }, reset] = useMutation(ResetPasswordMutation);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<{ password?: string; form?: string }>({});
  const [linkRefused, setLinkRefused] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = passwordProblem(password);
    setError(problem ? { password: problem } : {});
    if (problem) return;
    const result = await reset({ token, password });
    const payload = result.data?.resetPassword;
    if (payload?.session) {
      signIn(payload.session);
      navigate("/meetups", { replace: true });
      return;
    }
    const refusal = payload?.userErrors[0];
    if (refusal?.code === "invalid_token") setLinkRefused(true);
    else if (refusal?.field === "password") setError({ password: `Password ${refusal.message}` });
    else setError({ form: refusal?.message ?? errorMessage(result.error) ?? "Could not save the password." });
  }

  if (linkRefused) {
    return (
      <section className="page narrow">
        <h1>This reset link does not work</h1>
        <ErrorBanner>It may have expired (a link works for an hour) or been used already.</ErrorBanner>
        <Link className="button button-primary" to="/forgot-password">
          Ask for a new link
        </Link>
      </section>
    );
  }
  return (
    <section className="page narrow">
      <h1>Choose a new password</h1>
      <p>Once it is saved, you are logged in here, and logged out everywhere else.</p>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner>{error.form}</ErrorBanner>
        <Field label="New password" error={error.password} hint={`At least ${PASSWORD_MIN} characters.`}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <button className="button button-primary button-block" type="submit" disabled={fetching}>
          {fetching ? "Saving…" : "Save the new password"}
        </button>
      </form>
    </section>
  );
}
