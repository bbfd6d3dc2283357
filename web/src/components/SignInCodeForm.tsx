import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { RequestSignInCodeMutation, SignInWithCodeMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import type { StoredSession } from "../lib/session";
import { emailProblem } from "./AuthForms";
import { EmailField, ErrorBanner, Field } from "./ui";

/** What a refused code means to the person typing it, by the server's code. */
const CODE_REFUSALS: Record<string, string> = {
  invalid_code: "That code is not right, or it has expired. Check the email and try again.",
  too_many_attempts:
    "Too many wrong codes for this address: wait 15 minutes before trying again, or log in with your password.",
};

interface Errors {
  email?: string;
  code?: string;
  form?: string;
}

/**
 * Signing in with a 6-digit code emailed to the address: first the address, then the code.
 * ``onSession`` gets the session, as after logging in with the password.
 */
export function SignInCodeForm({ onSession }: { onSession: (session: StoredSession) => void }) {
  const [, requestCode] = useMutation(RequestSignInCodeMutation);
  const [, signInWithCode] = useMutation(SignInWithCodeMutation);
  const [step, setStep] = useState<"email" | "code">("email");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);

  // Shown because the person asked for it: their next move is to type here.
  useEffect(() => {
    (step === "email" ? emailInput : codeInput).current?.focus();
  }, [step]);

  async function sendCode(again: boolean): Promise<boolean> {
    setBusy(true);
    try {
      const result = await requestCode({ email: email.trim() });
      const payload = result.data?.requestSignInCode;
      if (payload?.accepted) {
        setStatus(
          again
            ? `A new code is on its way to ${email.trim()}. Use the newest code you get.`
            : `If ${email.trim()} has an account, we've emailed it a 6-digit code. It works for 10 minutes.`,
        );
        return true;
      }
      const refusal = payload?.userErrors[0];
      if (refusal?.field === "email") setErrors({ email: `Email ${refusal.message}` });
      else setErrors({ form: refusal?.message ?? errorMessage(result.error) ?? "Could not send a code." });
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function submitEmail(event: FormEvent) {
    event.preventDefault();
    const problem = emailProblem(email);
    setErrors(problem ? { email: problem } : {});
    if (problem) return;
    if (await sendCode(false)) {
      setCode("");
      setStep("code");
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    const digits = code.replace(/\s+/g, "");
    if (!/^\d{6}$/.test(digits)) {
      setErrors({ code: "Enter the 6 digits from the email" });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const result = await signInWithCode({ email: email.trim(), code: digits });
      const payload = result.data?.signInWithCode;
      if (payload?.session) {
        onSession(payload.session);
        return;
      }
      const refusal = payload?.userErrors[0];
      const known = refusal ? CODE_REFUSALS[refusal.code] : undefined;
      if (refusal?.code === "invalid_code" && known) setErrors({ code: known });
      else setErrors({ form: known ?? refusal?.message ?? errorMessage(result.error) ?? "Could not sign in." });
    } finally {
      setBusy(false);
    }
  }

  async function sendNewCode() {
    setErrors({});
    setStatus("");
    if (await sendCode(true)) {
      setCode("");
      codeInput.current?.focus();
    }
  }

  function changeAddress() {
    setErrors({});
    setStatus("");
    setStep("email");
  }

  return (
    <div className="sign-in-code">
      <h2>Sign in with a code</h2>
      <div role="status" aria-live="polite">
        {status ? <p className="banner banner-info">{status}</p> : null}
      </div>
      {step === "email" ? (
        <form className="form" onSubmit={submitEmail} noValidate>
          <ErrorBanner>{errors.form}</ErrorBanner>
          <EmailField
            value={email}
            onChange={setEmail}
            error={errors.email}
            hint="We'll email you a code to sign in with, no password needed."
            inputRef={emailInput}
          />
          <button className="button button-primary button-block" type="submit" disabled={busy}>
            {busy ? "Sending…" : "Send me a code"}
          </button>
        </form>
      ) : (
        <form className="form" onSubmit={submitCode} noValidate>
          <ErrorBanner>{errors.form}</ErrorBanner>
          <Field label="Sign-in code" error={errors.code} hint={`The 6 digits emailed to ${email.trim()}.`}>
            {(p) => (
              <input
                {...p}
                ref={codeInput}
                className="code-input"
                type="text"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={12}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
            )}
          </Field>
          <button className="button button-primary button-block" type="submit" disabled={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
          <div className="actions">
            <button type="button" className="button button-ghost" onClick={() => void sendNewCode()} disabled={busy}>
              Send a new code
            </button>
            <button type="button" className="button button-ghost" onClick={changeAddress} disabled={busy}>
              Use another email address
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
