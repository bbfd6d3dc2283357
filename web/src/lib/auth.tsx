import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Provider } from "urql";
import { makeClient } from "./client";
import { getSession, setSession, subscribe, type StoredSession } from "./session";

interface AuthValue {
  session: StoredSession | null;
  signIn: (session: StoredSession) => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthValue>({
  session: null,
  signIn: () => undefined,
  signOut: () => undefined,
});

export function useAuth(): AuthValue {
  return useContext(AuthContext);
}

/** The session and a GraphQL client of its own (a new person never sees the last one's cache). */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setState] = useState<StoredSession | null>(getSession);
  useEffect(() => subscribe(setState), []);
  const userId = session?.user.id ?? "";
  const client = useMemo(() => makeClient(), [userId]);
  const value = useMemo<AuthValue>(
    () => ({
      session,
      signIn: (next) => setSession(next),
      signOut: () => setSession(null),
    }),
    [session],
  );
  return (
    <AuthContext.Provider value={value}>
      <Provider value={client}>{children}</Provider>
    </AuthContext.Provider>
  );
}
