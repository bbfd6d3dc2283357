/** The signed-in person's session, kept in localStorage and shared with every request. */

export interface SessionUser {
  id: string;
  email?: string | null;
  name?: string | null;
  isGuest: boolean;
}

export interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: SessionUser;
}

const KEY = "slsplay.session";
type Listener = (session: StoredSession | null) => void;
const listeners = new Set<Listener>();

function read(): StoredSession | null {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as StoredSession;
    return parsed && typeof parsed.accessToken === "string" ? parsed : null;
  } catch {
    return null;
  }
}

let current: StoredSession | null = typeof window === "undefined" ? null : read();

export function getSession(): StoredSession | null {
  return current;
}

export function setSession(session: StoredSession | null): void {
  current = session;
  try {
    if (session) window.localStorage.setItem(KEY, JSON.stringify(session));
    else window.localStorage.removeItem(KEY);
  } catch {
    // Private mode without storage: the session lives in memory only.
  }
  listeners.forEach((listener) => listener(session));
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== "undefined") {
  // Another tab signed in or out.
  window.addEventListener("storage", (event) => {
    if (event.key === KEY) {
      current = read();
      listeners.forEach((listener) => listener(current));
    }
  });
}
