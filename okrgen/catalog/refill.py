"""Re-fill a plan from its template and stored answers without losing what the team added.

A plan is made once by `okrgen new`, then lived in: check-ins, current values, confidence, weights,
and the team's own rewording of a key result. When the template changes, or one answer changes
(`okrgen update plan.yaml --set revenue_target=4000000`), the generated parts should follow and the
lived-in parts stay. What was generated is known by filling the template again with the answers the
plan was made with: a field the plan still holds as generated is replaced by the new text; a field
that differs from it was edited by someone and is kept. Progress fields are never generated, so
they are always kept; key results and objectives the team added after the template's are kept too.
"""

from __future__ import annotations

import copy
from typing import Any

# Fields `fill` writes; everything else on a KR (current, checkins, confidence, weight, ignore…) is the team's.
KR_GENERATED = ("text", "metric", "direction", "kind", "unit", "baseline", "previous", "target", "due", "owner", "pace")
OBJECTIVE_GENERATED = ("title", "description", "owner", "initiatives")
PLAN_GENERATED = ("title", "lang", "period", "team", "owner", "currency", "kpis")


def _merge_fields(old: dict, before: dict, new: dict, keys: tuple[str, ...], edited: list[str], where: str) -> dict:
    out = dict(new)
    for key in keys:
        if key == "baseline" and key not in before and "previous" in new and old.get(key) == before.get("previous"):
            continue  # an older template wrote last period's total as the baseline of a cumulative KR
        if key in old and old.get(key) != before.get(key):
            out[key] = old[key]  # someone changed what the template wrote: theirs wins
            if old.get(key) != new.get(key):
                edited.append(f"{where}{key}")
        elif key not in old and key in before and key in out and key not in ("kind", "previous", "pace"):
            del out[key]  # they removed it
    for key, value in old.items():
        if key not in keys and key not in out:
            out[key] = copy.deepcopy(value)  # theirs: progress, weights, extra fields
    return out


def refill(old: dict, before: dict, new: dict) -> tuple[dict, list[str]]:
    """The re-filled plan and the fields kept because someone had edited them.

    `old` is the plan as it is, `before` what the template makes from the plan's stored answers (what
    `old` held before anyone edited it), `new` what it makes from the new answers."""
    edited: list[str] = []
    plan = _merge_fields(old, before, new, PLAN_GENERATED, edited, "")
    plan["source"] = new.get("source", old.get("source"))
    old_objs = old.get("objectives") or []
    before_objs = before.get("objectives") or []
    objectives = []
    for i, nobj in enumerate(new.get("objectives") or []):
        oobj = old_objs[i] if i < len(old_objs) and isinstance(old_objs[i], dict) else {}
        bobj = before_objs[i] if i < len(before_objs) else {}
        obj = _merge_fields(oobj, bobj, nobj, OBJECTIVE_GENERATED + ("id",), edited, f"O{i + 1}.")
        okrs = oobj.get("key_results") or []
        bkrs = bobj.get("key_results") or []
        krs = []
        for j, nkr in enumerate(nobj.get("key_results") or []):
            okr = okrs[j] if j < len(okrs) and isinstance(okrs[j], dict) else {}
            bkr = bkrs[j] if j < len(bkrs) else {}
            krs.append(_merge_fields(okr, bkr, nkr, KR_GENERATED + ("id",), edited, f"KR{i + 1}.{j + 1}."))
        krs.extend(copy.deepcopy(okrs[len(nobj.get("key_results") or []) :]))  # the team's own KRs
        obj["key_results"] = krs
        objectives.append(obj)
    objectives.extend(copy.deepcopy(old_objs[len(objectives) :]))  # the team's own objectives
    plan["objectives"] = objectives
    return plan, edited


def fingerprint(plan: dict) -> str:
    """A digest of what `fill` generates in a plan (the fields above), not of progress.

    `fill` stores it in source.fingerprint; when a plan still has the same digest, nobody edited
    what the template wrote, so `okrgen update` can take a newer template version's wording too
    (without it, a reworded text and a team's edit look alike).
    """
    import hashlib
    import json

    parts: list[Any] = [{k: plan.get(k) for k in PLAN_GENERATED}]
    for obj in plan.get("objectives") or []:
        if not isinstance(obj, dict):
            continue
        parts.append({k: obj.get(k) for k in OBJECTIVE_GENERATED + ("id",)})
        for kr in obj.get("key_results") or []:
            if isinstance(kr, dict):
                parts.append({k: kr.get(k) for k in KR_GENERATED + ("id",)})
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def untouched(plan: dict) -> bool:
    """Whether a plan still holds exactly what its template wrote (source.fingerprint matches)."""
    source = plan.get("source") if isinstance(plan, dict) else None
    return isinstance(source, dict) and source.get("fingerprint") == fingerprint(plan)


def has_progress(plan: Any) -> int:
    """How many key results carry progress (current, check-ins or confidence)."""
    if not isinstance(plan, dict):
        return 0
    n = 0
    for obj in plan.get("objectives") or []:
        for kr in (obj or {}).get("key_results") or [] if isinstance(obj, dict) else []:
            if isinstance(kr, dict) and (kr.get("current") is not None or kr.get("checkins") or kr.get("confidence") is not None):
                n += 1
    return n
