export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];
export const VIDEO_TYPES = ["video/mp4", "video/quicktime", "video/webm"];
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const VIDEO_MAX_BYTES = 200 * 1024 * 1024;

export type MediaKind = "PHOTO" | "VIDEO";

/** The kind of a file the server takes, or the reason it does not take it. */
export function checkFile(file: { type: string; size: number }): { kind: MediaKind } | { error: string } {
  const kind: MediaKind | null = PHOTO_TYPES.includes(file.type)
    ? "PHOTO"
    : VIDEO_TYPES.includes(file.type)
      ? "VIDEO"
      : null;
  if (!kind) {
    return {
      error:
        "That type of file is not taken: photos as JPEG, PNG or WebP, videos as MP4, MOV or WebM.",
    };
  }
  const limit = kind === "PHOTO" ? PHOTO_MAX_BYTES : VIDEO_MAX_BYTES;
  if (file.size > limit) {
    return { error: "The file is too large: photos take up to 10 MB, videos up to 200 MB." };
  }
  if (file.size === 0) return { error: "The file is empty." };
  return { kind };
}

/** POST the form fields, in order, then the file last; resolves when storage answers 2xx. */
export function postUpload(
  url: string,
  fields: { name: string; value: string }[],
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const field of fields) form.append(field.name, field.value);
    form.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else {
        reject(new Error(`The upload was refused (HTTP ${xhr.status}).`));
      }
    });
    xhr.addEventListener("error", () => reject(new Error("The upload failed: the connection was lost.")));
    xhr.addEventListener("abort", () => reject(new Error("The upload was cancelled.")));
    xhr.send(form);
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
