import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../lib/auth";
import { setSession } from "../lib/session";
import { formatWhen } from "../lib/time";
import { DiscoverPage } from "./DiscoverPage";

type Variables = Record<string, unknown>;
type Reply = { data?: unknown; errors?: unknown[] } | Promise<never>;

function meetup(n: number, changes: Record<string, unknown> = {}) {
  return {
    id: btoa(`Meetup:m${n}`),
    meetupId: `m${n}`,
    title: `Meetup ${n}`,
    category: "music",
    startsAt: "2030-01-01T18:00:00+00:00",
    timezone: "Europe/Berlin",
    phase: "UPCOMING",
    price: null,
    organizer: { id: "VXNlcjpvcmc=", name: "Olga Organizer" },
    counts: { attending: n },
    coverImage: null,
    ...changes,
  };
}

function found(nodes: unknown[], endCursor: string | null = null) {
  return { data: { publicMeetups: { nodes, pageInfo: { hasNextPage: endCursor !== null, endCursor } } } };
}

/** The GraphQL endpoint, answering each operation by its name; keeps what was asked. */
function api(answers: Record<string, (variables: Variables) => Reply>) {
  const asked: { operation: string; variables: Variables }[] = [];
  const mock = vi.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as { query: string; variables: Variables };
    const operation = /(?:query|mutation) (\w+)/.exec(body.query)?.[1] ?? "";
    asked.push({ operation, variables: body.variables });
    const answer = answers[operation];
    if (!answer) throw new Error(`unexpected ${operation}`);
    const reply = await answer(body.variables);
    return new Response(JSON.stringify(reply), { headers: { "Content-Type": "application/json" } });
  });
  vi.stubGlobal("fetch", mock);
  const searches = () => asked.filter((a) => a.operation === "PublicMeetups").map((a) => a.variables);
  return { asked, searches };
}

function Elsewhere({ name }: { name: string }) {
  const location = useLocation();
  return <p>{`${name} ${location.pathname}${location.search}`}</p>;
}

function renderAt(path = "/discover") {
  const router = createMemoryRouter(
    [
      { path: "/discover", element: <DiscoverPage /> },
      { path: "/rsvp/:token", element: <Elsewhere name="answer page" /> },
      { path: "/login", element: <Elsewhere name="log in" /> },
      { path: "/signup", element: <Elsewhere name="sign up" /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
  return router;
}

const results = () => screen.findByRole("list", { name: "Public meetups" });

/** Wait until the newest search has answered and its results are shown. */
const settled = async () => {
  const list = await results();
  await waitFor(() => expect(list).toHaveAttribute("aria-busy", "false"));
};

afterEach(() => {
  cleanup(); // before the session goes, so no page is left to hear of it
  setSession(null);
  vi.unstubAllGlobals();
});

describe("DiscoverPage", () => {
  it("shows that it is searching", () => {
    api({ PublicMeetups: () => new Promise<never>(() => undefined) });
    renderAt();
    expect(screen.getByRole("status")).toHaveTextContent("Finding meetups…");
  });

  it("lists what was found: when in the meetup's zone, category, host, price and attendance", async () => {
    api({
      PublicMeetups: () =>
        found([
          meetup(1, { title: "Jazz night" }),
          meetup(2, { title: "Wine tasting", category: "food", price: { display: "12.00 EUR" } }),
        ]),
    });
    renderAt();
    const [jazz, wine] = within(await results()).getAllByRole("listitem") as [HTMLElement, HTMLElement];
    expect(within(jazz).getByRole("link", { name: "Jazz night" })).toHaveAttribute("href", "/meetups/m1");
    expect(jazz).toHaveTextContent("Music");
    expect(jazz).toHaveTextContent(`${formatWhen("2030-01-01T18:00:00+00:00", "Europe/Berlin")} GMT+1`);
    expect(jazz).toHaveTextContent("Hosted by Olga Organizer");
    expect(jazz).toHaveTextContent("Free");
    expect(jazz).toHaveTextContent("1 attending");
    expect(wine).toHaveTextContent("Food");
    expect(wine).toHaveTextContent("12.00 EUR");
    expect(within(wine).getByRole("button", { name: "Get a ticket for Wine tasting" })).toBeInTheDocument();
  });

  it("searches by the address's words, category and order", async () => {
    const { searches } = api({ PublicMeetups: () => found([meetup(1)]) });
    renderAt("/discover?q=jazz&category=music&sort=newest");
    await results();
    expect(searches()[0]).toEqual({ q: "jazz", category: "music", sort: "NEWEST", after: null });
    expect(screen.getByRole("searchbox", { name: "Search meetups" })).toHaveValue("jazz");
    expect(screen.getByRole("button", { name: "Music" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("combobox", { name: "Sort by" })).toHaveValue("newest");
  });

  it("puts a category chip and an order in the address and the request", async () => {
    const { searches } = api({ PublicMeetups: () => found([meetup(1)]) });
    const router = renderAt();
    await results();
    expect(searches()[0]).toEqual({ q: null, category: null, sort: null, after: null });
    expect(screen.getByRole("button", { name: "All" })).toHaveAttribute("aria-pressed", "true");

    await userEvent.click(screen.getByRole("button", { name: "Music" }));
    expect(screen.getByRole("button", { name: "Music" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("button", { name: "All" })).toHaveAttribute("aria-pressed", "false");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Sort by" }), "Popular");

    expect(router.state.location.search).toBe("?category=music&sort=popular");
    await waitFor(() =>
      expect(searches().at(-1)).toEqual({ q: null, category: "music", sort: "POPULAR", after: null }),
    );

    // A second press lets go of the category.
    await userEvent.click(screen.getByRole("button", { name: "Music" }));
    expect(router.state.location.search).toBe("?sort=popular");
    await settled();
  });

  it("searches once typing pauses, and at once on Enter", async () => {
    const { searches } = api({ PublicMeetups: () => found([meetup(1)]) });
    const router = renderAt();
    await results();
    await userEvent.type(screen.getByRole("searchbox", { name: "Search meetups" }), "jazz");
    await waitFor(() => expect(router.state.location.search).toBe("?q=jazz"));
    await waitFor(() => expect(searches().at(-1)).toMatchObject({ q: "jazz" }));
    // Each keystroke did not make a search of its own.
    expect(searches().filter((v) => v.q !== null && v.q !== "jazz")).toEqual([]);
    // With words, the best match comes first unless another order is chosen.
    expect(screen.getByRole("combobox", { name: "Sort by" })).toHaveValue("relevance");

    await userEvent.type(screen.getByRole("searchbox", { name: "Search meetups" }), " club{Enter}");
    expect(router.state.location.search).toBe("?q=jazz+club");
    await waitFor(() => expect(searches().at(-1)).toMatchObject({ q: "jazz club" }));
    await settled();
  });

  it("loads the next page with the cursor, under the first", async () => {
    const { searches } = api({
      PublicMeetups: (variables) =>
        variables.after === "cursor-1" ? found([meetup(3), meetup(4)]) : found([meetup(1), meetup(2)], "cursor-1"),
    });
    renderAt();
    const list = await results();
    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await within(list).findByRole("link", { name: "Meetup 4" })).toBeInTheDocument();
    expect(searches().at(-1)).toEqual({ q: null, category: null, sort: null, after: "cursor-1" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(4);
    expect(within(list).getByRole("link", { name: "Meetup 3" })).toHaveFocus();
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("says when nothing matches, and clears the search", async () => {
    const { searches } = api({
      PublicMeetups: (variables) => (variables.q ? found([]) : found([meetup(1)])),
    });
    const router = renderAt("/discover?q=nothing-like-it");
    expect(await screen.findByText("No public meetups match your search.")).toBeInTheDocument();
    expect(screen.queryByRole("list", { name: "Public meetups" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Clear the search" }));
    expect(router.state.location.search).toBe("");
    expect(await results()).toBeInTheDocument();
    expect(searches().at(-1)).toMatchObject({ q: null });
    expect(screen.getByRole("searchbox", { name: "Search meetups" })).toHaveValue("");
  });

  it("shows the server's refusal of a search, naming the field", async () => {
    const message =
      "category: must be one of arts, business, community, education, food, gaming, health, music, " +
      "networking, science, sports, technology, other";
    api({
      PublicMeetups: () => ({
        data: null,
        errors: [{ message, path: ["publicMeetups"], extensions: { code: "invalid_input" } }],
      }),
    });
    renderAt("/discover?category=parties");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(`Could not search. ${message}`);
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("joins a meetup and opens its answer page", async () => {
    setSession({ accessToken: "access-1", user: { id: "VXNlcjptZQ==", isGuest: false } });
    const { asked } = api({
      PublicMeetups: () => found([meetup(1)]),
      JoinMeetup: () => ({ data: { joinMeetup: { token: "answer-token", userErrors: [] } } }),
    });
    renderAt();
    await userEvent.click(within(await results()).getByRole("button", { name: "Join Meetup 1" }));
    expect(await screen.findByText("answer page /rsvp/answer-token")).toBeInTheDocument();
    expect(asked.find((a) => a.operation === "JoinMeetup")?.variables).toEqual({ id: btoa("Meetup:m1") });
  });

  it("shows why joining was refused", async () => {
    setSession({ accessToken: "access-1", user: { id: "VXNlcjptZQ==", isGuest: false } });
    api({
      PublicMeetups: () => found([meetup(1)]),
      JoinMeetup: () => ({
        data: {
          joinMeetup: {
            token: null,
            userErrors: [{ field: null, message: "The meetup has ended.", code: "meetup_ended" }],
          },
        },
      }),
    });
    renderAt();
    const card = within(await results()).getByRole("listitem");
    await userEvent.click(within(card).getByRole("button", { name: "Join Meetup 1" }));
    expect(await within(card).findByRole("alert")).toHaveTextContent("The meetup has ended.");
  });

  it("sends a visitor to sign up (or log in from there) before joining, and back here after", async () => {
    const { asked } = api({ PublicMeetups: () => found([meetup(1)]) });
    renderAt("/discover?q=jazz");
    await userEvent.click(within(await results()).getByRole("button", { name: "Join Meetup 1" }));
    expect(await screen.findByText("sign up /signup?next=%2Fdiscover%3Fq%3Djazz")).toBeInTheDocument();
    expect(asked.some((a) => a.operation === "JoinMeetup")).toBe(false);
  });

  it("sends a guest to sign up before joining", async () => {
    setSession({ accessToken: "guest-1", user: { id: "VXNlcjpndWVzdA==", isGuest: true } });
    api({ PublicMeetups: () => found([meetup(1)]) });
    renderAt();
    await userEvent.click(within(await results()).getByRole("button", { name: "Join Meetup 1" }));
    expect(await screen.findByText("sign up /signup?next=%2Fdiscover")).toBeInTheDocument();
  });

  it("offers no Join on the viewer's own meetup", async () => {
    setSession({ accessToken: "access-1", user: { id: "VXNlcjpvcmc=", isGuest: false } });
    api({ PublicMeetups: () => found([meetup(1)]) });
    renderAt();
    const card = within(await results()).getByRole("listitem");
    expect(card).toHaveTextContent("You host this meetup.");
    expect(within(card).queryByRole("button")).not.toBeInTheDocument();
  });
});
