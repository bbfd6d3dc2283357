import { useCallback, useEffect, useState } from "react";
import { ErrorBanner, ErrorPage, Notice, Spinner } from "../components/ui";
import { leaveTo } from "../lib/navigation";
import {
  fetchStatement,
  payOut,
  payoutOnboarding,
  problemText,
  signedAmount,
  type EntryKind,
  type LedgerEntry,
  type Statement,
} from "../lib/payments";

export const KIND_WORDS: Record<EntryKind, string> = {
  sale: "Ticket sold",
  platform_fee: "Service fee",
  refund: "Refund to a buyer",
  fee_refund: "Service fee returned",
  payout: "Paid out to you",
};

const NOTHING_TO_PAY_OUT = "There is no money available to pay out yet.";

function day(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" }).format(
    new Date(iso),
  );
}

/** The organizer's ledger, newest first: what happened, when, and by how much. */
export function LedgerTable({ entries, labelledBy }: { entries: LedgerEntry[]; labelledBy?: string }) {
  return (
    <table className="ledger" aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">What</th>
          <th scope="col" className="amount">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <time dateTime={entry.recorded_at}>{day(entry.recorded_at)}</time>
            </td>
            <td>{KIND_WORDS[entry.kind] ?? entry.kind}</td>
            <td className="amount">{signedAmount(entry.amount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What an organizer earned from tickets, what may be paid out, and paying it out. */
export function BalancePage() {
  const [statement, setStatement] = useState<Statement | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<"setup" | "payout" | null>(null);

  const load = useCallback(async () => {
    try {
      setStatement(await fetchStatement());
      setLoadProblem(null);
    } catch (error) {
      setLoadProblem(problemText(error, "Could not load your balance."));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function setUpPayouts() {
    setProblem(null);
    setDone(null);
    setBusy("setup");
    try {
      const { onboarding_url } = await payoutOnboarding();
      leaveTo(onboarding_url); // the provider sends the organizer back here
      return;
    } catch (error) {
      setProblem(problemText(error, "Could not open the payout setup."));
    }
    setBusy(null);
  }

  async function payOutNow() {
    setProblem(null);
    setDone(null);
    setBusy("payout");
    try {
      const { payouts } = await payOut();
      if (payouts.length === 0) {
        // Also said as 409 nothing_to_pay_out; an empty list means the same to the organizer.
        setProblem(NOTHING_TO_PAY_OUT);
        setBusy(null);
        return;
      }
      // A payout is a debit of the balance; the organizer reads it as money received.
      const amounts = payouts.map((entry) =>
        signedAmount({ ...entry.amount, amount_minor: Math.abs(entry.amount.amount_minor) }),
      );
      setDone(`Paid out ${amounts.join(" and ")}. It reaches your bank in a few days.`);
      await load();
    } catch (error) {
      setProblem(problemText(error, "Could not pay out."));
    }
    setBusy(null);
  }

  if (!statement && !loadProblem) return <Spinner label="Loading your balance…" />;
  if (!statement) return <ErrorPage message={loadProblem ?? "Could not load your balance."} retry={() => void load()} />;

  const account = statement.payout_account;
  return (
    <section className="page narrow">
      <h1>Balance</h1>
      <p className="muted">
        What your paid meetups earned. Money from a ticket can be paid out once its meetup has
        ended.
      </p>

      {statement.balances.length ? (
        <ul className="balances" aria-label="Balances">
          {statement.balances.map((balance) => (
            <li key={balance.currency} className="balance">
              <h2 className="balance-currency">{balance.currency}</h2>
              <dl>
                <div>
                  <dt>Total</dt>
                  <dd>{signedAmount(balance.total)}</dd>
                </div>
                <div>
                  <dt>Available for payout</dt>
                  <dd>{signedAmount(balance.available)}</dd>
                </div>
              </dl>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No ticket sold yet. When someone buys a ticket to one of your meetups, it shows here.</p>
      )}

      <section className="panel" aria-labelledby="payouts-title">
        <h2 id="payouts-title">Payouts</h2>
        {account ? (
          <p>Payouts are set up: available money goes to your bank account.</p>
        ) : (
          <p>Set up payouts to publish paid meetups: tell the payment provider where to pay you.</p>
        )}
        <ErrorBanner>{problem}</ErrorBanner>
        {done ? <Notice>{done}</Notice> : null}
        <div className="actions">
          {account ? (
            <>
              <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void payOutNow()}>
                {busy === "payout" ? "Paying out…" : "Pay out now"}
              </button>
              {/* Setting up again finishes a setup left halfway, or changes the bank account. */}
              <button type="button" className="button button-ghost" disabled={busy !== null} onClick={() => void setUpPayouts()}>
                {busy === "setup" ? "Opening the setup…" : "Change payout details"}
              </button>
            </>
          ) : (
            <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void setUpPayouts()}>
              {busy === "setup" ? "Opening the setup…" : "Set up payouts"}
            </button>
          )}
        </div>
      </section>

      <h2 id="history">History</h2>
      {statement.entries.length ? (
        <LedgerTable entries={statement.entries} labelledBy="history" />
      ) : (
        <p className="muted">Nothing yet.</p>
      )}
    </section>
  );
}
