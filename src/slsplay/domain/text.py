"""What text the product takes, in one definition for every text field of every route, and
for the text that goes into email headers.

Text holds no lone surrogate (half of a UTF-16 pair: not a character, it cannot be stored or
sent as UTF-8) and no control character (NUL, ESC, DEL, the C1 range...), which mail relays
refuse in a header and terminals obey, except line breaks and tabs: a multi-line text (a
description) keeps them, a one-line text (a title, a name) folds them into one space with
every other run of whitespace. Every string of a request is held to this rule where the
request is read (``handlers/inputs.py``), and the domain's fields where they are parsed.
"""

from __future__ import annotations

import re

from slsplay.domain.errors import field_error

# Tab, line feed and carriage return: the line breaks and tabs a text may have.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why ``value`` is not text the product takes; ``None`` when it is."""
    found = _NOT_TEXT.search(value)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return f"contains a lone surrogate (U+{code:04X}), which is not a character"
    return f"contains a control character (U+{code:04X})"


def checked_text(value: str, field: str) -> str:
    """``value`` if it is text the product takes, else ``InvalidInput`` naming ``field``."""
    problem = text_problem(value)
    if problem is not None:
        raise field_error(field, problem)
    return value


def one_line(value: str, field: str) -> str:
    """``value`` checked as text, on one line: each run of whitespace (line breaks and tabs
    too) one space, none at either end."""
    return " ".join(checked_text(value, field).split())


def cleaned_text(value: str) -> str:
    """``value`` on one line, for a place that must not refuse it (an email header, a name a
    sign-in provider gave): what text may not hold becomes a space, as a line break does."""
    return " ".join(_CONTROL.sub(" ", value).split())
