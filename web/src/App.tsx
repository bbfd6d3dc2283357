import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import { createBrowserRouter, RouterProvider, type RouteObject } from "react-router";
import { AccountNotice } from "./components/AccountNotice";
import { CrashPage } from "./components/ErrorBoundary";
import { Layout } from "./components/Layout";
import { RequireSession } from "./pages/RequireSession";

/**
 * A page loaded when its route is first opened (its own chunk): the first screen downloads only
 * its own code. Layout shows a spinner meanwhile, and a way back if the chunk fails to load.
 */
function byRoute<Name extends string>(
  load: () => Promise<Record<Name, ComponentType>>,
  name: Name,
): LazyExoticComponent<ComponentType> {
  return lazy<ComponentType>(() => load().then((module) => ({ default: module[name] })));
}

const ForgotPasswordPage = byRoute(() => import("./pages/AccountPages"), "ForgotPasswordPage");
const ResetPasswordPage = byRoute(() => import("./pages/AccountPages"), "ResetPasswordPage");
const SignInCompletePage = byRoute(() => import("./pages/AccountPages"), "SignInCompletePage");
const VerifyEmailPage = byRoute(() => import("./pages/AccountPages"), "VerifyEmailPage");
const AnswerPage = byRoute(() => import("./pages/AnswerPage"), "AnswerPage");
const AttendeesPage = byRoute(() => import("./pages/AttendeesPage"), "AttendeesPage");
const LogInPage = byRoute(() => import("./pages/AuthPages"), "LogInPage");
const NotFound = byRoute(() => import("./pages/AuthPages"), "NotFound");
const SignUpPage = byRoute(() => import("./pages/AuthPages"), "SignUpPage");
const BalancePage = byRoute(() => import("./pages/BalancePage"), "BalancePage");
const DiscoverPage = byRoute(() => import("./pages/DiscoverPage"), "DiscoverPage");
const InsightsPage = byRoute(() => import("./pages/InsightsPage"), "InsightsPage");
const InvitePage = byRoute(() => import("./pages/InvitePage"), "InvitePage");
const Landing = byRoute(() => import("./pages/Landing"), "Landing");
const CreateMeetup = byRoute(() => import("./pages/MeetupEditor"), "CreateMeetup");
const EditMeetup = byRoute(() => import("./pages/MeetupEditor"), "EditMeetup");
const MeetupPage = byRoute(() => import("./pages/MeetupPage"), "MeetupPage");
const MyMeetups = byRoute(() => import("./pages/MyMeetups"), "MyMeetups");

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
          <RequireSession offline>
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
      { path: "meetups/:meetupId/insights", element: <RequireSession><InsightsPage /></RequireSession> },
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
