import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider, useParams } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../lib/auth";
import { setSession } from "../lib/session";
import { MyMeetups } from "./MyMeetups";

type Variables = Record<string, unknown>;

/** The GraphQL endpoint, answering each operation by its name; keeps what was asked. */
function api(answers: Record<string, (variables: Variables) => unknown>) {
  const asked: { operation: string; variables: Variables }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
      const body = JSON.parse(String(init?.body)) as { query: string; variables: Variables };
      const operation = /(?:query|mutation) (\w+)/.exec(body.query)?.[1] ?? "";
      asked.push({ operation, variables: body.variables });
      const answer = answers[operation];
      if (!answer) throw new Error(`unexpected ${operation}`);
      return new Response(JSON.stringify(answer(body.variables)), {
        headers: { "Content-Type": "application/json" },
      });
    }),
  );
  return asked;
}

const page = (nodes: unknown[], endCursor: string | null = null) => ({
  nodes,
  pageInfo: { hasNextPage: endCursor !== null, endCursor },
});

function invitation(n: number, response: string, changes: Record<string, unknown> = {}) {
  return {
    meetup: {
      id: btoa(`Meetup:a${n}`),
      meetupId: `a${n}`,
      title: `Invited ${n}`,
      startsAt: "2030-01-0" + n + "T18:00:00+00:00",
      phase: "UPCOMING",
      organizer: { name: "Olga" },
      coverImage: null,
    },
    invitation: { response, joined: false, ...changes },
  };
}

function organized(n: number, phase: string) {
  return {
    id: btoa(`Meetup:o${n}`),
    meetupId: `o${n}`,
    title: `${phase.toLowerCase()} ${n}`,
    startsAt: `2030-02-${String(n).padStart(2, "0")}T18:00:00+00:00`,
    timezone: "Europe/Berlin",
    status: "PUBLISHED",
    phase,
    counts: { invited: 4, attending: 2 },
    coverImage: null,
  };
}

function AnswerPage() {
  return <p>{`answer page ${useParams().token}`}</p>;
}

function renderPage() {
  const router = createMemoryRouter(
    [
      { path: "/meetups", element: <MyMeetups /> },
      { path: "/rsvp/:token", element: <AnswerPage /> },
    ],
    { initialEntries: ["/meetups"] },
  );
  render(
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
}

const section = (name: string) => screen.findByRole("region", { name });

beforeEach(() => {
  setSession({ accessToken: "access-1", user: { id: "u1", isGuest: false } });
});

afterEach(() => {
  cleanup();
  setSession(null);
  vi.unstubAllGlobals();
});

describe("MyMeetups", () => {
  it("lists the meetups I attend or am invited to, each with my answer", async () => {
    api({
      MyInvitations: () => ({
        data: {
          myInvitations: page([
            invitation(1, "ATTENDING"),
            invitation(2, "NONE", { joined: true }),
            invitation(3, "NONE"),
            invitation(4, "WAITLISTED"),
          ]),
        },
      }),
      MyMeetups: () => ({ data: { myMeetups: page([]) } }),
    });
    renderPage();
    const attending = await section("Attending and invited");
    const rows = await within(attending).findAllByRole("listitem");
    expect(rows.map((row) => within(row).getByRole("heading").textContent)).toEqual([
      "Invited 1",
      "Invited 2",
      "Invited 3",
      "Invited 4",
    ]);
    expect(rows[0]).toHaveTextContent("Attending");
    expect(rows[0]).toHaveTextContent("Hosted by Olga");
    expect(rows[1]).toHaveTextContent("Joined: no answer yet");
    expect(rows[2]).toHaveTextContent("No answer yet");
    expect(rows[3]).toHaveTextContent("On the waiting list");
    // Nothing organized yet: the way to plan one.
    const organizing = await section("Organizing");
    expect(await within(organizing).findByText(/No meetups yet/)).toBeInTheDocument();
  });

  it("opens the answer page of a meetup from a link of my own", async () => {
    const asked = api({
      MyInvitations: () => ({ data: { myInvitations: page([invitation(1, "NONE")]) } }),
      MyMeetups: () => ({ data: { myMeetups: page([]) } }),
      OpenMyAnswerPage: () => ({ data: { openMyAnswerPage: { token: "tok-1", userErrors: [] } } }),
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Invited 1" }));
    expect(await screen.findByText("answer page tok-1")).toBeInTheDocument();
    expect(asked.find((a) => a.operation === "OpenMyAnswerPage")?.variables).toEqual({
      id: btoa("Meetup:a1"),
    });
  });

  it("points to Discover when nothing is coming up", async () => {
    api({
      MyInvitations: () => ({ data: { myInvitations: page([]) } }),
      MyMeetups: () => ({ data: { myMeetups: page([organized(1, "DRAFT")]) } }),
    });
    renderPage();
    const attending = await section("Attending and invited");
    expect(await within(attending).findByRole("link", { name: "Discover meetups" })).toHaveAttribute(
      "href",
      "/discover",
    );
  });

  it("groups what I organize, folding the past and cancelled beyond a few", async () => {
    const past = [1, 2, 3, 4, 5].map((n) => organized(n, "ENDED"));
    api({
      MyInvitations: () => ({ data: { myInvitations: page([]) } }),
      MyMeetups: () => ({
        data: {
          myMeetups: page([
            ...past,
            organized(6, "CANCELLED"),
            organized(7, "DRAFT"),
            organized(8, "UPCOMING"),
            organized(9, "LIVE"),
          ]),
        },
      }),
    });
    renderPage();
    const organizing = await section("Organizing");
    const groups = await within(organizing).findAllByRole("heading", { level: 3 });
    expect(groups.map((g) => g.textContent)).toEqual(["Drafts (1)", "Upcoming (2)", "Past (5)", "Cancelled (1)"]);

    // The latest past meetups first; the two before them folded away.
    const pastList = within(organizing).getByRole("list", { name: "Past" });
    expect(within(pastList).getAllByRole("link").map((l) => l.textContent)).toEqual(["ended 5", "ended 4", "ended 3"]);
    const more = screen.getByText("Show 2 more past meetups");
    expect(screen.getByRole("link", { name: "ended 1", hidden: true })).not.toBeVisible();
    await userEvent.click(more);
    expect(screen.getByRole("link", { name: "ended 1" })).toBeVisible();
    expect(within(organizing).getByRole("link", { name: "upcoming 8" })).toHaveAttribute("href", "/meetups/o8");
  });

  it("loads more of what I organize on demand", async () => {
    const asked = api({
      MyInvitations: () => ({ data: { myInvitations: page([]) } }),
      MyMeetups: (variables) =>
        variables.after === "c1"
          ? { data: { myMeetups: page([organized(2, "UPCOMING")]) } }
          : { data: { myMeetups: page([organized(1, "UPCOMING")], "c1") } },
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Show more" }));
    const upcoming = await screen.findByRole("list", { name: "Upcoming" });
    expect(await within(upcoming).findByRole("link", { name: "upcoming 2" })).toBeInTheDocument();
    expect(within(upcoming).getAllByRole("link")).toHaveLength(2);
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();
    expect(asked.filter((a) => a.operation === "MyMeetups").map((a) => a.variables.after)).toEqual([null, "c1"]);
  });
});
