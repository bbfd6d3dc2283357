import { useEffect, useId, useRef, type ReactNode, type Ref } from "react";
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

/** The email address field of the sign-in, sign-up, code and reset forms. */
export function EmailField({
  value,
  onChange,
  error,
  hint,
  inputRef,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <Field label="Email" error={error} hint={hint}>
      {(p) => (
        <input
          {...p}
          ref={inputRef}
          type="email"
          autoComplete="email"
          inputMode="email"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const text = status.charAt(0) + status.slice(1).toLowerCase();
  return <span className={`badge badge-${status.toLowerCase()}`}>{text}</span>;
}

/**
 * A modal <dialog> shown while ``open``: the page behind is inert and Escape closes it
 * (``onClose``). ``title`` names it; its first paragraph of ``children`` should describe it.
 */
export function Dialog({
  open,
  onClose,
  title,
  describedBy,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  describedBy?: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // jsdom has no showModal: the attribute alone shows it there.
    if (open && !element.open) {
      if (typeof element.showModal === "function") element.showModal();
      else element.setAttribute("open", "");
    } else if (!open && element.open) {
      if (typeof element.close === "function") element.close();
      else element.removeAttribute("open");
    }
  }, [open]);

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} aria-describedby={describedBy} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
