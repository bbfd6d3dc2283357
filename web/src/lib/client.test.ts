import { gql } from "urql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeClient } from "./client";
import { errorMessage } from "./errors";
import { getSession, setSession, type StoredSession } from "./session";

const VIEWER = gql`
  query Viewer {
    viewer {
      id
    }
  }
`;
const MY_MEETUPS = gql`
  query MyMeetups {
    myMeetups {
      totalCount
    }
  }
`;

const SOFIA = { id: btoa("User:01J"), email: "sofia@example.com", name: "Sofia", isGuest: false };
const signedIn = (accessToken: string): StoredSession => ({ accessToken, user: SOFIA });
const REFRESHED = {
  access_token: "fresh",
  user: { id: "01J", email: "sofia@example.com", name: "Sofia", is_guest: false },
};

/** A token as the server signs them, for this page to read (the signature is not checked here). */
function jwt(issuedAt: number, lifetimeSeconds: number): string {
  const claims = { sub: "01J", iat: issuedAt, exp: issuedAt + lifetimeSeconds };
  return `header.${btoa(JSON.stringify(claims)).replace(/=+$/, "")}.signature`;
}

interface Sent {
  operation: string;
  authorization: string | null;
  client: string | null;
}

/**
 * The server behind ``fetch``: GraphQL answers the tokens it ``accepts`` and a 401 to any other;
 * the refresh route answers what ``refresh`` resolves to. ``read401`` settles as the client
 * reads each 401's body.
 */
function server(accepts: string[], refresh: () => Promise<Response>) {
  const sent: Sent[] = [];
  const refreshes: Headers[] = [];
  const read401: Promise<void>[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const headers = new Headers(init?.headers);
      if (String(input) === "/api/auth/refresh") {
        refreshes.push(headers);
        return refresh();
      }
      const { query } = JSON.parse(String(init?.body)) as { query: string };
      const operation = /query (\w+)/.exec(query)?.[1] ?? "";
      const authorization = headers.get("Authorization");
      sent.push({ operation, authorization, client: headers.get("X-Slsplay-Client") });
      if (authorization && !accepts.includes(authorization.replace("Bearer ", ""))) {
        return refused(read401);
      }
      return json(200, { data: operation === "Viewer" ? { viewer: { id: SOFIA.id } } : { myMeetups: { totalCount: 2 } } });
    }),
  );
  return { sent, refreshes, read401 };
}

/** A 401 as the GraphQL function answers an expired token, noting when its body is read. */
function refused(read: Promise<void>[]): Response {
  const response = json(401, { type: "about:blank", status: 401, code: "token_expired" });
  const text = response.text.bind(response);
  read.push(new Promise((done) => (response.text = () => text().finally(done))));
  return response;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

afterEach(() => {
  setSession(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("the GraphQL client's auth exchange", () => {
  it("refreshes an expired session once from the cookie and sends the request again", async () => {
    setSession(signedIn("stale"));
    const { sent, refreshes } = server(["fresh"], async () => json(200, REFRESHED));

    const result = await makeClient().query(VIEWER, {}).toPromise();

    expect(result.data?.viewer.id).toBe(SOFIA.id);
    expect(sent.map((s) => s.authorization)).toEqual(["Bearer stale", "Bearer fresh"]);
    expect(sent.every((s) => s.client === "web")).toBe(true);
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]?.get("X-Slsplay-Client")).toBe("web");
    expect(getSession()?.accessToken).toBe("fresh");
  });

  it("refreshes once for two requests that both got a 401", async () => {
    setSession(signedIn("stale"));
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { sent, refreshes, read401 } = server(["fresh"], async () => {
      await held;
      return json(200, REFRESHED);
    });
    const client = makeClient();

    const both = Promise.all([client.query(VIEWER, {}).toPromise(), client.query(MY_MEETUPS, {}).toPromise()]);
    // The refresh answers only once the client has read both 401s.
    await vi.waitFor(() => expect(read401).toHaveLength(2));
    await Promise.all(read401);
    release();
    const [viewer, meetups] = await both;

    expect(viewer.data?.viewer.id).toBe(SOFIA.id);
    expect(meetups.data?.myMeetups.totalCount).toBe(2);
    expect(refreshes).toHaveLength(1);
    expect(sent.filter((s) => s.authorization === "Bearer fresh").map((s) => s.operation).sort()).toEqual([
      "MyMeetups",
      "Viewer",
    ]);
  });

  it("signs the person out when the server refuses the refresh, and sends nothing again", async () => {
    setSession(signedIn("stale"));
    const { sent, refreshes } = server(["fresh"], async () => json(401, { code: "invalid_token" }));

    const result = await makeClient().query(VIEWER, {}).toPromise();

    expect(refreshes).toHaveLength(1);
    expect(getSession()).toBeNull();
    expect(window.localStorage.getItem("slsplay.signedIn")).toBeNull();
    expect(errorMessage(result.error)).toBe("Your session has ended. Please log in again.");
    expect(sent).toHaveLength(1);
  });

  it("refreshes a token past its lifetime before sending, without a 401 first", async () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    // Issued by a server whose clock is an hour behind this page's: the lifetime still counts.
    const token = jwt(1_000 - 3_600, 900);
    setSession(signedIn(token));
    const { sent, refreshes } = server([token, "fresh"], async () => json(200, REFRESHED));
    const client = makeClient();

    await client.query(VIEWER, {}).toPromise();
    now.mockReturnValue(1_000_000 + 900 * 1000);
    await client.query(MY_MEETUPS, {}).toPromise();

    expect(sent.map((s) => [s.operation, s.authorization])).toEqual([
      ["Viewer", `Bearer ${token}`],
      ["MyMeetups", "Bearer fresh"],
    ]);
    expect(refreshes).toHaveLength(1);
  });

  it("keeps a request's own token, and does not refresh the session for its 401", async () => {
    setSession(signedIn("fresh"));
    const { sent, refreshes } = server(["fresh"], async () => json(200, REFRESHED));

    const result = await makeClient()
      .query(VIEWER, {}, { fetchOptions: { headers: { Authorization: "Bearer guest-account" } } })
      .toPromise();

    expect(sent.map((s) => s.authorization)).toEqual(["Bearer guest-account"]);
    expect(result.error?.response?.status).toBe(401);
    expect(refreshes).toHaveLength(0);
    expect(getSession()?.accessToken).toBe("fresh");
  });
});
