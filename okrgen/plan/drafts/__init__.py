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
from pathlib import Path
from typing import Any

import yaml

from okrgen.errors import OkrgenError
from okrgen.i18n import LANGS
from okrgen.resources import load_data

KINDS = ("md", "txt", "rst", "org")
_OKR_WORDS = re.compile(r"(?<![a-z])okrs?(?![a-z])|\bkrs?\b|key results?|ключев\w* результат|关键结果|\bкр\d|\bkr\s*\d", re.IGNORECASE)
# A file named for its goals ("talent-objectives.md", "цели-2026.txt"): its lists are the goals even
# when the text never says "OKR".
_OKR_FILE = re.compile(r"okr|objective|key.?result|goals?(?![a-z])|цел[иейь]|目标", re.IGNORECASE)

_CN_NUM = "一二三四五六七八九十"
_DIRECTIVE = re.compile(r"<!--\s*okrgen-(disable|enable)\b([^>]*?)\s*-->", re.IGNORECASE)
_CODE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_SPACES = re.compile(r"\s{2,}")
_QUALIFIED = re.compile(r"^([^:：.!?\d]{1,40}?)\s*[:：]\s*(\S.*)$")
_QUESTION = re.compile(r"[?？]\s*(?:\S.*)?$|^(?:how|what|why|как|что|почему|зачем|怎样|如何|为什么|什么)\b")
_LIST_IN_CODE = re.compile(r"(?:[ \t]*(?:[-*+•]\s?|\d{1,2}[.)]\s)\S[^\n]*\n?(?:[ \t]*\n)*)+")
_LOOSE_BULLET = re.compile(r"^(?:[-*+•]\s?|\d{1,2}[.)]\s)")
# "Increase SWAUs by 25% => Looker dashboard": a trailing status or link remark, not the KR's words
_STATUS = re.compile(r"\s*(?:=>|⇒)\s*[^\d=⇒]*$")
_SUMMARY = re.compile(r"<details\b[^>]*>\s*<summary\b[^>]*>(.*?)</summary>", re.IGNORECASE | re.DOTALL)
_CHECKBOX = re.compile(r"^\[[ xX✓✔]\]\s*")
# "Sales (Closing Deals) KR: …", "CEO KR: …": who owns a key result, written before its label.
_OWNER_KR = re.compile(r"^(?P<owner>[^\W\d][^:：]{0,40}?)\s+(?P<rest>(?:KR|КР)\s*\d{0,2}(?:\.\d{1,2})?\s*[:：.].*)$", re.IGNORECASE)
# "[Sales] …": a team in brackets before an item's text.
_OWNER_BRACKET = re.compile(r"^\[(?P<owner>[^\[\]\d\sxX✓✔][^\[\]]{1,30})\]\s+(?P<rest>\S.*)$")
# "CY19-Q4", "FY2026 Q3": a calendar/fiscal year written with two digits.
_SHORT_YEAR_Q = re.compile(r"(?<![a-z])(?:cy|fy)\s*'?(\d{2})\s*[-/ ]?\s*q([1-4])(?!\d)")
# A heading that names only a year ("# 2025", "## 2017 OKRs", "OKRs 2026", "2025 年度目标", "Цели на 2026 год").
_YEAR_HEADING = re.compile(
    r"^(?:[^\d]{0,30}?(?:(?:на|for|in)\s+|(?:okrs?|okr-?ы|goals|objectives|цели|целей)\s*[:：\-–—]?\s*))?(?:fy\s*)?(?P<y>(?:19|20)\d{2})\s*(?:年度?|г\.?|год\w*)?\s*"
    r"(?:okrs?|goals?|objectives?|plan|targets?|цели|целей|okr-?ы|目标|计划|okr)?[^\d]{0,30}$"
)


# --------------------------------------------------------------------------- the words, compiled


# A leading emoji used as a bullet ("🎯 Objective:", "✅ KR 1:", "⬜ …"): symbols and pictographs,
# not letters, so no word of the item is lost.
_PICTOGRAPH = "[\u2600-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]"


@dataclass(frozen=True)
class _Markers:
    label: re.Pattern  # a labelled line: label word, optional number, separator, rest
    kinds: dict  # lower-cased label word → set of kinds it can be
    bullet: re.Pattern
    owner_paren: re.Pattern
    columns: dict  # lower-cased table header → role (objective, key_result, owner, target)
    priority: re.Pattern
    placeholder: re.Pattern
    prose_change: re.Pattern  # a from-X-to-Y figure in a sentence


@functools.cache
def _markers() -> _Markers:
    data = load_data("draft_markers.yaml")
    kinds: dict[str, set[str]] = {}
    for kind in ("objective", "key_result", "key_results_section", "initiatives_section", "period", "section_break", "owner_line", "remark"):
        for words in data[kind].values():
            for word in words:
                kinds.setdefault(_norm_word(word), set()).add(kind)
    words = sorted(kinds, key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    label = re.compile(
        rf"^(?P<label>{alternation})"
        rf"(?:\s*[-–—#№]?\s*(?P<num>\d{{1,3}}(?:\.\d{{1,2}})?(?!\d)|[{_CN_NUM}]{{1,3}}))?"
        r"(?P<sep>\s*[.:：)）、]|\s+[-–—](?=\s)|\s*$|\s+)",
        re.IGNORECASE,
    )
    marks = "".join(re.escape(b) for b in data["bullets"] if len(b) == 1 and b not in "-*+–—")
    bullet = re.compile(
        rf"^(?:[{marks}]\s*|{_PICTOGRAPH}\ufe0f?\s+|[-*+–—](?=\s)\s*|\d{{1,2}}[.)](?!\d)\s*|\d{{1,2}}(?:\.\d{{1,2}}){{1,2}}[.)]\s+|\d{{1,2}}、\s*|[①-⑳]\s*"
        rf"|[(（][{_CN_NUM}\d]{{1,3}}[)）]\s*|[{_CN_NUM}]{{1,3}}、\s*)"
    )
    owners = sorted({w for ws in data["owner_tag"].values() for w in ws}, key=lambda w: (-len(w), w))
    owner_alt = "|".join(re.escape(w) for w in owners)
    owner_paren = re.compile(rf"\s*[(（]\s*(?:{owner_alt})\s*[:：.]?\s*(?P<owner>[^()（）]+?)\s*[)）]\s*$", re.IGNORECASE)
    columns = {_norm_word(w): role for role, ws in data["table_columns"].items() for w in ws}
    return _Markers(
        label=label,
        kinds=kinds,
        bullet=bullet,
        owner_paren=owner_paren,
        columns=columns,
        priority=re.compile(data["priority_prefix"]),
        placeholder=re.compile(data["placeholder"], re.IGNORECASE),
        prose_change=_prose_change(data["prose_change"]),
    )


def _prose_change(phrases: dict) -> re.Pattern:
    fig = r"\d+(?:[.,]\d+)?\s*%?"
    alts = sorted({p for ps in phrases.values() for p in ps}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\{x\}", r"\s*" + fig + r"\s*").replace(r"\{y\}", r"\s*" + fig).replace(r"\ ", r"\s+") for p in alts)
    return re.compile(rf"(?<![A-Za-zА-Яа-яЁё])(?:{body})(?!\d)", re.IGNORECASE)


def _norm_word(word: str) -> str:
    return " ".join(word.lower().split())


# An owner written after a dash at the end of a key result: "— Anna Petrova", "– И. Иванов".
# Only capitalised words without digits, so "— Q3" or "— by March" stay part of the text.
_NAME = r"[^\W\d_](?:[^\W\d_]|[.'’-])*"
_OWNER_DASH = re.compile(rf"\s+[—–]\s*(?P<owner>(?=[A-ZА-ЯЁ]){_NAME}(?:\s+(?=[A-ZА-ЯЁ]){_NAME}){{0,2}})\s*$")
_OWNER_AT = re.compile(r"\s+[(（]?@(?P<owner>[\w.-]+)[)）]?\s*$")  # "… @anna", "… (@anna)"


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
    if m := _SHORT_YEAR_Q.search(s):
        candidate = f"20{m.group(1)}-Q{m.group(2)}"
    for pattern, order in _QUARTER_PATTERNS if candidate is None else ():
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


def heading_period(text: str) -> Any:
    """The period a section heading names: a quarter or half anywhere in it, or a year when the
    heading is about that year's goals ("# 2025", "## 2017 OKRs WEVOLVER", "2025 年度目标")."""
    found = normalise_period(text)
    if found is None:
        s = unicodedata.normalize("NFKC", text).lower().strip(" #*[]()")
        if (m := _YEAR_HEADING.match(s)) and len(re.findall(r"\d+", s)) == 1:
            found = normalise_period(m.group("y"), whole=True)
    return found


_MONTHS_EN = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_PROSE_RANGE = re.compile(
    r"(?:runs?|lasts?|covers?|period|quarter|cycle)\b[^.]{0,40}?\bfrom\s+(?P<m1>[a-z]{3})[a-z]*\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s*(?P<y1>\d{4}))?\s+(?:to|until|through|till|-|–)\s+(?P<m2>[a-z]{3})[a-z]*\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<y2>\d{4})",
    re.IGNORECASE,
)


_RU_MONTHS = {m: i for i, m in enumerate(("янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"), 1)}
_PROSE_RANGE_RU = re.compile(
    r"(?:длится|продлится|идет|идёт|период|квартал|цикл)\b[^.]{0,40}?\bс\s+(?P<d1>\d{1,2})\s+(?P<m1>[а-я]{3})[а-я]*(?:\s+(?P<y1>\d{4}))?"
    r"\s+(?:по|до)\s+(?P<d2>\d{1,2})\s+(?P<m2>[а-я]{3})[а-я]*\s+(?P<y2>\d{4})",
    re.IGNORECASE,
)
_PROSE_RANGE_ZH = re.compile(
    r"(?:周期|时间|期间|季度|考核期)[^。]{0,20}?(?:从|自|为)?\s*(?:(?P<y1>\d{4})年)?(?P<m1>\d{1,2})月(?P<d1>\d{1,2})[日号]\s*(?:至|到|-|~|—)\s*"
    r"(?:(?P<y2>\d{4})年)?(?P<m2>\d{1,2})月(?P<d2>\d{1,2})[日号]"
)


def _prose_other(text: str) -> Any:
    if m := _PROSE_RANGE_RU.search(text):
        m1, m2 = _RU_MONTHS.get(m.group("m1").lower()), _RU_MONTHS.get(m.group("m2").lower())
        if not (m1 and m2):
            return None
    elif m := _PROSE_RANGE_ZH.search(text):
        m1, m2 = int(m.group("m1")), int(m.group("m2"))
        if not (m.group("y1") or m.group("y2")):
            return None
    else:
        return None
    y2 = int(m.group("y2") or m.group("y1"))
    y1 = int(m.group("y1") or (y2 if m1 <= m2 else y2 - 1))
    value = {"start": f"{y1}-{m1:02d}-{int(m.group('d1')):02d}", "end": f"{y2}-{m2:02d}-{int(m.group('d2')):02d}"}
    return normalise_period(value)


def prose_period(text: str) -> Any:
    """A period stated in a sentence: "This quarter runs from May 1 to July 31, 2026" → {start, end}
    (also "Квартал длится с 1 мая по 31 июля 2026 года", "考核周期：2026年5月1日至7月31日")."""
    m = _PROSE_RANGE.search(text)
    if not m:
        return _prose_other(text)
    if m.group("m1").lower() not in _MONTHS_EN or m.group("m2").lower() not in _MONTHS_EN:
        return None
    y2 = int(m.group("y2"))
    m1, m2 = _MONTHS_EN[m.group("m1").lower()], _MONTHS_EN[m.group("m2").lower()]
    y1 = int(m.group("y1") or (y2 if m1 <= m2 else y2 - 1))
    value = {"start": f"{y1}-{m1:02d}-{int(m.group('d1')):02d}", "end": f"{y2}-{m2:02d}-{int(m.group('d2')):02d}"}
    return normalise_period(value)


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
    placeholders: list[tuple[int, int, str]] = field(default_factory=list)  # (line, col, text) of empty/TBD items
    period_source: str = ""  # where the period was read: "the heading on line 3", "the file name"
    okr_words: bool = False  # the text talks about OKRs: recognising none is then an error worth a hint

    @property
    def found(self) -> bool:
        """True when at least one objective or key result was recognised."""
        return bool(self.plan["objectives"])

    def kr_count(self) -> int:
        return sum(len(o["key_results"]) for o in self.plan["objectives"])

    def summary(self) -> str:
        """What was recognised, in one line for stderr: "2 objectives, 7 key results, period 2026-Q3 from …"."""
        n_obj, n_kr = len(self.plan["objectives"]), self.kr_count()
        parts = [f"{n_obj} objective{'s' * (n_obj != 1)}", f"{n_kr} key result{'s' * (n_kr != 1)}"]
        period = self.plan.get("period")
        if isinstance(period, dict):
            period = f"{period['start']}..{period['end']}"
        if period:
            parts.append(f"period {period} from {self.period_source}")
        elif self.period_source:
            parts.append(f"periods per section ({self.period_source})")
        else:
            parts.append("no period found")
        if self.placeholders:
            parts.append(f"{len(self.placeholders)} placeholder{'s' * (len(self.placeholders) != 1)}")
        return ", ".join(parts)

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
    in_list: bool = False  # a paragraph inside a list item (a remark, not the end of the lists)
    children: int = 0  # list items nested directly under this item
    child_labels: bool = False  # some of those children are labelled key results ("KR: …")
    outline: bool = False  # this item's block reads as objectives with key-result sub-items
    row: dict | None = None  # a table row: role → cell text
    rule: bool = False  # a thematic break (---): ends a key result's body
    list_follows: bool = False  # a heading whose next line is a list item


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


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


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
        if ct in ("softbreak", "hardbreak") or (ct == "html_inline" and _BR.fullmatch(child.content.strip())):
            flush()
            buf, bold_chars, plain_chars = [], 0, 0
            offset += 1
        elif ct == "strong_open":
            strong += 1
        elif ct == "strong_close":
            strong -= 1
        elif ct == "code_inline":
            buf.append(child.content)
            plain_chars += len(child.content.strip()) if not strong else 0
            bold_chars += len(child.content.strip()) if strong else 0
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


# "Owner: Dana" / "Due: 2026-12-15": a short field name and a colon. Stacked field lines are
# separate fields, not one sentence wrapped over two lines.
_FIELD = re.compile(r"^[^\s:：]{1,20}(?:\s[^\s:：]{1,20}){0,2}\s*[:：]\s*\S")


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
            and not (_FIELD.match(ln.text.strip()) and _FIELD.match(prev.text.strip()))
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
        visible = _INLINE_CODE.sub(lambda m: m.group(0).strip("`"), visible)  # code keeps its words
        if not visible.strip():
            continue
        if re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*", visible):
            out.append(_Line(text="", line=i, rule=True))
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


_BRACKET_LABEL = re.compile(r"^[【\[［]([^】\]］]{1,20})[】\]］]\s*(?=\S)")


def _label(text: str) -> tuple[set[str], str, str] | None:
    """(kinds, number, rest) when `text` starts with a label word, else None."""
    if (bm := _BRACKET_LABEL.match(text)) and (inner := _label(bm.group(1).strip() + ":")) and not inner[2]:
        return inner[0], inner[1], text[bm.end() :].strip()  # "【目标1】提升品牌影响力", "[KR 2] Cut churn"
    m = _markers().label.match(text)
    if not m:
        return None
    word = _norm_word(m.group("label"))
    num = m.group("num") or ""
    sep = m.group("sep")
    rest = text[m.end() :].strip()
    kinds = set(_markers().kinds[word])
    if not sep.strip() and rest and not num:
        if word in ("o", "о"):
            return None  # "О проекте: …" is a preposition, not an objective label
        # "Цель отдела продаж: …", "Objective for Q3 sales: …": a label with a short qualifier
        q = _QUALIFIED.match(rest)
        if q and kinds & {"objective", "key_result"} and len(q.group(1).split()) <= 4:
            return kinds, "", q.group(2).strip()
        return None  # "Goal setting is…", "Objectives and…": a word, not a label
    if word in ("o", "о") and not num and sep.strip() not in (":", "："):
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
    if found and (cb := _CHECKBOX.match(text)):
        removed += cb.end()
        text = text[cb.end() :]
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

    def __init__(self, source_lines: list[str], loose: bool = False):
        self.src = source_lines
        self.loose = loose  # a list with no objective is an untitled objective's key results
        self.objectives: list[dict] = []
        self.positions: dict[str, tuple[int, int]] = {}
        self.title: str | None = None
        self.title_line: int | None = None
        self.period: Any = None
        self.period_line: int | None = None
        self.period_source = ""
        self.sections: list[tuple[int, Any, int]] = []  # (heading level, period, line) of open sections
        self.kr_periods: list[tuple[dict, Any]] = []  # each KR with the period of its section
        self.placeholders: list[tuple[int, int, str]] = []
        self.cur: int | None = None  # index of the open objective
        self.mode: str | None = None  # None | "krs" | "initiatives"
        self.kr_depth: int | None = None
        self.init_depth: int | None = None
        self.obj_depth: int | None = None  # list depth of the item the open objective was read from
        self.pending: _Line | None = None  # unlabelled heading/bold line: an objective if KRs follow
        self.needs_title = False
        self.seen_heading = False
        self.kr_body: dict | None = None  # a key result written as a heading: its body follows
        self.obj_heading: int | None = None  # heading level the open objective was read from

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
        self.obj_depth = None
        self.obj_heading = None

    def _open_objective(self, title: str, ln: _Line, owner: str | None = None) -> None:
        self._close()
        self.pending = None
        idx = len(self.objectives)
        obj: dict = {"title": title, "key_results": [], "initiatives": []}
        if owner:
            obj["owner"] = owner
        self.objectives.append(obj)
        self.cur = idx
        self.needs_title = not title
        self.obj_heading = ln.heading or None
        self.positions[f"/objectives/{idx}"] = (ln.line, self._col(ln.line, ""))
        self.positions[f"/objectives/{idx}/title"] = (ln.line, self._col(ln.line, title))

    def _promote_pending(self) -> bool:
        if self.pending is None:
            return False
        p = self.pending
        self._open_objective(_strip_bullets(p.text)[1].strip(), p)
        return True

    def _add_kr(self, text: str, ln: _Line, owner: str | None = None) -> None:
        if self.cur is None:
            if not self._promote_pending():
                # A labelled KR ("KR1: …") with no objective before it: keep it under an
                # untitled objective rather than lose it.
                self._open_objective("", ln)
                self.needs_title = False
        obj = self.objectives[self.cur]
        text = _strip_bullets(text.strip())[1]
        text = _STATUS.sub("", text)
        text, tag_owner = split_owner(text)
        owner = tag_owner or owner
        col = self._col(ln.line, text)
        text = _SPACES.sub(" ", text.replace("\u00a0", " ")).strip()
        if not text:
            return
        if _markers().placeholder.match(text):
            self.placeholders.append((ln.line, col, text))
            return
        if _QUESTION.search(text):
            return  # "KR: how do we grow? measure it with key results." explains, it sets no target
        kr: dict = {"text": text, "owner": owner, "ignore": []}
        j = len(obj["key_results"])
        obj["key_results"].append(kr)
        base = f"/objectives/{self.cur}/key_results/{j}"
        self.positions[base] = (ln.line, self._col(ln.line, ""))
        self.positions[base + "/text"] = (ln.line, col)
        if owner:
            self.positions[base + "/owner"] = (ln.line, self._col(ln.line, owner))
        kr["_line"] = ln.line
        self.kr_periods.append((kr, self.sections[-1][1] if self.sections else None))

    def _add_initiative(self, text: str, ln: _Line) -> None:
        obj = self.objectives[self.cur]
        text = _SPACES.sub(" ", _strip_bullets(text.strip())[1]).strip()
        if text and not _markers().placeholder.match(text):
            self.positions[f"/objectives/{self.cur}/initiatives/{len(obj['initiatives'])}"] = (ln.line, self._col(ln.line, text))
            obj["initiatives"].append(text)

    def _set_period(self, value: Any, line: int | None, source: str = "") -> None:
        if self.period is None and value is not None:
            self.period, self.period_line = value, line
            self.period_source = source or (f"line {line}" if line else "")

    def _heading(self, ln: _Line, text: str) -> None:
        while self.sections and self.sections[-1][0] >= ln.heading:
            self.sections.pop()
        period = heading_period(text)
        if period is not None:
            self.sections.append((ln.heading, period, ln.line))

    # -- one logical line
    def feed(self, ln: _Line) -> None:
        if ln.row is not None:
            self._row(ln)
            return
        if ln.rule or ln.heading:
            self.kr_body = None
        if self.kr_body is not None and self._body(ln):
            return
        raw = ln.text.strip()
        if not raw:
            if ln.item and self.cur is not None and self.mode != "initiatives":
                self.placeholders.append((ln.line, self._col(ln.line, ""), ""))
            return
        was_item, text, _ = _strip_bullets(raw)
        item = ln.item or was_item
        if item and (cb := _CHECKBOX.match(text)):
            text = text[cb.end() :]
        text = text.strip()
        if item and not text:
            if self.cur is not None:
                self.placeholders.append((ln.line, self._col(ln.line, ""), raw))
            return
        text = _markers().priority.sub("", text, count=1) if item or ln.heading else text
        owner = None
        if m := _OWNER_KR.match(text):
            owner, text = m.group("owner").strip(), m.group("rest")
        elif (m := _OWNER_BRACKET.match(text)) and _label(m.group("owner") + ":") is None:
            owner, text = m.group("owner").strip(), m.group("rest")
            text = _markers().priority.sub("", text, count=1)
        if self.title is None:
            self.title, self.title_line = text, ln.line
            if not ln.heading:
                # the first line of a plain draft is its title: read like a heading ("Цели на 2026 год")
                self._set_period(normalise_period(text) or heading_period(text), ln.line, f"the first line ({ln.line})")
        if ln.heading:
            self._heading(ln, text)
        elif (pp := prose_period(text)) is not None:
            self._set_period(pp, ln.line, f"the sentence on line {ln.line}")
        lab = _label(text)
        if lab:
            self._labelled(lab, ln, owner)
            return
        if ln.heading and self._heading_kr(ln):
            # "## Objective: Grow revenue" / "### Increase ARR from $1M to $2M" / "Owner: Dana": a
            # plain sub-heading of an objective heading, with no list under it, is one of its KRs
            self._add_kr(text, ln, owner)
            if self.objectives[self.cur]["key_results"]:
                self.kr_body = self.objectives[self.cur]["key_results"][-1]
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
            self._item(text, ln, owner)
            return
        if ln.in_list:
            return  # a remark inside a list item: neither a part nor the end of the lists
        self._prose(text)

    def _heading_kr(self, ln: _Line) -> bool:
        return (
            self.cur is not None
            and self.obj_heading is not None
            and ln.heading > self.obj_heading
            and not ln.list_follows
            and self.kr_depth is None
            and self.mode != "initiatives"
            and not self.objectives[self.cur]["initiatives"]
        )

    def _body(self, ln: _Line) -> bool:
        """A line under a key result written as a heading: its metric, target or owner."""
        kr = self.kr_body
        text = _strip_bullets(ln.text.strip())[1].strip()
        if not text or kr is None:
            return True
        lab = _label(text)
        if lab and "owner_line" in lab[0] and lab[2]:
            kr["owner"] = _owner_text(lab[2])
            return True
        if lab and lab[0] & {"remark", "period"}:
            return True
        if lab and lab[0] & {"objective", "key_result", "section_break"}:
            self.kr_body = None
            return False
        sep = " " if kr.get("_body") else ": "
        kr["_body"] = True
        kr["text"] = _SPACES.sub(" ", f"{kr['text'].rstrip(':：')}{sep}{text}").strip()
        return True

    def _labelled(self, lab: tuple[set[str], str, str], ln: _Line, owner: str | None = None) -> None:
        kinds, num, rest = lab
        if ln.heading:
            self.seen_heading = True
        if "remark" in kinds and not (kinds & {"objective", "key_result", "key_results_section"}):
            if not rest and self.cur is not None:
                self.mode = "remark"  # "Background:" with a list after it: the list is the remark
            return
        if "owner_line" in kinds and not (kinds & {"objective", "key_result"}):
            if rest and self.objectives and (self.cur is not None or not self.objectives[-1].get("owner")):
                target = self.objectives[self.cur if self.cur is not None else -1]
                target["owner"] = _owner_text(rest)
            return
        if "section_break" in kinds:
            self._close()
            self.pending = None
        elif "period" in kinds and not (kinds & {"objective", "key_result"}):
            if rest:
                self._set_period(normalise_period(rest, whole=True), ln.line, f"the '{ln.text.split(':')[0].strip()}' line {ln.line}")
        elif "objective" in kinds:
            self._open_objective(rest, ln, owner)
            if ln.item:
                self.obj_depth = ln.depth
        elif "initiatives_section" in kinds and not (kinds & {"key_result", "key_results_section"}):
            if self.cur is None:
                return
            self.mode, self.init_depth = "initiatives", None
            if rest:
                self._add_initiative(rest, ln)
        elif rest and "key_result" in kinds or rest and "key_results_section" in kinds:
            if self.mode == "initiatives":
                self.mode, self.kr_depth = "krs", None
            if self.cur is not None and self.obj_depth is not None and ln.item and ln.depth <= self.obj_depth:
                self._close()  # a labelled KR beside (not under) the objective item: not its KR
            self._add_kr(rest, ln, owner)
            if self.kr_depth is None:
                self.kr_depth = ln.depth
            if ln.heading and self.cur is not None and self.objectives[self.cur]["key_results"]:
                self.kr_body = self.objectives[self.cur]["key_results"][-1]
        elif "key_results_section" in kinds or "key_result" in kinds:
            if self.cur is None and not self._promote_pending():
                self._open_objective("", ln)
                self.needs_title = False
            self.mode, self.kr_depth = "krs", None

    def _item(self, text: str, ln: _Line, owner: str | None = None) -> None:
        if self._outline_objective(ln):
            self._open_objective(_SPACES.sub(" ", text).strip(), ln, owner)
            self.obj_depth = ln.depth
            self.mode = "krs"
            return
        if self.cur is None:
            if self.pending is None or not self._promote_pending():
                if not self.loose or ln.depth:
                    return
                self._open_objective("", ln)
                self.needs_title = False
        if self.mode == "remark":
            return
        if self.mode == "initiatives":
            if self.init_depth is None:
                self.init_depth = ln.depth
            if ln.depth <= self.init_depth:
                self._add_initiative(text, ln)
            return
        if self.obj_depth is not None and ln.depth <= self.obj_depth:
            self._close()  # a sibling of the objective item without sub-items: a remark
            return
        if self.kr_depth is None:
            self.kr_depth = ln.depth
        if ln.depth <= self.kr_depth:
            self._add_kr(text, ln, owner)
        elif self.obj_depth is not None:
            # third level of an outline (objective > key result > this): work planned for the KR
            self._add_initiative(text, ln)
        # deeper items under a key result of a heading objective are its details

    def _outline_objective(self, ln: _Line) -> bool:
        """Whether this item is an objective of an unlabelled outline (its sub-items are its KRs)."""
        if not ln.children:
            return False
        if self.cur is None:
            return self.pending is None or ln.outline
        if self.obj_depth is not None:
            if ln.depth <= self.obj_depth:
                return True  # the next objective of the outline
            return ln.child_labels  # a nested objective whose children are labelled KRs
        if self.kr_depth is None and self.objectives[self.cur]["key_results"]:
            return True  # the objective's KRs came from a table or labels: a new outline starts
        return ln.outline and self.kr_depth is None and self.pending is None

    def _row(self, ln: _Line) -> None:
        row = ln.row or {}
        obj_text = _SPACES.sub(" ", row.get("objective", "")).strip()
        if obj_text and (self.cur is None or self.objectives[self.cur]["title"] != obj_text):
            lab = _label(obj_text)
            self._open_objective(lab[2] if lab and "objective" in lab[0] else obj_text, ln)
        kr_text = _SPACES.sub(" ", row.get("key_result", "")).strip()
        if not kr_text:
            return
        lab = _label(kr_text)
        if lab and lab[0] & {"key_result", "key_results_section"} and lab[2]:
            kr_text = lab[2]
        owner = _SPACES.sub(" ", row.get("owner", "")).strip().lstrip("@") or None
        target = row.get("target", "").strip()
        stated = _column_figure(target) if target and _PAIR_HINT.search(kr_text) else None
        if target and not _writes_figure(kr_text, target) and stated is None:
            kr_text = f"{kr_text} ({target})" if not _markers().placeholder.match(target) else kr_text
        self._add_kr(kr_text, ln, owner)
        if stated is not None and self.cur is not None and self.objectives[self.cur]["key_results"]:
            # A Target column beside a "from X to Y" is the key result's `target`: lint then says
            # when the two disagree (AGREE-002), as it does for a plan.
            self.objectives[self.cur]["key_results"][-1]["target"] = stated

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


def _annotate(lines: list[_Line]) -> list[_Line]:
    """Mark each list item with its direct children, and blocks that read as nested outlines.

    A block (the items between two headings or bold lines) is an outline when most of its top-level
    items have sub-items, two or more on average: objectives with their key results. Key results
    that carry a line of detail each have one sub-item and stay key results.
    """
    items = [i for i, ln in enumerate(lines) if ln.item]
    for n, i in enumerate(items):
        d = lines[i].depth
        child_depth = None
        for j in items[n + 1 :]:
            dj = lines[j].depth
            if dj <= d:
                break
            if child_depth is None:
                child_depth = dj
            if dj == child_depth:
                lines[i].children += 1
                if (lab := _label(_strip_bullets(lines[j].text.strip())[1].strip())) and lab[0] & {"key_result"}:
                    lines[i].child_labels = True
                elif (m := _OWNER_KR.match(_strip_bullets(lines[j].text.strip())[1].strip())) and _label(m.group("rest")):
                    lines[i].child_labels = True
    block: list[_Line] = []
    head: list[_Line | None] = [None]
    blocks: list[tuple[_Line | None, list[_Line], bool]] = []  # (heading, items, outline)

    def decide() -> None:
        if not block:
            return
        top = min(ln.depth for ln in block)
        tops = [ln for ln in block if ln.depth == top]
        parents = [ln for ln in tops if ln.children]
        outline = len(parents) * 2 >= len(tops) and sum(ln.children for ln in parents) >= 2 * len(parents)
        for ln in block:
            ln.outline = outline
        blocks.append((head[0], list(block), outline))
        block.clear()

    for ln in lines:
        if ln.heading or (ln.bold and not ln.item):
            decide()
            head[0] = ln if ln.heading else None
        elif ln.item:
            block.append(ln)
    decide()
    _heading_objectives(blocks)
    return lines


def _heading_objectives(blocks: list[tuple[_Line | None, list[_Line], bool]]) -> None:
    """An outline under a heading whose sibling headings are objectives is that objective's KRs.

    "### Build team + culture" over "- hire 2 developers" / "  - 1 full stack …": when most headings
    of that level hold a flat list (each heading an objective, its items the key results), the one
    heading whose items happen to have sub-items is an objective too, and the sub-items are the
    details of its key results, not key results of objectives of their own. Sub-items labelled
    "KR: …" keep the outline reading.
    """
    by_level: dict[int, list[tuple[_Line, list[_Line], bool]]] = {}
    for head, items, outline in blocks:
        if head is not None and head.heading and _label(head.text.strip()) is None and heading_period(head.text) is None:
            by_level.setdefault(head.heading, []).append((head, items, outline))
    for group in by_level.values():
        flat = sum(1 for _, _, outline in group if not outline)
        nested = len(group) - flat
        if flat < 2 or flat <= nested:
            continue
        for _, items, outline in group:
            if outline and not any(ln.child_labels for ln in items):
                for ln in items:
                    ln.outline = False


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
    """Read a Markdown, plain-text, reStructuredText or Org-mode draft as a plan with positions."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    meta, body = _front_matter(text.replace("\r\n", "\n").replace("\r", "\n"))
    directives: list[Directive] = []
    if kind == "md":
        lines = _md_lines(body, directives)
    elif kind == "rst":
        lines = _txt_lines(_rst_fields(_rst_headings(body)), directives)
    elif kind == "org":
        lines = _txt_lines(_org_headings(body), directives)
    else:
        lines = _txt_lines(body, directives)
    return draft_from_lines(lines, body.split("\n"), file, kind, meta=meta, directives=directives, okr_words=bool(_OKR_WORDS.search(body)))


def draft_from_lines(
    lines: list[_Line],
    source_lines: list[str],
    file: str,
    kind: str,
    *,
    meta: dict | None = None,
    directives: list[Directive] | None = None,
    okr_words: bool = False,
) -> Draft:
    """The plan a sequence of logical lines describes (every reader ends here: md, txt, docx, html)."""
    meta = meta or {}
    directives = sorted(directives or [], key=lambda d: d.line)
    okr_words = okr_words or bool(_OKR_FILE.search(Path(file).stem))
    lines = _annotate(lines)
    for ln, nxt in zip(lines, lines[1:], strict=False):
        if ln.heading:
            ln.list_follows = nxt.item or (not nxt.heading and nxt.row is None and bool(_markers().bullet.match(nxt.text.strip())))
    builder = _read_lines(lines, source_lines, meta, loose=False)
    if not builder.objectives and okr_words:
        # A text about OKRs whose lists stand under no objective (the objective is in prose, or
        # is the document itself): read each top-level list as one untitled objective's KRs.
        builder = _read_lines(lines, source_lines, meta, loose=True)
        if any(len(o["key_results"]) < 2 for o in builder.objectives):  # a lone bullet is no list of KRs
            builder = _read_lines(lines, source_lines, meta, loose=False)
    if not builder.objectives and okr_words:
        builder = _prose_krs(lines, source_lines, meta) or builder
    # Sections with their own period: one period for the whole draft becomes the plan's; several
    # become each key result's due date (the end of its section's period), and the plan has none.
    section_periods = {str(p) for _, p in builder.kr_periods if p is not None}
    if builder.period is None and len(section_periods) == 1 and all(p is not None for _, p in builder.kr_periods):
        period = builder.kr_periods[0][1]
        line = next(line for lvl, p, line in _all_sections(lines) if str(p) == str(period))
        builder._set_period(period, line, f"the heading on line {line}")
    elif builder.period is None and section_periods:
        from okrgen.period import parse_period

        for kr, p in builder.kr_periods:
            if p is not None:
                kr["due"] = parse_period(p).end.isoformat()
        builder.period_source = f"{len(section_periods)} section headings"
    if builder.period is None and (fp := normalise_period(Path(file).stem.replace("_", " "))) is not None:
        builder._set_period(fp, None, "the file name")
    objectives = [o for o in builder.objectives if o["title"] or o["key_results"]]
    if len(objectives) != len(builder.objectives):  # keep pointers and objectives in step
        objectives, builder.positions = _renumber(builder.objectives, builder.positions)
    for o in objectives:
        for kr in o["key_results"]:
            kr.pop("_body", None)
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
    return Draft(
        file=file,
        kind=kind,
        plan=plan,
        positions=positions,
        directives=directives,
        placeholders=builder.placeholders,
        period_source=builder.period_source,
        okr_words=okr_words,
    )


_CLAUSE = re.compile(r"(?<=[,;:!?，；：。！？])\s*|(?<=[.])\s+")


def _prose_krs(lines: list[_Line], source_lines: list[str], meta: dict) -> _Builder | None:
    """A text about OKRs with no list or label: its clauses that move a figure from X to Y.

    "на первый квартал … от 0 до 20% от числа обращений, на второй квартал повысим с 20 до 40%"
    sets two key results in a sentence; they become an untitled objective's KRs. Clauses that
    name dates ("from May 1 to July 31") are periods, not targets.
    """
    builder = _read_lines(lines, source_lines, meta, loose=False)
    for ln in lines:
        if ln.heading or ln.row is not None:
            continue
        for clause in _CLAUSE.split(ln.text):
            clause = clause.strip(" ,;:.，；：。")
            if clause and _markers().prose_change.search(clause) and prose_period(clause) is None:
                builder._add_kr(clause, ln)
    return builder if builder.objectives else None


def _read_lines(lines: list[_Line], source_lines: list[str], meta: dict, *, loose: bool) -> _Builder:
    builder = _Builder(source_lines, loose=loose)
    if meta.get("period") is not None:
        builder._set_period(normalise_period(meta.get("period"), whole=True), 1, "the front matter")
    for ln in lines:
        builder.feed(ln)
    return builder


def _all_sections(lines: list[_Line]):
    for ln in lines:
        if ln.heading and (p := heading_period(ln.text)) is not None:
            yield ln.heading, p, ln.line


_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")


def _rst_headings(text: str) -> str:
    """reStructuredText with its underlined titles turned into `#` headings (line numbers kept)."""
    lines = text.split("\n")
    levels: list[str] = []
    out = list(lines)
    for i in range(1, len(lines)):
        m = _RST_UNDERLINE.match(lines[i])
        if m and lines[i - 1].strip() and not _RST_UNDERLINE.match(lines[i - 1]) and len(lines[i].strip()) >= len(lines[i - 1].strip()) // 2:
            ch = m.group(1)
            if ch not in levels:
                levels.append(ch)
            out[i - 1] = "#" * min(len(levels[: levels.index(ch) + 1]), 6) + " " + lines[i - 1].strip()
            out[i] = ""
        elif m:
            out[i] = ""  # an overline
    return "\n".join(out)


_RST_DIRECTIVE = re.compile(r"^\s*\.\.\s+[\w:-]+::")
_RST_FIELD = re.compile(r"^(?P<indent>\s*):(?P<name>[^:`]+):(?:\s+(?P<value>.*))?$")
_RST_ROLE = re.compile(r":[\w-]+:`([^`]*)`")
_RST_LINK = re.compile(r"`([^`<]+?)(?:\s*<[^>]*>)?`__?")


def _rst_fields(text: str) -> str:
    """reStructuredText markup as the words a reader sees (line numbers kept).

    Directive lines (".. okr:: _", ".. contents::") are markup, roles keep their text
    (":book:`Demian`" is "Demian", "`Go book`__" is "Go book"), and a field whose name is a
    key-results label (":krs:", ":key results:") is a list: each line of its value, on the
    field line or the lines indented under it, is one item. Fields with a known label
    (":period:", ":owner:") become "name: value" lines; other fields are dropped.
    """
    lines = text.split("\n")
    out: list[str] = []
    in_krs: int | None = None  # indent of the open key-results field
    for raw in lines:
        line = _RST_LINK.sub(r"\1", _RST_ROLE.sub(r"\1", raw))
        indent = len(line) - len(line.lstrip())
        if in_krs is not None and line.strip() and indent > in_krs and not _RST_FIELD.match(line):
            out.append(" " * (in_krs + 2) + "- " + line.strip())
            continue
        in_krs = None
        if _RST_DIRECTIVE.match(line):
            out.append("")
            continue
        fm = _RST_FIELD.match(line)
        if fm:
            name, value = fm.group("name").strip(), (fm.group("value") or "").strip()
            lab = _label(name)
            if lab and lab[0] & {"key_result", "key_results_section"} and not lab[2]:
                in_krs = len(fm.group("indent"))
                out.append(" " * (in_krs + 2) + f"- {value}" if value else "")
                continue
            # a field the reader knows (":period: 2026-Q3", ":owner: Anna") is its label line;
            # others (":id: 2022-o3/1", ":scores: 0 0 0") are the markup's bookkeeping
            line = f"{fm.group('indent')}{name}: {value}" if lab and value else ""
        out.append(line)
    return "\n".join(out)


_ORG_HEADING = re.compile(r"^(\*+)\s+(?:(?:TODO|DONE|NEXT|WAITING)\s+)?(.*?)(?:\s+:[\w:@]+:)?\s*$")


def _org_headings(text: str) -> str:
    """Org-mode with `*` headings as `#` headings and `#+TITLE:`-style keywords as labels."""
    out = []
    for raw in text.split("\n"):
        if m := _ORG_HEADING.match(raw):
            raw = "#" * min(len(m.group(1)), 6) + " " + m.group(2)
        elif raw.lstrip().lower().startswith("#+"):
            key, _, value = raw.strip()[2:].partition(":")
            raw = f"{key.strip()}: {value.strip()}" if key.strip().lower() in ("title", "period") else ""
        out.append(raw)
    return "\n".join(out)


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


def _list_in_code(content: str) -> list[bool] | None:
    """For an indented code block that is really a list: per line, whether it is a list item.

    It is a list when its first line is a list item and every other line is a list item or is
    indented deeper than the first item (a remark such as ">need to check …" under a key result).
    None when the block is code.
    """
    lines = content.split("\n")
    kinds: list[bool] = []
    first_indent: int | None = None
    for raw in lines:
        if not raw.strip():
            kinds.append(False)
            continue
        indent = len(raw) - len(raw.lstrip())
        bullet = bool(_LIST_IN_CODE.fullmatch(raw.strip()))
        if first_indent is None:
            if not bullet:
                return None
            first_indent = indent
        elif not bullet and indent <= first_indent:
            return None
        kinds.append(bullet)
    return kinds if first_indent is not None else None


def _md_lines(text: str, directives: list[Directive]) -> list[_Line]:
    """Logical lines of a Markdown document, from markdown-it-py's tokens.

    Headings, paragraphs and table rows are read, so fenced and indented code never reaches the
    recogniser; inline code keeps its words. A paragraph's lines are split where a line starts a
    new labelled part (a bullet character, "KR2:", "Цель."), and joined where the line merely
    continues the sentence before it. A table whose header names a key-result column gives one
    line per row with its cells by role. Lists folded into `<details>` are supplementary material
    (a hiring list, an appendix), not the plan.
    """
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    out: list[_Line] = []
    depth = -1
    item_open = False
    block_line = 0
    heading = 0
    para_id = 0
    details = 0
    table: dict | None = None  # {"roles": [...], "cells": [...], "line": n, "header": bool}
    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif t == "list_item_open":
            item_open = True
        elif t == "hr":
            out.append(_Line(text="", line=(tok.map[0] if tok.map else 0) + 1, rule=True))
        elif t == "table_open":
            table = {"roles": [], "cells": [], "line": 0, "header": False}
        elif t == "table_close":
            table = None
        elif t == "thead_open" and table is not None:
            table["header"] = True
        elif t == "thead_close" and table is not None:
            table["header"] = False
        elif t == "tr_open" and table is not None:
            table["cells"], table["line"] = [], (tok.map[0] if tok.map else 0) + 1
        elif t == "tr_close" and table is not None:
            if table["header"]:
                table["roles"] = [_markers().columns.get(_norm_word(c.strip(" *:")), "") for c in table["cells"]]
            elif "key_result" in table["roles"] and not details:
                row = {
                    role: cell if role == "key_result" else cell.replace("\n", " ") for role, cell in zip(table["roles"], table["cells"], strict=False) if role
                }
                # "KR1: Close $2M<br>KR2: Raise win rate …": several key results in one cell, one a line
                for n, kr in enumerate(row.get("key_result", "").split("\n") or [""]):
                    part = dict(row, key_result=kr) if n == 0 else {k: v for k, v in row.items() if k != "objective"} | {"key_result": kr}
                    if n == 0 or kr.strip():
                        out.append(_Line(text=kr, line=table["line"], row=part))
        elif t in ("heading_open", "paragraph_open"):
            heading = int(tok.tag[1:]) if t == "heading_open" else 0
            block_line = tok.map[0] if tok.map else 0
        elif t == "code_block" and not details and (kinds := _list_in_code(tok.content)):
            # "        - make £15,000 RR p/m": an over-indented list, which Markdown reads as code.
            # A block of list items (and remarks indented under them) is what its author wrote: a list.
            base = (tok.map[0] if tok.map else 0) + 1
            for n, raw in enumerate(tok.content.split("\n")):
                if raw.strip():
                    indent = len(raw) - len(raw.lstrip())
                    if kinds[n]:
                        body = _LOOSE_BULLET.sub("", raw.strip(), count=1)
                        out.append(_Line(text=body, line=base + n, item=True, depth=max(depth, 0) + 1 + indent // 4, para=0))
                    else:
                        out.append(_Line(text=raw.strip(), line=base + n, depth=max(depth, 0) + 1 + indent // 4, in_list=True))
        elif t == "html_block":
            directives.extend(_directives_in(tok.content, (tok.map[0] if tok.map else 0) + 1))
            if not details and (sm := _SUMMARY.search(tok.content)):
                # "<details><summary>Hire about 55 people</summary> … the list": the summary is the
                # item the reader sees; the folded body is its supporting detail.
                summary = _SPACES.sub(" ", re.sub(r"<[^>]*>", " ", sm.group(1))).strip()
                if summary:
                    line_no = (tok.map[0] if tok.map else 0) + 1 + tok.content.count("\n", 0, sm.start(1))
                    out.append(_Line(text=summary, line=line_no, item=True, depth=max(depth, 0), para=0))
            details += len(re.findall(r"<details\b", tok.content, re.IGNORECASE))
            details = max(0, details - len(re.findall(r"</details\s*>", tok.content, re.IGNORECASE)))
        elif t == "inline" and table is not None:
            segs = [seg for _, seg, _ in _inline_lines(tok.children or [], 0, directives)]
            table["cells"].append("\n".join(seg for seg in segs if seg.strip()) if len(segs) > 1 else " ".join(segs))
        elif t == "inline":
            para_id += 1
            if details:
                item_open = False
                continue
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
                        in_list=depth >= 0 and not (item_open and n == 0) and not heading,
                    )
                )
            item_open = False
            heading = 0
    return _join_continuations(out)


def _owner_text(rest: str) -> str:
    """An owner line's name: "DRI: @jdoe | Health: on track" names @jdoe; what follows a "|" or
    another "Label:" is the line's other fields (GitLab's handbook writes DRI and Health together)."""
    name = re.split(r"\s*\|\s*|\s+[A-Za-zА-Яа-я]+:\s", rest, maxsplit=1)[0]
    return _SPACES.sub(" ", name).strip() or _SPACES.sub(" ", rest).strip()


_PAIR_HINT = re.compile(r"\bfrom\b.+\bto\b|→|(?<![а-я])с\s.+\sдо\s|从.+(?:到|至)", re.IGNORECASE)
_FIGURE = re.compile(r"\d(?:[\d,.'\u00a0\u202f ]*\d)?")


def _writes_figure(text: str, cell: str) -> bool:
    """Whether a key result's text already writes its Target cell's figure: "Send 5,000 emails"
    with a cell of 5000 needs no "(5000)" after it."""
    if cell in text:
        return True
    value = _column_figure(cell)
    return value is not None and any(_column_figure(m.group(0)) == value for m in _FIGURE.finditer(text))


def _column_figure(cell: str) -> float | None:
    """A Target cell read as one figure ("24%", "$1.2M", "1 200"), or None when it is not one."""
    from okrgen.numbers import NumberError, parse_number

    try:
        value = parse_number(cell, percent=True, magnitude=True)
    except (NumberError, ValueError, TypeError):
        return None
    return int(value) if float(value).is_integer() else value
