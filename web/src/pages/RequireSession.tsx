import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { Spinner } from "../components/ui";
import { useAuth } from "../lib/auth";

/**
 * A page for signed-in people (guests too); others are sent to log in and come back. With
 * ``offline``, the page also opens for a signed-in person whose session cannot be restored for
 * want of a network: it shows their kept copy.
 */
export function RequireSession({ children, offline = false }: { children: ReactNode; offline?: boolean }) {
  const { session, restoring, offlineUser } = useAuth();
  const location = useLocation();
  if (!session && restoring) return <Spinner />;
  if (!session && !(offline && offlineUser)) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  return <>{children}</>;
}
