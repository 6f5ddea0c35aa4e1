"""Predicate Q (§3.2): does a text hold a number that can work as a target or threshold?

Dates, periods, versions, product names and metric windows carry digits but no target, so they are
masked first (replaced by `§`, keeping every offset) and every later step — quantities, baseline →
target pairs, relative changes, compound clauses — runs on the masked text and never sees them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from okrgen.lint.lexicon import WORDCH, Gated, alternation, fast, gate_table, lexicon, opened
from okrgen.lint.numbers import NUM, parse_digits, parse_zh_numeral
from okrgen.lint.patterns import rx, rx_compile

MASK = "§"
_ZH_NUMERAL = "零〇一二两三四五六七八九十百千万亿"


@dataclass(slots=True)
class Qty:
    start: int
    end: int
    value: float | None
    percent: bool = False
    money: bool = False
    magnitude: bool = False
    time_unit: bool = False
    one: bool = False  # count-of-one (§3.2 exclusion 6): not a quantity on its own


@dataclass(slots=True)
class Quantities:
    masked: str
    items: tuple[Qty, ...]

    @property
    def q(self) -> bool:
        return any(not it.one for it in self.items)

    def after(self, pos: int) -> list[Qty]:
        return [it for it in self.items if it.start >= pos and not it.one]


class _Patterns:
    """Everything Q needs for one language, compiled once."""

    def __init__(self, lang: str):
        lx = lexicon(lang)
        qx = lx["quantity"]
        self.lang = lang
        months = lexicon("en")["time"]["months"]
        en_month = alternation(months)
        ru_gen = alternation(lexicon("ru")["time"]["months_gen"])
        en_mon3 = {str(m)[:3] for m in months}
        ru_mon3 = {str(m)[:3] for m in lexicon("ru")["time"]["months_gen"]}
        # (languages, pattern, needs): a mask is searched only in a text holding one of its `needs`,
        # plain substrings every match contains (a substring test is far cheaper than a scan that
        # finds nothing, and most key results hold no date, time, version or window)
        masks: list[tuple[tuple[str, ...], str, tuple[str, ...]]] = [
            (("en", "ru", "zh"), r"\b\d{4}-\d{1,2}-\d{1,2}\b", ("-",)),
            (("en", "ru", "zh"), r"(?<![\d.,])\d{1,2}:\d{2}(?![\d])", (":",)),
            (("en",), rf"(?<![{WORDCH}])(?:{en_month})\.?\s*\d{{1,2}}(?:st|nd|rd|th)?(?![\d%])(?:,?\s*\d{{4}})?", en_mon3),
            (("en",), rf"(?<![\d.,])\d{{1,2}}(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{en_month})\.?(?:\s*\d{{4}})?", en_mon3),
            (("ru",), rf"(?<![\d.,])\d{{1,2}}\s*(?:{ru_gen})(?:\s*\d{{4}}\s*(?:г\.|года|году|г(?![а-я]))?)?", ru_mon3),
            (("zh",), r"(?<![\d.,])\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?", ("月",)),
            (("zh",), r"(?<![\d])[一二三四五六七八九十]{1,3}月(?:[一二三四五六七八九十]{1,3}[日号])?", ("月",)),
            (("zh",), r"(?:第\s*)?(?:[1-4一二三四])\s*季度", ("季度",)),
            (("ru",), r"(?<![\d.,])(?:[1-4]|i{1,3}|iv)\s*(?:-?(?:й|го|м|ом))?\s*(?:квартал\w*|кв\.|кв(?![а-я])|полугоди\w*)", ("кв", "полугоди")),
            (("en", "ru", "zh"), rf"(?<![{WORDCH}])(?:q[1-4]|[1-4]q|h[12]|fy\s?'?\d{{2,4}})(?![{WORDCH}])", ("q", "h1", "h2", "fy")),
            # versions (§3.2 exclusion 3)
            (
                ("en", "ru", "zh"),
                r"(?<![a-zа-я])(?:v|ver\.?|version|версия|версии|версию|release|релиз)\s?\.?\s?\d+(?:\.\d+)*",
                ("v", "верси", "release", "релиз"),
            ),
            # (?<!\d): a match starts where a digit run does; started inside a 60,000-digit run, each
            # position rescans the rest of the run, which made linting quadratic (60-110 s)
            (("en", "ru", "zh"), r"(?<!\d)\d+(?:\.\d+)*\s*-?\s*(?:верси[яиюей]|version)", ("верси", "version")),
            (("zh",), r"版本\s*\d+(?:\.\d+)*|(?<!\d)\d+\.\d+(?:\.\d+)*\s*版本|(?<!\d)\d+(?:\.\d+)*\s*版(?!本)", ("版",)),
            (("en", "ru", "zh"), r"\b\d+\.\d+\.\d+\b", (".",)),
            # metric windows (§3.2 exclusion 5)
            (("en", "ru"), r"(?<![\d.,])\d+\s*-\s*(?:day|week|month|year|hour|minute|quarter)s?\b", ("-",)),
            (
                ("ru",),
                r"(?<![\d.,])\d+\s*-?\s*(?:дневн|недельн|месячн|годичн|летн|часов(?=[а-я]))[а-я]*",
                ("дневн", "недельн", "месячн", "годичн", "летн", "часов"),
            ),
            (("ru",), r"(?<![\d.,])\d+\s*-(?:й|го|м|ый)\s+(?:день|дня|недел[а-я]*|месяц[а-я]*)", ("-",)),
            (("zh",), r"(?<![\d.,])\d+\s*(?:日|天|周|个月|月)(?=" + "|".join(lexicon("zh")["quantity"]["window_followers"]) + ")", ("日", "天", "周", "月")),
        ]
        self.masks = [Gated(pat, needs) for langs, pat, needs in masks if lang in langs]
        names = [str(n).lower() for n in qx.get("proper_names") or []]
        if names:
            self.masks.append(Gated(alternation(names), {n[:3] for n in names}))
        if lang == "zh":
            # a lexicalised word (一下, 万一, 千万…) holds a numeral: its gate is that character (or the
            # word itself, should one hold none), so a text without numerals skips the scan
            lexicalized = [str(w) for w in qx["lexicalized"]]
            self.masks.append(Gated(alternation(lexicalized), {next((c for c in w if c in _ZH_NUMERAL), w) for w in lexicalized}))
        self.mask_table = gate_table(self.masks)
        leads = (lexicon(lang).get("time") or {}).get("date_leads") or []
        self.date_lead = rx_compile("(?:" + alternation(leads) + r")\s*$") if leads else None
        self.numdate = Gated(r"(?<![\d.,])(\d{1,2})([./])(\d{1,2})(?:\2(\d{2,4}))?(?![\d%])", (".", "/"))
        self.glue = rx_compile(r"[a-zа-я]+")
        self.year = fast(r"(?<![\d.,'’])(19\d\d|20\d\d|2100)(?![\d])")
        self.years = Gated(self.year, ("19", "20", "2100"))  # the scan: a text without these holds no year
        self.year_after = rx_compile(r"\s*(?:年|год|года|году|г\.|г(?![а-я])|years?\b|fy\b|-?q[1-4]|-?h[12])")
        self.year_before = rx_compile(
            r"(?:\b(?:in|by|for|of|until|till|before|through|during|since|throughout|fy|end|mid|early|late|after|from|to|the|our|its|their)"
            r"|(?<![а-я])(?:в|во|к|ко|до|на|за|с|по|конца|начала|середины|итогам)|截至|截止|到|至|从|fy|q[1-4])[\s\-]*$"
        )
        # "make 2027 the year of the customer", "2027 our best year yet": the year is named as one
        self.year_named = rx_compile(r"\s+(?:the|our|a|an|its|this|their)\s+(?:[a-z\-]+\s+){0,2}year\b")
        self.year_heads = rx_compile(r"\s*(?:" + "|".join(map(re.escape, lexicon("en")["time"]["year_heads"])) + r")\b")
        # ranks are never quantities in objectives (§3.2 exclusion 8)
        self.ranks = rx_compile(
            r"(?:#|№|no\.?\s?|number\s|top[\s\-]?|топ[\s\-]?)\s?\d+|number one|номер один|前\s*[\d一二三四五六七八九十]+\s*[名强]|第[一二三四五六七八九十\d]+"
            # digit ordinals ("our 2nd campus", "2-й филиал") are ordinals too (§3.2 exclusion 8)
            r"|(?<![\d.,])\d{1,3}(?:st|nd|rd|th)(?![a-z])|(?<![\d.,])\d{1,3}-(?:й|я|е|го|ой|ий|ый|ая|ое|ом)(?![а-я])"
        )
        self.rank_words = rx_compile(alternation(qx.get("rank_words") or []))
        self.num = fast(NUM)
        self.glued = {u.lower() for u in qx.get("glued_units") or []}
        # percent words glue to digits too ("1pp", "1%"): right boundary only. Longest first, ties
        # by text: a set's order changes with the hash seed, and the pattern is a cache key.
        pcts = sorted({str(w).lower() for w in qx["percent_words"]}, key=lambda w: (-len(w), w))
        self.pct_after = rx_compile(r"\s?(?:" + "|".join(re.escape(w) + (f"(?![{WORDCH}])" if re.match(f"[{WORDCH}]", w[-1]) else "") for w in pcts) + ")")
        # no left boundary: a magnitude is glued to its digits ("1M", "15k", "3万"), so only the right one counts
        mags = sorted({str(m).lower() for m in list(qx["magnitudes"]) + ["万", "亿", "千"]}, key=lambda w: (-len(w), w))
        self.mag_after = rx_compile(r"\s?(?:" + "|".join(re.escape(m) + (f"(?![{WORDCH}])" if re.match(f"[{WORDCH}]", m[-1]) else "") for m in mags) + ")")
        # what follows a figure, in one match: a percent word first, else a magnitude (as pct_after
        # then mag_after would find), since nearly every figure asks both
        self.unit_after = rx_compile(f"(?P<pct>{self.pct_after.pattern})|(?P<mag>{self.mag_after.pattern})")
        self.mag_values = {k.lower(): float(v) for k, v in qx["magnitudes"].items()}
        self.mag_values.update({"万": 1e4, "亿": 1e8, "千": 1e3})
        cur = qx.get("currency_words") or []
        self.cur_before = rx_compile(r"[$€£¥₽]\s?$")
        self.cur_after = rx_compile(r"\s?(?:[$€£¥₽]|" + alternation(cur) + ")") if cur else rx_compile(r"\s?[$€£¥₽]")
        tu = qx.get("time_units") or qx.get("time_classifiers") or []
        self.time_after = rx_compile(r"\s?" + alternation(tu, prefix=(lang == "ru"))) if tu else None
        if lang == "en":
            words = [w for w in qx["number_words"]]
            self.words = fast(alternation(words))
            self.one = Gated(r"(?<![a-z])(?:one|a single)(?![a-z])", ("one", "single"))
        elif lang == "ru":
            stems = set(qx.get("number_stems") or [])
            whole = [w for w in qx["number_words"] if w not in stems]
            self.words = fast("(?:" + alternation(whole) + "|" + alternation(stems, prefix=True) + r"[а-я]*)")
            self.one = Gated(r"(?<![а-я])(?:" + "|".join(qx["one_words"]) + r")(?![а-я])", ("од", "един"))
        else:
            cls = sorted(qx["classifiers"], key=len, reverse=True)
            # a bare 零 is the zero of §3.2 ("零投诉", "零安全事故"); 零售/零件/零担… are masked as lexicalised
            # every alternative holds a numeral character (百 of 百分之, the run, 零): gated on them
            self.words = Gated(rf"百分之[{_ZH_NUMERAL}\d]+|[{_ZH_NUMERAL}]+(?:{'|'.join(map(re.escape, cls))})|零", set(_ZH_NUMERAL))
            self.one = None
            self.zh_one_cls = rx_compile(
                r"^一(?!" + "|".join(map(re.escape, qx["time_classifiers"] + ["万", "亿", "千", "百", "%", "成", "倍", "元", "块"])) + ")"
            )
        mult = qx.get("multiplier_words") or []
        excl = qx.get("multiplier_exclusions") or []
        self.mult_excl = rx_compile(alternation(excl)) if excl else None
        self.mult = Gated(alternation(mult, prefix=(lang == "ru")) + (r"[а-я]*" if lang == "ru" else ""), {str(w)[:3] for w in mult} or {"\x00"})
        self.times = Gated(
            r"(?<![\d.,])(?:\d+(?:[.,]\d+)?\s*(?:times\b|раз(?:а)?(?![а-я])|倍)|(?<![a-zа-я])[x×х]\s?\d+(?:[.,]\d+)?\b|\d+(?:[.,]\d+)?\s?[x×х](?![a-zа-я]))",
            ("times", "раз", "倍", "x", "×", "х"),
        )


@functools.cache
def patterns(lang: str) -> _Patterns:
    return _Patterns(lang)


_NONSPACE = rx_compile(r"\S")


def _mask(s: str, spans: list[tuple[int, int]]) -> str:
    """`s` with every non-space character inside `spans` replaced by MASK (offsets unchanged)."""
    if not spans:
        return s
    out, pos = [], 0
    for a, b in sorted(spans):
        if b <= pos:
            continue
        a = max(a, pos)
        out.append(s[pos:a])
        out.append(_NONSPACE.sub(MASK, s[a:b]))
        pos = b
    out.append(s[pos:])
    return "".join(out)


def _is_year(p: _Patterns, s: str, m: re.Match) -> bool:
    """A 4-digit 1900–2100 number is a year when the words around it say so (§3.2 exclusion 1)."""
    after = s[m.end() :]
    if p.year_after.match(after):
        return True
    before = s[max(0, m.start() - 16) : m.start()]
    if p.year_before.search(before):
        return True
    if p.lang == "en" and (p.year_heads.match(after) or p.year_named.match(after)):
        return True
    rest = after.strip()
    if not rest or rest[0] in ",.;:)(-–":
        # a bare number at the end or before punctuation: a year unless something counts it
        return not rx(r"(?:reach|hit|to|до|到|达到|at)\s*$").search(s[: m.start()])
    return False


def decimal_not_date(s: str, start: int, end: int, day: str, lang: str) -> bool:
    """A d.mm token that reads as a decimal, not a date: "$4.10", "4.10 EUR", "from 4.10 to 3.60".

    A date keeps a two-digit day ("31.03", "05.10") or follows a deadline word ("до 5.10", "by 5.10").
    """
    p = patterns(lang)
    if s[max(0, start - 2) : start].strip() in ("$", "€", "£", "¥", "₽") or p.cur_after.match(s, end):
        return True
    return len(day) == 1 and not (p.date_lead is not None and p.date_lead.search(s, max(0, start - 20), start))


def exclusion_spans(s: str, lang: str, *, objective: bool = False) -> list[tuple[int, int]]:
    p = patterns(lang)
    spans = [m.span() for mask in opened(p.mask_table, s) for m in mask.finditer(s)]
    for m in p.numdate.finditer(s):
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        if sep == "." and not (len(m.group(3)) == 2 and 1 <= a <= 31 and 1 <= b <= 12):
            continue
        if sep == "." and not y and decimal_not_date(s, m.start(), m.end(), m.group(1), lang):
            continue
        if s[max(0, m.start() - 2) : m.start()].strip() in ("$", "€", "£", "¥", "₽"):
            continue
        if sep == "/" and not y and a <= 12 and b <= 12 and len(m.group(1)) == 1:
            continue  # "1/3" is a fraction
        if (1 <= a <= 31 and 1 <= b <= 12) or (1 <= a <= 12 and 1 <= b <= 31):
            spans.append(m.span())
    for m in p.years.finditer(s):
        if _is_year(p, s, m):
            spans.append(m.span())
    if objective:
        spans += [m.span() for m in p.ranks.finditer(s)]
        spans += [m.span() for m in p.rank_words.finditer(s)]
    elif lang == "zh":
        spans += [m.span() for m in rx(r"第[一二三四五六七八九十]+(?![季])").finditer(s)]
    return spans


def quantities(s: str, lang: str, *, objective: bool = False) -> Quantities:
    """Quantities of a lower-cased, normalised text; the masked text comes along for later steps."""
    p = patterns(lang)
    masked = _mask(s, exclusion_spans(s, lang, objective=objective))
    items: list[Qty] = []
    taken: list[tuple[int, int]] = []
    for m in p.num.finditer(masked):
        a, b = m.span()
        prev = masked[a - 1] if a else " "
        if ("a" <= prev <= "z" or "а" <= prev <= "я") and not (prev in "xх" and (a < 2 or not masked[a - 2].isalpha())):
            continue  # B2B, P99, Q1, v3
        glue = p.glue.match(masked, b)
        if glue and glue.group(0) not in p.glued and not glue.group(0).startswith(("k", "m", "b", "x", "х", "тыс", "млн", "млрд")):
            continue  # 5G, 3D, 1С
        if glue and glue.group(0) not in p.glued and len(glue.group(0)) > 3 and not glue.group(0).startswith(("тыс", "млн", "млрд")):
            continue
        raw = m.group(0)
        value = parse_digits(raw)
        um = p.unit_after.match(masked, b)
        pm = um if um is not None and um.lastgroup == "pct" else None
        mm = um if um is not None and um.lastgroup == "mag" else None
        money = bool((a and masked[a - 1] in "$€£¥₽ " and p.cur_before.search(masked, max(0, a - 2), a)) or p.cur_after.match(masked, mm.end() if mm else b))
        if mm and value is not None:
            key = mm.group(0).strip().rstrip(".")
            value *= p.mag_values.get(key, p.mag_values.get(key + ".", 1.0))
        # count-of-one (§3.2 exclusion 6): a bare "1" with no percent, money, magnitude or time unit
        tu = raw == "1" and bool(p.time_after and p.time_after.match(masked, b))
        one = raw == "1" and not pm and not mm and not money and not tu
        end = pm.end() if pm else mm.end() if mm else b
        items.append(Qty(a, end, value, pm is not None, money, mm is not None, tu, one))
        taken.append((a, end))
    for m in p.words.finditer(masked):
        a, b = m.span()
        if any(x <= a < y for x, y in taken):
            continue
        word = m.group(0)
        value = None
        one = False
        if lang == "zh":
            run = rx(rf"[{_ZH_NUMERAL}]+").match(word[3:] if word.startswith("百分之") else word)
            if run:
                value = parse_zh_numeral(run.group(0))
                if run.group(0) in ("一",) and p.zh_one_cls.match(word):
                    one = True
                if word.endswith("成") and value is not None:
                    value *= 10
        else:
            value = lexicon(lang)["quantity"].get("word_values", {}).get(word)
        rest = masked[b:]
        pm = p.pct_after.match(rest)
        # "两亿元", "五千万美元": a numeral word is money when a currency follows or ends it.
        money = word.endswith(("元", "块")) or bool(p.cur_after.match(masked, b))
        items.append(Qty(a, b + (pm.end() if pm else 0), value, percent=bool(pm) or word.startswith("百分之"), money=money, one=one))
        taken.append((a, b))
    if p.one is not None:
        for m in p.one.finditer(masked):
            rest = masked[m.end() :]
            if p.pct_after.match(rest) or p.mag_after.match(rest) or (p.time_after and p.time_after.match(rest)) or p.cur_after.match(rest):
                items.append(Qty(m.start(), m.end(), 1.0, time_unit=True))
            else:
                items.append(Qty(m.start(), m.end(), 1.0, one=True))
    for m in p.mult.finditer(masked):
        if p.mult_excl and p.mult_excl.match(masked, m.start()):
            continue
        if any(x <= m.start() < y for x, y in taken):
            continue
        items.append(Qty(m.start(), m.end(), None))
    for m in p.times.finditer(masked):
        if any(x <= m.start() < y for x, y in taken):
            continue
        items.append(Qty(m.start(), m.end(), None))
    items.sort(key=lambda q: q.start)
    return Quantities(masked, tuple(items))
