import { authExchange } from "@urql/exchange-auth";
import { Client, cacheExchange, fetchExchange, makeOperation, type CombinedError, type Operation } from "urql";
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

/**
 * fetch for the REST routes, with the bearer token; on a 401 refresh once and retry, else sign
 * the person out. (GraphQL requests go through the client's auth exchange instead.)
 */
export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const explicit = new Headers(init?.headers).has("Authorization");
  const session = getSession();
  const response = await fetch(input, withSession(init, session?.accessToken));
  if (response.status !== 401 || explicit || !session) return response;
  const next = await refreshOnce();
  if (!next) return response;
  return fetch(input, withSession(init, next.accessToken));
}

/** The error of the operations that waited for a refresh the server refused: signed out. */
export class SessionEnded extends Error {
  constructor() {
    super("The session has ended.");
    this.name = "SessionEnded";
  }
}

/** Set on the operations whose bearer token is the session's, added by the auth exchange. */
const SESSION_TOKEN = "sessionToken";

/** An operation that names its own bearer token (a guest's new account, say) keeps it. */
function ownToken(operation: Operation): boolean {
  if (operation.context[SESSION_TOKEN]) return false;
  const { fetchOptions } = operation.context;
  const options = typeof fetchOptions === "function" ? fetchOptions() : fetchOptions;
  return new Headers(options?.headers).has("Authorization");
}

/** When an access token is due, by this page's clock; see ``expired``. */
let watched: { token: string; due: number } | null = null;

/**
 * Whether the access token has outlived its lifetime (``exp - iat``), counted from when this
 * page first saw it: that is never before the server issued it, so a clock set wrong never
 * makes the page refresh early; a late guess is caught by the 401. Unreadable: not expired.
 */
function expired(token: string): boolean {
  if (watched?.token !== token) {
    let claims: { exp?: unknown; iat?: unknown } = {};
    try {
      const payload = token.split(".")[1] ?? "";
      claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as typeof claims;
    } catch {
      // Not a JWT this page can read: the server alone judges it.
    }
    const lifetime = typeof claims.exp === "number" && typeof claims.iat === "number" ? claims.exp - claims.iat : NaN;
    watched = { token, due: Number.isFinite(lifetime) ? Date.now() + lifetime * 1000 : Infinity };
  }
  return Date.now() >= watched.due;
}

/**
 * urql's auth exchange over the session: each operation carries the bearer token (and says it
 * comes from the web app, so a sign-in's refresh token comes as the cookie); a token past its
 * lifetime, or a 401, refreshes the session from the cookie once however many operations wait,
 * then they are sent again; a refused refresh has signed the person out, and they fail.
 */
const sessionAuth = authExchange(async (utils) => ({
  addAuthToOperation(operation) {
    const token = ownToken(operation) ? undefined : getSession()?.accessToken;
    if (!token) return utils.appendHeaders(operation, WEB_CLIENT);
    const sent = utils.appendHeaders(operation, { ...WEB_CLIENT, Authorization: `Bearer ${token}` });
    return makeOperation(sent.kind, sent, { ...sent.context, [SESSION_TOKEN]: true });
  },
  willAuthError(operation) {
    const session = getSession();
    return session !== null && !ownToken(operation) && expired(session.accessToken);
  },
  didAuthError(error: CombinedError, operation) {
    return error.response?.status === 401 && getSession() !== null && !ownToken(operation);
  },
  async refreshAuth() {
    if (!(await refreshOnce())) throw new SessionEnded();
  },
}));

/** A GraphQL client with a cache of its own, sending as the signed-in person. */
export function makeClient(): Client {
  return new Client({
    url: GRAPHQL_URL,
    // The auth exchange waits on refreshes, so it sits after the cache and before the fetch.
    exchanges: [cacheExchange, sessionAuth, fetchExchange],
    requestPolicy: "cache-and-network",
  });
}
