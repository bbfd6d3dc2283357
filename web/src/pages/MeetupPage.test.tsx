import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { MeetupQuery } from "../gql/graphql";
import { AuthProvider } from "../lib/auth";
import { setSession } from "../lib/session";
import { MeetupPage } from "./MeetupPage";

type Shown = NonNullable<MeetupQuery["meetup"]>;
type Variables = Record<string, unknown>;

const ORGANIZER = { id: "VXNlcjpvcmc=", name: "Olga Organizer" };
const MEMBER = { accessToken: "access-1", user: { id: "VXNlcjptZQ==", isGuest: false } };

function meetup(changes: Partial<Shown> = {}): Shown {
  return {
    id: btoa("Meetup:m1"),
    meetupId: "m1",
    title: "Jazz night",
    description: "Bring an instrument.",
    category: "music",
    startsAt: "2030-01-01T18:00:00+00:00",
    endsAt: "2030-01-01T19:00:00+00:00",
    timezone: "Europe/Berlin",
    durationMinutes: 60,
    visibility: "PUBLIC",
    status: "PUBLISHED",
    phase: "UPCOMING",
    version: 2,
    seriesId: null,
    capacity: 1,
    joinUrl: null,
    price: null,
    organizer: ORGANIZER,
    counts: { invited: 0, attending: 0, declined: 0 },
    coverImage: null,
    media: [],
    ...changes,
  };
}

/** The API behind ``fetch``: GraphQL operations by name, REST calls by "METHOD path". */
function api(graphql: Record<string, (variables: Variables) => unknown>, rest: Record<string, () => Response> = {}) {
  const asked: { key: string; variables: Variables; headers: Headers }[] = [];
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const headers = new Headers(init?.headers);
    if (path === "/api/graphql") {
      const body = JSON.parse(String(init?.body)) as { query: string; variables: Variables };
      const operation = /(?:query|mutation) (\w+)/.exec(body.query)?.[1] ?? "";
      asked.push({ key: operation, variables: body.variables, headers });
      const answer = graphql[operation];
      if (!answer) throw new Error(`unexpected ${operation}`);
      return Response.json({ data: answer(body.variables) });
    }
    const key = `${init?.method ?? "GET"} ${path}`;
    asked.push({ key, variables: {}, headers });
    const answer = rest[key];
    if (!answer) throw new Error(`unexpected ${key}`);
    return answer();
  });
  vi.stubGlobal("fetch", mock);
  return asked;
}

function Elsewhere({ name }: { name: string }) {
  const location = useLocation();
  return <p>{`${name} ${location.pathname}${location.search}`}</p>;
}

function renderAt(path = "/meetups/m1") {
  const router = createMemoryRouter(
    [
      { path: "/meetups/:meetupId", element: <MeetupPage /> },
      { path: "/rsvp/:token", element: <Elsewhere name="answer page" /> },
      { path: "/signup", element: <Elsewhere name="sign up" /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
}

const heading = () => screen.findByRole("heading", { name: "Jazz night" });

afterEach(() => {
  cleanup();
  setSession(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("MeetupPage of a public meetup", () => {
  it("lets a visitor join by signing up on the way, and leads back to Discover", async () => {
    const asked = api({ Meetup: () => ({ viewer: null, meetup: meetup() }) });
    renderAt();
    await heading();
    expect(screen.getByRole("link", { name: "← Discover meetups" })).toHaveAttribute("href", "/discover");
    expect(screen.queryByRole("link", { name: "Insights" })).not.toBeInTheDocument();
    // Nobody is signed in to fetch the calendar file for: Google Calendar only.
    const calendar = screen.getByRole("group", { name: "Add to calendar" });
    expect(within(calendar).queryByText("Download .ics")).not.toBeInTheDocument();
    expect(within(calendar).getByRole("link", { name: "Google Calendar" })).toBeInTheDocument();

    await userEvent.click(screen.getByRole("button", { name: "Join Jazz night" }));
    expect(await screen.findByText("sign up /signup?next=%2Fmeetups%2Fm1")).toBeInTheDocument();
    expect(asked.some((a) => a.key === "JoinMeetup")).toBe(false);
  });

  it("waits for a reload's session before it lets anyone join", async () => {
    window.localStorage.setItem("slsplay.signedIn", "1"); // signed in before the reload
    api(
      { Meetup: () => ({ viewer: null, meetup: meetup() }) },
      // The refresh cookie's answer is still on its way.
      { "POST /api/auth/refresh": () => new Promise<Response>(() => {}) as unknown as Response },
    );
    renderAt();
    await heading();
    expect(screen.getByRole("button", { name: "Join Jazz night" })).toBeDisabled();
  });

  it("joins at once for a signed-in person and opens their answer page", async () => {
    setSession(MEMBER);
    const asked = api({
      Meetup: () => ({ viewer: { id: MEMBER.user.id, isGuest: false }, meetup: meetup() }),
      JoinMeetup: () => ({ joinMeetup: { token: "answer-token", userErrors: [] } }),
    });
    renderAt();
    await heading();
    await userEvent.click(screen.getByRole("button", { name: "Join Jazz night" }));
    expect(await screen.findByText("answer page /rsvp/answer-token")).toBeInTheDocument();
    expect(asked.find((a) => a.key === "JoinMeetup")?.variables).toEqual({ id: btoa("Meetup:m1") });
  });

  it("offers a ticket for a paid meetup", async () => {
    const paid = meetup({ price: { amountMinor: 1200, currency: "EUR", display: "12.00 EUR" } });
    api({ Meetup: () => ({ viewer: null, meetup: paid }) });
    renderAt();
    await heading();
    expect(screen.getByRole("button", { name: "Get a ticket for Jazz night" })).toHaveTextContent("Get a ticket");
  });

  it("offers no Join to its organizer, nor on a private meetup", async () => {
    setSession({ ...MEMBER, user: { id: ORGANIZER.id, isGuest: false } });
    api({ Meetup: () => ({ viewer: { id: ORGANIZER.id, isGuest: false }, meetup: meetup({ visibility: "PRIVATE" }) }) });
    renderAt();
    await heading();
    expect(screen.queryByRole("button", { name: /Join|Get a ticket/ })).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "← My meetups" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Insights" })).toHaveAttribute("href", "/meetups/m1/insights");
  });

  it("counts places in words: 1 place, 30 places", async () => {
    api({ Meetup: () => ({ viewer: null, meetup: meetup({ capacity: 1 }) }) });
    renderAt();
    expect((await heading()).closest("header")).toHaveTextContent("1 place");
    expect(screen.queryByText(/1 places/)).not.toBeInTheDocument();
    cleanup();
    api({ Meetup: () => ({ viewer: null, meetup: meetup({ capacity: 30 }) }) });
    renderAt();
    expect((await heading()).closest("header")).toHaveTextContent("30 places");
  });

  it("asks for the series only of a meetup that is part of one", async () => {
    setSession(MEMBER);
    const viewer = { id: MEMBER.user.id, isGuest: false };
    const alone = api({ Meetup: () => ({ viewer, meetup: meetup() }) });
    renderAt();
    await heading();
    expect(alone.map((a) => a.key)).toEqual(["Meetup"]);
    cleanup();

    const series = {
      id: "s1",
      summary: "Monthly on the 1st Tuesday",
      first_starts_at: "2030-01-01T19:00:00+01:00",
      timezone: "Europe/Berlin",
      published: true,
      occurrences: [{ occurrence: 1, meetup_id: "m1", starts_at: "2030-01-01T19:00:00+01:00", status: "published" }],
      skipped: [],
    };
    const repeating = api(
      { Meetup: () => ({ viewer, meetup: meetup({ seriesId: "s1" }) }) },
      { "GET /api/meetups/m1/series": () => Response.json(series) },
    );
    renderAt();
    expect(await screen.findByText("Monthly on the 1st Tuesday")).toBeInTheDocument();
    expect(repeating.map((a) => a.key)).toContain("GET /api/meetups/m1/series");
  });

  it("downloads the server's calendar file for a signed-in viewer", async () => {
    setSession(MEMBER);
    const createObjectURL = vi.fn((_file: Blob) => "blob:calendar");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    const asked = api(
      { Meetup: () => ({ viewer: { id: MEMBER.user.id, isGuest: false }, meetup: meetup({ title: "Jazz night" }) }) },
      {
        "GET /api/meetups/m1/calendar.ics": () =>
          new Response("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", { headers: { "Content-Type": "text/calendar" } }),
      },
    );
    renderAt();
    await heading();
    await userEvent.click(screen.getByRole("button", { name: "Download .ics" }));
    const call = asked.find((a) => a.key === "GET /api/meetups/m1/calendar.ics");
    expect(call?.headers.get("Authorization")).toBe("Bearer access-1");
    expect(await createObjectURL.mock.calls[0]?.[0].text()).toContain("BEGIN:VCALENDAR");
    expect(downloads).toEqual(["jazz-night.ics"]);
  });
});
