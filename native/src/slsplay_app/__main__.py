"""Start the app: ``slsplay-app [--api URL] [ANSWER_LINK]`` (or ``python -m slsplay_app``)."""

from __future__ import annotations

import argparse

from slsplay_app.app import SlsplayApp


def main() -> SlsplayApp:
    """The app, with the API address and an answer link from the command line."""
    parser = argparse.ArgumentParser(prog="slsplay-app", description=__doc__)
    parser.add_argument("--api", help="the API's address (default: SLSPLAY_API_URL, else local)")
    parser.add_argument("answer_link", nargs="?", help="an answer link, <base>/rsvp/{token}")
    # Briefcase and the platforms may add arguments of their own: those are left alone.
    arguments, _ = parser.parse_known_args()
    return SlsplayApp(api_url=arguments.api, answer_link=arguments.answer_link)


if __name__ == "__main__":
    main().main_loop()
