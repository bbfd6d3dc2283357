import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { Provider, type Client } from "urql";
import { describe, expect, it, vi } from "vitest";
import { fromValue, never } from "wonka";
import type { AnswerPageQuery } from "../gql/graphql";
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

describe("AnswerPage", () => {
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
    expect(screen.getByRole("link", { name: "https://meet.example.com/x" })).toBeInTheDocument();
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
});
