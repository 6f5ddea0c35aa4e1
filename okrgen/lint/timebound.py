"""Predicate D (§3.3), vague time words (T02) and deadlines resolved to dates (T03).

Rates and metric windows ("per month", "в месяц", "每月", "MRR") look like time but bound nothing,
so they are removed before any deadline pattern runs. A deadline becomes a date only when the text
pins it down; "by launch" or "next quarter" make a KR time-bound without giving T03 anything to
compare.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from okrgen.lint.lexicon import WORDCH, Gated, Multi, alternation, fast, lexicon
from okrgen.lint.patterns import rx, rx_compile

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
ORD_EN = {"first": 1, "second": 2, "third": 3, "fourth": 4}
ZH_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}


@dataclass(slots=True)
class Mention:
    """A stretch of calendar: [start, end], read as a point ("by …", "к …", "…前") or an interval."""

    start: date
    end: date
    mode: str  # "end" | "start" | "interval"

    def outside(self, lo: date, hi: date) -> bool:
        if self.mode == "end":
            return not lo <= self.end <= hi
        if self.mode == "start":
            return not lo <= self.start <= hi
        return self.end < lo or self.start > hi


_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last(y: int, m: int) -> int:
    """Days in month `m` of year `y` (calendar.monthrange without importing calendar and locale)."""
    if m == 2 and y % 4 == 0 and (y % 100 != 0 or y % 400 == 0):
        return 29
    return _DAYS[m]


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, _last(y, m))


def _quarter(y: int, q: int) -> tuple[date, date]:
    return date(y, 3 * q - 2, 1), date(y, 3 * q, _last(y, 3 * q))


def _half(y: int, h: int) -> tuple[date, date]:
    return (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))


def _year4(text: str | None, default: int) -> int:
    if not text:
        return default
    y = int(text)
    return 2000 + y if y < 100 else y


def _day(y: int, m: int, d: int) -> tuple[date, date] | None:
    try:
        x = date(y, m, d)
    except ValueError:
        return None
    return x, x


class _Patterns:
    def __init__(self, lang: str):
        lx = lexicon(lang)
        tx = lx["time"]
        self.lang = lang
        self.vague = rx_compile(alternation(tx["vague"]))
        rates = list(tx.get("rates") or [])
        if lang == "en":
            rates = [
                r"\bper\s+(?:day|week|month|quarter|year|annum)\b",
                r"\ba\s+(?:day|week|month|quarter|year)\b",
                r"\b(?:daily|weekly|monthly|quarterly|annual|annually|yearly)\b",
                r"\b(?:mau|dau|wau|mrr|arr)\b",
                r"\bmonth[\s\-]over[\s\-]month\b",
                r"\byoy\b",
                r"\bmom\b",
                r"\bqoq\b",
                r"\b(?:within|in|under)\s+\d+\s*(?:minutes?|mins?|hours?|hrs?|h)\b",
            ]
            self.rates = fast("|".join(rates))
        elif lang == "ru":
            self.rates = fast(alternation(rates) + r"|(?<![а-я])за\s+\d+\s*(?:минут[а-я]*|час[а-я]*|ч(?![а-я]))")
        else:
            self.rates = fast(alternation(rates) + r"|\d+\s*(?:小时|分钟)\s*(?:内|以内)")
        en = lexicon("en")["time"]
        self.en_months = {k: v for k, v in en["months"].items()}
        mon = alternation(self.en_months)
        if lang == "en":
            prep = alternation(en["deadline_preps"])
            self.mentions = Multi(
                rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))"
                rf"|(?P<md>(?P<mdm>{mon})\.?\s*(?P<mdd>\d{{1,2}})(?:st|nd|rd|th)?(?![\d%])(?:,?\s*(?P<mdy>\d{{4}}))?)"
                rf"|(?P<dm>(?<![\d.,])(?P<dmd>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:of\s+)?(?P<dmm>{mon})\.?(?:\s*(?P<dmy>\d{{4}}))?)"
                rf"|(?P<num>(?<![\d.,])(?P<na>\d{{1,2}})(?P<ns>[./])(?P<nb>\d{{1,2}})(?:(?P=ns)(?P<ny>\d{{2,4}}))?(?![\d%]))"
                rf"|(?P<q>(?<![{WORDCH}])(?:q(?P<qn>[1-4])|(?P<qn2>[1-4])q)(?:\s*'?\s*(?P<qy>\d{{4}}|\d{{2}})(?!\d))?(?![{WORDCH}]))"
                rf"|(?P<qw>(?P<qwn>first|second|third|fourth)\s+quarter)"
                rf"|(?P<h>(?<![{WORDCH}])h(?P<hn>[12])(?:\s*(?P<hy>\d{{4}}))?(?![{WORDCH}]))"
                rf"|(?P<hw>(?P<hwn>first|second)\s+half)"
                rf"|(?P<fy>(?<![{WORDCH}])fy\s?'?(?P<fyy>\d{{2,4}})(?![{WORDCH}]))"
                rf"|(?P<mon>(?<![{WORDCH}])(?P<monpre>by|before|until|till|in|during|through|of|mid|early|late|since|than)[\s\-]+(?P<monm>{mon})(?![{WORDCH}])(?!\.?\s*\d{{1,2}}(?!\d)))"
                rf"|(?P<eoy>(?<![{WORDCH}])(?:year[\s\-]end|end\s+of\s+(?:the\s+)?(?:this\s+)?(?:calendar\s+|fiscal\s+)?year|eoy)(?![{WORDCH}]))"
                rf"|(?P<year>(?<![\d.,$€£¥₽])(?P<yy>19\d\d|20\d\d|2100)(?![\d%]))",
                needs={
                    "iso": ("-",),
                    "md": tuple(self.en_months),
                    "dm": tuple(self.en_months),
                    "num": (".", "/"),
                    "q": ("q1", "q2", "q3", "q4", "1q", "2q", "3q", "4q"),
                    "mon": tuple(self.en_months),
                    "qw": ("quarter",),
                    "h": ("h1", "h2"),
                    "hw": ("half",),
                    "fy": ("fy",),
                    "eoy": ("year", "eoy"),
                    "year": ("19", "20", "2100"),
                },
            )
            # each alternative is named so that it is searched only in texts holding one of its words
            self.unbounded = Multi(
                r"(?P<this>\b(?:this|next|current|the\s+coming|coming)\s+(?:fiscal\s+)?(?:quarter|month|year|week|sprint|half)\b)"
                r"|(?P<within>\b(?:within|in|over)\s+(?:the\s+)?(?:next\s+|first\s+)?(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few)?\s*(?:days?|weeks?|months?|quarters?|years?)\b)"
                r"|(?P<endof>\b(?:end|close|start|beginning|middle)\s+of\s+(?:the\s+)?(?:this\s+|next\s+)?(?:week|month|quarter|sprint|half)\b)"
                r"|(?P<qend>\b(?:quarter|month)[\s\-]end\b)|(?P<eo>\beo[qmw]\b)|(?P<mid>\bmid-(?:quarter|month|year)\b)",
                needs={
                    "this": ("this", "next", "current", "coming"),
                    "within": ("day", "week", "month", "quarter", "year"),
                    "endof": ("week", "month", "quarter", "sprint", "half"),
                    "qend": ("quarter", "month"),
                    "eo": ("eo",),
                    "mid": ("mid-",),
                },
            )
            self.end_before = rx_compile(rf"(?:{prep}|end\s+of(?:\s+the)?|close\s+of(?:\s+the)?)\s*$")
            self.start_before = rx_compile(r"(?:start|beginning)\s+of(?:\s+the)?\s*$")
        elif lang == "ru":
            mg = alternation(lexicon("ru")["time"]["months_gen"])
            self.ru_month_stems = lexicon("ru")["time"]["month_stems"]
            ms = "(?:" + "|".join(sorted(self.ru_month_stems, key=len, reverse=True)) + r")[а-я]*"
            self.mentions = Multi(
                rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))"
                rf"|(?P<dm>(?<![\d.,])(?P<dmd>\d{{1,2}})\s*(?P<dmm>{mg})(?:\s*(?P<dmy>\d{{4}}))?)"
                rf"|(?P<num>(?<![\d.,])(?P<na>\d{{1,2}})(?P<ns>\.)(?P<nb>\d{{2}})(?:\.(?P<ny>\d{{2,4}}))?(?![\d%]))"
                rf"|(?P<q>(?<![{WORDCH}])(?:q(?P<qn>[1-4])|(?P<qr>iv|i{{1,3}}|[1-4]|перв[а-я]*|втор[а-я]*|трет[а-я]*|четверт[а-я]*)\s*(?:-?(?:й|го|м|ом|му))?\s*(?:квартал[а-я]*|кв\.|кв(?![а-я])))(?:\s*(?P<qy>\d{{4}}))?)"
                rf"|(?P<h>(?<![{WORDCH}])(?P<hr>перв[а-я]*|втор[а-я]*|1|2|i|ii)\s*(?:-?(?:е|м|го|ом))?\s*полугоди[а-я]*(?:\s*(?P<hy>\d{{4}}))?)"
                rf"|(?P<eoy>(?:конц[а-я]*|окончани[а-я]*)\s+(?:этого\s+|текущего\s+)?года)"
                rf"|(?P<mon>(?<![а-я])(?P<monpre>к|до|в|во|конца|концу|начала|началу|середины|середине|позднее)\s+(?P<monm>{ms}))"
                rf"|(?P<year>(?<![\d.,$€£¥₽])(?P<yy>19\d\d|20\d\d|2100)(?![\d%]))",
                needs={
                    "iso": ("-",),
                    "dm": tuple(lexicon("ru")["time"]["months_gen"]),
                    "num": (".",),
                    "q": ("q", "кв"),
                    "h": ("полугод",),
                    "eoy": ("конц", "окончани"),
                    "mon": tuple(k for k in self.ru_month_stems if len(k) > 2) + ("мая", "мае", "май", "маю"),
                    "year": ("19", "20", "2100"),
                },
            )
            self.unbounded = Multi(
                r"(?<![а-я])в\s+течение\s+(?:\S+\s+){0,2}?(?:дн[а-я]*|день|недел[а-я]*|месяц[а-я]*|квартал[а-я]*|полугоди[а-я]*|год[а-я]*|лет)(?![а-я])"
                r"|(?<![а-я])за\s+(?:\d+\s+|[а-я]+\s+)?(?:неделю|недели|недель|месяц|месяца|месяцев|квартал|квартала|кварталов|полугодие|год|года|лет)(?![а-я])"
                r"|(?<![а-я])по\s+итогам\s+(?:\S+\s+)?(?:квартал[а-я]*|года|месяц[а-я]*|полугоди[а-я]*|q[1-4]|\d{4})"
                r"|(?<![а-я])в\s+(?:этом|следующем|текущем|новом|ближайшем)\s+(?:квартале|году|месяце|полугодии)"
                r"|(?<![а-я])(?:к|до)\s+(?:концу|конца|началу|начала|середине|середины)\s+(?:[а-я]+(?:ого|его)\s+)?(?:квартала|месяца|полугодия|спринта|недели|семестра|года)(?![а-я])"
                r"|(?<![а-я])в\s+(?:январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)(?![а-я])"
            )
            self.unbounded = Gated(self.unbounded, ("в ", "за ", "итогам", "конц", "начал", "середин"))
            self.end_before = rx_compile(r"(?:(?<![а-я])к|(?<![а-я])до|позднее|концу|конца|окончанию|итогам)\s*$")
            self.start_before = rx_compile(r"(?:началу|начала)\s*$")
        else:
            zn = "一二两三四五六七八九十"
            self.mentions = Multi(
                rf"(?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))"
                rf"|(?P<ymd>(?:(?P<ymdy>\d{{4}})\s*年\s*)?(?P<ymdm>\d{{1,2}}|[{zn}]{{1,3}})\s*月(?:\s*(?P<ymdd>\d{{1,2}})\s*[日号])?)"
                rf"|(?P<q>(?:(?P<qy>\d{{4}})\s*年\s*)?(?:第\s*)?(?P<qz>[1-4一二三四])\s*季度|(?<![a-z])q(?P<qn>[1-4])(?![a-z0-9]))"
                rf"|(?P<h>(?:(?P<hy>\d{{4}})\s*年\s*)?(?P<hz>[上下])半年)"
                rf"|(?P<eoy>年底|年末)"
                rf"|(?P<year>(?P<yy>19\d\d|20\d\d|2100)\s*年(?!\s*\d|\s*[{zn}]{{1,3}}月|\s*第|\s*[上下]半|\s*[1-4一二三四]季))",
                needs={"iso": ("-",), "ymd": ("月",), "h": ("半年",), "eoy": ("年底", "年末"), "q": ("季度", "q"), "year": ("年",)},
            )
            rates = alternation(tx.get("rates") or [])
            std = alternation(tx["standalone"])
            # each alternative is named so that it is searched only in texts holding one of its words
            self.unbounded = Multi(
                rf"(?P<std>{std})|(?P<within>\d+\s*(?:天|周|个月|个星期|年)\s*(?:内|以内))|(?P<withinzh>[{zn}]+\s*(?:天|周|个月|个星期|年)\s*(?:内|以内))"
                r"|(?P<before>(?<![\d.])\d{1,2}\s*[日号]\s*(?:前|之前|以前|为止))"
                r"|(?P<asof>截至|截止)",
                needs={
                    "std": tuple({str(w).lower()[:1] for w in tx["standalone"]}),
                    "within": ("内",),
                    "withinzh": ("内",),
                    "before": ("前", "为止"),
                    "asof": ("截",),
                },
            )
            self.end_after = rx_compile(r"\s*(?:前|之前|以前|底|末|结束|为止)")
            self.start_after = rx_compile(r"\s*初")
            self.end_before = rx_compile(r"(?:截至|截止到|截止|到)\s*$")
            self.start_before = None


@functools.cache
def patterns(lang: str) -> _Patterns:
    return _Patterns(lang)


def _strip_rates(p: _Patterns, s: str) -> str:
    return p.rates.sub(lambda m: "¤" * len(m.group(0)), s)


def vague_time(s: str, lang: str) -> str | None:
    m = patterns(lang).vague.search(s)
    return m.group(0) if m else None


def _resolve(p: _Patterns, m: re.Match, year: int) -> tuple[date, date] | None:
    g = m.groupdict()
    if g.get("iso"):
        return _day(int(g["iy"]), int(g["im"]), int(g["id"]))
    if p.lang == "en":
        if g.get("md"):
            return _day(_year4(g["mdy"], year), p.en_months[g["mdm"]], int(g["mdd"]))
        if g.get("dm"):
            return _day(_year4(g["dmy"], year), p.en_months[g["dmm"]], int(g["dmd"]))
        if g.get("num"):
            a, b = int(g["na"]), int(g["nb"])
            y = _year4(g["ny"], year)
            if g["ns"] == ".":
                return _day(y, b, a)
            return _day(y, a, b) if a <= 12 else _day(y, b, a)
        if g.get("q"):
            return _quarter(_year4(g["qy"], year), int(g["qn"] or g["qn2"]))
        if g.get("qw"):
            return _quarter(year, ORD_EN[g["qwn"]])
        if g.get("h"):
            return _half(_year4(g["hy"], year), int(g["hn"]))
        if g.get("hw"):
            return _half(year, ORD_EN[g["hwn"]])
        if g.get("fy"):
            y = _year4(g["fyy"], year)
            return date(y, 1, 1), date(y, 12, 31)
        if g.get("mon"):
            return _month(year, p.en_months[g["monm"]])
    elif p.lang == "ru":
        if g.get("dm"):
            return _day(_year4(g["dmy"], year), lexicon("ru")["time"]["months_gen"][g["dmm"]], int(g["dmd"]))
        if g.get("num"):
            return _day(_year4(g["ny"], year), int(g["nb"]), int(g["na"]))
        if g.get("q"):
            n = g["qn"] or g["qr"]
            q = int(n) if n.isdigit() else ROMAN.get(n) or {"перв": 1, "втор": 2, "трет": 3, "четв": 4}.get(n[:4])
            return _quarter(_year4(g["qy"], year), q) if q else None
        if g.get("h"):
            n = g["hr"]
            h = 1 if n in ("1", "i", "h1") or n.startswith("перв") else 2
            return _half(_year4(g["hy"], year), h)
        if g.get("mon"):
            w = g["monm"]
            for stem, num in sorted(p.ru_month_stems.items(), key=lambda kv: -len(kv[0])):
                if w.startswith(stem):
                    return _month(year, num)
            return None
    else:
        if g.get("ymd"):
            mm = g["ymdm"]
            mon = int(mm) if mm.isdigit() else ZH_NUM.get(mm)
            if not mon or not 1 <= mon <= 12:
                return None
            y = _year4(g["ymdy"], year)
            return _day(y, mon, int(g["ymdd"])) if g["ymdd"] else _month(y, mon)
        if g.get("q"):
            z = g["qz"] or g["qn"]
            q = int(z) if z.isdigit() else ZH_NUM[z]
            return _quarter(_year4(g["qy"], year), q)
        if g.get("h"):
            return _half(_year4(g["hy"], year), 1 if g["hz"] == "上" else 2)
    if g.get("eoy"):
        return date(year, 12, 31), date(year, 12, 31)
    if g.get("year"):
        y = int(g["yy"])
        return date(y, 1, 1), date(y, 12, 31)
    return None


def _is_year_token(s: str, m: re.Match, lang: str) -> bool:
    from okrgen.lint.quantity import _is_year
    from okrgen.lint.quantity import patterns as qpatterns

    ym = qpatterns(lang).year.match(s, m.start("yy"))
    return bool(ym) and _is_year(qpatterns(lang), s, ym)


def _decimal(t: str, m: re.Match, lang: str) -> bool:
    from okrgen.lint.quantity import decimal_not_date

    return decimal_not_date(t, m.start("num"), m.end("num"), m.group("na"), lang)


@dataclass(slots=True)
class _Scan:
    found: bool
    spans: tuple[tuple[int, int], ...]  # every time expression, for skipping when finding verbs
    hits: tuple  # (match, rate-stripped text) of calendar mentions that count


@functools.lru_cache(maxsize=16384)
def _scan(s: str, lang: str) -> _Scan:
    p = patterns(lang)
    t = _strip_rates(p, s)
    unb = [m.span() for m in p.unbounded.finditer(t)]
    found = bool(unb)
    spans = list(unb)
    hits = []
    for m in p.mentions.finditer(t):
        spans.append(m.span())
        g = m.groupdict()
        if g.get("year") and lang != "zh" and not _is_year_token(t, m, lang):
            continue
        if g.get("num") and g.get("ns") == "." and not g.get("ny") and _decimal(t, m, lang):
            continue  # "$4.10", "4.10 EUR": a price, not 4 October
        if g.get("num") and lang == "en":
            a, b = int(g["na"]), int(g["nb"])
            if g["ns"] == "." and not (len(g["nb"]) == 2 and 1 <= b <= 12 and 1 <= a <= 31):
                continue
            if g["ns"] == "/" and not g["ny"] and a <= 12 and b <= 12 and len(g["na"]) == 1:
                continue
        if g.get("ymd") and not g.get("ymdd") and not g.get("ymdy"):
            # "3月" alone: a month only when the text is not counting months ("3个月")
            if rx(r"\s*(?:份额|均|活|度)").match(t[m.end() :]):
                continue
        found = True
        hits.append(m)
    return _Scan(found, tuple(spans), tuple(hits))


def time_spans(s: str, lang: str) -> tuple[tuple[int, int], ...]:
    return _scan(s, lang).spans


def mentions(s: str, lang: str, year: int | None = None) -> tuple[bool, list[Mention]]:
    """(D, resolvable mentions). `year` resolves dates written without one (default: no resolution)."""
    sc = _scan(s, lang)
    if year is None:
        return sc.found, []
    p = patterns(lang)
    out: list[Mention] = []
    for m in sc.hits:
        t = m.string
        g = m.groupdict()
        span = _resolve(p, m, year)
        if not span:
            continue
        before = t[max(0, m.start() - 24) : m.start()]
        after = t[m.end() : m.end() + 6]
        mode = "interval"
        if p.end_before.search(before):
            mode = "end"
        elif p.start_before is not None and p.start_before.search(before):
            mode = "start"
        pre = g.get("monpre")
        if pre:
            if pre in ("by", "before", "until", "till", "through", "к", "до", "конца", "концу", "позднее", "than"):
                mode = "end" if not rx(r"(?:начала|началу)\s*$").search(before) else "start"
            elif pre in ("начала", "началу", "early"):
                mode = "start"
        if lang == "zh":
            if p.end_after.match(after):
                mode = "end"
            elif p.start_after.match(after):
                mode = "start"
        if g.get("eoy") or g.get("iso") or g.get("md") or g.get("dm") or (g.get("ymd") and g.get("ymdd")) or (g.get("num")):
            mode = "end" if mode == "interval" else mode
        out.append(Mention(span[0], span[1], mode))
    return sc.found, out


def is_timebound(s: str, lang: str) -> bool:
    return _scan(s, lang).found
