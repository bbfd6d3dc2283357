import { formatWhen } from "../lib/time";

/** Says that what follows is the last copy kept on this device, and from when. */
export function OfflineNotice({ savedAt }: { savedAt: string | null }) {
  if (!savedAt) return null;
  return (
    <div className="banner banner-info" role="status">
      Offline, as of <time dateTime={savedAt}>{formatWhen(savedAt)}</time>: this is the last copy on this device.
    </div>
  );
}
