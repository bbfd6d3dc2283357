import { useState } from "react";
import { useMutation } from "urql";
import { CancelMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { Dialog, ErrorBanner } from "./ui";

/** "Cancel meetup" behind a confirmation dialog; everyone invited is told. */
export function CancelMeetup({ meetupGlobalId, title }: { meetupGlobalId: string; title: string }) {
  const [open, setOpen] = useState(false);
  const [{ fetching }, cancel] = useMutation(CancelMutation);
  const [problem, setProblem] = useState<string | null>(null);

  async function confirm() {
    setProblem(null);
    const result = await cancel({ id: meetupGlobalId });
    const payload = result.data?.cancelMeetup;
    if (payload?.meetup && payload.userErrors.length === 0) {
      setOpen(false);
      return;
    }
    setProblem(payload?.userErrors[0]?.message ?? errorMessage(result.error) ?? "Could not cancel.");
  }

  return (
    <>
      <button type="button" className="button button-danger-ghost button-block" onClick={() => setOpen(true)}>
        Cancel meetup
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Cancel this meetup?" describedBy="cancel-text">
        <p id="cancel-text">
          “{title}” will be called off and everyone invited is told by email. This cannot be undone.
        </p>
        <ErrorBanner>{problem}</ErrorBanner>
        <div className="actions">
          <button type="button" className="button" onClick={() => setOpen(false)} autoFocus>
            Keep meetup
          </button>
          <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={fetching}>
            {fetching ? "Cancelling…" : "Yes, cancel it"}
          </button>
        </div>
      </Dialog>
    </>
  );
}
