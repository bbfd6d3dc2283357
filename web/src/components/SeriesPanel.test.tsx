import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MeetupSeries } from "../lib/series";
import { setSession } from "../lib/session";
import { formatWhen } from "../lib/time";
import { SeriesPanel } from "./SeriesPanel";

const SERIES: MeetupSeries = {
  id: "s1",
  summary: "Monthly on the 2nd Tuesday, 6 times",
  first_starts_at: "2030-06-11T19:00:00+02:00",
  timezone: "Europe/Berlin",
  published: true,
  occurrences: [
    { occurrence: 1, meetup_id: "m1", starts_at: "2030-06-11T19:00:00+02:00", status: "published" },
    { occurrence: 2, meetup_id: "m2", starts_at: "2030-07-09T19:00:00+02:00", status: "cancelled" },
    { occurrence: 3, meetup_id: "m3", starts_at: "2030-08-13T19:00:00+02:00", status: "published" },
  ],
  skipped: [2],
};

type Reply = { status?: number; body: unknown; type?: string };

/** ``fetch`` answering each "METHOD path" with its reply. */
function api(routes: Record<string, Reply>) {
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? "GET"} ${String(input)}`;
    const reply = routes[key];
    if (!reply) throw new Error(`unexpected ${key}`);
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    return new Response(text, {
      status: reply.status ?? 200,
      headers: { "Content-Type": reply.type ?? "application/json" },
    });
  });
  vi.stubGlobal("fetch", mock);
  return mock;
}

function renderPanel(meetupId = "m3") {
  return render(
    <MemoryRouter>
      <SeriesPanel meetupId={meetupId} title="Founders' dinner" timezone="Europe/Berlin" />
    </MemoryRouter>,
  );
}

beforeEach(() => {
  setSession({ accessToken: "access-1", user: { id: "u1", isGuest: false } });
});

afterEach(() => {
  setSession(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("SeriesPanel", () => {
  it("shows the series in words, which occurrence this is, and its dates in the meetup's zone", async () => {
    const fetch = api({ "GET /api/meetups/m3/series": { body: SERIES } });
    renderPanel();
    const panel = await screen.findByRole("region", { name: "Monthly series" });
    expect(within(panel).getByText("Monthly on the 2nd Tuesday, 6 times")).toBeInTheDocument();
    expect(within(panel).getByText("Occurrence 3")).toBeInTheDocument();
    const dates = within(panel).getByRole("list", { name: "Dates of the series" });
    const items = within(dates).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual([
      `${formatWhen("2030-06-11T17:00:00Z", "Europe/Berlin")}Published`,
      `${formatWhen("2030-07-09T17:00:00Z", "Europe/Berlin")}Cancelled`,
      `${formatWhen("2030-08-13T17:00:00Z", "Europe/Berlin")}Published`,
    ]);
    const links = within(dates).getAllByRole("link");
    expect(links.map((link) => link.getAttribute("href"))).toEqual(["/meetups/m1", "/meetups/m2", "/meetups/m3"]);
    expect(links[2]).toHaveAttribute("aria-current", "page");
    // The cancelled date is struck through.
    expect(items[1]?.querySelector("s time")).toHaveAttribute("dateTime", "2030-07-09T19:00:00+02:00");
    const headers = new Headers(fetch.mock.calls[0]?.[1]?.headers);
    expect(headers.get("Authorization")).toBe("Bearer access-1");
  });

  it("shows nothing for a meetup that does not repeat", async () => {
    const fetch = api({
      "GET /api/meetups/m9/series": { status: 404, body: { code: "series_not_found", detail: "Not found." } },
    });
    const { container } = renderPanel("m9");
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await act(() => new Promise((settled) => window.setTimeout(settled, 0)));
    expect(container).toBeEmptyDOMElement();
  });

  it("says when the next dates come for a series not published yet", async () => {
    api({
      "GET /api/meetups/m1/series": {
        body: { ...SERIES, published: false, occurrences: SERIES.occurrences.slice(0, 1).map((o) => ({ ...o, status: "draft" })) },
      },
    });
    renderPanel("m1");
    expect(await screen.findByText("The next dates are added when the first one is published.")).toBeInTheDocument();
    expect(screen.getByText("Occurrence 1")).toBeInTheDocument();
    expect(screen.getByRole("listitem")).toHaveTextContent("Draft");
  });

  it("downloads the whole series as a calendar file", async () => {
    const fetch = api({
      "GET /api/meetups/m3/series": { body: SERIES },
      "GET /api/meetups/m3/series.ics": { body: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", type: "text/calendar" },
    });
    // jsdom makes no object URLs (kept for the file: the URL is revoked a second later).
    const createObjectURL = vi.fn((_file: Blob) => "blob:series");
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderPanel();
    await userEvent.click(await screen.findByRole("button", { name: "Add the series to your calendar" }));
    await vi.waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.download).toBe("founders-dinner-series.ics");
    expect(clicked[0]?.href).toBe("blob:series");
    expect(await createObjectURL.mock.calls[0]?.[0].text()).toContain("BEGIN:VCALENDAR");
    const [, init] = fetch.mock.calls.find(([input]) => String(input).endsWith(".ics")) ?? [];
    expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer access-1");
  });

  it("says why the calendar file could not be made", async () => {
    api({
      "GET /api/meetups/m3/series": { body: SERIES },
      "GET /api/meetups/m3/series.ics": { status: 503, body: { code: "unavailable", detail: "Try again later." } },
    });
    renderPanel();
    await userEvent.click(await screen.findByRole("button", { name: "Add the series to your calendar" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Try again later.");
  });
});
