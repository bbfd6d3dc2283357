import { useEffect, useState } from "react";
import { fetchProviders, providerSignInUrl, useAuth, type SignInProvider } from "../lib/auth";
import { leaveTo } from "../lib/navigation";
import { problemText } from "../lib/payments";
import { ErrorBanner } from "./ui";

/**
 * "Continue with …" for each social sign-in the server offers, then an "or" before the email
 * form; nothing at all when none is configured (or the list cannot be had: email still works).
 */
export function SignInProviders({ next }: { next: string }) {
  const { session } = useAuth();
  const [providers, setProviders] = useState<SignInProvider[]>([]);
  const [leaving, setLeaving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchProviders().then(
      (found) => live && setProviders(found),
      () => undefined,
    );
    // Back from the provider's page, the browser may show this page as it was left.
    const reset = (event: PageTransitionEvent) => event.persisted && setLeaving(null);
    window.addEventListener("pageshow", reset);
    return () => {
      live = false;
      window.removeEventListener("pageshow", reset);
    };
  }, []);

  if (providers.length === 0) return null;

  async function continueWith(provider: SignInProvider) {
    setError(null);
    setLeaving(provider.name);
    try {
      leaveTo(await providerSignInUrl(provider, next, session));
    } catch (problem) {
      setLeaving(null);
      setError(problemText(problem, `Could not open ${provider.label}. Please try again.`));
    }
  }

  return (
    <div className="sign-in-providers">
      <ErrorBanner>{error}</ErrorBanner>
      <div className="stack">
        {providers.map((provider) => (
          <button
            key={provider.name}
            type="button"
            className="button button-block"
            disabled={leaving !== null}
            onClick={() => void continueWith(provider)}
          >
            {leaving === provider.name ? `Opening ${provider.label}…` : `Continue with ${provider.label}`}
          </button>
        ))}
      </div>
      <p className="divider">
        <span>or</span>
      </p>
    </div>
  );
}
