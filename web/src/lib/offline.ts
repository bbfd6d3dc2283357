/**
 * What a signed-in person can still read with the network off: the last answers of "My
 * meetups" and of their answer pages, kept by the app itself in this browser's storage.
 *
 * Why here and not in the service worker: the app reads them through GraphQL POSTs, which no
 * Workbox strategy caches, and a cache keyed by URL would in any case hand one person's answers
 * to the next person signing in on a shared device (the bearer token is a header, not part of
 * the URL). So the copy belongs to one person: it names its owner, is replaced when another
 * person's answers come, and is dropped when the person signs out. No session token is kept;
 * the answer links kept (to open an answer page offline) are the person's own, already in the
 * browser's history.
 */
import type { CombinedError } from "urql";
import type { SessionUser } from "./session";

const STORE = "slsplay.offline";
/** Answer pages kept beyond My meetups' own: the most recently read. */
const MOST = 30;

interface Kept {
  data: unknown;
  savedAt: string;
}

interface Copy {
  user: SessionUser;
  entries: Record<string, Kept>;
}

function read(): Copy | null {
  try {
    const text = window.localStorage.getItem(STORE);
    return text ? (JSON.parse(text) as Copy) : null;
  } catch {
    return null;
  }
}

function write(copy: Copy): void {
  try {
    window.localStorage.setItem(STORE, JSON.stringify(copy));
  } catch {
    // Storage full or forbidden (private mode): the app works, only not offline.
  }
}

/** Keep ``data`` as ``user``'s last answer for ``key`` (another person's copy is dropped). */
export function keepCopy(user: SessionUser, key: string, data: unknown, now: Date = new Date()): void {
  const found = read();
  const entries = found?.user.id === user.id ? found.entries : {};
  entries[key] = { data, savedAt: now.toISOString() };
  const newest = Object.entries(entries)
    .sort(([, a], [, b]) => b.savedAt.localeCompare(a.savedAt))
    .slice(0, MOST);
  write({ user, entries: Object.fromEntries(newest) });
}

/** ``userId``'s last answer for ``key``, with when it came; none for anyone else. */
export function copyFor<T>(userId: string, key: string): { data: T; savedAt: string } | null {
  const found = read();
  if (found?.user.id !== userId) return null;
  const kept = found.entries[key];
  return kept ? { data: kept.data as T, savedAt: kept.savedAt } : null;
}

/** The person whose answers this browser keeps (to show them while the server is unreachable). */
export function keptUser(): SessionUser | null {
  return read()?.user ?? null;
}

/** Drop the copy: at sign-out, and when the server says nobody is signed in here. */
export function forgetCopy(): void {
  try {
    window.localStorage.removeItem(STORE);
  } catch {
    // Nothing could be kept either.
  }
}

/** Whether a query failed for want of a network (not a refusal of the server). */
export function unreachable(error: CombinedError | undefined): boolean {
  return Boolean(error?.networkError) && !error?.response;
}
