import { useMemo, useState, type FormEvent } from "react";
import { ErrorBanner, Field } from "./ui";
import { timeZones } from "../lib/time";
import {
  CATEGORIES,
  DESCRIPTION_MAX,
  describe,
  validateMeetup,
  type FieldErrors,
  type MeetupFormValues,
} from "../lib/validation";

export type { MeetupFormValues };

/**
 * The meetup's fields, checked as the server checks them before anything is sent.
 * ``serverErrors`` are the server's userErrors by field (shown next to the fields).
 */
export function MeetupForm({
  initial,
  submitLabel,
  busy,
  serverErrors,
  formError,
  keptStart,
  onSubmit,
  now = () => new Date(),
}: {
  initial: MeetupFormValues;
  submitLabel: string;
  busy?: boolean;
  serverErrors?: FieldErrors;
  formError?: string | null;
  keptStart?: Date;
  onSubmit: (values: MeetupFormValues) => void;
  now?: () => Date;
}) {
  const [values, setValues] = useState<MeetupFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const zones = useMemo(() => timeZones(), []);

  const set = <K extends keyof MeetupFormValues>(key: K, value: MeetupFormValues[K]) => {
    const next = { ...values, [key]: value };
    setValues(next);
    if (submitted) setErrors(validateMeetup(next, now(), keptStart));
  };

  const shown: FieldErrors = { ...serverErrors, ...errors };
  const err = (field: string) => {
    const message = shown[field];
    return message ? describe(field, message) : null;
  };
  const errorCount = Object.values(shown).filter(Boolean).length;

  function submit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    const found = validateMeetup(values, now(), keptStart);
    setErrors(found);
    if (Object.keys(found).length) {
      const firstField = document.querySelector<HTMLElement>("[aria-invalid='true']");
      firstField?.focus();
      return;
    }
    onSubmit(values);
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
      <div className="row">
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
      <div className="row">
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
      <button className="button button-primary button-block" type="submit" disabled={busy}>
        {busy ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
