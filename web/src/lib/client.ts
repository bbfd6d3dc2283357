import { Client, cacheExchange, fetchExchange } from "urql";
import { getSession, setSession, type StoredSession } from "./session";

export const GRAPHQL_URL = "/api/graphql";

const REFRESH = `mutation Refresh($refreshToken: String!) {
  refreshSession(refreshToken: $refreshToken) {
    session { accessToken refreshToken user { id email name isGuest } }
    userErrors { code message }
  }
}`;

let refreshing: Promise<StoredSession | null> | null = null;

/** Trade the refresh token for a new session once, however many requests are waiting for it. */
export function refreshOnce(): Promise<StoredSession | null> {
  if (!refreshing) {
    const session = getSession();
    refreshing = (async () => {
      if (!session) return null;
      try {
        const response = await fetch(GRAPHQL_URL, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ query: REFRESH, variables: { refreshToken: session.refreshToken } }),
        });
        const body = (await response.json()) as {
          data?: { refreshSession?: { session?: StoredSession | null } };
        };
        const next = body.data?.refreshSession?.session ?? null;
        setSession(next);
        return next;
      } catch {
        setSession(null);
        return null;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

function withToken(init: RequestInit | undefined, token: string | undefined): RequestInit {
  const headers = new Headers(init?.headers);
  if (token && !headers.has("Authorization")) headers.set("Authorization", `Bearer ${token}`);
  return { ...init, headers };
}

/** fetch with the bearer token; on a 401 refresh once and retry, else sign the person out. */
export async function authFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const explicit = new Headers(init?.headers).has("Authorization");
  const session = getSession();
  const response = await fetch(input, withToken(init, session?.accessToken));
  if (response.status !== 401 || explicit || !session) return response;
  const next = await refreshOnce();
  if (!next) return response;
  return fetch(input, withToken(init, next.accessToken));
}

export function makeClient(): Client {
  return new Client({
    url: GRAPHQL_URL,
    exchanges: [cacheExchange, fetchExchange],
    fetch: authFetch,
    requestPolicy: "cache-and-network",
  });
}
