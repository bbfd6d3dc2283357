import { useState, useSyncExternalStore } from "react";
import { onUpdate, waitingUpdate } from "../lib/updates";

/** "A new version is ready — Reload", while a newer build of the app waits to take over. */
export function UpdatePrompt() {
  const apply = useSyncExternalStore(onUpdate, waitingUpdate);
  const [reloading, setReloading] = useState(false);
  if (!apply) return null;
  return (
    <div className="update-prompt" role="status">
      <span>A new version is ready</span>
      <button
        type="button"
        className="button button-primary"
        disabled={reloading}
        onClick={() => {
          setReloading(true);
          void apply();
        }}
      >
        Reload
      </button>
    </div>
  );
}
