import type { CombinedError } from "urql";
import { SessionEnded } from "./client";

/** A message a person can read from a failed GraphQL request. */
export function errorMessage(error: CombinedError | undefined | null): string | null {
  if (!error) return null;
  if (error.networkError) {
    const response = error.response as Response | undefined;
    const ended = response?.status === 401 || error.networkError instanceof SessionEnded;
    if (ended) return "Your session has ended. Please log in again.";
    return "Cannot reach the server. Check your connection and try again.";
  }
  const first = error.graphQLErrors[0];
  return first?.message ?? error.message;
}
