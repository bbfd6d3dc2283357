import { act, cleanup, render, screen, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MyMeetups } from "../pages/MyMeetups";
import { RequireSession } from "../pages/RequireSession";
import { AuthProvider } from "./auth";
import { copyFor, forgetCopy, keepCopy, keptUser } from "./offline";
import { setSession } from "./session";

const MIA = { id: "u1", name: "Mia", isGuest: false };
const LEO = { id: "u2", name: "Leo", isGuest: false };

const invitations = (title: string) => ({
  myInvitations: {
    nodes: [
      {
        meetup: {
          id: btoa("Meetup:a1"),
          meetupId: "a1",
          title,
          startsAt: "2030-01-01T18:00:00+00:00",
          phase: "UPCOMING",
          organizer: { name: "Olga" },
          coverImage: null,
        },
        invitation: { response: "ATTENDING", joined: false },
      },
    ],
    pageInfo: { hasNextPage: false, endCursor: null },
  },
});
const organized = { myMeetups: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } };

/** The server answering My meetups' two queries (the refresh too); or no network at all. */
function online(title: string) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).includes("/auth/refresh")) {
        const session = { access_token: "access-2", user: { id: "u1", name: "Mia", is_guest: false } };
        return new Response(JSON.stringify(session), { headers: { "Content-Type": "application/json" } });
      }
      const { query } = JSON.parse(String(init?.body)) as { query: string };
      const data = query.includes("myInvitations") ? invitations(title) : organized;
      return new Response(JSON.stringify({ data }), { headers: { "Content-Type": "application/json" } });
    }),
  );
}

function offline() {
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    }),
  );
}

function renderMyMeetups() {
  const router = createMemoryRouter(
    [
      { path: "/meetups", element: <RequireSession offline><MyMeetups /></RequireSession> },
      { path: "/login", element: <p>log in page</p> },
    ],
    { initialEntries: ["/meetups"] },
  );
  return render(
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
}

/** A reload: the session (in memory only) is gone, the mark that someone is signed in stays. */
function reload() {
  cleanup();
  setSession(null);
  window.localStorage.setItem("slsplay.signedIn", "1");
}

const attending = () => screen.findByRole("list", { name: "Meetups I attend or am invited to" });

beforeEach(() => window.localStorage.clear());

afterEach(() => {
  cleanup();
  setSession(null);
  window.localStorage.clear();
  vi.unstubAllGlobals();
});

describe("the offline copy", () => {
  it("belongs to one person: another's answers replace it, and nobody else reads it", () => {
    keepCopy(MIA, "MyInvitations", { n: 1 }, new Date("2030-01-01T10:00:00Z"));
    expect(copyFor(MIA.id, "MyInvitations")).toEqual({ data: { n: 1 }, savedAt: "2030-01-01T10:00:00.000Z" });
    expect(copyFor(LEO.id, "MyInvitations")).toBeNull();
    keepCopy(LEO, "MyMeetups", { n: 2 });
    expect(keptUser()).toEqual(LEO);
    expect(copyFor(MIA.id, "MyInvitations")).toBeNull();
    forgetCopy();
    expect(keptUser()).toBeNull();
  });

  it("keeps no token", () => {
    setSession({ accessToken: "secret-access", user: MIA });
    keepCopy(MIA, "MyInvitations", { n: 1 });
    expect(window.localStorage.getItem("slsplay.offline")).not.toContain("secret-access");
  });

  it("shows My meetups after a reload without network, marked offline", async () => {
    setSession({ accessToken: "access-1", user: MIA });
    online("Board dinner");
    renderMyMeetups();
    expect(await within(await attending()).findByText("Board dinner")).toBeInTheDocument();
    await vi.waitFor(() => expect(copyFor(MIA.id, "MyInvitations")).not.toBeNull());

    reload();
    offline();
    renderMyMeetups();
    expect(await within(await attending()).findByText("Board dinner")).toBeInTheDocument();
    expect(screen.getAllByRole("status").some((s) => s.textContent?.startsWith("Offline, as of"))).toBe(true);
  });

  it("shows the live answer, not the copy, once the network is back", async () => {
    keepCopy(MIA, "MyInvitations", invitations("Old title"));
    keepCopy(MIA, "MyMeetups", organized);
    reload();
    online("New title");
    renderMyMeetups();
    expect(await within(await attending()).findByText("New title")).toBeInTheDocument();
    expect(screen.queryByText(/Offline, as of/)).not.toBeInTheDocument();
  });

  it("is dropped at sign-out, and a signed-out reload offline goes to log in", async () => {
    setSession({ accessToken: "access-1", user: MIA });
    online("Board dinner");
    renderMyMeetups();
    await within(await attending()).findByText("Board dinner");
    await vi.waitFor(() => expect(keptUser()).toEqual(MIA));
    act(() => setSession(null));
    expect(keptUser()).toBeNull();

    cleanup();
    offline();
    renderMyMeetups();
    expect(await screen.findByText("log in page")).toBeInTheDocument();
  });
});
