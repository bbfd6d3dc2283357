/** What a person sees when a page fails to render: words, and a way back, never a blank page. */
import { Component, type ErrorInfo, type ReactNode } from "react";

/**
 * The page that replaces one that crashed. Plain links, not the router's: it also shows when
 * the router itself is what failed.
 */
export function CrashPage() {
  return (
    <section className="page narrow" role="alert">
      <h1>Something went wrong</h1>
      <p>This page could not be shown. Reloading often helps; your data is safe.</p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
        <a className="button button-ghost" href="/">
          Go to the start page
        </a>
      </div>
    </section>
  );
}

/** Shows CrashPage instead of its children once one of them throws while rendering. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // For whoever opens the console; the page itself shows no stack.
    console.error("A page failed to render", error, info.componentStack);
  }

  render(): ReactNode {
    return this.state.failed ? <CrashPage /> : this.props.children;
  }
}
