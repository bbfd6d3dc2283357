import type { MediaFieldsFragment } from "../gql/graphql";

type Rendition = MediaFieldsFragment["renditions"][number];

function srcset(renditions: Rendition[]): string {
  return renditions
    .filter((r) => r.width)
    .sort((a, b) => (a.width ?? 0) - (b.width ?? 0))
    .map((r) => `${r.url} ${r.width}w`)
    .join(", ");
}

/** A processed photo: WebP variants with a JPEG fallback, the browser picks the width. */
export function Picture({
  media,
  alt,
  sizes = "(min-width: 720px) 680px, 100vw",
  className,
  eager = false,
}: {
  media: Pick<MediaFieldsFragment, "renditions">;
  alt: string;
  sizes?: string;
  className?: string;
  eager?: boolean;
}) {
  const webp = media.renditions.filter((r) => r.contentType === "image/webp");
  const jpeg = media.renditions.filter((r) => r.contentType === "image/jpeg");
  const fallback = [...jpeg].sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
  const src = fallback.find((r) => (r.width ?? 0) >= 960) ?? fallback[fallback.length - 1];
  if (!src) return null;
  const first = fallback[0];
  return (
    <picture className={className}>
      {webp.length ? <source type="image/webp" srcSet={srcset(webp)} sizes={sizes} /> : null}
      <img
        src={src.url}
        srcSet={srcset(jpeg)}
        sizes={sizes}
        alt={alt}
        width={first?.width ?? undefined}
        height={first?.height ?? undefined}
        loading={eager ? "eager" : "lazy"}
        decoding="async"
      />
    </picture>
  );
}
