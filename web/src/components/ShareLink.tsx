import { useState } from "react";

/** The address of a public meetup's own page (/m/{id}): what a link preview and a search
 * engine read, with the meetup's title, picture and time. */
export function publicPageUrl(meetupId: string): string {
  return `${window.location.origin}/m/${meetupId}`;
}

/** Share a public meetup: the system's share sheet where there is one, else copy its link. */
export function ShareLink({ meetupId, title }: { meetupId: string; title: string }) {
  const [copied, setCopied] = useState(false);
  const url = publicPageUrl(meetupId);

  async function share() {
    if (navigator.share) {
      try {
        await navigator.share({ title, url });
      } catch {
        // Dismissed: nothing to do.
      }
      return;
    }
    await navigator.clipboard.writeText(url);
    setCopied(true);
  }

  return (
    <p className="share-link">
      <button type="button" className="button button-small button-ghost" onClick={() => void share()}>
        Share
      </button>{" "}
      <a href={url} className="muted small">
        {copied ? "Link copied" : url}
      </a>
    </p>
  );
}
