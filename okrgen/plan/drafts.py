"""Read OKRs out of the documents people actually write: Markdown and plain-text drafts.

Teams write OKRs in documents, not YAML, and every team has its own shape: headings or bold lines
for objectives, "O1." or "Цель:" or "目标：" labels, bullets or "KR1:" lines for key results, an
"Initiatives" list that must not be mistaken for key results. `parse_draft` turns a draft into the
same plan dict a YAML plan gives (so the linter sees one shape) plus a map from JSON pointer to the
line and column in the draft, so every finding points at the real line the person wrote.

The recogniser works on *logical lines* (heading, paragraph line, list item) and is the same for
both kinds of input: Markdown lines come from markdown-it-py tokens (code blocks and inline code
never reach it), plain-text lines from the file itself. The words it looks for are data
(`data/draft_markers.yaml`), not code. It prefers missing an OKR to inventing one: a bullet becomes
a key result only under an objective, a plain heading becomes an objective only when a list of
key results follows it directly.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS
from okrgen.resources import load_data

KINDS = ("md", "txt")

_CN_NUM = "一二三四五六七八九十"
_DIRECTIVE = re.compile(r"<!--\s*okrgen-(disable|enable)\b([^>]*?)\s*-->", re.IGNORECASE)
_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SPACES = re.compile(r"\s{2,}")


# --------------------------------------------------------------------------- the words, compiled


@dataclass(frozen=True)
class _Markers:
    label: re.Pattern  # a labelled line: label word, optional number, separator, rest
    kinds: dict  # lower-cased label word → set of kinds it can be
    bullet: re.Pattern
    owner_paren: re.Pattern


@functools.cache
def _markers() -> _Markers:
    data = load_data("draft_markers.yaml")
    kinds: dict[str, set[str]] = {}
    for kind in ("objective", "key_result", "key_results_section", "initiatives_section", "period", "section_break"):
        for words in data[kind].values():
            for word in words:
                kinds.setdefault(_norm_word(word), set()).add(kind)
    words = sorted(kinds, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    label = re.compile(
        rf"^(?P<label>{alternation})"
        rf"(?:\s*[-–—#№]?\s*(?P<num>\d{{1,2}}(?:\.\d{{1,2}})?(?!\d)|[{_CN_NUM}]{{1,3}}))?"
        r"(?P<sep>\s*[.:：)）、]|\s+[-–—](?=\s)|\s*$|\s+)",
        re.IGNORECASE,
    )
    marks = "".join(re.escape(b) for b in data["bullets"] if len(b) == 1 and b not in "-*+–")
    bullet = re.compile(
        rf"^(?:[{marks}]\s*|[-*+–](?=\s)\s*|\d{{1,2}}[.)](?!\d)\s*|\d{{1,2}}、\s*|[①-⑳]\s*"
        rf"|[(（][{_CN_NUM}\d]{{1,3}}[)）]\s*|[{_CN_NUM}]{{1,3}}、\s*)"
    )
    owners = sorted({w for ws in data["owner_tag"].values() for w in ws}, key=lambda w: (-len(w), w))
    owner_alt = "|".join(re.escape(w) for w in owners)
    owner_paren = re.compile(rf"\s*[(（]\s*(?:{owner_alt})\s*[:：.]?\s*(?P<owner>[^()（）]+?)\s*[)）]\s*$", re.IGNORECASE)
    return _Markers(label=label, kinds=kinds, bullet=bullet, owner_paren=owner_paren)


def _norm_word(word: str) -> str:
    return " ".join(word.lower().split())


# An owner written after a dash at the end of a key result: "— Anna Petrova", "– И. Иванов".
# Only capitalised words without digits, so "— Q3" or "— by March" stay part of the text.
_NAME = r"[^\W\d_](?:[^\W\d_]|[.'’-])*"
_OWNER_DASH = re.compile(rf"\s+[—–]\s*(?P<owner>(?=[A-ZА-ЯЁ]){_NAME}(?:\s+(?=[A-ZА-ЯЁ]){_NAME}){{0,2}})\s*$")
_OWNER_AT = re.compile(r"\s+@(?P<owner>[\w.-]+)\s*$")


# --------------------------------------------------------------------------- periods in prose

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_ZH_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RU_QWORD = r"(?:квартал\w*|кв\.?)"
_QUARTER_PATTERNS = [
    (re.compile(r"(?<!\d)(\d{4})\s*(?:年|fy)?\s*[-/ ]?\s*q([1-4])(?!\d)"), "yq"),
    (re.compile(r"(?<![a-z])q([1-4])\s*[-/ ,'’]?\s*(?:fy)?\s*(\d{4})(?!\d)"), "qy"),
    (re.compile(rf"(?<![\w])(iv|i{{1,3}}|[1-4])\s*(?:-?(?:й|ый|ой|ий))?\s*{_RU_QWORD}\s*(\d{{4}})(?!\d)"), "qy"),
    (re.compile(rf"(?<!\d)(\d{{4}})\s*(?:г\.?|года?)?\s*,?\s*(iv|i{{1,3}}|[1-4])\s*(?:-?(?:й|ый|ой|ий))?\s*{_RU_QWORD}"), "yq"),
    (re.compile(r"(?<!\d)(\d{4})\s*年?\s*第?\s*([一二三四1-4])\s*季度"), "yq"),
]
_HALF_PATTERNS = [
    (re.compile(r"(?<!\d)(\d{4})\s*[-/ ]?\s*h([12])(?!\d)"), "yh"),
    (re.compile(r"(?<![a-z])h([12])\s*[-/ ,]?\s*(\d{4})(?!\d)"), "hy"),
    (re.compile(r"(?<![\w])(ii|i|1|2)\s*(?:-?е)?\s*полугоди\w*\s*(\d{4})(?!\d)"), "hy"),
    (re.compile(r"(?<!\d)(\d{4})\s*年\s*([上下])半年"), "yh"),
]
_MONTH_ZH = re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月")
_MONTH_ISO = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(?:fy\s*)?(\d{4})\s*(?:年|г\.?|год)?$")


def _number(token: str) -> int:
    token = token.lower()
    if token in _ROMAN:
        return _ROMAN[token]
    if token in _ZH_Q:
        return _ZH_Q[token]
    return {"上": 1, "下": 2}.get(token) or int(token)


def normalise_period(text: Any, *, whole: bool = False) -> Any:
    """The plan period ("2027-Q1", "2027-H2", "2027-03", "2027") written in `text`, or None.

    Reads "Q3 2027", "2027 Q3", "IV квартал 2026", "2027年第一季度", "H1 2027", "2027年上半年".
    With `whole=True` (a `Period:` line or front matter, where the text *is* the period) a bare year
    or month is accepted too; in a title "2027" alone is not taken as the period, since "2027
    strategy" says nothing about the cycle. A {start, end} mapping passes through unchanged.
    """
    from okrgen.period import parse_period

    if isinstance(text, dict):
        try:
            parse_period(text)
        except OkrgenError:
            return None
        return {"start": str(text["start"]), "end": str(text["end"])}
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text)
    if not isinstance(text, str) or not text.strip():
        return None
    s = unicodedata.normalize("NFKC", text).lower().strip()
    candidate = None
    for pattern, order in _QUARTER_PATTERNS:
        if m := pattern.search(s):
            year, q = (m.group(1), m.group(2)) if order == "yq" else (m.group(2), m.group(1))
            candidate = f"{year}-Q{_number(q)}"
            break
    if candidate is None:
        for pattern, order in _HALF_PATTERNS:
            if m := pattern.search(s):
                year, h = (m.group(1), m.group(2)) if order == "yh" else (m.group(2), m.group(1))
                candidate = f"{year}-H{_number(h)}"
                break
    if candidate is None and whole:
        if m := _MONTH_ZH.search(s):
            candidate = f"{m.group(1)}-{int(m.group(2)):02d}"
        elif m := _MONTH_ISO.match(s):
            candidate = s
        elif m := _YEAR.match(s):
            candidate = m.group(1)
    if candidate is None:
        return None
    try:
        return parse_period(candidate).label
    except OkrgenError:
        return None


# --------------------------------------------------------------------------- the result


@dataclass
class Directive:
    line: int
    action: str  # "disable" | "enable"
    codes: tuple[str, ...]  # empty = every code


@dataclass
class Draft:
    """A draft read as a plan: the plan dict, where each part stands, and what is suppressed."""

    file: str
    kind: str
    plan: dict
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    directives: list[Directive] = field(default_factory=list)

    @property
    def found(self) -> bool:
        """True when at least one objective or key result was recognised."""
        return bool(self.plan["objectives"])

    def kr_count(self) -> int:
        return sum(len(o["key_results"]) for o in self.plan["objectives"])

    def position(self, pointer: str) -> tuple[int | None, int | None]:
        from okrgen.plan.yamlload import nearest_position

        return nearest_position(self.positions, pointer)

    def is_suppressed(self, code: str, line: int | None) -> bool:
        """True when an `okrgen-disable` comment before (or on) `line` covers `code`."""
        if line is None:
            return False
        disabled, exceptions = _replay(self.directives, line)
        return code in disabled or ("*" in disabled and code not in exceptions)


def _replay(directives: list[Directive], line: int) -> tuple[set[str], set[str]]:
    disabled: set[str] = set()
    exceptions: set[str] = set()  # codes re-enabled while everything else is disabled
    for d in directives:
        if d.line > line:
            break
        if d.action == "disable":
            if d.codes:
                disabled.update(d.codes)
                exceptions.difference_update(d.codes)
            else:
                disabled = {"*"}
                exceptions = set()
        elif d.codes:
            disabled.difference_update(d.codes)
            if "*" in disabled:
                exceptions.update(d.codes)
        else:
            disabled, exceptions = set(), set()
    return disabled, exceptions


def _disabled_at(directives: list[Directive], line: int) -> set[str]:
    return _replay(directives, line)[0]


def _directives_in(text: str, line: int) -> list[Directive]:
    out = []
    for m in _DIRECTIVE.finditer(text):
        codes = tuple(c.upper() for c in _CODE.findall(m.group(2).upper()))
        out.append(Directive(line=line, action=m.group(1).lower(), codes=codes))
    return out


# --------------------------------------------------------------------------- logical lines


@dataclass
class _Line:
    text: str  # what the line says: markup, inline code and comments removed
    line: int  # 1-based line in the draft
    heading: int = 0  # heading level, 0 for other lines
    item: bool = False  # a list item (Markdown list, bullet or numbered line)
    depth: int = 0  # list nesting (Markdown) or indentation (plain text)
    bold: bool = False  # the whole line is bold
    para: int = 0  # Markdown paragraph the line belongs to (0: none); continuations join within one


def _front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter (`---` … `---` at the very top) and the text with those lines blanked.

    Blanking rather than cutting keeps every later line number true to the file.
    """
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    for i in range(1, min(len(lines), 200)):
        if lines[i].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:i]))
            except yaml.YAMLError:
                return {}, text
            if not isinstance(meta, dict):
                return {}, text
            return meta, "\n" * i + "\n" + "\n".join(lines[i + 1 :])
    return {}, text


def _inline_lines(children: list, block_line: int, directives: list[Directive]) -> list[tuple[int, str, bool]]:
    """(line, text, whole-line-bold) for each source line of an inline token."""
    lines: list[tuple[int, str, bool]] = []
    buf: list[str] = []
    bold_chars = plain_chars = 0
    strong = 0
    offset = 0

    def flush():
        text = "".join(buf)
        lines.append((block_line + offset + 1, text, bold_chars > 0 and plain_chars == 0))

    for child in children:
        ct = child.type
        if ct in ("softbreak", "hardbreak"):
            flush()
            buf, bold_chars, plain_chars = [], 0, 0
            offset += 1
        elif ct == "strong_open":
            strong += 1
        elif ct == "strong_close":
            strong -= 1
        elif ct == "code_inline":
            buf.append(" ")
        elif ct == "html_inline":
            directives.extend(_directives_in(child.content, block_line + offset + 1))
        elif ct == "text":
            buf.append(child.content)
            visible = len(child.content.strip())
            if strong:
                bold_chars += visible
            else:
                plain_chars += visible
    flush()
    return lines


def _join_continuations(lines: list[_Line]) -> list[_Line]:
    """Glue a wrapped line onto the line it continues (same paragraph, no label, no bullet)."""
    out: list[_Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ln.line == prev.line + 1
            and not ln.item
            and not ln.heading
            and not prev.heading
            and ln.para
            and ln.para == prev.para
            and ln.text.strip()
            and prev.text.strip()
            and not _starts_part(ln.text)
        ):
            prev.text = prev.text.rstrip() + " " + ln.text.strip()
            continue
        out.append(ln)
    return out


def _starts_part(text: str) -> bool:
    s = text.strip()
    m = _markers()
    return bool(m.bullet.match(s)) or _label(s) is not None


def _txt_lines(text: str, directives: list[Directive]) -> list[_Line]:
    """Logical lines of a plain-text draft: one per line; fenced blocks (```) are skipped.

    A line's depth is its indentation, so a bullet indented under another bullet is nested.
    Markdown-style `#` headings are read as headings, since people paste them into .txt files.
    """
    out: list[_Line] = []
    fence = False
    for i, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped.startswith("```") or stripped.startswith("~~~"):
            fence = not fence
            continue
        if fence:
            continue
        directives.extend(_directives_in(raw, i))
        visible = _DIRECTIVE.sub(" ", raw)
        visible = _INLINE_CODE.sub(" ", visible)
        if not visible.strip():
            continue
        heading = 0
        hm = re.match(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$", visible)
        if hm:
            heading = len(hm.group(1))
            visible = hm.group(2)
        bold = False
        bm = re.match(r"^\s*\*\*(.+)\*\*\s*$", visible)
        if bm and not heading and "**" not in bm.group(1):
            bold = True
            visible = bm.group(1)
        visible = visible.replace("**", "")  # "**Objective 1:** Grow": emphasis, not content
        indent = len(visible) - len(visible.lstrip())
        out.append(_Line(text=visible.strip(), line=i, heading=heading, depth=indent, bold=bold))
    return out


# --------------------------------------------------------------------------- the recogniser


def _label(text: str) -> tuple[set[str], str, str] | None:
    """(kinds, number, rest) when `text` starts with a label word, else None."""
    m = _markers().label.match(text)
    if not m:
        return None
    word = _norm_word(m.group("label"))
    num = m.group("num") or ""
    sep = m.group("sep")
    rest = text[m.end() :].strip()
    if not sep.strip() and rest and not num:
        return None  # "Goal setting is…", "Objectives and…": a word, not a label
    kinds = set(_markers().kinds[word])
    if word == "o" and not num:
        return None
    if num and ("period" in kinds or "section_break" in kinds) and kinds <= {"period", "section_break"}:
        return None
    return kinds, num, rest


def _strip_bullets(text: str) -> tuple[bool, str, int]:
    """(was an item, text without leading bullets/enumerators, characters removed)."""
    bullet = _markers().bullet
    removed = 0
    found = False
    for _ in range(3):
        m = bullet.match(text)
        if not m or m.end() == 0:
            break
        found = True
        removed += m.end()
        text = text[m.end() :]
    return found, text, removed


def split_owner(text: str) -> tuple[str, str | None]:
    """A key result's text without its trailing owner tag, and the owner (SMART_RULES §3.1, step 3)."""
    for pattern in (_markers().owner_paren, _OWNER_AT, _OWNER_DASH):
        m = pattern.search(text)
        if m and m.start() > 0:
            return text[: m.start()].rstrip(" ,;—–-"), m.group("owner").strip()
    return text, None


def strip_enumerator(text: str) -> str:
    """Text without a leading bullet, list number or KR label (SMART_RULES §3.1, step 2)."""
    _, rest, _ = _strip_bullets(text.strip())
    lab = _label(rest)
    if lab and lab[0] & {"key_result", "key_results_section"} and lab[2]:
        return _strip_bullets(lab[2])[1]
    return rest


class _Builder:
    """A small state machine over logical lines: where are we (objective, its KRs, initiatives)?"""

    def __init__(self, source_lines: list[str]):
        self.src = source_lines
        self.objectives: list[dict] = []
        self.positions: dict[str, tuple[int, int]] = {}
        self.title: str | None = None
        self.title_line: int | None = None
        self.period: Any = None
        self.period_line: int | None = None
        self.cur: int | None = None  # index of the open objective
        self.mode: str | None = None  # None | "krs" | "initiatives"
        self.kr_depth: int | None = None
        self.init_depth: int | None = None
        self.pending: _Line | None = None  # unlabelled heading/bold line: an objective if KRs follow
        self.needs_title = False
        self.seen_heading = False

    # -- positions
    def _col(self, line: int, fragment: str) -> int:
        src = self.src[line - 1] if 0 < line <= len(self.src) else ""
        frag = fragment.strip()
        for n in (12, 6, 3):  # inline code or markup may sit inside the first words
            if frag and (idx := src.find(frag[:n])) >= 0:
                return idx + 1
        return len(src) - len(src.lstrip()) + 1

    def _close(self) -> None:
        self.cur, self.mode, self.kr_depth, self.init_depth, self.needs_title = None, None, None, None, False

    def _open_objective(self, title: str, ln: _Line) -> None:
        self._close()
        self.pending = None
        idx = len(self.objectives)
        self.objectives.append({"title": title, "key_results": [], "initiatives": []})
        self.cur = idx
        self.needs_title = not title
        self.positions[f"/objectives/{idx}"] = (ln.line, self._col(ln.line, ""))
        self.positions[f"/objectives/{idx}/title"] = (ln.line, self._col(ln.line, title))

    def _promote_pending(self) -> bool:
        if self.pending is None:
            return False
        p = self.pending
        self._open_objective(_strip_bullets(p.text)[1].strip(), p)
        return True

    def _add_kr(self, text: str, ln: _Line) -> None:
        if self.cur is None:
            if not self._promote_pending():
                # A labelled KR ("KR1: …") with no objective before it: keep it under an
                # untitled objective rather than lose it.
                self._open_objective("", ln)
                self.needs_title = False
        obj = self.objectives[self.cur]
        text = _strip_bullets(text.strip())[1]
        text, owner = split_owner(text)
        col = self._col(ln.line, text)
        text = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
        if not text:
            return
        kr: dict = {"text": text, "owner": owner, "ignore": []}
        j = len(obj["key_results"])
        obj["key_results"].append(kr)
        base = f"/objectives/{self.cur}/key_results/{j}"
        self.positions[base] = (ln.line, self._col(ln.line, ""))
        self.positions[base + "/text"] = (ln.line, col)
        if owner:
            self.positions[base + "/owner"] = (ln.line, self._col(ln.line, owner))
        kr["_line"] = ln.line

    def _add_initiative(self, text: str, ln: _Line) -> None:
        obj = self.objectives[self.cur]
        text = _SPACES.sub(" ", _strip_bullets(text.strip())[1]).strip()
        if text:
            self.positions[f"/objectives/{self.cur}/initiatives/{len(obj['initiatives'])}"] = (ln.line, self._col(ln.line, text))
            obj["initiatives"].append(text)

    def _set_period(self, value: Any, line: int | None) -> None:
        if self.period is None and value is not None:
            self.period, self.period_line = value, line

    # -- one logical line
    def feed(self, ln: _Line) -> None:
        raw = ln.text.strip()
        if not raw:
            return
        was_item, text, _ = _strip_bullets(raw)
        item = ln.item or was_item
        text = text.strip()
        if self.title is None:
            self.title, self.title_line = text, ln.line
            self._set_period(normalise_period(text), ln.line)
        lab = _label(text)
        if lab:
            self._labelled(lab, ln)
            return
        if ln.heading:
            first_h1 = ln.heading == 1 and not self.seen_heading
            self.seen_heading = True
            self._close()
            self.pending = None if first_h1 else ln
            return
        if ln.bold and not item:
            self._close()
            self.pending = ln
            return
        if item:
            self._item(text, ln)
            return
        self._prose(text)

    def _labelled(self, lab: tuple[set[str], str, str], ln: _Line) -> None:
        kinds, num, rest = lab
        if "section_break" in kinds:
            self._close()
            self.pending = None
        elif "period" in kinds and not (kinds & {"objective", "key_result"}):
            if rest:
                self._set_period(normalise_period(rest, whole=True), ln.line)
        elif "objective" in kinds:
            self._open_objective(rest, ln)
        elif "initiatives_section" in kinds and not (kinds & {"key_result", "key_results_section"}):
            if self.cur is None:
                return
            self.mode, self.init_depth = "initiatives", None
            if rest:
                self._add_initiative(rest, ln)
        elif rest and "key_result" in kinds or rest and "key_results_section" in kinds:
            if self.mode == "initiatives":
                self.mode, self.kr_depth = "krs", None
            self._add_kr(rest, ln)
            if self.kr_depth is None:
                self.kr_depth = ln.depth
        elif "key_results_section" in kinds or "key_result" in kinds:
            if self.cur is None and not self._promote_pending():
                return
            self.mode, self.kr_depth = "krs", None

    def _item(self, text: str, ln: _Line) -> None:
        if self.cur is None:
            if self.pending is None or not self._promote_pending():
                return
        if self.mode == "initiatives":
            if self.init_depth is None:
                self.init_depth = ln.depth
            if ln.depth <= self.init_depth:
                self._add_initiative(text, ln)
            return
        if self.kr_depth is None:
            self.kr_depth = ln.depth
        if ln.depth <= self.kr_depth:
            self._add_kr(text, ln)
        # deeper items under a key result are its details, not key results

    def _prose(self, text: str) -> None:
        if self.cur is not None and self.needs_title:
            obj = self.objectives[self.cur]
            obj["title"] = text
            self.needs_title = False
            return
        self.pending = None
        if self.cur is not None:
            obj = self.objectives[self.cur]
            if obj["key_results"] or obj["initiatives"]:
                self._close()  # prose after the lists: the objective is over


def _lang(objectives: list[dict]) -> str:
    """The draft's language by majority script (SMART_RULES §1), CJK counted per word, not letter."""
    text = " ".join([o["title"] for o in objectives] + [k["text"] for o in objectives for k in o["key_results"]])
    cyr = len(re.findall(r"[\u0400-\u04ff]", text))
    cjk = len(re.findall(r"[\u4e00-\u9fff]", text))
    lat = len(re.findall(r"[A-Za-z]", text))
    scores = {"en": lat, "ru": cyr, "zh": cjk * 3}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] else "en"


def parse_draft(text: str, file: str, kind: str) -> Draft:
    """Read a Markdown ("md") or plain-text ("txt") draft as a plan with positions."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    meta, body = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    directives: list[Directive] = []
    lines = _md_lines(body, directives) if kind == "md" else _txt_lines(body, directives)
    directives.sort(key=lambda d: d.line)
    builder = _Builder(body.split("\n"))
    if meta.get("period") is not None:
        builder._set_period(normalise_period(meta.get("period"), whole=True), 1)
    for ln in lines:
        builder.feed(ln)
    objectives = [o for o in builder.objectives if o["title"] or o["key_results"]]
    if len(objectives) != len(builder.objectives):  # keep pointers and objectives in step
        objectives, builder.positions = _renumber(builder.objectives, builder.positions)
    for o in objectives:
        for kr in o["key_results"]:
            line = kr.pop("_line", None)
            if line is not None:
                active = _disabled_at(directives, line)
                kr["ignore"] = sorted(c for c in active if c != "*")
    lang = meta.get("lang") if meta.get("lang") in LANGS else _lang(objectives)
    plan: dict = {
        "title": str(meta.get("title") or builder.title or ""),
        "period": builder.period,
        "lang": lang,
        "objectives": objectives,
    }
    positions = dict(builder.positions)
    positions[""] = (1, 1)
    if builder.period_line is not None:
        positions["/period"] = (builder.period_line, 1)
    return Draft(file=file, kind=kind, plan=plan, positions=positions, directives=directives)


def _renumber(objectives: list[dict], positions: dict) -> tuple[list[dict], dict]:
    """Drop empty objectives (a bare "Objective:" with nothing after it) and shift pointers."""
    kept, new_positions = [], {}
    for old, obj in enumerate(objectives):
        if not (obj["title"] or obj["key_results"]):
            continue
        new = len(kept)
        kept.append(obj)
        prefix = f"/objectives/{old}"
        for ptr, pos in positions.items():
            if ptr == prefix or ptr.startswith(prefix + "/"):
                new_positions[f"/objectives/{new}" + ptr[len(prefix) :]] = pos
    return kept, new_positions


def _md_lines(text: str, directives: list[Directive]) -> list[_Line]:
    """Logical lines of a Markdown document, from markdown-it-py's tokens.

    Only headings and paragraphs are read, so fenced and indented code never reaches the
    recogniser; `code_inline` spans are dropped from the text. A paragraph's lines are split where
    a line starts a new labelled part (a bullet character, "KR2:", "Цель."), and joined where the
    line merely continues the sentence before it.
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    out: list[_Line] = []
    depth = -1
    item_open = False
    block_line = 0
    heading = 0
    para_id = 0
    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif t == "list_item_open":
            item_open = True
        elif t in ("heading_open", "paragraph_open"):
            heading = int(tok.tag[1:]) if t == "heading_open" else 0
            block_line = tok.map[0] if tok.map else 0
        elif t == "html_block":
            directives.extend(_directives_in(tok.content, (tok.map[0] if tok.map else 0) + 1))
        elif t == "inline":
            para_id += 1
            for n, (line_no, seg_text, bold) in enumerate(_inline_lines(tok.children or [], block_line, directives)):
                out.append(
                    _Line(
                        text=seg_text,
                        line=line_no,
                        heading=heading,
                        item=item_open and n == 0,
                        depth=max(depth, 0),
                        bold=bold,
                        para=para_id,
                    )
                )
            item_open = False
            heading = 0
    return _join_continuations(out)
