import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Spinner } from "../components/ui";
import { useAuth } from "../lib/auth";

/** A page for signed-in people (guests too); others are sent to log in and come back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session, restoring } = useAuth();
  const location = useLocation();
  if (!session && restoring) return <Spinner />;
  if (!session) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}
