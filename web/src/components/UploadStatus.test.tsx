import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { checkFile } from "../lib/upload";
import { UploadStatus } from "./UploadStatus";

describe("UploadStatus", () => {
  it("shows a progress bar while uploading", () => {
    render(<UploadStatus fileName="cover.jpg" phase="uploading" progress={0.42} />);
    const bar = screen.getByRole("progressbar", { name: "Uploading cover.jpg" });
    expect(bar).toHaveAttribute("value", "42");
    expect(screen.getByText("Uploading… 42%")).toBeInTheDocument();
  });

  it("shows the processing state", () => {
    render(<UploadStatus fileName="talk.mp4" phase="processing" progress={1} kind="VIDEO" />);
    expect(screen.queryByRole("progressbar")).not.toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Processing video…");
  });

  it("says when the photo is ready", () => {
    render(<UploadStatus fileName="cover.jpg" phase="ready" />);
    expect(screen.getByRole("status")).toHaveTextContent("Photo ready");
  });

  it("shows the reason of a failure", () => {
    render(<UploadStatus fileName="broken.jpg" phase="failed" reason="The file is not an image." />);
    expect(screen.getByRole("alert")).toHaveTextContent("Photo failed: The file is not an image.");
  });
});

describe("checkFile", () => {
  it("takes photos and videos of the supported types and sizes", () => {
    expect(checkFile({ type: "image/webp", size: 1000 })).toEqual({ kind: "PHOTO" });
    expect(checkFile({ type: "video/quicktime", size: 150 * 1024 * 1024 })).toEqual({ kind: "VIDEO" });
  });

  it("refuses what the server would refuse", () => {
    expect(checkFile({ type: "image/gif", size: 1000 })).toEqual({
      error: "That type of file is not taken: photos as JPEG, PNG or WebP, videos as MP4, MOV or WebM.",
    });
    expect(checkFile({ type: "image/jpeg", size: 10 * 1024 * 1024 + 1 })).toEqual({
      error: "The file is too large: photos take up to 10 MB, videos up to 200 MB.",
    });
  });
});
