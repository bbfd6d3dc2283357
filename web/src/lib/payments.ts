/**
 * Paid meetups over the REST API (GraphQL does not carry payments yet): the quote and ticket
 * of an answer link, checkout, giving a ticket up, and the organizer's balance and payouts.
 */
import { authFetch } from "./client";
import { ApiProblem, problemFrom, reach } from "./rest";
import { currencyDigits } from "./validation";

/** An amount as the API gives it: minor units (signed in the ledger), and how to show it. */
export interface Money {
  amount_minor: number;
  currency: string;
  display: string;
}

export interface Quote {
  price: Money;
  fee: Money | null;
  total: Money;
}

export type TicketStatus = "held" | "paid" | "lapsed" | "forfeited" | "refunded";

export interface Ticket {
  id: string;
  status: TicketStatus;
  code: string | null; // once paid (also when forfeited or refunded)
  total: Money;
  checkout_url: string | null; // while held
  expires_at: string | null; // the end of the hold, while held
}

/** ``GET /api/rsvp/{token}``: only what the web app reads of it (the meetup comes over GraphQL). */
export interface RsvpAnswer {
  invitation: { email: string; name: string | null; response: string };
  quote: Quote | null;
  ticket: Ticket | null;
}

export interface CheckoutAnswer {
  checkout: { url: string; expires_at: string } | null;
  ticket: Ticket | null;
  invitation: { response: string };
}

export type EntryKind = "sale" | "platform_fee" | "refund" | "fee_refund" | "payout";

export interface LedgerEntry {
  id: string;
  kind: EntryKind;
  amount: Money;
  meetup_id: string | null;
  recorded_at: string;
  available_at: string;
}

export interface Balance {
  currency: string;
  total: Money;
  available: Money;
}

export interface Statement {
  balances: Balance[];
  entries: LedgerEntry[];
  payout_account: { id: string } | null;
}

const SESSION_ENDED = "Your session has ended. Please log in again.";

async function call<T>(path: string, init: RequestInit = {}, signedIn = false): Promise<T> {
  const response = await reach(() =>
    (signedIn ? authFetch : fetch)(path, {
      ...init,
      headers: { Accept: "application/json", ...init.headers },
    }),
  );
  const body = (await response.json().catch(() => null)) as
    | (T & { code?: unknown; detail?: unknown })
    | null;
  if (!response.ok || body === null) {
    throw problemFrom(response.status, body, response.status === 401 ? SESSION_ENDED : undefined);
  }
  return body;
}

function jsonBody(value: unknown): RequestInit {
  return { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(value) };
}

const rsvp = (token: string) => `/api/rsvp/${encodeURIComponent(token)}`;

/** The quote and the ticket of an answer link (no account needed: the token is the key). */
export function fetchAnswer(token: string): Promise<RsvpAnswer> {
  return call<RsvpAnswer>(rsvp(token));
}

/** Keep a seat and open the provider's checkout; ``checkout`` is null when the meetup is full. */
export function startCheckout(token: string): Promise<CheckoutAnswer> {
  return call<CheckoutAnswer>(`${rsvp(token)}/checkout`, { method: "POST" });
}

/** Decline, giving up a paid ticket: nothing is refunded. */
export function giveUpTicket(token: string): Promise<RsvpAnswer> {
  return call<RsvpAnswer>(rsvp(token), jsonBody({ response: "declined", forfeit_ticket: true }));
}

export function fetchStatement(): Promise<Statement> {
  return call<Statement>("/api/me/balance", {}, true);
}

/** The provider's page where the organizer says where to be paid. */
export function payoutOnboarding(): Promise<{ onboarding_url: string }> {
  return call<{ onboarding_url: string }>("/api/me/payout-account", { method: "POST" }, true);
}

export function payOut(): Promise<{ payouts: LedgerEntry[] }> {
  return call<{ payouts: LedgerEntry[] }>("/api/me/payouts", { method: "POST" }, true);
}

/** The message to show for anything a call threw. */
export function problemText(error: unknown, fallback: string): string {
  return error instanceof ApiProblem ? error.message : fallback;
}

/**
 * A ledger amount with its sign, e.g. "−1.00 EUR" (a true minus, read out as "minus"), in
 * the API's "12.50 EUR" form. Made here from ``amount_minor`` so a debit always reads right.
 */
export function signedAmount(money: Pick<Money, "amount_minor" | "currency">): string {
  const digits = currencyDigits(money.currency) ?? 2;
  const size = Math.abs(money.amount_minor);
  const major = Math.floor(size / 10 ** digits);
  const minor = String(size % 10 ** digits).padStart(digits, "0");
  const number = digits ? `${major}.${minor}` : String(major);
  return `${money.amount_minor < 0 ? "\u2212" : ""}${number} ${money.currency}`;
}

export { ApiProblem };
