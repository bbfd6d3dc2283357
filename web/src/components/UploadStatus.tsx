export type UploadPhase = "uploading" | "processing" | "ready" | "failed";

/** Where one upload stands: a progress bar, then processing, then ready or the failure. */
export function UploadStatus({
  fileName,
  phase,
  progress = 0,
  reason,
  kind = "PHOTO",
}: {
  fileName: string;
  phase: UploadPhase;
  progress?: number;
  reason?: string | null;
  kind?: "PHOTO" | "VIDEO";
}) {
  const noun = kind === "VIDEO" ? "Video" : "Photo";
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    <div className={`upload-status upload-${phase}`} aria-live="polite">
      <div className="upload-name">{fileName}</div>
      {phase === "uploading" ? (
        <>
          <progress max={100} value={percent} aria-label={`Uploading ${fileName}`}>
            {percent}%
          </progress>
          <div className="upload-text">Uploading… {percent}%</div>
        </>
      ) : null}
      {phase === "processing" ? (
        <div className="upload-text" role="status">
          <span className="spinner spinner-small" aria-hidden="true" /> Processing {noun.toLowerCase()}…
        </div>
      ) : null}
      {phase === "ready" ? (
        <div className="upload-text upload-ok" role="status">
          {noun} ready
        </div>
      ) : null}
      {phase === "failed" ? (
        <div className="upload-text upload-bad" role="alert">
          {noun} failed{reason ? `: ${reason}` : ""}
        </div>
      ) : null}
    </div>
  );
}
