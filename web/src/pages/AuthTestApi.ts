/** A stand-in server for the sign-in pages' tests, behind ``fetch``: REST calls by
 * "METHOD /path?query", GraphQL operations by name; it keeps what was asked. */
import { vi } from "vitest";

type Variables = Record<string, unknown>;

export interface RestAnswer {
  status?: number;
  body: unknown;
}

export interface Asked {
  key: string; // "GET /api/auth/providers", or the GraphQL operation's name
  variables: Variables;
  body: unknown;
  headers: Headers;
}

export function fakeApi(
  rest: Record<string, RestAnswer | ((body: unknown) => RestAnswer)>,
  graphql: Record<string, (variables: Variables) => unknown> = {},
) {
  const asked: Asked[] = [];
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const path = String(input);
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : null;
    const reply = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), { status, headers: { "Content-Type": "application/json" } });
    if (path === "/api/graphql") {
      const { query, variables = {} } = body as { query: string; variables?: Variables };
      const operation = /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? "";
      asked.push({ key: operation, variables, body, headers });
      const answer = graphql[operation];
      if (!answer) throw new Error(`unexpected GraphQL ${operation}`);
      return reply(200, { data: answer(variables) });
    }
    const key = `${init?.method ?? "GET"} ${path}`;
    asked.push({ key, variables: {}, body, headers });
    const answer = rest[key];
    if (!answer) throw new Error(`unexpected ${key}`);
    const { status = 200, body: answerBody } = typeof answer === "function" ? answer(body) : answer;
    return reply(status, answerBody);
  });
  vi.stubGlobal("fetch", mock);
  const calls = (key: string) => asked.filter((a) => a.key === key);
  return { asked, calls };
}

export const NO_PROVIDERS: RestAnswer = { body: { providers: [] } };

export const TEST_ID = { name: "test", label: "Test ID", start_url: "/api/auth/oidc/test/start" };

/** A session as GraphQL answers it (global ids). */
export function graphqlSession(name = "Sofia", isGuest = false) {
  return {
    accessToken: `access-${name}`,
    user: { id: btoa(`User:${name}`), email: `${name.toLowerCase()}@example.com`, name, isGuest },
  };
}

export function userErrors(code: string, message: string, field: string | null = null) {
  return [{ field, message, code }];
}
