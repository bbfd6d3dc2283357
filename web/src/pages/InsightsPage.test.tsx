import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { Provider, type Client } from "urql";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fromValue } from "wonka";
import type { MeetupInsightsQuery } from "../gql/graphql";
import { formatMoney } from "../lib/insights";
import { setSession } from "../lib/session";
import { InsightsPage } from "./InsightsPage";

type Shown = NonNullable<MeetupInsightsQuery["meetup"]>;
type Insights = NonNullable<Shown["insights"]>;

const NOTHING: Insights = {
  funnel: { invited: 0, emailed: 0, opened: 0, answered: 0, attending: 0, declined: 0, waiting: 0, joined: 0 },
  answersByHour: [],
  reminders: [],
  revenueByDay: [],
};

// The journey: 20 invited, 15 opened, 10 answered, 2 reminders, 6 joined.
const JOURNEY: Insights = {
  funnel: { invited: 20, emailed: 20, opened: 15, answered: 10, attending: 8, declined: 2, waiting: 0, joined: 6 },
  answersByHour: [
    { hour: "2030-01-01T09:00:00+00:00", attending: 5, declined: 1, waiting: 0 },
    { hour: "2030-01-01T11:00:00+00:00", attending: 3, declined: 1, waiting: 0 },
  ],
  reminders: [
    { leadHours: 24, sentAt: "2030-01-09T17:00:00+00:00", sent: 10, answeredAfter: 2, joinedAfter: 1 },
    { leadHours: 1, sentAt: "2030-01-10T16:00:00+00:00", sent: 8, answeredAfter: 0, joinedAfter: 3 },
  ],
  revenueByDay: [],
};

function meetup(changes: Partial<Shown> = {}): Shown {
  return { id: btoa("Meetup:m1"), meetupId: "m1", title: "Jazz night", price: null, insights: JOURNEY, ...changes };
}

function client(shown: Shown | null): Client {
  return {
    executeQuery: vi.fn(() => fromValue({ data: { meetup: shown } })),
    executeMutation: vi.fn(),
    executeSubscription: vi.fn(),
  } as unknown as Client;
}

function renderPage(shown: Shown | null) {
  const router = createMemoryRouter([{ path: "/meetups/:meetupId/insights", element: <InsightsPage /> }], {
    initialEntries: ["/meetups/m1/insights"],
  });
  render(
    <Provider value={client(shown)}>
      <RouterProvider router={router} />
    </Provider>,
  );
}

const heading = () => screen.findByRole("heading", { name: "Insights" });

beforeEach(() => {
  // jsdom draws no canvas: the charts keep their text alternatives, as in such a browser.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});

afterEach(() => {
  setSession(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("InsightsPage", () => {
  it("shows each step of the funnel with its share of the invited", async () => {
    renderPage(meetup());
    await heading();
    const steps = within(screen.getByRole("list", { name: "Funnel" })).getAllByRole("listitem");
    expect(steps.map((step) => step.textContent)).toEqual([
      "Invited20",
      "Emailed20 · 100%",
      "Opened the invitation15 · 75%",
      "Answered10 · 50%",
      "Attending8 · 40%",
      "Joined the meetup6 · 30%",
    ]);
    const aside = screen.getByRole("list", { name: "Beside the funnel" });
    expect(aside).toHaveTextContent("Declined: 2 (10%)");
    expect(aside).toHaveTextContent("On the waiting list: 0 (0%)");
  });

  it("charts the answers over time with a summary and a table of the same numbers", async () => {
    renderPage(meetup());
    await heading();
    const chart = screen.getByRole("img", { name: /^Answers by hour/ });
    expect(chart.tagName).toBe("CANVAS");
    expect(chart).toHaveAccessibleName(expect.stringContaining("2 hours with answers"));
    expect(chart).toHaveAccessibleName(expect.stringContaining("8 attending, 2 declined, 0 on the waiting list"));
    const rows = within(screen.getByRole("table", { name: "Answers by hour" })).getAllByRole("row").slice(1);
    const counts = rows.map((row) => within(row).getAllByRole("cell").slice(1).map((cell) => cell.textContent));
    expect(counts).toEqual([
      ["5", "1", "0"],
      ["3", "1", "0"],
    ]);
  });

  it("lists each reminder and what followed it", async () => {
    renderPage(meetup());
    await heading();
    const rows = within(screen.getByRole("table", { name: "Reminders" })).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent(/^24 hours before.*10.*2.*1$/);
    expect(rows[2]).toHaveTextContent(/^1 hour before.*8.*0.*3$/);
  });

  it("shows an empty state before anything happened", async () => {
    renderPage(meetup({ insights: NOTHING }));
    await heading();
    expect(screen.getByRole("heading", { name: "Nothing to show yet" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Invite people" })).toHaveAttribute("href", "/meetups/m1/invite");
    expect(screen.queryByRole("list", { name: "Funnel" })).not.toBeInTheDocument();
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Export CSV" })).not.toBeInTheDocument();
  });

  it("shows tickets and revenue only for a paid meetup", async () => {
    renderPage(meetup());
    await heading();
    expect(screen.queryByRole("heading", { name: "Tickets and revenue" })).not.toBeInTheDocument();
    expect(screen.queryByRole("img", { name: /^Revenue/ })).not.toBeInTheDocument();
  });

  it("adds up the revenue of a paid meetup in its currency", async () => {
    const revenueByDay = [
      { day: "2030-01-02", tickets: 2, amountMinor: 2500, currency: "EUR" },
      { day: "2030-01-03", tickets: 98, amountMinor: 122_500, currency: "EUR" },
    ];
    renderPage(meetup({ price: { amountMinor: 1250, currency: "EUR" }, insights: { ...JOURNEY, revenueByDay } }));
    await heading();
    const section = screen.getByRole("region", { name: "Tickets and revenue" });
    expect(within(section).getByText("€1,250.00").parentElement).toHaveTextContent("€1,250.00 from 100 tickets");
    expect(screen.getByRole("img", { name: /^Revenue by day/ })).toHaveAccessibleName(
      expect.stringContaining("€1,250.00 from 100 tickets"),
    );
    expect(within(section).getByText("€25.00")).toBeInTheDocument();
  });

  it("writes amounts in the currency's own decimals", () => {
    expect(formatMoney(123456, "EUR")).toBe("€1,234.56");
    expect(formatMoney(5, "USD")).toBe("$0.05");
    expect(formatMoney(1200, "JPY")).toBe("¥1,200");
    // Three decimals, after a no-break space.
    expect(formatMoney(1234, "KWD")).toBe("KWD\u00a01.234");
  });

  it("shows a yen meetup's revenue without decimals", async () => {
    const revenueByDay = [{ day: "2030-01-02", tickets: 3, amountMinor: 4500, currency: "JPY" }];
    renderPage(meetup({ price: { amountMinor: 1500, currency: "JPY" }, insights: { ...JOURNEY, revenueByDay } }));
    await heading();
    const section = screen.getByRole("region", { name: "Tickets and revenue" });
    expect(section).toHaveTextContent("¥4,500 from 3 tickets");
  });

  it("exports the CSV with the organizer's token, named after the meetup", async () => {
    setSession({ accessToken: "access-1", user: { id: "VXNlcjpvcmc=", isGuest: false } });
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response("hour,attending\n", { headers: { "Content-Type": "text/csv" } }),
    );
    vi.stubGlobal("fetch", fetch);
    const createObjectURL = vi.fn((_file: Blob) => "blob:insights");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    renderPage(meetup());
    await heading();
    await userEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    expect(await screen.findByRole("button", { name: "Export CSV" })).toBeEnabled();
    const [path, init] = fetch.mock.calls[0] ?? [];
    expect(path).toBe("/api/meetups/m1/insights.csv");
    expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer access-1");
    expect(await createObjectURL.mock.calls[0]?.[0].text()).toBe("hour,attending\n");
    expect(downloads).toEqual(["jazz-night-insights.csv"]);
  });

  it("says so when the export is refused", async () => {
    setSession({ accessToken: "access-1", user: { id: "VXNlcjpvcmc=", isGuest: false } });
    const problem = { status: 403, title: "Forbidden", detail: "Only the organizer can export this.", code: "forbidden" };
    vi.stubGlobal("fetch", vi.fn(async () => Response.json(problem, { status: 403 })));
    renderPage(meetup());
    await heading();
    await userEvent.click(screen.getByRole("button", { name: "Export CSV" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Only the organizer can export this.");
  });

  it("tells anyone but the organizer no more than of a missing meetup", async () => {
    renderPage(meetup({ insights: null }));
    expect(await screen.findByText("There is no such meetup, or it is not yours.")).toBeInTheDocument();
    expect(screen.queryByRole("heading", { name: "Insights" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Export CSV" })).not.toBeInTheDocument();
  });
});
