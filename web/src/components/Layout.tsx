import { Suspense, useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Link, NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { useAuth } from "../lib/auth";
import { ErrorBoundary } from "./ErrorBoundary";
import { Spinner } from "./ui";

export function Layout() {
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  const nav = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const [menuOpen, setMenuOpen] = useState(false);
  const [shownFor, setShownFor] = useState(location.key);
  if (shownFor !== location.key) {
    // A link in the menu was followed (or Back): the next page starts with the menu closed.
    setShownFor(location.key);
    setMenuOpen(false);
  }

  useEffect(() => {
    // Move focus to the new page's content after client-side navigation.
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  useEffect(() => {
    if (!menuOpen) return undefined;
    // A tap elsewhere closes the menu (a tapped button does not always take focus, so not blur).
    const closeOutside = (event: PointerEvent) => {
      if (!nav.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [menuOpen]);

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== "Escape" || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  }

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
        <nav
          aria-label="Main"
          className="topnav"
          ref={nav}
          onKeyDown={closeOnEscape}
          onBlur={(event) => {
            // Tabbing out of the open menu closes it, as a click elsewhere does.
            if (!nav.current?.contains(event.relatedTarget)) setMenuOpen(false);
          }}
        >
          {/* At phone width the links fold behind this button (CSS shows one or the other). */}
          <button
            type="button"
            className="menu-button"
            ref={menuButton}
            aria-expanded={menuOpen}
            aria-controls={menuId}
            onClick={() => setMenuOpen((open) => !open)}
          >
            <MenuIcon open={menuOpen} />
            Menu
          </button>
          <div id={menuId} className={`topnav-links${menuOpen ? " open" : ""}`}>
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
          </div>
        </nav>
      </header>
      {session?.user.isGuest ? (
        <div className="guest-strip" role="note">
          You are a guest: your drafts are kept. <Link to="/signup">Sign up</Link> to publish.
        </div>
      ) : null}
      <main id="main" ref={main} tabIndex={-1}>
        {/* A page that throws shows a way back under the header; the next page starts afresh. */}
        <ErrorBoundary key={location.key}>
          <Suspense fallback={<Spinner label="Loading the page…" />}>
            <Outlet />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="footer">
        <span>slsplay · virtual VIP meetups</span>
      </footer>
    </div>
  );
}

/** Three bars, or a cross while the menu is open; the button's text names it. */
function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg aria-hidden="true" width="20" height="20" viewBox="0 0 20 20" focusable="false">
      {open ? (
        <path d="M5 5l10 10M15 5L5 15" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      ) : (
        <path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      )}
    </svg>
  );
}
