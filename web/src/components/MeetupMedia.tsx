/** A meetup's photos and video as its guests see them, on its page and on the answer page alike. */
import type { MediaFieldsFragment } from "../gql/graphql";
import { Picture } from "./Picture";
import { VideoPlayer } from "./VideoPlayer";

export interface ShownMedia {
  cover: MediaFieldsFragment | null;
  videos: MediaFieldsFragment[];
  /** The ready photos other than the cover. */
  others: MediaFieldsFragment[];
}

/** What is ready to show: the cover (the chosen one, else the first photo), the videos and the rest. */
export function shownMedia(media: MediaFieldsFragment[], coverImage: MediaFieldsFragment | null): ShownMedia {
  const photos = media.filter((m) => m.kind === "PHOTO" && m.status === "READY");
  const videos = media.filter((m) => m.kind === "VIDEO" && m.status === "READY");
  const cover = coverImage ?? photos[0] ?? null;
  return { cover, videos, others: photos.filter((p) => p.mediaId !== cover?.mediaId) };
}

export function MeetupVideos({ videos, title }: { videos: MediaFieldsFragment[]; title: string }) {
  return (
    <>
      {videos.map((video) => (
        <VideoPlayer key={video.mediaId} media={video} title={title} />
      ))}
    </>
  );
}

export function MeetupGallery({ photos, title }: { photos: MediaFieldsFragment[]; title: string }) {
  if (!photos.length) return null;
  return (
    <section aria-labelledby="gallery">
      <h2 id="gallery">Photos</h2>
      <div className="gallery">
        {photos.map((p) => (
          <Picture key={p.mediaId} media={p} alt={`Photo of ${title}`} sizes="(min-width: 720px) 340px, 50vw" />
        ))}
      </div>
    </section>
  );
}
