import { useEffect, useRef, useState } from "react";
import type { MediaFieldsFragment } from "../gql/graphql";

/** HLS natively where the browser plays it (Safari), else through hls.js, else the MP4. */
export function VideoPlayer({ media, title }: { media: MediaFieldsFragment; title: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  const mp4 =
    media.renditions.find((r) => r.name.startsWith("720p") && r.contentType === "video/mp4") ??
    media.renditions.find((r) => r.contentType === "video/mp4");
  const [fallback, setFallback] = useState<string | null>(null);

  useEffect(() => {
    const video = ref.current;
    const stream = media.streamUrl;
    if (!video) return undefined;
    if (!stream) {
      setFallback(mp4?.url ?? null);
      return undefined;
    }
    if (video.canPlayType("application/vnd.apple.mpegurl")) {
      video.src = stream;
      return undefined;
    }
    let destroyed = false;
    let hls: { destroy: () => void } | null = null;
    import("hls.js")
      .then(({ default: Hls }) => {
        if (destroyed) return;
        if (!Hls.isSupported()) {
          setFallback(mp4?.url ?? null);
          return;
        }
        const player = new Hls();
        hls = player;
        player.on(Hls.Events.ERROR, (_event, data) => {
          if (data.fatal) {
            player.destroy();
            setFallback(mp4?.url ?? null);
          }
        });
        player.loadSource(stream);
        player.attachMedia(video);
      })
      .catch(() => setFallback(mp4?.url ?? null));
    return () => {
      destroyed = true;
      hls?.destroy();
    };
  }, [media.streamUrl, mp4?.url]);

  return (
    <video
      ref={ref}
      className="video"
      controls
      playsInline
      preload="metadata"
      poster={media.posterUrl ?? undefined}
      aria-label={`Video: ${title}`}
      src={fallback ?? undefined}
    />
  );
}
