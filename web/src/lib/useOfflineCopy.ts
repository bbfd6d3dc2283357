import { useEffect } from "react";
import type { CombinedError } from "urql";
import { useAuth } from "./auth";
import { copyFor, keepCopy, unreachable } from "./offline";

interface Answer<T> {
  data?: T;
  error?: CombinedError;
  stale: boolean;
}

/**
 * A query's answer, kept for the signed-in person under ``key`` each time the server gives it;
 * when the server cannot be reached, their last kept answer instead, with when it came
 * (``savedAt``, null for a live answer). ``key`` null: nothing kept (not the first page).
 */
export function useOfflineCopy<T>(key: string | null, answer: Answer<T>): { data?: T; savedAt: string | null } {
  const { session, offlineUser } = useAuth();
  const user = session?.user ?? null;
  const { data, error, stale } = answer;
  useEffect(() => {
    if (user && key && data && !error && !stale) keepCopy(user, key, data);
  }, [user, key, data, error, stale]);
  if (data || !key || !unreachable(error)) return { data, savedAt: null };
  const owner = user ?? offlineUser;
  const kept = owner ? copyFor<T>(owner.id, key) : null;
  return kept ? { data: kept.data, savedAt: kept.savedAt } : { data, savedAt: null };
}
