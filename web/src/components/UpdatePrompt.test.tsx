import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { announceUpdate } from "../lib/updates";
import { UpdatePrompt } from "./UpdatePrompt";

describe("UpdatePrompt", () => {
  it("says nothing until a new version waits, then reloads into it on request", async () => {
    render(<UpdatePrompt />);
    expect(screen.queryByText("A new version is ready")).not.toBeInTheDocument();

    const apply = vi.fn(async () => undefined);
    act(() => announceUpdate(apply));
    const prompt = screen.getByRole("status");
    expect(prompt).toHaveTextContent("A new version is ready");
    const reload = screen.getByRole("button", { name: "Reload" });
    await userEvent.click(reload);
    expect(apply).toHaveBeenCalledOnce();
    expect(reload).toBeDisabled();
  });
});
