import { useId, useMemo, useState, type FormEvent } from "react";
import { RepeatFields } from "./RepeatFields";
import { ErrorBanner, Field } from "./ui";
import type { MeetupSubmission } from "../lib/meetupInput";
import { NO_REPEAT, REPEAT_LABELS, toRecurrence, validateRepeat, type ApplyTo, type RepeatValues } from "../lib/series";
import { timeZones } from "../lib/time";
import "./series.css";
import {
  CATEGORIES,
  DESCRIPTION_MAX,
  describe,
  validateMeetup,
  type FieldErrors,
  type MeetupFormValues,
} from "../lib/validation";

export type { MeetupFormValues, MeetupSubmission };

const APPLY_TO: { value: ApplyTo; label: string }[] = [
  { value: "this", label: "This occurrence" },
  { value: "following", label: "This and all future occurrences" },
];

/**
 * The meetup's fields, checked as the server checks them before anything is sent.
 * ``serverErrors`` are the server's userErrors by field (shown next to the fields).
 * ``offerRepeat`` adds "Repeats monthly" (a new meetup); ``occurrence`` (editing an
 * occurrence of a series) asks whether the change is for it alone or for those to come too.
 */
export function MeetupForm({
  initial,
  submitLabel,
  busy,
  serverErrors,
  formError,
  keptStart,
  offerRepeat = false,
  occurrence = null,
  onSubmit,
  now = () => new Date(),
}: {
  initial: MeetupFormValues;
  submitLabel: string;
  busy?: boolean;
  serverErrors?: FieldErrors;
  formError?: string | null;
  keptStart?: Date;
  offerRepeat?: boolean;
  occurrence?: { number: number | null; summary: string } | null;
  onSubmit: (values: MeetupSubmission) => void;
  now?: () => Date;
}) {
  const [values, setValues] = useState<MeetupFormValues>(initial);
  const [repeat, setRepeat] = useState<RepeatValues>(NO_REPEAT);
  const [applyTo, setApplyTo] = useState<ApplyTo>("this");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const zones = useMemo(() => timeZones(), []);
  const applyToId = useId();

  const check = (next: MeetupFormValues, nextRepeat: RepeatValues): FieldErrors => ({
    ...validateMeetup(next, now(), keptStart),
    ...(offerRepeat ? validateRepeat(nextRepeat, next.date) : {}),
  });

  const set = <K extends keyof MeetupFormValues>(key: K, value: MeetupFormValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (submitted) setErrors(check(next, repeat));
  };

  const changeRepeat = (next: RepeatValues) => {
    setRepeat(next);
    if (submitted) setErrors(check(values, next));
  };

  const shown: FieldErrors = { ...serverErrors, ...errors };
  const err = (field: string) => {
    const message = shown[field];
    if (!message) return null;
    const repeatLabel = REPEAT_LABELS[field];
    return repeatLabel ? `${repeatLabel} ${message}` : describe(field, message);
  };
  const errorCount = Object.values(shown).filter(Boolean).length;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const found = check(values, repeat);
    setErrors(found);
    if (Object.keys(found).length) {
      const firstField = document.querySelector<HTMLElement>("[aria-invalid='true']");
      firstField?.focus();
      return;
    }
    onSubmit({
      ...values,
      recurrence: offerRepeat ? toRecurrence(repeat, values.date) : null,
      applyTo: occurrence ? applyTo : "this",
    });
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorBanner>{formError}</ErrorBanner>
      {errorCount > 0 && submitted ? (
        <ErrorBanner>
          {errorCount === 1 ? "One field needs" : `${errorCount} fields need`} your attention.
        </ErrorBanner>
      ) : null}
      <Field label="Title" error={err("title")}>
        {(p) => (
          <input {...p} type="text" value={values.title} maxLength={200} onChange={(e) => set("title", e.target.value)} />
        )}
      </Field>
      <Field
        label="Description"
        error={err("description")}
        hint={`Markdown is supported. ${values.description.length}/${DESCRIPTION_MAX}`}
      >
        {(p) => (
          <textarea {...p} rows={5} value={values.description} onChange={(e) => set("description", e.target.value)} />
        )}
      </Field>
      <div className="row">
        <Field label="Date" error={err("startsAt")}>
          {(p) => <input {...p} type="date" value={values.date} onChange={(e) => set("date", e.target.value)} />}
        </Field>
        <Field label="Time">
          {(p) => (
            <input
              {...p}
              aria-invalid={Boolean(shown.startsAt)}
              type="time"
              value={values.time}
              onChange={(e) => set("time", e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label="Time zone" error={err("timezone")} hint="The date and time above are in this zone.">
        {(p) => (
          <select {...p} value={values.timezone} onChange={(e) => set("timezone", e.target.value)}>
            {zones.includes(values.timezone) ? null : <option value={values.timezone}>{values.timezone}</option>}
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, " ")}
              </option>
            ))}
          </select>
        )}
      </Field>
      {offerRepeat ? <RepeatFields value={repeat} date={values.date} onChange={changeRepeat} error={err} /> : null}
      <Field label="Duration (minutes)" error={err("durationMinutes")}>
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={5}
            max={1440}
            step={5}
            value={values.durationMinutes}
            onChange={(e) => set("durationMinutes", e.target.value)}
          />
        )}
      </Field>
      <Field label="Join link" error={err("joinUrl")} hint="Only the people who attend see it.">
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            placeholder="https://meet.example.com/abc"
            value={values.joinUrl}
            onChange={(e) => set("joinUrl", e.target.value)}
          />
        )}
      </Field>
      <div className="row row-wide">
        <Field label="Category" error={err("category")}>
          {(p) => (
            <select {...p} value={values.category} onChange={(e) => set("category", e.target.value)}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {c.charAt(0).toUpperCase() + c.slice(1)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Visibility" error={err("visibility")}>
          {(p) => (
            <select
              {...p}
              value={values.visibility}
              onChange={(e) => set("visibility", e.target.value as MeetupFormValues["visibility"])}
            >
              <option value="PRIVATE">Private (invite only)</option>
              <option value="PUBLIC">Public</option>
            </select>
          )}
        </Field>
      </div>
      <Field label="Capacity (optional)" error={err("capacity")} hint="Leave empty for no limit.">
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            min={1}
            value={values.capacity}
            onChange={(e) => set("capacity", e.target.value)}
          />
        )}
      </Field>
      <div className="row row-amount">
        <Field label="Price (optional)" error={err("price.amountMinor") ?? err("price")} hint="Leave empty if free.">
          {(p) => (
            <input
              {...p}
              type="text"
              inputMode="decimal"
              placeholder="0.00"
              value={values.priceAmount}
              onChange={(e) => set("priceAmount", e.target.value)}
            />
          )}
        </Field>
        <Field label="Currency" error={err("price.currency")}>
          {(p) => (
            <input
              {...p}
              type="text"
              maxLength={3}
              autoCapitalize="characters"
              value={values.currency}
              onChange={(e) => set("currency", e.target.value.toUpperCase())}
            />
          )}
        </Field>
      </div>
      {occurrence ? (
        <fieldset className="series-choices" aria-describedby={`${applyToId}-hint`}>
          <legend>Apply to</legend>
          <p className="hint" id={`${applyToId}-hint`}>
            {occurrence.number ? `This is occurrence ${occurrence.number} of a series: ` : "This meetup is part of a series: "}
            {occurrence.summary}.
          </p>
          {APPLY_TO.map((choice) => (
            <div className="series-check" key={choice.value}>
              <input
                id={`${applyToId}-${choice.value}`}
                type="radio"
                name={`${applyToId}-apply-to`}
                value={choice.value}
                checked={applyTo === choice.value}
                onChange={() => setApplyTo(choice.value)}
              />
              <label htmlFor={`${applyToId}-${choice.value}`}>{choice.label}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <button className="button button-primary button-block" type="submit" disabled={busy}>
        {busy ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
