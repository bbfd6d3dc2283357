import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ShareLink } from "./ShareLink";

describe("ShareLink", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("links the meetup's public page", () => {
    render(<ShareLink meetupId="M1" title="Wine" />);
    expect(screen.getByRole("link")).toHaveAttribute("href", `${window.location.origin}/m/M1`);
  });

  it("copies the link where the browser has no share sheet", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal("navigator", { clipboard: { writeText } });
    render(<ShareLink meetupId="M1" title="Wine" />);
    fireEvent.click(screen.getByRole("button", { name: "Share" }));
    await waitFor(() => expect(screen.getByText("Link copied")).toBeInTheDocument());
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/m/M1`);
  });
});
