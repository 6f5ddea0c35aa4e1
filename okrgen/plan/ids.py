"""The ids a plan shows: an objective's or key result's own `id`, else its place (O2, KR2.3).

`okrgen new` writes ids, but a hand-written plan may leave them out. Rendering, scoring and
check-ins all name things the same way, so the id printed on the PDF is the one
`okrgen checkin plan.yaml KR2.3=40` takes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_KR_POINTER = re.compile(r"^/objectives/(\d+)/key_results/(\d+)$")
_OBJ_POINTER = re.compile(r"^/objectives/(\d+)$")


def own_id(item: Any) -> str | None:
    """The id an objective or key result was given, if any (`id: ""` and `id: null` are none)."""
    own = item.get("id") if isinstance(item, Mapping) else None
    return None if own is None or own == "" else str(own)


def objective_id(i: int, objective: Mapping[str, Any]) -> str:
    return own_id(objective) or f"O{i + 1}"


def kr_id(i: int, j: int, kr: Mapping[str, Any]) -> str:
    return own_id(kr) or f"KR{i + 1}.{j + 1}"


def id_at(pointer: str, item: Mapping[str, Any]) -> str:
    """The id of the objective or key result at a JSON pointer ("" when the pointer says no place)."""
    m = _KR_POINTER.match(pointer)
    if m:
        return kr_id(int(m.group(1)), int(m.group(2)), item)
    m = _OBJ_POINTER.match(pointer)
    if m:
        return objective_id(int(m.group(1)), item)
    return own_id(item) or ""
