import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { LogInMutation, SignUpMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import type { StoredSession } from "../lib/session";
import { EmailField, ErrorBanner, Field } from "./ui";

export const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;

interface Errors {
  name?: string;
  email?: string;
  password?: string;
  form?: string;
}

export function emailProblem(email: string): string | undefined {
  if (!email.trim()) return "Email is required";
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return "Email is not a valid email address";
  return undefined;
}

/** What is wrong with a new password, by the server's rules (sign-up and reset alike). */
export function passwordProblem(password: string): string | undefined {
  if (password.length < PASSWORD_MIN) return `Password must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Password must be at most ${PASSWORD_MAX} characters`;
  return undefined;
}

/**
 * Sign up. Called with a guest's session, the guest's drafts move to the new account.
 * ``onSession`` gets the new session; it decides whether and when to store it.
 */
export function SignUpForm({
  onSession,
  submitLabel = "Create account",
}: {
  onSession: (session: StoredSession) => void | Promise<void>;
  submitLabel?: string;
}) {
  const [, signUp] = useMutation(SignUpMutation);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Errors = {};
    if (!name.trim()) found.name = "Name is required";
    found.email = emailProblem(email);
    found.password = passwordProblem(password);
    if (found.name || found.email || found.password) {
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await signUp({ input: { name: name.trim(), email: email.trim(), password } });
      const payload = result.data?.signUp;
      if (payload?.session) {
        await onSession(payload.session);
        return;
      }
      const next: Errors = {};
      for (const e of payload?.userErrors ?? []) {
        if (e.field === "name" || e.field === "email" || e.field === "password") {
          next[e.field] = `${e.field.charAt(0).toUpperCase()}${e.field.slice(1)} ${e.message}`;
        } else next.form = e.message;
      }
      if (!payload) next.form = errorMessage(result.error) ?? "Could not sign up.";
      setErrors(next);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner>{errors.form}</ErrorBanner>
      <Field label="Your name" error={errors.name}>
        {(p) => <input {...p} type="text" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <EmailField value={email} onChange={setEmail} error={errors.email} />
      <Field label="Password" error={errors.password} hint={`At least ${PASSWORD_MIN} characters.`}>
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
      <button className="button button-primary button-block" type="submit" disabled={busy}>
        {busy ? "Creating account…" : submitLabel}
      </button>
    </form>
  );
}

export function LogInForm({ onSession }: { onSession: (session: StoredSession) => void }) {
  const [, logIn] = useMutation(LogInMutation);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Errors = { email: emailProblem(email) };
    if (!password) found.password = "Password is required";
    if (found.email || found.password) {
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await logIn({ input: { email: email.trim(), password } });
      const payload = result.data?.logIn;
      if (payload?.session) {
        onSession(payload.session);
        return;
      }
      setErrors({
        form: payload?.userErrors[0]?.message ?? errorMessage(result.error) ?? "Could not log in.",
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner>{errors.form}</ErrorBanner>
      <EmailField value={email} onChange={setEmail} error={errors.email} />
      <Field label="Password" error={errors.password}>
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <button className="button button-primary button-block" type="submit" disabled={busy}>
        {busy ? "Logging in…" : "Log in"}
      </button>
    </form>
  );
}
