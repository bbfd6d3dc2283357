import { createContext, useContext, useEffect, useEffectEvent, useMemo, useState, type ReactNode } from "react";
import { Provider } from "urql";
import { authFetch, fromRest, logOut, makeClient, refreshOnce, WEB_CLIENT } from "./client";
import { forgetCopy, keptUser } from "./offline";
import { problemFrom, reach } from "./rest";
import {
  followOtherTabs,
  getSession,
  mayBeSignedIn,
  setSession,
  subscribe,
  type SessionUser,
  type StoredSession,
} from "./session";

interface AuthValue {
  session: StoredSession | null;
  /** The session of the refresh cookie is being asked for (after a reload): not yet known. */
  restoring: boolean;
  /**
   * Signed in, but the server could not be reached to restore the session (offline after a
   * reload): whose kept copy of their meetups to show. Null once the session is back.
   */
  offlineUser: SessionUser | null;
  signIn: (session: StoredSession) => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthValue>({
  session: null,
  restoring: false,
  offlineUser: null,
  signIn: () => undefined,
  signOut: () => undefined,
});

export function useAuth(): AuthValue {
  return useContext(AuthContext);
}

/**
 * The session and a GraphQL client of its own (a new person never sees the last one's cache).
 * A page opened while signed in asks for its session first: the access token lives in memory
 * only, and the refresh cookie brings a new one.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setState] = useState<StoredSession | null>(getSession);
  const [restoring, setRestoring] = useState(() => getSession() === null && mayBeSignedIn());
  const [offlineUser, setOfflineUser] = useState<SessionUser | null>(null);
  useEffect(
    () =>
      subscribe((next) => {
        setState(next);
        setOfflineUser(null);
        // Signed out (here, in another tab, or the server knows no session): nothing stays.
        if (!next) forgetCopy();
      }),
    [],
  );
  useEffect(() => followOtherTabs(() => void refreshOnce()), []);
  const restore = useEffectEvent(() => {
    if (!restoring) return;
    void refreshOnce()
      .then((restored) => {
        // No session, yet still marked signed in: the refresh never reached the server.
        if (!restored && mayBeSignedIn()) setOfflineUser(keptUser());
      })
      .finally(() => setRestoring(false));
  });
  // Once, on opening: later sessions come from signing in.
  useEffect(() => restore(), []);
  // Back online: the refresh cookie brings the session (and a fresh client) again.
  useEffect(() => {
    if (!offlineUser) return undefined;
    const retry = () => void refreshOnce();
    window.addEventListener("online", retry);
    return () => window.removeEventListener("online", retry);
  }, [offlineUser]);
  const userId = session?.user.id ?? "";
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new client (an empty cache) per person
  const client = useMemo(() => makeClient(), [userId]);
  const value = useMemo<AuthValue>(
    () => ({
      session,
      restoring,
      offlineUser,
      signIn: (next) => setSession(next),
      signOut: () => void logOut(),
    }),
    [session, restoring, offlineUser],
  );
  return (
    <AuthContext.Provider value={value}>
      <Provider value={client}>{children}</Provider>
    </AuthContext.Provider>
  );
}

/** Where to go after signing in: a path of this site only (never "//elsewhere"), else My meetups. */
export function safeNext(next: string | null | undefined): string {
  const local = next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\");
  return local ? next : "/meetups";
}

// -- social sign-in (REST: the provider's round trip has no GraphQL side) ---------------------

/** A provider the server offers to sign in with, as ``GET /api/auth/providers`` lists it. */
export interface SignInProvider {
  name: string;
  label: string;
  start_url: string;
}

async function callAuthApi<T>(call: () => Promise<Response>): Promise<T> {
  const response = await reach(call);
  const body = (await response.json().catch(() => null)) as (T & { code?: unknown; detail?: unknown }) | null;
  if (!response.ok || body === null) throw problemFrom(response.status, body);
  return body;
}

const JSON_ONLY = { Accept: "application/json" };

/** The providers to offer "Continue with …" buttons for (none: sign in by email only). */
export async function fetchProviders(): Promise<SignInProvider[]> {
  const body = await callAuthApi<{ providers: SignInProvider[] }>(() =>
    fetch("/api/auth/providers", { headers: JSON_ONLY }),
  );
  return body.providers;
}

/**
 * Where to send the browser to sign in at ``provider`` and come back to ``next``. A guest
 * asks with their token (so the JSON answer, not a plain link): their drafts move to the account.
 */
export async function providerSignInUrl(
  provider: SignInProvider,
  next: string,
  session: StoredSession | null,
): Promise<string> {
  const start = `${provider.start_url}?${new URLSearchParams({ next })}`;
  if (!session?.user.isGuest) return start;
  const body = await callAuthApi<{ authorize_url: string }>(() => authFetch(start, { headers: JSON_ONLY }));
  return body.authorize_url;
}

/**
 * The session for the one-time code a social sign-in came back with (it works once); its
 * refresh token comes as the web app's cookie.
 */
export async function exchangeSignInCode(code: string): Promise<StoredSession> {
  return fromRest(
    await callAuthApi<Parameters<typeof fromRest>[0]>(() =>
      fetch("/api/auth/oidc/exchange", {
        method: "POST",
        headers: { ...JSON_ONLY, ...WEB_CLIENT, "Content-Type": "application/json" },
        body: JSON.stringify({ code }),
      }),
    ),
  );
}

/**
 * Run ``action`` once per key, however often it is asked (React runs effects twice in
 * development, and a one-time token must not be spent twice): later asks get the first answer.
 */
export function once<T>(done: Map<string, Promise<T>>, key: string, action: () => Promise<T>): Promise<T> {
  let found = done.get(key);
  if (!found) {
    found = action();
    done.set(key, found);
  }
  return found;
}
