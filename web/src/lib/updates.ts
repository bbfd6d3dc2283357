/**
 * A new version of the app, waiting: the service worker of a newer build is installed but
 * holds back (it would swap the files under a page in use) until the person chooses to reload.
 */

type Apply = () => Promise<void>;

let waiting: Apply | null = null;
const listeners = new Set<() => void>();

/** Tell the page a new version waits; ``apply`` activates it and reloads the page. */
export function announceUpdate(apply: Apply): void {
  waiting = apply;
  listeners.forEach((listener) => listener());
}

/** How to move to the waiting version, if one waits. */
export function waitingUpdate(): Apply | null {
  return waiting;
}

export function onUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Register the service worker of a production build (the plugin's module: it knows the
 * worker's file and scope), announcing each new version that waits.
 */
export async function registerServiceWorker(): Promise<void> {
  const { registerSW } = await import("virtual:pwa-register");
  const update = registerSW({ onNeedRefresh: () => announceUpdate(() => update(true)) });
}
