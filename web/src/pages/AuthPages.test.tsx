import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider, useLocation } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthProvider } from "../lib/auth";
import { leaveTo } from "../lib/navigation";
import { getSession, setSession } from "../lib/session";
import { LogInPage, SignUpPage } from "./AuthPages";
import { fakeApi, graphqlSession, NO_PROVIDERS, TEST_ID, userErrors } from "./AuthTestApi";

vi.mock("../lib/navigation", () => ({ leaveTo: vi.fn() }));

const GITHUB = { name: "github", label: "GitHub", start_url: "/api/auth/oidc/github/start" };

function Elsewhere() {
  const location = useLocation();
  return <p>{`now at ${location.pathname}${location.search}`}</p>;
}

function renderAt(path: string) {
  const router = createMemoryRouter(
    [
      { path: "/login", element: <LogInPage /> },
      { path: "/signup", element: <SignUpPage /> },
      { path: "*", element: <Elsewhere /> },
    ],
    { initialEntries: [path] },
  );
  render(
    <AuthProvider>
      <RouterProvider router={router} />
    </AuthProvider>,
  );
  return router;
}

afterEach(() => {
  cleanup();
  setSession(null);
  vi.unstubAllGlobals();
  vi.mocked(leaveTo).mockReset();
});

describe("signing in at a provider", () => {
  it("offers a button for each provider the server lists, which starts there and comes back", async () => {
    fakeApi({ "GET /api/auth/providers": { body: { providers: [TEST_ID, GITHUB] } } });
    renderAt("/login?next=%2Fmeetups%2F42");
    await userEvent.click(await screen.findByRole("button", { name: "Continue with Test ID" }));
    expect(screen.getByRole("button", { name: "Continue with GitHub" })).toBeInTheDocument();
    expect(leaveTo).toHaveBeenCalledWith("/api/auth/oidc/test/start?next=%2Fmeetups%2F42");
  });

  it("offers none when the server has none configured", async () => {
    const { calls } = fakeApi({ "GET /api/auth/providers": NO_PROVIDERS });
    renderAt("/login");
    await waitFor(() => expect(calls("GET /api/auth/providers")).toHaveLength(1));
    expect(screen.queryByRole("button", { name: /Continue with/ })).not.toBeInTheDocument();
    expect(screen.queryByText("or")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Log in" })).toBeInTheDocument();
  });

  it("takes a guest's token along, so their drafts move to the account", async () => {
    setSession(graphqlSession("Guest", true));
    const { calls } = fakeApi({
      "GET /api/auth/providers": { body: { providers: [TEST_ID] } },
      "GET /api/auth/oidc/test/start?next=%2Fmeetups": {
        body: { authorize_url: "https://id.example.com/authorize?state=s" },
      },
    });
    renderAt("/login");
    await userEvent.click(await screen.findByRole("button", { name: "Continue with Test ID" }));
    await waitFor(() => expect(leaveTo).toHaveBeenCalledWith("https://id.example.com/authorize?state=s"));
    const [start] = calls("GET /api/auth/oidc/test/start?next=%2Fmeetups");
    expect(start?.headers.get("Authorization")).toBe("Bearer access-Guest");
    expect(start?.headers.get("Accept")).toBe("application/json");
  });

  it("are offered on the sign-up page too", async () => {
    fakeApi({ "GET /api/auth/providers": { body: { providers: [GITHUB] } } });
    renderAt("/signup");
    expect(await screen.findByRole("button", { name: "Continue with GitHub" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Create your account" })).toBeInTheDocument();
  });

  it("says in words why a sign-in at a provider came back refused", async () => {
    fakeApi({ "GET /api/auth/providers": { body: { providers: [TEST_ID] } } });
    renderAt("/login?error=email_not_verified&next=%2Fmeetups");
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Signing in did not work. That account has no confirmed email address",
    );
    // The refusal stays here; where the person was going goes along to sign up.
    expect(screen.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/signup?next=%2Fmeetups");
    await screen.findByRole("button", { name: "Continue with Test ID" });
  });

  it("explains a refusal it has no words for as a failed check", () => {
    fakeApi({ "GET /api/auth/providers": NO_PROVIDERS });
    renderAt("/login?error=id_token_signature");
    expect(screen.getByRole("alert")).toHaveTextContent("We could not confirm who signed in at the provider.");
  });
});

describe("the log-in page", () => {
  it("links to asking for a new password", () => {
    fakeApi({ "GET /api/auth/providers": NO_PROVIDERS });
    renderAt("/login");
    expect(screen.getByRole("link", { name: "Forgot your password?" })).toHaveAttribute("href", "/forgot-password");
  });
});

describe("signing in with an emailed code", () => {
  async function askForCode(signInWithCode: (variables: Record<string, unknown>) => unknown) {
    const api = fakeApi(
      { "GET /api/auth/providers": NO_PROVIDERS },
      {
        RequestSignInCode: () => ({ requestSignInCode: { accepted: true, userErrors: [] } }),
        SignInWithCode: signInWithCode,
      },
    );
    const router = renderAt("/login?next=%2Fmeetups%2F7");
    await userEvent.click(screen.getByRole("button", { name: "Email me a sign-in code" }));
    const email = screen.getByLabelText("Email");
    expect(email).toHaveFocus();
    await userEvent.type(email, "ann@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Send me a code" }));
    expect(await screen.findByLabelText("Sign-in code")).toHaveFocus();
    return { ...api, router };
  }

  const refused = (code: string, message: string) => () => ({
    signInWithCode: { session: null, userErrors: userErrors(code, message) },
  });

  it("asks for the address, then the code from the email, and signs in", async () => {
    const { calls, router } = await askForCode(() => ({
      signInWithCode: { session: graphqlSession("Ann"), userErrors: [] },
    }));
    expect(calls("RequestSignInCode")[0]?.variables).toEqual({ email: "ann@example.com" });
    expect(screen.getByRole("status")).toHaveTextContent("If ann@example.com has an account, we've emailed it a 6-digit code.");
    const code = screen.getByLabelText("Sign-in code");
    expect(code).toHaveAttribute("autocomplete", "one-time-code");
    expect(code).toHaveAttribute("inputmode", "numeric");

    await userEvent.type(code, "123 456");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByText("now at /meetups/7");
    expect(calls("SignInWithCode")[0]?.variables).toEqual({ email: "ann@example.com", code: "123456" });
    // As the web app: the server keeps the refresh token in its HttpOnly cookie.
    expect(calls("SignInWithCode")[0]?.headers.get("X-Slsplay-Client")).toBe("web");
    expect(getSession()?.user.name).toBe("Ann");
    expect(Object.values({ ...window.localStorage }).join()).not.toContain("access-Ann");
    expect(router.state.location.pathname).toBe("/meetups/7");
  });

  it("checks that the code is 6 digits before sending it", async () => {
    const { calls } = await askForCode(() => {
      throw new Error("not sent");
    });
    await userEvent.type(screen.getByLabelText("Sign-in code"), "12345");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(screen.getByText("Enter the 6 digits from the email")).toBeInTheDocument();
    expect(calls("SignInWithCode")).toHaveLength(0);
  });

  it("says when the code is wrong", async () => {
    await askForCode(refused("invalid_code", "Invalid code"));
    const code = screen.getByLabelText("Sign-in code");
    await userEvent.type(code, "000000");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByText(/That code is not right, or it has expired/)).toBeInTheDocument();
    expect(code).toHaveAttribute("aria-invalid", "true");
  });

  it("says to wait after too many wrong codes, and can still send a new code", async () => {
    const { calls } = await askForCode(refused("too_many_attempts", "Too many failed attempts; try again later."));
    await userEvent.type(screen.getByLabelText("Sign-in code"), "000000");
    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Too many wrong codes for this address: wait 15 minutes before trying again, or log in with your password.",
    );

    await userEvent.click(screen.getByRole("button", { name: "Send a new code" }));
    await waitFor(() => expect(calls("RequestSignInCode")).toHaveLength(2));
    expect(screen.getByRole("status")).toHaveTextContent("A new code is on its way to ann@example.com.");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(screen.getByLabelText("Sign-in code")).toHaveValue("");
  });

  it("goes back to the password form", async () => {
    await askForCode(() => null);
    await userEvent.click(screen.getByRole("button", { name: "Log in with your password instead" }));
    expect(screen.getByLabelText("Password")).toBeInTheDocument();
    expect(screen.queryByLabelText("Sign-in code")).not.toBeInTheDocument();
  });
});

describe("signing up on the way to somewhere", () => {
  async function signUpAt(path: string) {
    fakeApi(
      { "GET /api/auth/providers": NO_PROVIDERS },
      { SignUp: () => ({ signUp: { session: graphqlSession("Ann"), userErrors: [] } }) },
    );
    const router = renderAt(path);
    await userEvent.type(screen.getByLabelText("Your name"), "Ann");
    await userEvent.type(screen.getByLabelText("Email"), "ann@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "correct horse battery");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    return router;
  }

  it("comes back to the public meetup the visitor wanted to join", async () => {
    const router = await signUpAt("/signup?next=%2Fmeetups%2Fm1");
    await screen.findByText("now at /meetups/m1");
    expect(router.state.location.pathname).toBe("/meetups/m1");
  });

  it("never leaves the site for a return path of another origin", async () => {
    await signUpAt("/signup?next=%2F%2Fevil.example.com%2Fmeetups");
    expect(await screen.findByText("now at /meetups")).toBeInTheDocument();
  });
});
