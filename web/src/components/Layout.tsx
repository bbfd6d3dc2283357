import { useEffect, useRef } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useAuth } from "../lib/auth";

export function Layout() {
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    // Move focus to the new page's content after client-side navigation.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  function handleLogOut() {
    signOut();
    navigate("/");
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={session ? "/meetups" : "/"} className="brand" aria-label="slsplay home">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>slsplay</span>
        </Link>
        <nav aria-label="Main" className="topnav">
          <NavLink to="/discover">Discover</NavLink>
          {session ? (
            <>
              <NavLink to="/meetups" end>
                My meetups
              </NavLink>
              {session.user.isGuest ? (
                <NavLink to="/signup">Sign up</NavLink>
              ) : (
                <>
                  <NavLink to="/balance">Balance</NavLink>
                  <button type="button" className="linklike" onClick={handleLogOut}>
                    Log out
                  </button>
                </>
              )}
            </>
          ) : (
            <>
              <NavLink to="/login">Log in</NavLink>
              <NavLink to="/signup">Sign up</NavLink>
            </>
          )}
        </nav>
      </header>
      {session?.user.isGuest ? (
        <div className="guest-strip" role="note">
          You are a guest: your drafts are kept. <Link to="/signup">Sign up</Link> to publish.
        </div>
      ) : null}
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <span>slsplay · virtual VIP meetups</span>
      </footer>
    </div>
  );
}
