import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { Layout } from "./Layout";

function renderLayout() {
  const router = createMemoryRouter(
    [
      {
        element: <Layout />,
        children: [
          { index: true, element: <h1>Start</h1> },
          { path: "discover", element: <h1>Discover meetups</h1> },
        ],
      },
    ],
    { initialEntries: ["/"] },
  );
  render(<RouterProvider router={router} />);
}

describe("Layout's menu", () => {
  // A new page scrolls to the top, which jsdom does not implement.
  beforeEach(() => vi.spyOn(window, "scrollTo").mockImplementation(() => undefined));

  it("says whether it is open, closes on Escape and gives focus back to its button", async () => {
    const user = userEvent.setup();
    renderLayout();
    const menu = screen.getByRole("button", { name: "Menu" });
    expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(menu).toHaveAttribute("aria-controls", expect.stringMatching(/.+/));

    await user.click(menu);
    expect(menu).toHaveAttribute("aria-expanded", "true");
    await user.tab();
    expect(screen.getByRole("link", { name: "Discover" })).toHaveFocus();
    await user.keyboard("{Escape}");
    expect(menu).toHaveAttribute("aria-expanded", "false");
    expect(menu).toHaveFocus();
  });

  it("closes when a link in it is followed, or on a tap elsewhere", async () => {
    const user = userEvent.setup();
    renderLayout();
    const menu = screen.getByRole("button", { name: "Menu" });
    await user.click(menu);
    await user.click(screen.getByRole("link", { name: "Discover" }));
    expect(await screen.findByRole("heading", { name: "Discover meetups" })).toBeInTheDocument();
    expect(menu).toHaveAttribute("aria-expanded", "false");

    await user.click(menu);
    await user.click(screen.getByRole("heading", { name: "Discover meetups" }));
    expect(menu).toHaveAttribute("aria-expanded", "false");
  });
});
