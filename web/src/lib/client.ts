import { Client, cacheExchange, fetchExchange } from "urql";
import { userGlobalId } from "./ids";
import { getSession, setSession, type StoredSession } from "./session";

export const GRAPHQL_URL = "/api/graphql";
const REFRESH_URL = "/api/auth/refresh";
const LOGOUT_URL = "/api/auth/logout";

/**
 * Sent with every request: the server then keeps the refresh token of a sign-in in an HttpOnly
 * cookie of the refresh route, where no script of the page can read it, and leaves it out of
 * the answer.
 */
export const WEB_CLIENT = { "X-Slsplay-Client": "web" };

interface RestSession {
  access_token: string;
  user: { id: string; email?: string | null; name?: string | null; is_guest: boolean };
}

/** A session as the REST API answers it, with the user's GraphQL id (the app compares those). */
export function fromRest(answer: RestSession): StoredSession {
  const { user } = answer;
  return {
    accessToken: answer.access_token,
    user: { id: userGlobalId(user.id), email: user.email, name: user.name, isGuest: user.is_guest },
  };
}

/** ``action`` once at a time across this browser's tabs: each refresh spends the cookie's token,
 * and a tab that refreshed with a spent one would end the sign-in of all. */
function oneTabAtATime<T>(action: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === "undefined" ? undefined : navigator.locks;
  return locks ? locks.request("slsplay.refresh", action) : action();
}

let refreshing: Promise<StoredSession | null> | null = null;

/**
 * A new session from the refresh cookie, once however many requests are waiting for it; none
 * (and signed out) when the server has none for this browser. Unreachable, nothing changes.
 */
export function refreshOnce(): Promise<StoredSession | null> {
  if (!refreshing) {
    refreshing = oneTabAtATime(async () => {
      let response: Response;
      try {
        response = await fetch(REFRESH_URL, {
          method: "POST",
          headers: { ...WEB_CLIENT, "Content-Type": "application/json" },
          body: "{}",
        });
      } catch {
        return getSession();
      }
      const next = response.ok ? fromRest((await response.json()) as RestSession) : null;
      setSession(next);
      return next;
    }).finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

/** End the sign-in on the server (it clears the refresh cookie), and here. */
export async function logOut(): Promise<void> {
  setSession(null);
  await fetch(LOGOUT_URL, {
    method: "POST",
    headers: { ...WEB_CLIENT, "Content-Type": "application/json" },
    body: "{}",
  }).catch(() => undefined);
}

function withSession(init: RequestInit | undefined, token: string | undefined): RequestInit {
  const headers = new Headers(init?.headers);
  if (token && !headers.has("Authorization")) headers.set("Authorization", `Bearer ${token}`);
  for (const [name, value] of Object.entries(WEB_CLIENT)) headers.set(name, value);
  return { ...init, headers };
}

/** fetch with the bearer token; on a 401 refresh once and retry, else sign the person out. */
export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const explicit = new Headers(init?.headers).has("Authorization");
  const session = getSession();
  const response = await fetch(input, withSession(init, session?.accessToken));
  if (response.status !== 401 || explicit || !session) return response;
  const next = await refreshOnce();
  if (!next) return response;
  return fetch(input, withSession(init, next.accessToken));
}

export function makeClient(): Client {
  return new Client({
    url: GRAPHQL_URL,
    exchanges: [cacheExchange, fetchExchange],
    fetch: authFetch,
    requestPolicy: "cache-and-network",
  });
}
