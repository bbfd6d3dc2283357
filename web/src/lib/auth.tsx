import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Provider, stringifyDocument } from "urql";
import { authFetch, GRAPHQL_URL, makeClient } from "./client";
import { ViewerQuery } from "./documents";
import { ApiProblem, problemFrom, reach } from "./rest";
import { getSession, setSession, subscribe, type StoredSession } from "./session";

interface AuthValue {
  session: StoredSession | null;
  signIn: (session: StoredSession) => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthValue>({
  session: null,
  signIn: () => undefined,
  signOut: () => undefined,
});

export function useAuth(): AuthValue {
  return useContext(AuthContext);
}

/** The session and a GraphQL client of its own (a new person never sees the last one's cache). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setState] = useState<StoredSession | null>(getSession);
  useEffect(() => subscribe(setState), []);
  const userId = session?.user.id ?? "";
  const client = useMemo(() => makeClient(), [userId]);
  const value = useMemo<AuthValue>(
    () => ({
      session,
      signIn: (next) => setSession(next),
      signOut: () => setSession(null),
    }),
    [session],
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
 * The session for the one-time code a social sign-in came back with (it works once). The
 * person is then looked up over GraphQL, so the stored user has the ids the rest of the app
 * compares with (GraphQL's global ids, not REST's).
 */
export async function exchangeSignInCode(code: string): Promise<StoredSession> {
  const tokens = await callAuthApi<{ access_token: string; refresh_token: string }>(() =>
    fetch("/api/auth/oidc/exchange", {
      method: "POST",
      headers: { ...JSON_ONLY, "Content-Type": "application/json" },
      body: JSON.stringify({ code }),
    }),
  );
  const answer = await callAuthApi<{ data?: { viewer?: StoredSession["user"] | null } }>(() =>
    fetch(GRAPHQL_URL, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${tokens.access_token}` },
      body: JSON.stringify({ query: stringifyDocument(ViewerQuery) }),
    }),
  );
  const viewer = answer.data?.viewer;
  if (!viewer) throw new ApiProblem(500, "viewer_missing", "Something went wrong. Please try again.");
  return {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    user: { id: viewer.id, email: viewer.email, name: viewer.name, isGuest: viewer.isGuest },
  };
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
