import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { Provider, type Client } from "urql";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fromValue, never } from "wonka";
import { CONFIRM_POLL_MS, CONFIRM_WITHIN_MS } from "../components/PaidAnswer";
import type { AnswerPageQuery, InvitationResponse } from "../gql/graphql";
import { leaveTo } from "../lib/navigation";
import type { RsvpAnswer, Ticket } from "../lib/payments";
import { formatClock, formatWhen } from "../lib/time";
import { AnswerPage } from "./AnswerPage";

vi.mock("../lib/navigation", () => ({ leaveTo: vi.fn() }));

type Page = NonNullable<AnswerPageQuery["invitation"]>;

const EUR = (amount_minor: number) => ({
  amount_minor,
  currency: "EUR",
  display: `${(amount_minor / 100).toFixed(2)} EUR`,
});

const QUOTE = { price: EUR(2000), fee: EUR(100), total: EUR(2100) };

function page(response: InvitationResponse, joinUrl: string | null = null): Page {
  return {
    meetup: {
      id: "TWVldHVwOjE=",
      meetupId: "1",
      title: "Masterclass",
      description: "",
      startsAt: "2030-01-01T18:00:00+00:00",
      endsAt: "2030-01-01T19:00:00+00:00",
      timezone: "Europe/Berlin",
      durationMinutes: 60,
      status: "PUBLISHED",
      phase: "UPCOMING",
      joinUrl,
      price: { amountMinor: 2000, currency: "EUR", display: "20.00 EUR" },
      organizer: { id: "VXNlcjox", name: "Olga" },
      seriesId: null,
      coverImage: null,
      media: [],
    },
    invitation: { id: "inv", email: "ann@example.com", name: "Ann", response, respondedAt: null, joined: false },
  };
}

function answer(ticket: Partial<Ticket> | null, response = "none"): RsvpAnswer {
  return {
    invitation: { email: "ann@example.com", name: "Ann", response },
    quote: QUOTE,
    ticket: ticket && {
      id: "t1",
      status: "held",
      code: null,
      total: EUR(2100),
      checkout_url: null,
      expires_at: "2030-01-01T17:15:00Z",
      ...ticket,
    },
  };
}

/** A GraphQL client answering ``pages`` in turn (the last one from then on). */
function client(...pages: Page[]): Client {
  let calls = 0;
  return {
    executeQuery: vi.fn(() => fromValue({ data: { invitation: pages[Math.min(calls++, pages.length - 1)] } })),
    executeMutation: vi.fn(() => never),
    executeSubscription: vi.fn(() => never),
  } as unknown as Client;
}

type Reply = { status?: number; body: unknown };

/** ``fetch`` answering each call to a path with the next of its replies (the last one again). */
function api(routes: Record<string, Reply[]>) {
  const seen: Record<string, number> = {};
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? "GET"} ${String(input)}`;
    const replies = routes[key];
    if (!replies) throw new Error(`unexpected ${key}`);
    const reply = replies[Math.min(seen[key] ?? 0, replies.length - 1)] as Reply;
    seen[key] = (seen[key] ?? 0) + 1;
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", mock);
  return mock;
}

function renderAt(mock: Client, path = "/rsvp/abc") {
  const router = createMemoryRouter([{ path: "/rsvp/:token", element: <AnswerPage /> }], {
    initialEntries: [path],
  });
  render(
    <Provider value={mock}>
      <RouterProvider router={router} />
    </Provider>,
  );
  return router;
}

const NOW = new Date("2030-01-01T17:00:00Z");

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, shouldAdvanceTime: true });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.mocked(leaveTo).mockReset();
});

describe("AnswerPage of a paid meetup", () => {
  it("shows the ticket, the service fee and the total before paying, and the refund rule", async () => {
    api({ "GET /api/rsvp/abc": [{ body: answer(null) }] });
    renderAt(client(page("NONE")));
    const box = await screen.findByRole("region", { name: "Will you be there?" });
    const rows = [...box.querySelectorAll(".quote div")].map((row) => row.textContent);
    expect(rows).toEqual(["Ticket20.00 EUR", "Service fee1.00 EUR", "Total21.00 EUR"]);
    expect(box).toHaveTextContent(
      "Tickets are non-refundable. If the organizer cancels, you are refunded in full.",
    );
    expect(within(box).getByRole("button", { name: "Attend — pay 21.00 EUR" })).toBeEnabled();
    expect(within(box).queryByRole("button", { name: "I'm attending" })).not.toBeInTheDocument();
  });

  it("goes to the provider's checkout when they choose to pay", async () => {
    const fetch = api({
      "GET /api/rsvp/abc": [{ body: answer(null) }],
      "POST /api/rsvp/abc/checkout": [
        {
          status: 201,
          body: {
            checkout: { url: "https://pay.example.com/c/1", expires_at: "2030-01-01T17:15:00Z" },
            ticket: answer({}).ticket,
            invitation: { response: "none" },
          },
        },
      ],
    });
    renderAt(client(page("NONE")));
    await userEvent.click(await screen.findByRole("button", { name: "Attend — pay 21.00 EUR" }));
    expect(leaveTo).toHaveBeenCalledWith("https://pay.example.com/c/1");
    expect(fetch).toHaveBeenCalledWith("/api/rsvp/abc/checkout", expect.objectContaining({ method: "POST" }));
    expect(screen.getByRole("button", { name: "Opening the payment page…" })).toBeDisabled();
  });

  it("puts them on the waiting list when the meetup is full", async () => {
    api({
      "GET /api/rsvp/abc": [{ body: answer(null) }, { body: answer(null, "waitlisted") }],
      "POST /api/rsvp/abc/checkout": [
        { body: { checkout: null, ticket: null, invitation: { response: "waitlisted" } } },
      ],
    });
    renderAt(client(page("NONE"), page("WAITLISTED")));
    await userEvent.click(await screen.findByRole("button", { name: "Attend — pay 21.00 EUR" }));
    expect(await screen.findByRole("heading", { name: "You're on the waiting list" })).toBeInTheDocument();
    expect(screen.getByText(/it is kept for the first in line\s+for 24 hours/)).toBeInTheDocument();
    expect(leaveTo).not.toHaveBeenCalled();
  });

  it("lets someone waiting try to pay for a seat that freed up, and says when none has", async () => {
    api({
      "GET /api/rsvp/abc": [{ body: answer(null, "waitlisted") }],
      "POST /api/rsvp/abc/checkout": [
        { body: { checkout: null, ticket: null, invitation: { response: "waitlisted" } } },
      ],
    });
    renderAt(client(page("WAITLISTED")));
    await userEvent.click(await screen.findByRole("button", { name: "Attend — pay 21.00 EUR" }));
    expect(await screen.findByText("No seat has freed up yet: you keep your place on the waiting list.")).toBeInTheDocument();
    expect(leaveTo).not.toHaveBeenCalled();
  });

  it("shows why checkout could not open", async () => {
    api({
      "GET /api/rsvp/abc": [{ body: answer(null) }],
      "POST /api/rsvp/abc/checkout": [
        {
          status: 503,
          body: {
            code: "payment_provider_failed",
            detail: "The payment provider did not answer; try again in a minute.",
          },
        },
      ],
    });
    renderAt(client(page("NONE")));
    await userEvent.click(await screen.findByRole("button", { name: "Attend — pay 21.00 EUR" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The payment provider did not answer; try again in a minute.",
    );
    expect(screen.getByRole("button", { name: "Attend — pay 21.00 EUR" })).toBeEnabled();
  });

  it("keeps the seat of an unfinished checkout, until when, with a way back to paying", async () => {
    const held = { status: "held" as const, checkout_url: "https://pay.example.com/c/1" };
    api({ "GET /api/rsvp/abc": [{ body: answer(held) }] });
    renderAt(client(page("NONE")));
    const until = formatClock("2030-01-01T17:15:00Z");
    const time = await screen.findByText(until);
    expect(time.closest("p")).toHaveTextContent(`Your seat is kept until ${until}.`);
    expect(screen.getByRole("link", { name: "Continue to payment" })).toHaveAttribute(
      "href",
      "https://pay.example.com/c/1",
    );
    expect(screen.queryByRole("button", { name: /Attend — pay/ })).not.toBeInTheDocument();
  });

  it("shows a paid ticket: its code, the total paid, the join link and the calendar", async () => {
    api({ "GET /api/rsvp/abc": [{ body: answer({ status: "paid", code: "7KQ2-M9XD" }, "attending") }] });
    renderAt(client(page("ATTENDING", "https://meet.example.com/x")));
    const ticket = await screen.findByRole("region", { name: "Your ticket" });
    expect(within(ticket).getByText("7KQ2-M9XD")).toHaveClass("ticket-code");
    expect(ticket).toHaveTextContent("Total paid21.00 EUR");
    expect(within(ticket).getByRole("link", { name: "https://meet.example.com/x" })).toBeInTheDocument();
    expect(within(ticket).getByRole("group", { name: "Add to calendar" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Changed your mind?" })).not.toBeInTheDocument();
  });

  it("copies the ticket code", async () => {
    api({ "GET /api/rsvp/abc": [{ body: answer({ status: "paid", code: "7KQ2-M9XD" }, "attending") }] });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderAt(client(page("ATTENDING")));
    await user.click(await screen.findByRole("button", { name: "Copy code" }));
    expect(await navigator.clipboard.readText()).toBe("7KQ2-M9XD");
    expect(screen.getByText("Code copied.")).toBeInTheDocument();
  });

  it("gives up a ticket only after saying that nothing is refunded", async () => {
    const fetch = api({
      "GET /api/rsvp/abc": [
        { body: answer({ status: "paid", code: "7KQ2-M9XD" }, "attending") },
        { body: answer({ status: "forfeited", code: "7KQ2-M9XD" }, "declined") },
      ],
      "POST /api/rsvp/abc": [{ body: answer({ status: "forfeited", code: "7KQ2-M9XD" }, "declined") }],
    });
    renderAt(client(page("ATTENDING"), page("DECLINED")));
    await userEvent.click(await screen.findByRole("button", { name: "Give up my ticket" }));
    const dialog = screen.getByRole("dialog", { name: "Give up your ticket?" });
    expect(dialog).toHaveAccessibleDescription(/Nothing is refunded: the 21.00 EUR you paid stays paid/);
    expect(fetch).not.toHaveBeenCalledWith("/api/rsvp/abc", expect.objectContaining({ method: "POST" }));

    await userEvent.click(within(dialog).getByRole("button", { name: "Yes, give it up" }));
    expect(await screen.findByRole("heading", { name: "You've declined" })).toBeInTheDocument();
    const post = fetch.mock.calls.find(([, init]) => init?.method === "POST");
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ response: "declined", forfeit_ticket: true });
    expect(screen.getByText("You gave up ticket 7KQ2-M9XD; it was not refunded.")).toBeInTheDocument();
  });

  it("after paying, waits for the payment to be confirmed, then shows the ticket", async () => {
    const fetch = api({
      "GET /api/rsvp/abc": [
        { body: answer({ status: "held", checkout_url: "https://pay.example.com/c/1" }) },
        { body: answer({ status: "held", checkout_url: "https://pay.example.com/c/1" }) },
        { body: answer({ status: "paid", code: "7KQ2-M9XD" }, "attending") },
      ],
    });
    const router = renderAt(client(page("NONE"), page("ATTENDING", "https://meet.example.com/x")), "/rsvp/abc?checkout=paid");
    expect(screen.getByRole("status")).toHaveTextContent("Payment received, confirming your ticket…");
    expect(screen.queryByRole("link", { name: "Continue to payment" })).not.toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(CONFIRM_POLL_MS));
    expect(screen.getByText("Payment received, confirming your ticket…")).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(CONFIRM_POLL_MS));

    expect(await screen.findByText("7KQ2-M9XD")).toBeInTheDocument();
    expect(screen.getByText("Payment confirmed: you're in, Ann!")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "https://meet.example.com/x" })).toBeInTheDocument();
    expect(screen.queryByText("Payment received, confirming your ticket…")).not.toBeInTheDocument();
    expect(router.state.location.search).toBe("");
    const polls = fetch.mock.calls.length;
    await act(() => vi.advanceTimersByTimeAsync(5 * CONFIRM_POLL_MS));
    expect(fetch.mock.calls.length).toBe(polls); // no more polling once paid
  });

  it("stops waiting after a while, and offers to look again", async () => {
    api({ "GET /api/rsvp/abc": [{ body: answer({ status: "held", checkout_url: "https://pay.example.com/c/1" }) }] });
    renderAt(client(page("NONE")), "/rsvp/abc?checkout=paid");
    await act(() => vi.advanceTimersByTimeAsync(CONFIRM_WITHIN_MS + 2 * CONFIRM_POLL_MS));
    expect(screen.getByText(/Your payment is taking longer than usual to confirm/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Check again" }));
    expect(screen.getByText("Payment received, confirming your ticket…")).toBeInTheDocument();
  });

  it("after paying for a seat that was gone meanwhile, says the money goes back", async () => {
    api({ "GET /api/rsvp/abc": [{ body: answer({ status: "refunded", code: "7KQ2-M9XD" }, "waitlisted") }] });
    renderAt(client(page("WAITLISTED")), "/rsvp/abc?checkout=paid");
    expect(await screen.findByText(/Ticket 7KQ2-M9XD was refunded in full: 21.00 EUR goes back/)).toBeInTheDocument();
    expect(screen.queryByText("Payment received, confirming your ticket…")).not.toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "You're on the waiting list" })).toBeInTheDocument();
  });

  it("does not start paying from the email's one-click 'attending' link", async () => {
    const fetch = api({ "GET /api/rsvp/abc": [{ body: answer(null) }] });
    const mock = client(page("NONE"));
    renderAt(mock, "/rsvp/abc?answer=attending");
    expect(await screen.findByRole("button", { name: "Attend — pay 21.00 EUR" })).toBeInTheDocument();
    expect(mock.executeMutation).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalledWith(expect.stringContaining("checkout"), expect.anything());
  });

  it("shows the ticket's price with the meetup's facts", async () => {
    api({ "GET /api/rsvp/abc": [{ body: answer(null) }] });
    renderAt(client(page("NONE")));
    expect(screen.getByText("Ticket 20.00 EUR")).toBeInTheDocument();
    await screen.findByRole("button", { name: "Attend — pay 21.00 EUR" });
  });

  it("tells someone waiting that a seat is kept for them, until when, and not that it is full", async () => {
    const until = "2030-01-02T17:00:00Z"; // an offer is kept for a day
    api({ "GET /api/rsvp/abc": [{ body: answer({ status: "held", expires_at: until }, "waitlisted") }] });
    renderAt(client(page("WAITLISTED")));
    expect(await screen.findByRole("heading", { name: "A seat is kept for you" })).toBeInTheDocument();
    const deadline = screen.getByText((_, element) => element?.getAttribute("datetime") === until);
    expect(deadline).toHaveTextContent(formatWhen(until));
    expect(screen.queryByRole("heading", { name: "You're on the waiting list" })).not.toBeInTheDocument();
    expect(screen.queryByText(/full for now/)).not.toBeInTheDocument();
    const box = screen.getByRole("region", { name: "Take your seat?" });
    expect(within(box).getByRole("button", { name: "Attend — pay 21.00 EUR" })).toBeEnabled();
  });

  it("once an offer has ended, says they are waiting again", async () => {
    const ended = "2030-01-01T16:00:00Z"; // before NOW
    api({ "GET /api/rsvp/abc": [{ body: answer({ status: "held", expires_at: ended }, "waitlisted") }] });
    renderAt(client(page("WAITLISTED")));
    expect(await screen.findByRole("heading", { name: "You're on the waiting list" })).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "A seat is kept for you" })).not.toBeInTheDocument();
  });
});
