"""Schemathesis hooks for api-check (loaded through `hooks` in schemathesis.toml).

The OpenAPI document describes the promise document's shape but not its rules (years
2010-2100, at most four of them, the final report after the last year, non-blank texts,
...). Bodies generated from the shape alone are therefore nearly always refused with 422,
and the path that stores a promise and answers 201 (or 409 for a year already taken)
would never be exercised. This hook turns three in four generated bodies of
`POST /api/v1/municipalities/{code}/promises` into a valid promise for a year in
2030-2099, keeping the generated (random, often hostile) strings in every text field, so
that storing and serving arbitrary text is fuzzed too. The fourth is sent as generated.

Places (`POST …/places`, `PUT …/places/{slug}`) get the same treatment: three in four
bodies become a valid place near Flen (a point or a road's line) with the generated name.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import strategies as st

SHORT = 200  # Text::SHORT in crates/domain/src/text.rs
LONG = 4000  # Text::LONG
PARTIES = ("together", "police", "municipality")
KINDS = ("output", "process", "outcome")
STATUSES = ("draft", "signed", "published", "closed")


def _text(value: Any, default: str, limit: int) -> str:
    if isinstance(value, str) and value.strip():
        return value[:limit]
    return default


def _party(value: Any) -> Any:
    if value in PARTIES:
        return value
    if isinstance(value, dict):
        return {"partner": _text(value.get("partner"), "Räddningstjänsten", SHORT)}
    return "together"


def _commitment(value: Any, index: int) -> dict[str, Any]:
    c = value if isinstance(value, dict) else {}
    out: dict[str, Any] = {
        "party": _party(c.get("party")),
        "kind": c.get("kind") if c.get("kind") in KINDS else "process",
        "text": _text(c.get("text"), f"Åtagande {index + 1}", LONG),
    }
    if isinstance(c.get("local_plan"), str) and c["local_plan"].strip():
        out["local_plan"] = c["local_plan"][:SHORT]
    return out


def repair(body: dict[str, Any], year: int) -> dict[str, Any]:
    goal = body.get("outcome_goal") if isinstance(body.get("outcome_goal"), dict) else {}
    commitments = body.get("commitments") if isinstance(body.get("commitments"), list) else []
    focus = body.get("focus_areas") if isinstance(body.get("focus_areas"), list) else []
    doc: dict[str, Any] = {
        "municipality": "0482",
        "years": {"first": year, "last": year},
        "title": _text(body.get("title"), f"Medborgarlöfte {year}", SHORT),
        "aim": _text(body.get("aim"), "Att öka tryggheten.", LONG),
        "outcome_goal": {"text": _text(goal.get("text"), "Tryggheten ökar.", LONG), "measured_in": year},
        "follow_up": {"internal": "tertial", "final_report": {"year": year + 1, "quarter": 1}},
        "status": body.get("status") if body.get("status") in STATUSES else "published",
        "commitments": [_commitment(c, i) for i, c in enumerate(commitments[:100])]
        or [_commitment({}, 0)],
    }
    areas = [f[:SHORT] for f in focus if isinstance(f, str) and f.strip()][:20]
    if areas:
        doc["focus_areas"] = areas
    if isinstance(body.get("focus_text"), str) and body["focus_text"].strip():
        doc["focus_text"] = body["focus_text"][:LONG]
    return doc


def _is_create_promise(context: Any) -> bool:
    op = getattr(context, "operation", None)
    return (
        op is not None
        and str(op.method).upper() == "POST"
        and str(op.path).endswith("/promises")
    )


KINDS_OF_PLACE = ("locality", "area", "hot_spot", "road", "school", "station")


def _is_place(context: Any) -> bool:
    op = getattr(context, "operation", None)
    return op is not None and "/places" in str(op.path)


def repair_place(body: dict[str, Any], n: int, slug: str | None) -> dict[str, Any]:
    """A valid place near Flen, keeping the generated name (often hostile text). For PUT
    the slug must be the path's, which the hook cannot see: an existing one is used and
    the dictionaries make the path name it often."""
    doc: dict[str, Any] = {
        "slug": slug or f"plats-{n}",
        "name": _text(body.get("name"), f"Plats {n}", SHORT),
        "kind": body.get("kind") if body.get("kind") in KINDS_OF_PLACE else KINDS_OF_PLACE[n % 6],
    }
    if n % 2 == 0:
        doc["lat"] = 59.0 + (n % 100) / 1000
        doc["lon"] = 16.5 + (n % 97) / 1000
    else:
        # A road as a line: the point is its middle.
        doc["shape"] = {"type": "LineString", "coordinates": [[16.5, 59.0], [16.6 + (n % 50) / 1000, 59.05]]}
    return doc


@schemathesis.hook
def flatmap_body(context, body):
    if _is_place(context) and isinstance(body, dict):
        method = str(context.operation.method).upper()
        return st.tuples(st.integers(0, 3), st.integers(1, 10**6)).map(
            lambda t: body if t[0] == 0 else repair_place(body, t[1], "malmkoping" if method == "PUT" else None)
        )
    if not _is_create_promise(context) or not isinstance(body, dict):
        return st.just(body)
    return st.tuples(st.integers(0, 3), st.integers(2030, 2099)).map(
        lambda t: body if t[0] == 0 else repair(body, t[1])
    )
