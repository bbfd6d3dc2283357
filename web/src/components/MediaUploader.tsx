import { useRef, useState } from "react";
import { useMutation } from "urql";
import type { MediaFieldsFragment } from "../gql/graphql";
import { RequestUploadMutation } from "../lib/documents";
import { checkFile, formatBytes, postUpload } from "../lib/upload";
import { UploadStatus, type UploadPhase } from "./UploadStatus";
import { ErrorBanner } from "./ui";

interface Current {
  fileName: string;
  mediaId: string | null;
  kind: "PHOTO" | "VIDEO";
  progress: number;
  uploaded: boolean;
  error: string | null;
}

/** Pick a photo or video, send it straight to storage, then follow its processing. */
export function MediaUploader({
  meetupId,
  media,
  onUploaded,
  onStarted,
}: {
  meetupId: string;
  media: MediaFieldsFragment[];
  onUploaded: (mediaId: string) => void;
  onStarted?: (mediaId: string) => void;
}) {
  const [, requestUpload] = useMutation(RequestUploadMutation);
  const [current, setCurrent] = useState<Current | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function start(file: File) {
    setProblem(null);
    const checked = checkFile(file);
    if ("error" in checked) {
      setProblem(checked.error);
      return;
    }
    const state: Current = {
      fileName: `${file.name} (${formatBytes(file.size)})`,
      mediaId: null,
      kind: checked.kind,
      progress: 0,
      uploaded: false,
      error: null,
    };
    setCurrent(state);
    const result = await requestUpload({
      input: { meetupId, kind: checked.kind, contentType: file.type, size: file.size },
    });
    const payload = result.data?.requestUpload;
    const refused = payload?.userErrors[0]?.message ?? result.error?.message;
    if (!payload?.upload || !payload.media || refused) {
      setCurrent(null);
      setProblem(refused ?? "The upload could not be started.");
      return;
    }
    const mediaId = payload.media.mediaId;
    setCurrent((c) => (c ? { ...c, mediaId } : c));
    onStarted?.(mediaId);
    try {
      await postUpload(payload.upload.url, payload.upload.fields, file, (fraction) =>
        setCurrent((c) => (c ? { ...c, progress: fraction } : c)),
      );
      setCurrent((c) => (c ? { ...c, uploaded: true, progress: 1 } : c));
      onUploaded(mediaId);
    } catch (e) {
      setCurrent((c) => (c ? { ...c, error: (e as Error).message } : c));
    } finally {
      if (input.current) input.current.value = "";
    }
  }

  let phase: UploadPhase = "uploading";
  let reason: string | null = null;
  if (current) {
    const server = media.find((m) => m.mediaId === current.mediaId);
    if (current.error) {
      phase = "failed";
      reason = current.error;
    } else if (server?.status === "READY") phase = "ready";
    else if (server?.status === "FAILED") {
      phase = "failed";
      reason = server.reason ?? null;
    } else if (current.uploaded) phase = "processing";
  }

  return (
    <div className="uploader">
      <label className="button button-ghost file-button">
        <input
          ref={input}
          type="file"
          className="visually-hidden-input"
          accept="image/jpeg,image/png,image/webp,video/mp4,video/quicktime,video/webm"
          aria-label="Upload a photo or video"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void start(file);
          }}
        />
        <span aria-hidden="true">Add a photo or video</span>
      </label>
      <p className="hint">Photos: JPEG, PNG or WebP up to 10 MB. Videos: MP4, MOV or WebM up to 200 MB.</p>
      <ErrorBanner>{problem}</ErrorBanner>
      {current ? (
        <UploadStatus
          fileName={current.fileName}
          phase={phase}
          progress={current.progress}
          reason={reason}
          kind={current.kind}
        />
      ) : null}
    </div>
  );
}
