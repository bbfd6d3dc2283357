import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { leaveTo } from "../lib/navigation";
import type { LedgerEntry, Statement } from "../lib/payments";
import { setSession } from "../lib/session";
import { BalancePage } from "./BalancePage";

vi.mock("../lib/navigation", () => ({ leaveTo: vi.fn() }));

const money = (amount_minor: number, currency = "EUR") => ({
  amount_minor,
  currency,
  display: `${currency === "JPY" ? amount_minor : (amount_minor / 100).toFixed(2)} ${currency}`,
});

function entry(kind: LedgerEntry["kind"], amount_minor: number, currency = "EUR"): LedgerEntry {
  return {
    id: `${kind}-${currency}`,
    kind,
    amount: money(amount_minor, currency),
    meetup_id: "m1",
    recorded_at: "2030-03-12T10:00:00Z",
    available_at: "2030-03-20T10:00:00Z",
  };
}

const EARNED: Statement = {
  balances: [
    { currency: "EUR", total: money(2000), available: money(0) },
    { currency: "JPY", total: money(3000, "JPY"), available: money(3000, "JPY") },
  ],
  entries: [entry("platform_fee", -100), entry("sale", 2100), entry("sale", 3000, "JPY")],
  payout_account: { id: "acct_1" },
};

type Reply = { status?: number; body: unknown };

function api(routes: Record<string, Reply[]>) {
  const seen: Record<string, number> = {};
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const key = `${init?.method ?? "GET"} ${String(input)}`;
    const replies = routes[key];
    if (!replies) throw new Error(`unexpected ${key}`);
    const reply = replies[Math.min(seen[key] ?? 0, replies.length - 1)] as Reply;
    seen[key] = (seen[key] ?? 0) + 1;
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200 });
  });
  vi.stubGlobal("fetch", mock);
  return mock;
}

function renderPage() {
  return render(
    <MemoryRouter initialEntries={["/balance"]}>
      <BalancePage />
    </MemoryRouter>,
  );
}

const day = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" }).format(new Date(iso));

beforeEach(() => {
  setSession({ accessToken: "access-1", user: { id: "u1", isGuest: false } });
});

afterEach(() => {
  setSession(null);
  vi.unstubAllGlobals();
  vi.mocked(leaveTo).mockReset();
});

describe("BalancePage", () => {
  it("shows each currency's total and what is available for payout", async () => {
    const fetch = api({ "GET /api/me/balance": [{ body: EARNED }] });
    renderPage();
    const balances = await screen.findByRole("list", { name: "Balances" });
    const [eur, jpy] = within(balances).getAllByRole("listitem");
    expect(eur).toHaveTextContent("EURTotal20.00 EURAvailable for payout0.00 EUR");
    expect(jpy).toHaveTextContent("JPYTotal3000 JPYAvailable for payout3000 JPY");
    const headers = new Headers(fetch.mock.calls[0]?.[1]?.headers);
    expect(headers.get("Authorization")).toBe("Bearer access-1");
  });

  it("lists the entries in words, with signed amounts and their dates", async () => {
    api({ "GET /api/me/balance": [{ body: EARNED }] });
    renderPage();
    const table = await screen.findByRole("table", { name: "History" });
    const rows = within(table)
      .getAllByRole("row")
      .map((row) => within(row).getAllByRole(row.querySelector("th") ? "columnheader" : "cell").map((c) => c.textContent));
    const when = day("2030-03-12T10:00:00Z");
    expect(rows).toEqual([
      ["Date", "What", "Amount"],
      [when, "Service fee", "\u22121.00 EUR"],
      [when, "Ticket sold", "21.00 EUR"],
      [when, "Ticket sold", "3000 JPY"],
    ]);
  });

  it("says when nothing was sold yet, and offers to set up payouts", async () => {
    api({
      "GET /api/me/balance": [{ body: { balances: [], entries: [], payout_account: null } }],
      "POST /api/me/payout-account": [{ body: { onboarding_url: "https://pay.example.com/onboard/1" } }],
    });
    renderPage();
    expect(await screen.findByText(/No ticket sold yet/)).toBeInTheDocument();
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Pay out now" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Set up payouts" }));
    expect(leaveTo).toHaveBeenCalledWith("https://pay.example.com/onboard/1");
  });

  it("shows why a payout was refused", async () => {
    api({
      "GET /api/me/balance": [{ body: EARNED }],
      "POST /api/me/payouts": [
        {
          status: 409,
          body: { code: "nothing_to_pay_out", detail: "There is no money available to pay out yet." },
        },
      ],
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Pay out now" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("There is no money available to pay out yet.");
  });

  it("says there is nothing to pay out when no payout was made", async () => {
    api({ "GET /api/me/balance": [{ body: EARNED }], "POST /api/me/payouts": [{ body: { payouts: [] } }] });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Pay out now" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("There is no money available to pay out yet.");
    expect(screen.queryByText(/Paid out/)).not.toBeInTheDocument();
  });

  it("confirms a payout and shows the balance after it", async () => {
    const after: Statement = {
      ...EARNED,
      balances: [{ currency: "JPY", total: money(0, "JPY"), available: money(0, "JPY") }],
      entries: [entry("payout", -3000, "JPY"), ...EARNED.entries],
    };
    api({
      "GET /api/me/balance": [{ body: EARNED }, { body: after }],
      "POST /api/me/payouts": [{ body: { payouts: [entry("payout", -3000, "JPY")] } }],
    });
    renderPage();
    await userEvent.click(await screen.findByRole("button", { name: "Pay out now" }));
    expect(await screen.findByText(/Paid out 3000 JPY\./)).toBeInTheDocument();
    expect(await screen.findByRole("cell", { name: "Paid out to you" })).toBeInTheDocument();
  });

  it("says so when the balance cannot be loaded", async () => {
    api({ "GET /api/me/balance": [{ status: 503, body: { code: "unavailable", detail: "Try again later." } }] });
    renderPage();
    expect(await screen.findByRole("alert")).toHaveTextContent("Try again later.");
  });
});
