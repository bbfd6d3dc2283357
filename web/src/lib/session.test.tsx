import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Layout } from "../components/Layout";
import { fakeApi, graphqlSession } from "../pages/AuthTestApi";
import { RequireSession } from "../pages/RequireSession";
import { AuthProvider } from "./auth";
import { getSession, setSession } from "./session";

const REFRESHED = {
  access_token: "fresh",
  refresh_token: null,
  user: { id: "01J", email: "sofia@example.com", name: "Sofia", is_guest: false },
};

function openAt(path: string) {
  const router = createMemoryRouter(
    [
      {
        element: <Layout />,
        children: [
          { path: "/meetups", element: <RequireSession><p>My meetups page</p></RequireSession> },
          { path: "*", element: <p>Some page</p> },
        ],
      },
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

/** Opening the app anew (a reload): the memory is empty, the browser's storage stays. */
function reload() {
  cleanup();
  const mark = { ...window.localStorage };
  setSession(null);
  Object.entries(mark).forEach(([key, value]) => window.localStorage.setItem(key, value));
}

beforeEach(() => {
  // The layout scrolls to the top on each new page, which jsdom cannot do.
  vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
});

afterEach(() => {
  cleanup();
  setSession(null);
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("the session", () => {
  it("keeps no token in the browser's storage, only that someone is signed in", () => {
    setSession(graphqlSession("Sofia"));

    expect({ ...window.localStorage }).toEqual({ "slsplay.signedIn": "1" });
  });

  it("comes back after a reload from the refresh cookie, asked for as the web app", async () => {
    setSession(graphqlSession("Sofia"));
    reload();
    const { calls } = fakeApi({ "POST /api/auth/refresh": { body: REFRESHED } });

    openAt("/meetups");

    expect(await screen.findByText("My meetups page")).toBeInTheDocument();
    const [refresh] = calls("POST /api/auth/refresh");
    expect(refresh?.body).toEqual({});
    expect(refresh?.headers.get("X-Slsplay-Client")).toBe("web");
    expect(getSession()).toEqual({
      accessToken: "fresh",
      user: { id: btoa("User:01J"), email: "sofia@example.com", name: "Sofia", isGuest: false },
    });
  });

  it("is gone after a reload when the server has none, and the page asks to log in", async () => {
    setSession(graphqlSession("Sofia"));
    reload();
    fakeApi({ "POST /api/auth/refresh": { status: 401, body: { code: "invalid_token" } } });

    const router = openAt("/meetups");

    await waitFor(() => expect(router.state.location.pathname).toBe("/login"));
    expect(window.localStorage.length).toBe(0);
  });

  it("is not asked for when nobody signed in", () => {
    const { asked } = fakeApi({});

    openAt("/discover");

    expect(screen.getByText("Some page")).toBeInTheDocument();
    expect(asked).toEqual([]);
  });

  it("ends on the server when the person logs out, which clears the cookie", async () => {
    const { calls } = fakeApi({ "POST /api/auth/logout": { status: 204, body: null } });
    setSession(graphqlSession("Sofia"));
    openAt("/discover");

    await userEvent.click(screen.getByRole("button", { name: "Log out" }));

    await waitFor(() => expect(calls("POST /api/auth/logout")).toHaveLength(1));
    expect(calls("POST /api/auth/logout")[0]?.headers.get("X-Slsplay-Client")).toBe("web");
    expect(getSession()).toBeNull();
    expect(window.localStorage.length).toBe(0);
  });
});
