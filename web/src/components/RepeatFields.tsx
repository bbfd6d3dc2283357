import { useId } from "react";
import {
  COUNT_MAX,
  describeRepeat,
  effectiveOn,
  repeatChoices,
  type RepeatEnd,
  type RepeatValues,
} from "../lib/series";
import { Field } from "./ui";
import "./series.css";

const ENDS: { value: RepeatEnd; label: string }[] = [
  { value: "never", label: "Never" },
  { value: "count", label: "After a number of occurrences" },
  { value: "until", label: "On a date" },
];

/** A group's error, read out with the group (radio groups take no aria-invalid). */
function GroupError({ id, children }: { id: string; children: string | null | undefined }) {
  return children ? (
    <p className="field-error" id={id}>
      {children}
    </p>
  ) : null;
}

/**
 * "Repeats monthly" and, once ticked, on which day (worded from the start ``date``) and when
 * the series ends. ``error`` gives the message of a field by the server's name.
 */
export function RepeatFields({
  value,
  date,
  onChange,
  error,
}: {
  value: RepeatValues;
  date: string;
  onChange: (next: RepeatValues) => void;
  error: (field: string) => string | null;
}) {
  const id = useId();
  const choices = repeatChoices(date);
  const on = effectiveOn(value.on, date);
  const set = <K extends keyof RepeatValues>(key: K, next: RepeatValues[K]) => onChange({ ...value, [key]: next });
  const onError = error("recurrence.nth") ?? error("recurrence.by") ?? error("recurrence.frequency") ?? error("recurrence");
  const summary = describeRepeat(value, date);

  return (
    <div className="repeat">
      <div className="series-check">
        <input
          id={`${id}-repeats`}
          type="checkbox"
          checked={value.repeats}
          onChange={(e) => set("repeats", e.target.checked)}
        />
        <label htmlFor={`${id}-repeats`}>Repeats monthly</label>
      </div>
      {value.repeats ? (
        <div className="repeat-options">
          <fieldset className="series-choices" aria-describedby={onError ? `${id}-on-error` : undefined}>
            <legend>On</legend>
            {choices.length ? (
              choices.map((choice) => (
                <div className="series-check" key={choice.value}>
                  <input
                    id={`${id}-on-${choice.value}`}
                    type="radio"
                    name={`${id}-on`}
                    value={choice.value}
                    checked={on === choice.value}
                    onChange={() => set("on", choice.value)}
                  />
                  <label htmlFor={`${id}-on-${choice.value}`}>{choice.label}</label>
                </div>
              ))
            ) : (
              <p className="hint">Choose the date first.</p>
            )}
            <GroupError id={`${id}-on-error`}>{onError}</GroupError>
          </fieldset>
          <fieldset className="series-choices">
            <legend>Ends</legend>
            {ENDS.map((end) => (
              <div className="series-check" key={end.value}>
                <input
                  id={`${id}-ends-${end.value}`}
                  type="radio"
                  name={`${id}-ends`}
                  value={end.value}
                  checked={value.ends === end.value}
                  onChange={() => set("ends", end.value)}
                />
                <label htmlFor={`${id}-ends-${end.value}`}>{end.label}</label>
              </div>
            ))}
            {value.ends === "count" ? (
              <Field
                label="Number of occurrences"
                error={error("recurrence.count")}
                hint={`The first one included, up to ${COUNT_MAX}.`}
              >
                {(p) => (
                  <input
                    {...p}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={COUNT_MAX}
                    value={value.count}
                    onChange={(e) => set("count", e.target.value)}
                  />
                )}
              </Field>
            ) : null}
            {value.ends === "until" ? (
              <Field label="End date" error={error("recurrence.until")} hint="The last day it may take place.">
                {(p) => (
                  <input
                    {...p}
                    type="date"
                    min={date || undefined}
                    value={value.until}
                    onChange={(e) => set("until", e.target.value)}
                  />
                )}
              </Field>
            ) : null}
          </fieldset>
          {summary ? (
            <p className="hint" aria-live="polite">
              {summary}. The dates of the next 60 days are created when you publish, later ones as
              they come near.
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
