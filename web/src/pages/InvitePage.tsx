import { useMemo, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { EmailAddress } from "../components/EmailAddress";
import { ErrorBanner, ErrorPage, Field, Notice, Spinner } from "../components/ui";
import { InvitationsQuery, InviteMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { meetupGlobalId } from "../lib/ids";
import { parseInvitees } from "../lib/invitees";
import { counted } from "../lib/plural";

const ANSWER_TEXT = {
  NONE: "No answer yet",
  ATTENDING: "Attending",
  DECLINED: "Declined",
  WAITLISTED: "On the waiting list",
} as const;

export function InvitePage() {
  const { meetupId = "" } = useParams();
  const id = meetupGlobalId(meetupId);
  const [{ data, fetching, error }, reexecute] = useQuery({ query: InvitationsQuery, variables: { id } });
  const [{ fetching: sending }, invite] = useMutation(InviteMutation);
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [success, setSuccess] = useState<string | null>(null);
  const parsed = useMemo(() => parseInvitees(text), [text]);

  if (!data && fetching) return <Spinner label="Loading invitations…" />;
  if (!data) {
    return (
      <ErrorPage
        message={errorMessage(error) ?? "Could not load the invitations."}
        retry={() => reexecute({ requestPolicy: "network-only" })}
      />
    );
  }
  const meetup = data.meetup;
  if (!meetup) return <ErrorPage message="There is no such meetup, or it is not yours." />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(null);
    setProblems([]);
    setSuccess(null);
    if (parsed.invalid.length) {
      setProblem(`These are not email addresses: ${parsed.invalid.join(", ")}`);
      return;
    }
    if (!parsed.invitees.length) {
      setProblem("Add at least one email address.");
      return;
    }
    const result = await invite({
      input: {
        meetupId: id,
        invitees: parsed.invitees.map((i) => ({ email: i.email, name: i.name })),
      },
    });
    const payload = result.data?.inviteGuests;
    if (!payload) {
      setProblem(errorMessage(result.error) ?? "Could not invite.");
      return;
    }
    if (payload.userErrors.length) {
      setProblems(
        payload.userErrors.map((e) => {
          const index = /^invitees\[(\d+)\]/.exec(e.field ?? "")?.[1];
          const who = index !== undefined ? parsed.invitees[Number(index)]?.email : undefined;
          return who ? `${who}: ${e.message}` : e.message;
        }),
      );
      return;
    }
    const count = payload.invitations.length;
    const invited = `${counted(count, "person", "people")} invited.`;
    const later = meetup?.status === "DRAFT" ? " They get their email when you publish." : "";
    setSuccess(invited + later);
    setText("");
    reexecute({ requestPolicy: "network-only" });
  }

  const invitations = meetup.invitations.nodes;
  return (
    <section className="page narrow">
      <p>
        <Link to={`/meetups/${meetup.meetupId}`}>← {meetup.title}</Link>
      </p>
      <h1>Invite people</h1>
      {meetup.status === "DRAFT" ? (
        <p className="muted">The meetup is a draft: invitations are emailed when you publish it.</p>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner>{problem}</ErrorBanner>
        {problems.length ? (
          <div className="banner banner-error" role="alert">
            <ul>
              {problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {success ? <Notice>{success}</Notice> : null}
        <Field
          label="Email addresses"
          hint={
            <>
              One per line or separated by commas. You can write names too: Ada Lovelace
              &lt;ada@example.com&gt;.
              {parsed.invitees.length ? ` ${parsed.invitees.length} ready to invite.` : ""}
            </>
          }
        >
          {(p) => (
            <textarea
              {...p}
              rows={6}
              value={text}
              placeholder={"ada@example.com\nGrace Hopper <grace@example.com>"}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <button className="button button-primary button-block" type="submit" disabled={sending}>
          {sending ? "Inviting…" : "Invite"}
        </button>
      </form>

      <h2>
        Invited <span className="muted">({meetup.counts.invited})</span>
      </h2>
      <p className="counts">
        <span>{meetup.counts.attending} attending</span>
        <span>{meetup.counts.declined} declined</span>
      </p>
      {invitations.length === 0 ? (
        <p className="muted">Nobody is invited yet.</p>
      ) : (
        <ul className="people" aria-label="Invitations">
          {invitations.map((inv) => (
            <li key={inv.id} className="person">
              <div className="person-main">
                <span className="person-name">{inv.name ?? <EmailAddress address={inv.email} />}</span>
                {inv.name ? <EmailAddress address={inv.email} className="muted small" /> : null}
              </div>
              <span className={`badge badge-answer-${inv.response.toLowerCase()}`}>{ANSWER_TEXT[inv.response]}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
