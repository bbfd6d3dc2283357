/**
 * The organizer's Insights of a meetup: the funnel's steps as shares of the invited, money in
 * a currency's own decimals, the answers and revenue summed up for charts' text alternatives,
 * and the CSV export fetched with the organizer's token.
 */
import type { InsightsFunnel, MeetupInsightsQuery } from "../gql/graphql";
import { authFetch } from "./client";
import { problemOf, reach } from "./rest";

export type Insights = NonNullable<NonNullable<MeetupInsightsQuery["meetup"]>["insights"]>;
export type HourOfAnswers = Insights["answersByHour"][number];
export type DayOfRevenue = Insights["revenueByDay"][number];

export type FunnelStep = keyof Omit<InsightsFunnel, "__typename">;

/** The funnel from the invitation to the meetup itself, in the order people go through it. */
export const FUNNEL_STEPS: readonly { step: FunnelStep; label: string }[] = [
  { step: "invited", label: "Invited" },
  { step: "emailed", label: "Emailed" },
  { step: "opened", label: "Opened the invitation" },
  { step: "answered", label: "Answered" },
  { step: "attending", label: "Attending" },
  { step: "joined", label: "Joined the meetup" },
];

/** Answers that leave the funnel, shown beside it. */
export const FUNNEL_ASIDE: readonly { step: FunnelStep; label: string }[] = [
  { step: "declined", label: "Declined" },
  { step: "waiting", label: "On the waiting list" },
];

// The app's words are English; its numbers are written the same way (see plural.ts).
const LOCALE = "en";
const PERCENT = new Intl.NumberFormat(LOCALE, { style: "percent", maximumFractionDigits: 0 });

/** ``count`` as a share of ``whole`` ("75%"), or null when there is no whole to share. */
export function shareOf(count: number, whole: number): string | null {
  return whole > 0 ? PERCENT.format(count / whole) : null;
}

/** Whether nothing has happened yet: nobody invited, no answer, no reminder, no sale. */
export function isEmpty(insights: Insights): boolean {
  const { funnel } = insights;
  return (
    [...FUNNEL_STEPS, ...FUNNEL_ASIDE].every(({ step }) => funnel[step] === 0) &&
    insights.answersByHour.length === 0 &&
    insights.reminders.length === 0 &&
    insights.revenueByDay.length === 0
  );
}

function currencyFormat(currency: string): Intl.NumberFormat {
  return new Intl.NumberFormat(LOCALE, { style: "currency", currency });
}

/** An amount in minor units in major ones (a chart's scale): 1250 EUR is 12.5, 1250 JPY 1250. */
export function majorUnits(amountMinor: number, currency: string): number {
  const digits = currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
  return amountMinor / 10 ** digits;
}

/** An amount in major units in its currency: 12.5 EUR is "€12.50". */
export function formatMajor(amount: number, currency: string): string {
  return currencyFormat(currency).format(amount);
}

/** An amount in minor units in its currency's own decimals: 1250 EUR is "€12.50", 1250 JPY "¥1,250". */
export function formatMoney(amountMinor: number, currency: string): string {
  return formatMajor(majorUnits(amountMinor, currency), currency);
}

export interface Takings {
  currency: string;
  tickets: number;
  amountMinor: number;
}

/** Tickets and revenue summed per currency (a meetup has one price, so one in practice). */
export function takings(days: readonly DayOfRevenue[]): Takings[] {
  const byCurrency = new Map<string, Takings>();
  for (const day of days) {
    const sum = byCurrency.get(day.currency) ?? { currency: day.currency, tickets: 0, amountMinor: 0 };
    sum.tickets += day.tickets;
    sum.amountMinor += day.amountMinor;
    byCurrency.set(day.currency, sum);
  }
  return [...byCurrency.values()];
}

export interface AnswerTotals {
  attending: number;
  declined: number;
  waiting: number;
}

/** The answers of every hour added up. */
export function answerTotals(hours: readonly HourOfAnswers[]): AnswerTotals {
  return hours.reduce(
    (sum, hour) => ({
      attending: sum.attending + hour.attending,
      declined: sum.declined + hour.declined,
      waiting: sum.waiting + hour.waiting,
    }),
    { attending: 0, declined: 0, waiting: 0 },
  );
}

/** Where the CSV export of a meetup's insights is. */
export function insightsCsvPath(meetupId: string): string {
  return `/api/meetups/${encodeURIComponent(meetupId)}/insights.csv`;
}

/** The CSV export of a meetup's insights, for its organizer (the request carries the token). */
export async function fetchInsightsCsv(meetupId: string): Promise<Blob> {
  const response = await reach(() => authFetch(insightsCsvPath(meetupId), { headers: { Accept: "text/csv" } }));
  if (!response.ok) throw await problemOf(response);
  return response.blob();
}
