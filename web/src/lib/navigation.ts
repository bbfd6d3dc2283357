/** Leaving the web app for the payment provider's pages (a module of its own, so tests can stand in). */
export function leaveTo(url: string): void {
  window.location.assign(url);
}
