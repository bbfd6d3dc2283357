import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { Provider, type Client } from "urql";
import { describe, expect, it, vi } from "vitest";
import { fromValue, never } from "wonka";
import { PublishPanel } from "./PublishPanel";

function client(mutation: unknown, query: unknown = never): Client {
  return {
    executeQuery: vi.fn(() => query),
    executeMutation: vi.fn(() => mutation),
    executeSubscription: vi.fn(() => never),
  } as unknown as Client;
}

function refused(code: string, message: string) {
  return fromValue({ data: { publishMeetup: { meetup: null, userErrors: [{ field: null, code, message }] } } });
}

function renderPanel(mock: Client) {
  render(
    <Provider value={mock}>
      <MemoryRouter>
        <PublishPanel meetupGlobalId="TWVldHVwOjE=" meetupId="1" onPublished={() => undefined} />
      </MemoryRouter>
    </Provider>,
  );
}

describe("PublishPanel", () => {
  it("sends an organizer without payouts to set them up on the balance page", async () => {
    const message = "Set up payouts first: paid meetups need an account to pay the organizer.";
    renderPanel(client(refused("payout_account_required", message)));
    await userEvent.click(screen.getByRole("button", { name: "Publish and send invitations" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(message);
    expect(screen.getByRole("link", { name: "Set up payouts" })).toHaveAttribute("href", "/balance");
  });

  it("asks an account to confirm its address, keeps the draft, and offers a new link", async () => {
    const message = "Confirm your email address first: open the link we emailed you. Your drafts are kept.";
    const mock = client(refused("verification_required", message));
    renderPanel(mock);
    await userEvent.click(screen.getByRole("button", { name: "Publish and send invitations" }));
    expect(await screen.findByRole("heading", { name: "Confirm your email address to publish" })).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Resend the confirmation email" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "I have confirmed it: publish" }));
    expect(mock.executeMutation).toHaveBeenCalledTimes(2);
  });

  it("asks an account whose address is not confirmed before the first click", async () => {
    const viewer = { id: "VXNlcjox", email: "ada@example.com", name: "Ada", isGuest: false, emailVerified: false };
    renderPanel(client(never, fromValue({ data: { viewer } })));
    expect(await screen.findByRole("heading", { name: "Confirm your email address to publish" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Publish and send invitations" })).not.toBeInTheDocument();
  });

  it("shows other refusals without the payouts link", async () => {
    renderPanel(client(refused("meetup_started", "The meetup has started.")));
    await userEvent.click(screen.getByRole("button", { name: "Publish and send invitations" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The meetup has started.");
    expect(screen.queryByRole("link", { name: "Set up payouts" })).not.toBeInTheDocument();
  });
});
