import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode } from "react";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AccountNotice } from "../components/AccountNotice";
import { AuthProvider } from "../lib/auth";
import { getSession, setSession } from "../lib/session";
import { ForgotPasswordPage, ResetPasswordPage, SignInCompletePage, VerifyEmailPage } from "./AccountPages";
import { fakeApi, graphqlSession, userErrors } from "./AuthTestApi";

function Elsewhere() {
  const location = useLocation();
  return <p>{`now at ${location.pathname}${location.search}`}</p>;
}

/** The page at ``path`` as the app shows it: in strict mode, which runs effects twice. */
function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: "/signin/complete", element: <SignInCompletePage /> },
      { path: "/verify/:token", element: <VerifyEmailPage /> },
      { path: "/forgot-password", element: <ForgotPasswordPage /> },
      { path: "/reset/:token", element: <ResetPasswordPage /> },
      { path: "/account", element: <AccountNotice /> },
      { path: "*", element: <Elsewhere /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <StrictMode>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </StrictMode>,
  );
  return router;
}

afterEach(() => {
  cleanup();
  setSession(null);
  vi.unstubAllGlobals();
});

/** What the exchange answers the web app: the session, its refresh token left to the cookie. */
const EXCHANGED = {
  access_token: "a1",
  refresh_token: null,
  user: { id: "01J", email: "sofia@example.com", name: "Sofia", is_guest: false },
};

const viewer = (emailVerified: boolean, name = "Sofia") => {
  const { user } = graphqlSession(name);
  return () => ({ viewer: { ...user, emailVerified } });
};

describe("finishing a sign-in at a provider", () => {
  it("trades the one-time code for the session once, and goes on to the next page", async () => {
    const { calls } = fakeApi({ "POST /api/auth/oidc/exchange": { body: EXCHANGED } });
    renderAt("/signin/complete?code=handoff-1&next=%2Fmeetups%2F42");
    expect(screen.getByRole("status")).toHaveTextContent("Signing you in…");

    expect(await screen.findByText("now at /meetups/42")).toBeInTheDocument();
    const [exchange, ...again] = calls("POST /api/auth/oidc/exchange");
    expect(again).toEqual([]);
    expect(exchange?.body).toEqual({ code: "handoff-1" });
    // As the web app, whose refresh token the server sets as an HttpOnly cookie.
    expect(exchange?.headers.get("X-Slsplay-Client")).toBe("web");
    // Stored as a login stores it: GraphQL's ids, which the rest of the app compares with.
    expect(getSession()).toEqual({
      accessToken: "a1",
      user: { id: btoa("User:01J"), email: "sofia@example.com", name: "Sofia", isGuest: false },
    });
  });

  it("goes only to a page of this site", async () => {
    fakeApi({ "POST /api/auth/oidc/exchange": { body: EXCHANGED } });
    renderAt("/signin/complete?code=handoff-2&next=%2F%2Fevil.example.com");
    expect(await screen.findByText("now at /meetups")).toBeInTheDocument();
  });

  it("says when the code is spent or expired, with the way back to log in", async () => {
    fakeApi({
      "POST /api/auth/oidc/exchange": {
        status: 422,
        body: { code: "invalid_token", detail: "The token is invalid or has expired." },
      },
    });
    renderAt("/signin/complete?code=spent&next=%2Fmeetups");
    expect(await screen.findByRole("heading", { name: "Signing in did not work" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("This sign-in has expired or was already used.");
    expect(screen.getByRole("link", { name: "Back to log in" })).toHaveAttribute("href", "/login?next=%2Fmeetups");
    expect(getSession()).toBeNull();
  });

  it("says when the address has no code", () => {
    fakeApi({});
    renderAt("/signin/complete");
    expect(screen.getByRole("alert")).toHaveTextContent("This sign-in link is incomplete.");
  });
});

describe("confirming an email address", () => {
  it("confirms the link's token once, when the page opens", async () => {
    const { calls } = fakeApi(
      {},
      { VerifyEmail: () => ({ verifyEmail: { user: { id: "VXNlcjox", emailVerified: true }, userErrors: [] } }) },
    );
    renderAt("/verify/token-ok");
    expect(screen.getByRole("status")).toHaveTextContent("Confirming your email address…");
    expect(await screen.findByRole("heading", { name: "Your email address is confirmed" })).toBeInTheDocument();
    expect(calls("VerifyEmail").map((c) => c.variables)).toEqual([{ token: "token-ok" }]);
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login");
  });

  it("says when the link does not work, and how to get a new one", async () => {
    fakeApi(
      {},
      {
        VerifyEmail: () => ({
          verifyEmail: { user: null, userErrors: userErrors("invalid_token", "is unknown", "token") },
        }),
      },
    );
    renderAt("/verify/token-spent");
    expect(await screen.findByRole("heading", { name: "This confirmation link does not work" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("It may have expired (a link works for 3 days)");
    expect(screen.getByRole("link", { name: "Log in" })).toHaveAttribute("href", "/login?next=%2Fmeetups");
  });

  it("offers a signed-in person a new link when theirs does not work", async () => {
    setSession(graphqlSession("Sofia"));
    fakeApi(
      {},
      {
        VerifyEmail: () => ({ verifyEmail: { user: null, userErrors: userErrors("invalid_token", "is unknown") } }),
        Viewer: viewer(false),
      },
    );
    renderAt("/verify/token-old");
    expect(await screen.findByRole("button", { name: "Resend the confirmation email" })).toBeInTheDocument();
  });
});

describe("the reminder to confirm the address", () => {
  it("names who is signed in and offers a new link until the address is confirmed", async () => {
    setSession(graphqlSession("Sofia"));
    const { calls } = fakeApi(
      {},
      {
        Viewer: viewer(false),
        ResendVerification: () => ({ resendVerification: { accepted: true, userErrors: [] } }),
      },
    );
    renderAt("/account");
    expect(screen.getByText("Signed in as")).toHaveTextContent("Signed in as Sofia");
    expect(await screen.findByText(/Please confirm your email address/)).toHaveTextContent(
      "check your inbox at sofia@example.com",
    );
    await userEvent.click(screen.getByRole("button", { name: "Resend the confirmation email" }));
    expect(await screen.findByText("Sent: check your inbox for the new link.")).toBeInTheDocument();
    expect(calls("ResendVerification")).toHaveLength(1);
  });

  it("says nothing more once the address is confirmed", async () => {
    setSession(graphqlSession("Sofia"));
    const { calls } = fakeApi({}, { Viewer: viewer(true) });
    renderAt("/account");
    await waitFor(() => expect(calls("Viewer").length).toBeGreaterThan(0));
    expect(screen.getByText("Signed in as")).toBeInTheDocument();
    expect(screen.queryByText(/Please confirm your email address/)).not.toBeInTheDocument();
  });
});

describe("a forgotten password", () => {
  it("asks for the address and says to check the inbox, whatever the answer", async () => {
    const { calls } = fakeApi({}, { ForgotPassword: () => ({ forgotPassword: { accepted: true, userErrors: [] } }) });
    renderAt("/forgot-password");
    await userEvent.click(screen.getByRole("button", { name: "Email me a reset link" }));
    expect(screen.getByText("Email is required")).toBeInTheDocument();
    expect(calls("ForgotPassword")).toHaveLength(0);

    await userEvent.type(screen.getByLabelText("Email"), "ann@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Email me a reset link" }));
    expect(await screen.findByRole("status")).toHaveTextContent(
      "Check your inbox. If ann@example.com has an account, we've emailed it a link",
    );
    expect(calls("ForgotPassword")[0]?.variables).toEqual({ email: "ann@example.com" });
  });
});

describe("resetting a password from the emailed link", () => {
  it("takes a new password by sign-up's rules, signs in and goes to My meetups", async () => {
    const { calls } = fakeApi(
      {},
      { ResetPassword: () => ({ resetPassword: { session: graphqlSession("Ann"), userErrors: [] } }) },
    );
    renderAt("/reset/reset-token");
    const password = screen.getByLabelText("New password");
    expect(password).toHaveAttribute("autocomplete", "new-password");
    await userEvent.type(password, "too short");
    await userEvent.click(screen.getByRole("button", { name: "Save the new password" }));
    expect(screen.getByText("Password must be at least 10 characters")).toBeInTheDocument();
    expect(calls("ResetPassword")).toHaveLength(0);

    await userEvent.type(password, " but now long enough");
    await userEvent.click(screen.getByRole("button", { name: "Save the new password" }));
    expect(await screen.findByText("now at /meetups")).toBeInTheDocument();
    expect(calls("ResetPassword")[0]?.variables).toEqual({
      token: "reset-token",
      password: "too short but now long enough",
    });
    expect(getSession()?.user.name).toBe("Ann");
  });

  it("says when the link does not work, with a way to ask for a new one", async () => {
    fakeApi(
      {},
      {
        ResetPassword: () => ({
          resetPassword: { session: null, userErrors: userErrors("invalid_token", "is unknown", "token") },
        }),
      },
    );
    renderAt("/reset/spent-token");
    await userEvent.type(screen.getByLabelText("New password"), "a long enough password");
    await userEvent.click(screen.getByRole("button", { name: "Save the new password" }));
    expect(await screen.findByRole("heading", { name: "This reset link does not work" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute("href", "/forgot-password");
    expect(getSession()).toBeNull();
  });

  it("shows the server's refusal of the password on its field", async () => {
    fakeApi(
      {},
      {
        ResetPassword: () => ({
          resetPassword: {
            session: null,
            userErrors: userErrors("invalid_input", "must be at most 256 characters", "password"),
          },
        }),
      },
    );
    renderAt("/reset/some-token");
    await userEvent.type(screen.getByLabelText("New password"), "a long enough password");
    await userEvent.click(screen.getByRole("button", { name: "Save the new password" }));
    expect(await screen.findByText("Password must be at most 256 characters")).toBeInTheDocument();
  });
});
