import { useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { useMutation, useQuery } from "urql";
import { MeetupForm, type MeetupSubmission } from "../components/MeetupForm";
import { occurrenceOf, useSeries } from "../components/SeriesPanel";
import { ErrorBanner, ErrorPage, Spinner } from "../components/ui";
import { CreateMeetupMutation, MeetupQuery, UpdateMeetupMutation } from "../lib/documents";
import { errorMessage } from "../lib/errors";
import { meetupGlobalId } from "../lib/ids";
import { emptyValues, splitUserErrors, toCreateInput, toInput, valuesOf } from "../lib/meetupInput";
import type { FieldErrors } from "../lib/validation";

export function CreateMeetup() {
  const navigate = useNavigate();
  const [{ fetching }, create] = useMutation(CreateMeetupMutation);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [initial] = useState(() => emptyValues());

  async function submit(values: MeetupSubmission) {
    setFormError(null);
    setServerErrors({});
    const result = await create({ input: toCreateInput(values) });
    const payload = result.data?.createMeetup;
    if (payload?.meetup) {
      navigate(`/meetups/${payload.meetup.meetupId}`);
      return;
    }
    if (!payload) {
      setFormError(errorMessage(result.error) ?? "Could not create the meetup.");
      return;
    }
    const split = splitUserErrors(payload.userErrors);
    setServerErrors(split.fields);
    setFormError(split.form);
  }

  return (
    <section className="page narrow">
      <h1>New meetup</h1>
      <MeetupForm
        initial={initial}
        submitLabel="Create draft"
        busy={fetching}
        serverErrors={serverErrors}
        formError={formError}
        offerRepeat
        onSubmit={submit}
      />
    </section>
  );
}

export function EditMeetup() {
  const { meetupId = "" } = useParams();
  const id = meetupGlobalId(meetupId);
  const navigate = useNavigate();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: MeetupQuery, variables: { id } });
  const [{ fetching: saving }, update] = useMutation(UpdateMeetupMutation);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Whether it is an occurrence of a series: then the change may apply to those to come too.
  // Asked only once the meetup says it has one (while it loads, its spinner shows).
  const series = useSeries(meetupId, undefined, !data?.meetup?.seriesId);

  if ((!data && fetching) || series.loading) return <Spinner label="Loading the meetup…" />;
  if (!data) {
    return (
      <ErrorPage
        message={errorMessage(error) ?? "Could not load the meetup."}
        retry={() => reexecute({ requestPolicy: "network-only" })}
      />
    );
  }
  const meetup = data.meetup;
  if (!meetup) return <ErrorPage message="There is no such meetup, or it is not yours to edit." />;

  async function submit(values: MeetupSubmission) {
    if (!meetup) return;
    setFormError(null);
    setServerErrors({});
    const input = toInput(values);
    const scope = series.series ? { applyTo: values.applyTo } : {};
    const result = await update({ input: { id: meetup.id, expectedVersion: meetup.version, ...input, ...scope } });
    const payload = result.data?.updateMeetup;
    if (payload?.meetup) {
      navigate(`/meetups/${meetup.meetupId}`);
      return;
    }
    if (!payload) {
      setFormError(errorMessage(result.error) ?? "Could not save the meetup.");
      return;
    }
    const split = splitUserErrors(payload.userErrors);
    setServerErrors(split.fields);
    setFormError(split.form);
  }

  return (
    <section className="page narrow">
      <p>
        <Link to={`/meetups/${meetup.meetupId}`}>← Back to the meetup</Link>
      </p>
      <h1>Edit meetup</h1>
      {series.problem ? (
        <ErrorBanner>
          Could not tell whether this meetup repeats, so your changes apply to this date only.{" "}
          {series.problem}
        </ErrorBanner>
      ) : null}
      <MeetupForm
        key={meetup.version}
        initial={valuesOf(meetup)}
        keptStart={new Date(meetup.startsAt)}
        submitLabel="Save changes"
        busy={saving}
        serverErrors={serverErrors}
        formError={formError}
        occurrence={
          series.series ? { number: occurrenceOf(series.series, meetup.meetupId), summary: series.series.summary } : null
        }
        onSubmit={submit}
      />
    </section>
  );
}
