import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { CombinedError, Provider, type Client } from "urql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fromValue, never } from "wonka";
import type { AnswerPageQuery } from "../gql/graphql";
import { AuthProvider } from "../lib/auth";
import { setSession } from "../lib/session";
import { AnswerPage } from "./AnswerPage";

type Page = NonNullable<AnswerPageQuery["invitation"]>;

function page(response: "NONE" | "ATTENDING" | "DECLINED", joinUrl: string | null = null): Page {
  return {
    meetup: {
      id: "TWVldHVwOjE=",
      meetupId: "1",
      title: "Fireside chat",
      description: "Bring **questions**.",
      startsAt: "2030-01-01T18:00:00+00:00",
      endsAt: "2030-01-01T19:00:00+00:00",
      timezone: "Europe/Berlin",
      durationMinutes: 60,
      status: "PUBLISHED",
      phase: "UPCOMING",
      joinUrl,
      organizer: { id: "VXNlcjox", name: "Olga" },
      seriesId: null,
      coverImage: null,
      media: [],
    },
    invitation: { id: "inv", email: "ann@example.com", name: "Ann", response, respondedAt: null, joined: false },
  };
}

type Media = Page["meetup"]["media"][number];

function media(kind: "PHOTO" | "VIDEO", mediaId: string): Media {
  const photo = kind === "PHOTO";
  return {
    id: `media-${mediaId}`,
    mediaId,
    kind,
    status: "READY",
    reason: null,
    contentType: photo ? "image/jpeg" : "video/mp4",
    renditions: [
      photo
        ? { name: "960", contentType: "image/jpeg", width: 960, height: 540, url: `https://cdn.example.com/${mediaId}.jpg` }
        : { name: "720p", contentType: "video/mp4", width: 1280, height: 720, url: `https://cdn.example.com/${mediaId}.mp4` },
    ],
    streamUrl: null,
    posterUrl: photo ? null : `https://cdn.example.com/${mediaId}-poster.jpg`,
  };
}

function with_(base: Page, meetup: Partial<Page["meetup"]>, invitation: Partial<Page["invitation"]> = {}): Page {
  return { meetup: { ...base.meetup, ...meetup }, invitation: { ...base.invitation, ...invitation } };
}

function client(query: unknown, mutation?: unknown): Client {
  return {
    executeQuery: vi.fn(() => query),
    executeMutation: vi.fn(() => mutation ?? never),
    executeSubscription: vi.fn(() => never),
  } as unknown as Client;
}

function renderAt(mock: Client, path = "/rsvp/abc") {
  const router = createMemoryRouter([{ path: "/rsvp/:token", element: <AnswerPage /> }], {
    initialEntries: [path],
  });
  return render(
    <Provider value={mock}>
      <RouterProvider router={router} />
    </Provider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("AnswerPage", () => {
  it("reads offline from the signed-in person's last copy, without answer buttons", async () => {
    setSession({ accessToken: "access-1", user: { id: "u1", isGuest: false } });
    const signedIn = (mock: Client) =>
      render(
        <AuthProvider>
          <Provider value={mock}>
            <RouterProvider
              router={createMemoryRouter([{ path: "/rsvp/:token", element: <AnswerPage /> }], {
                initialEntries: ["/rsvp/abc"],
              })}
            />
          </Provider>
        </AuthProvider>,
      );
    try {
      signedIn(client(fromValue({ data: { invitation: page("NONE") }, stale: false })));
      expect(await screen.findByRole("button", { name: "I'm attending" })).toBeInTheDocument();
      cleanup();
      const networkError = new CombinedError({ networkError: new TypeError("Failed to fetch") });
      signedIn(client(fromValue({ error: networkError, stale: false })));
      expect(await screen.findByRole("heading", { name: "Fireside chat" })).toBeInTheDocument();
      expect(screen.getByText(/Offline, as of/)).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "I'm attending" })).not.toBeInTheDocument();
    } finally {
      cleanup();
      setSession(null);
      window.localStorage.clear();
    }
  });

  it("shows that it is loading", () => {
    renderAt(client(never));
    expect(screen.getByRole("status")).toHaveTextContent("Opening your invitation…");
  });

  it("says when the link is unknown", () => {
    renderAt(client(fromValue({ data: { invitation: null } })));
    expect(screen.getByRole("heading", { name: "This invitation link does not work" })).toBeInTheDocument();
  });

  it("asks for an answer", () => {
    renderAt(client(fromValue({ data: { invitation: page("NONE") } })));
    expect(screen.getByRole("heading", { name: "Fireside chat" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Will you be there?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "I'm attending" })).toHaveAttribute("aria-pressed", "false");
  });

  it("confirms attendance with the join link, and allows a change of mind", () => {
    renderAt(client(fromValue({ data: { invitation: page("ATTENDING", "https://meet.example.com/x") } })));
    expect(screen.getByRole("heading", { name: "You're attending" })).toBeInTheDocument();
    // Shown as itself, followed through the API, which notes that the attendee joined.
    expect(screen.getByRole("link", { name: "https://meet.example.com/x" })).toHaveAttribute(
      "href",
      "/api/rsvp/abc/join",
    );
    expect(screen.getByRole("heading", { name: "Changed your mind?" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "I'm attending" })).toHaveAttribute("aria-pressed", "true");
  });

  it("confirms a decline", () => {
    renderAt(client(fromValue({ data: { invitation: page("DECLINED") } })));
    expect(screen.getByRole("heading", { name: "You've declined" })).toBeInTheDocument();
  });

  it("shows the server's refusal of an answer", async () => {
    const refused = fromValue({
      data: {
        respondToInvitation: {
          meetup: null,
          invitation: null,
          userErrors: [{ field: null, message: "The meetup is full.", code: "capacity_reached" }],
        },
      },
    });
    renderAt(client(fromValue({ data: { invitation: page("NONE") } }), refused));
    await userEvent.click(screen.getByRole("button", { name: "I'm attending" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The meetup is full.");
  });

  it("shows the meetup's photos and plays its video with the organizer page's player", () => {
    const shown = with_(page("NONE"), {
      media: [media("PHOTO", "p1"), media("VIDEO", "v1"), media("PHOTO", "p2")],
    });
    renderAt(client(fromValue({ data: { invitation: shown } })));
    expect(screen.getByRole("img", { name: "Cover photo of Fireside chat" })).toHaveAttribute(
      "src",
      "https://cdn.example.com/p1.jpg",
    );
    const video = screen.getByLabelText("Video: Fireside chat");
    expect(video.tagName).toBe("VIDEO");
    expect(video).toHaveAttribute("poster", "https://cdn.example.com/v1-poster.jpg");
    expect(screen.getByRole("img", { name: "Photo of Fireside chat" })).toHaveAttribute(
      "src",
      "https://cdn.example.com/p2.jpg",
    );
  });

  it("says 'invited you' to an invitee, and 'you joined' to someone who joined a public meetup", () => {
    const joined = with_(page("NONE"), {}, { joined: true });
    renderAt(client(fromValue({ data: { invitation: joined } })));
    expect(screen.getByText("You joined · hosted by Olga")).toBeInTheDocument();
    expect(screen.queryByText(/invited you/)).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "← Discover meetups" })).toHaveAttribute("href", "/discover");
    expect(screen.getByText("Say you attend to get the join link.")).toBeInTheDocument();
  });

  it("renders an emoji-heavy meetup, and its calendar file is the server's", () => {
    const title = "🎉🎸 Launch party 🚀🚀🚀 with 👩🏽‍💻 founders 🌍🌎🌏 " + "🍕".repeat(40);
    const party = with_(page("ATTENDING", "https://meet.example.com/x"), {
      title,
      description: "Bring 🎈 and 🎁. ".repeat(12),
    });
    renderAt(client(fromValue({ data: { invitation: party } })));
    expect(screen.getByRole("heading", { name: title })).toBeInTheDocument();
    const calendar = screen.getByRole("group", { name: "Add to calendar" });
    const file = within(calendar).getByRole("link", { name: "Download .ics" });
    expect(file).toHaveAttribute("href", "/api/rsvp/abc/calendar.ics");
    expect(file.getAttribute("download")).toMatch(/^launch-party-with-founders\.ics$/);
    const google = within(calendar).getByRole("link", { name: "Google Calendar" });
    expect(new URL(google.getAttribute("href") ?? "").searchParams.get("text")).toBe(title);
  });

  it("asks whether the meetup repeats only when it is part of a series", async () => {
    const fetch = vi.fn(async () =>
      Response.json({ meetup: { series: { id: "s1", occurrence: 2, summary: "Monthly on the 1st" } } }),
    );
    vi.stubGlobal("fetch", fetch);
    renderAt(client(fromValue({ data: { invitation: page("NONE") } })));
    expect(screen.getByRole("heading", { name: "Will you be there?" })).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
    cleanup();

    renderAt(client(fromValue({ data: { invitation: with_(page("NONE"), { seriesId: "s1" }) } })));
    expect(await screen.findByText("This is date 2 of a series: Monthly on the 1st.")).toBeInTheDocument();
    expect(fetch).toHaveBeenCalledWith("/api/rsvp/abc", expect.anything());
  });
});
