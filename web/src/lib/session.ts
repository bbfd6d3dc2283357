/**
 * The signed-in person's session, in memory only and shared with every request.
 *
 * The access token never touches storage; the refresh token never reaches this code at all:
 * the server keeps it in an HttpOnly cookie of the refresh route (``client.ts`` trades it for a
 * new session after a reload). What localStorage keeps is only a mark that someone is signed
 * in, no token: whether a reload should ask for the session, and how other tabs learn of a
 * sign-in or out.
 */

export interface SessionUser {
  id: string;
  email?: string | null;
  name?: string | null;
  isGuest: boolean;
}

export interface StoredSession {
  accessToken: string;
  user: SessionUser;
}

const SIGNED_IN = "slsplay.signedIn";
type Listener = (session: StoredSession | null) => void;
const listeners = new Set<Listener>();
let current: StoredSession | null = null;

export function getSession(): StoredSession | null {
  return current;
}

export function setSession(session: StoredSession | null): void {
  current = session;
  try {
    if (session) window.localStorage.setItem(SIGNED_IN, "1");
    else window.localStorage.removeItem(SIGNED_IN);
  } catch {
    // Private mode without storage: a reload asks for the session anyway.
  }
  listeners.forEach((listener) => listener(session));
}

/** Whether a session may be waiting in the refresh cookie (someone signed in, and not out). */
export function mayBeSignedIn(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN) !== null;
  } catch {
    return true;
  }
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Another tab signed in (``restore`` asks for the session) or out (this one forgets it). */
export function followOtherTabs(restore: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== SIGNED_IN) return;
    if (event.newValue === null) {
      current = null;
      listeners.forEach((listener) => listener(null));
    } else {
      restore();
    }
  };
  window.addEventListener("storage", onStorage);
  return () => window.removeEventListener("storage", onStorage);
}
