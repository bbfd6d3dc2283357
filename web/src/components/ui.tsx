import { useId, type ReactNode } from "react";
import { Link } from "react-router";

export function Spinner({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

export function ErrorBanner({ children, title }: { children: ReactNode; title?: string }) {
  if (!children) return null;
  return (
    <div className="banner banner-error" role="alert">
      {title ? <strong>{title} </strong> : null}
      {children}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="banner banner-info" role="status">
      {children}
    </div>
  );
}

export function ErrorPage({ message, retry }: { message: string; retry?: () => void }) {
  return (
    <section className="page narrow">
      <h1>Something went wrong</h1>
      <ErrorBanner>{message}</ErrorBanner>
      <div className="actions">
        {retry ? (
          <button type="button" className="button" onClick={retry}>
            Try again
          </button>
        ) : null}
        <Link className="button button-ghost" to="/">
          Go to the start page
        </Link>
      </div>
    </section>
  );
}

interface FieldProps {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}

/** A labelled control with its hint and its error message, wired for screen readers. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": described || undefined })}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const text = status.charAt(0) + status.slice(1).toLowerCase();
  return <span className={`badge badge-${status.toLowerCase()}`}>{text}</span>;
}
