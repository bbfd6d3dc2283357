import { createBrowserRouter, RouterProvider, type RouteObject } from "react-router";
import { AccountNotice } from "./components/AccountNotice";
import { CrashPage } from "./components/ErrorBoundary";
import { Layout } from "./components/Layout";
import { ForgotPasswordPage, ResetPasswordPage, SignInCompletePage, VerifyEmailPage } from "./pages/AccountPages";
import { AnswerPage } from "./pages/AnswerPage";
import { AttendeesPage } from "./pages/AttendeesPage";
import { LogInPage, NotFound, SignUpPage } from "./pages/AuthPages";
import { BalancePage } from "./pages/BalancePage";
import { DiscoverPage } from "./pages/DiscoverPage";
import { InvitePage } from "./pages/InvitePage";
import { Landing } from "./pages/Landing";
import { CreateMeetup, EditMeetup } from "./pages/MeetupEditor";
import { MeetupPage } from "./pages/MeetupPage";
import { MyMeetups } from "./pages/MyMeetups";
import { RequireSession } from "./pages/RequireSession";

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    // A crash of the layout itself (a page's is caught under the header, in Layout).
    errorElement: <CrashPage />,
    children: [
      { index: true, element: <Landing /> },
      { path: "signup", element: <SignUpPage /> },
      { path: "login", element: <LogInPage /> },
      { path: "signin/complete", element: <SignInCompletePage /> },
      { path: "verify/:token", element: <VerifyEmailPage /> },
      { path: "forgot-password", element: <ForgotPasswordPage /> },
      { path: "reset/:token", element: <ResetPasswordPage /> },
      { path: "discover", element: <DiscoverPage /> },
      {
        path: "meetups",
        element: (
          <RequireSession>
            <AccountNotice />
            <MyMeetups />
          </RequireSession>
        ),
      },
      { path: "meetups/new", element: <RequireSession><CreateMeetup /></RequireSession> },
      { path: "meetups/:meetupId", element: <MeetupPage /> },
      { path: "meetups/:meetupId/edit", element: <RequireSession><EditMeetup /></RequireSession> },
      { path: "meetups/:meetupId/invite", element: <RequireSession><InvitePage /></RequireSession> },
      { path: "meetups/:meetupId/attendees", element: <RequireSession><AttendeesPage /></RequireSession> },
      { path: "balance", element: <RequireSession><BalancePage /></RequireSession> },
      { path: "rsvp/:token", element: <AnswerPage /> },
      { path: "*", element: <NotFound /> },
    ],
  },
];

const router = createBrowserRouter(routes);

export function App() {
  return <RouterProvider router={router} />;
}
