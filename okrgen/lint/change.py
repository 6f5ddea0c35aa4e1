"""Baseline → target pairs, relative changes, baselines (§3.5) and metric polarity (§3.6).

These run on the masked text (quantity.py), so "from May 1 to June 30" is not a pair and "in 2027"
is not a number.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from okrgen.lint.lexicon import WORDCH, Multi, alternation, fast, lexicon
from okrgen.lint.numbers import NUM, parse_digits, parse_zh_numeral
from okrgen.lint.patterns import rx_compile
from okrgen.numbers import shared_magnitude

_ZN = "零〇一二两三四五六七八九十百千万亿"


@dataclass(slots=True)
class Pair:
    x: float
    y: float
    x_pos: int
    y_end: int
    verb: str | None = None  # ZH: the verb written inside 从X…到Y


def _val(lang: str) -> str:
    if lang == "en":
        mag = r"(?:\s?(?:k|mm|mn|m|bn|b|million|billion|thousand)(?![a-z]))?"
        pct = r"(?:\s?(?:%|percent|pct|pp|p\.p\.))?"
        return rf"(?:[$€£¥₽]\s?)?(?P<N>{NUM}){mag}{pct}"
    if lang == "ru":
        mag = r"(?:\s?(?:тыс\.?|млн|млрд|тысяч[а-я]*|миллион[а-я]*|миллиард[а-я]*|k|m)(?![а-я]))?"
        pct = r"(?:\s?(?:%|процент[а-я]*|п\.\s?п\.))?"
        return rf"(?:[$€£¥₽]\s?)?(?P<N>{NUM}){mag}{pct}"
    return rf"(?:[$€£¥₽]\s?|百分之|千分之|万分之)?(?P<N>{NUM}|[{_ZN}]+)(?:\s?(?:万|亿|千|k|w))?(?:\s?(?:%|个百分点|成))?"


def _named(pattern: str, name: str) -> str:
    return pattern.replace("(?P<N>", f"(?P<{name}>")


class _Patterns:
    def __init__(self, lang: str):
        lx = lexicon(lang)
        self.lang = lang
        vx, vy = _named(_val(lang), "x"), _named(_val(lang), "y")
        unit = r"[^\d\s→]{0,14}"
        arrow = rf"(?P<xs>{vx})(?:\s*{unit})?\s*→\s*(?P<ys>{vy})"
        if lang == "en":
            frm = rf"(?<![{WORDCH}])from\s+(?P<xs>{vx})(?:\s+[^\d\s]+){{0,3}}?\s+to\s+(?:about\s+|around\s+)?(?P<ys>{vy})"
        elif lang == "ru":
            frm = rf"(?<![{WORDCH}])(?:с|со|от)\s+(?P<xs>{vx})(?:\s+[^\d\s]+){{0,3}}?\s+до\s+(?P<ys>{vy})"
        else:
            frm = rf"(?:从|由)\s*(?P<xs>{vx})(?P<mid>[^\d从由到至→]{{0,10}}?)(?:到|至)\s*(?P<ys>{vy})"
        self.pairs = [fast(frm), fast(arrow)]
        tu = {str(k).lower(): float(v) for k, v in (lx.get("pair_time_units") or {}).items()}
        self.tu_values = tu
        if tu:
            keys = sorted(tu, key=len, reverse=True)
            if lang == "ru":
                body = "|".join(re.escape(k) + ("(?![а-я])" if len(k) == 1 else "") for k in keys)
                self.tu = rx_compile(rf"\s*(?P<u>{body})[а-я]*\.?(?![а-я])")
            elif lang == "en":
                self.tu = rx_compile(r"\s*(?P<u>" + "|".join(map(re.escape, keys)) + r")\b")
            else:
                self.tu = rx_compile(r"\s*(?P<u>" + "|".join(map(re.escape, keys)) + ")")
        else:
            self.tu = None
        self.pair_keys = {"en": ("from",), "ru": ("с ", "со ", "от "), "zh": ("从", "由")}[lang]
        self.mag = rx_compile(r"(k|mm|mn|m|bn|b|million|billion|thousand|тыс|млн|млрд|тысяч|миллион|миллиард|万|亿|千|w)", re.I)
        self.mag_values = {
            "k": 1e3,
            "m": 1e6,
            "mm": 1e6,
            "mn": 1e6,
            "bn": 1e9,
            "b": 1e9,
            "million": 1e6,
            "billion": 1e9,
            "thousand": 1e3,
            "тыс": 1e3,
            "млн": 1e6,
            "млрд": 1e9,
            "тысяч": 1e3,
            "миллион": 1e6,
            "миллиард": 1e9,
            "万": 1e4,
            "亿": 1e8,
            "千": 1e3,
            "w": 1e4,
        }
        n = NUM
        abs_markers = alternation(lx.get("absolute_markers") or [])
        self.abs_before = rx_compile(rf"(?:{abs_markers})\s*(?:about\s+|around\s+|~)?$")
        if lang == "en":
            # each alternative is named so that it is searched only in texts holding one of its words
            self.rel = Multi(
                rf"(?P<by>(?<![{WORDCH}])by\s+(?:about\s+|around\s+|at\s+least\s+|~)?{n}\s*(?:%|percent|per\s+cent|pct|percentage\s+points?|pp|p\.p\.))"
                rf"|(?P<pctword>{n}\s*(?:%|percent|pct|pp)\s+(?:increase|growth|lift|uplift|more|higher|decrease|reduction|less|fewer|lower|drop|improvement|gain|rise|cut)\b)"
                rf"|(?P<signed>(?<![\d\w.,])(?:\+\s?|-(?!\s)){n}\s*%)"
                rf"|(?P<fold>(?<![{WORDCH}])(?:double|doubles|doubled|doubling|triple|triples|tripled|tripling|quadruple|quadrupled|halve|halves|halved|halving|twofold|threefold|fourfold)(?![{WORDCH}])(?![\s\-]*(?:digit|check|down)))"
                rf"|(?P<half>(?<![{WORDCH}])(?:in|by)\s+half\b)"
                rf"|(?P<mult>(?<![\d.,]){n}\s*(?:times\b(?!\s+(?:a|per|each|every)\s)|x(?![a-z]))|(?<![a-z])[x×]\s?{n})",
                needs={
                    "by": ("by",),
                    "pctword": ("%", "percent", "pct", "pp"),
                    "signed": ("%",),
                    "fold": ("doubl", "tripl", "quadrupl", "halv", "twofold", "threefold", "fourfold"),
                    "half": ("half",),
                    "mult": ("times", "x", "×"),
                },
            )
        elif lang == "ru":
            self.rel = Multi(
                rf"(?P<na>(?<![а-я])на\s+(?:~\s*)?{n}\s*(?:%|процент[а-я]*|п\.\s?п\.))"
                rf"|(?P<mult>(?<![а-я])в\s+(?:{n}|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|полтора|полторы)\s+раз(?:а)?(?![а-я]))"
                rf"|(?P<fold>(?<![а-я])(?:вдвое|втрое|вчетверо|впятеро|наполовину)(?![а-я]))"
                rf"|(?P<dbl>(?<![а-я])(?:удво|утро(?:ить|ение|ения|им|ит|или|ил))[а-я]*)"
                rf"|(?P<signed>(?<![\d\w.,])(?:\+\s?|-(?!\s)){n}\s*%)",
                needs={
                    "na": ("на",),
                    "mult": ("раз",),
                    "fold": ("вдвое", "втрое", "вчетверо", "впятеро", "наполовину"),
                    "dbl": ("удво", "утро"),
                    "signed": ("%",),
                },
            )
        else:
            up = alternation(lx["verbs"]["up"] + lx["verbs"]["down"])
            self.rel = Multi(
                rf"(?P<by>(?:{up})(?:了)?(?P<between>[^到至为\d→]{{0,12}}?)(?<![达到至为])(?:(?:{n}|[{_ZN}]+)\s*(?:%|个百分点|成)|百分之(?:{n}|[{_ZN}]+)))"
                rf"|翻倍|翻番|翻一番|翻两番|减半"
                rf"|(?P<mult>(?:{n}|[一二两三四五六七八九十]+)\s*倍)"
                rf"|(?P<signed>(?<![\d\w.,])(?:\+\s?|-(?!\s)){n}\s*%)",
                # each named alternative is searched only in texts holding one of its words
                needs={"by": ("%", "百分点", "成", "百分之"), "mult": ("倍",), "signed": ("%",)},
            )
        # RU "на N%" is a change only next to a change word ("увеличить выручку на 15%", "на 20% больше");
        # "выполнить план на 110%", "ответить на 95% обращений" state a level (§3.5 "rather than a target level").
        cues = lx.get("rel_change_cues")
        self.change_cue = (
            rx_compile(alternation(lx["verbs"]["up"] + lx["verbs"]["down"] + [v for v in lx["verbs"]["vague"] if v != "обеспеч"] + cues, prefix=True))
            if cues
            else None
        )
        bw = [w for w in lx.get("baseline_words") or []]
        if lang == "zh":
            self.baseline = fast(rf"(?:{'|'.join(map(re.escape, bw))})\s*(?:为|是|:)?\s*(?:{n}|[{_ZN}]+)")
        else:
            self.baseline = fast(rf"{alternation(bw)}\s*(?::|=|-|of|—)?\s*(?:[$€£¥₽]\s?)?{n}")
        pol = lx.get("polarity") or {}
        self.polarity = []
        for direction in ("lower", "higher"):
            terms = [t for t in pol.get(direction, []) if not t.endswith("*")]
            stars = [t[:-1] for t in pol.get(direction, []) if t.endswith("*")]
            rx = alternation(terms, prefix=(lang == "ru")) + (r"[а-я]*" if lang == "ru" else "")
            if stars:
                rx = "(?:" + rx + "|" + alternation(stars, prefix=True) + r"[a-z\-]+)"
            self.polarity.append((direction, rx_compile(rx)))


@functools.cache
def patterns(lang: str) -> _Patterns:
    return _Patterns(lang)


def _value(p: _Patterns, m: re.Match, which: str) -> tuple[float | None, str | None]:
    raw = m.group(which)
    whole = m.group(which + "s")
    v = parse_digits(raw) if raw[0].isdigit() else parse_zh_numeral(raw)
    if v is None:
        return None, None
    tail = whole[whole.index(raw) + len(raw) :].strip().lower()
    mm = p.mag.match(tail)
    mag = mm.group(1).lower() if mm else None
    if tail.startswith("成"):
        v *= 10
    if ratio := _ZH_RATIO.get(whole[: whole.index(raw)].strip()[-3:]):
        v /= ratio  # "万分之五" is 0.05%, "千分之三" 0.3%: a ratio, not 10,000 or 1,000 (compare in percent)
    return v, mag


_ZH_RATIO = {"千分之": 10.0, "万分之": 100.0}


def _tu_key(p: _Patterns, u: str) -> float:
    return p.tu_values.get(u.lower(), 1.0)


def pairs(masked: str, lang: str) -> list[Pair]:
    p = patterns(lang)
    out: list[Pair] = []
    wanted = (any(k in masked for k in p.pair_keys), "→" in masked)
    for rx, want in zip(p.pairs, wanted):
        if not want:
            continue
        for m in rx.finditer(masked):
            x, xm = _value(p, m, "x")
            y, ym = _value(p, m, "y")
            if x is None or y is None:
                continue
            if ym and not xm:
                # "from 14 to 11M": the unit written once is shared -- unless X is already written in full
                # ("从8000增长到1.2万" is 8,000 -> 12,000, not 80,000,000 -> 12,000): keep the closer reading.
                k = p.mag_values.get(ym, 1.0)
                x = shared_magnitude(x, y * k, k)
            elif xm:
                x *= p.mag_values.get(xm, 1.0)
            if ym:
                y *= p.mag_values.get(ym, 1.0)
            if p.tu is not None and not xm and not ym:
                # "с 4 часов до 30 минут": both values carry a time unit and the units differ -> compare in minutes
                ux, uy = p.tu.match(masked, m.end("xs")), p.tu.match(masked, m.end("ys"))
                if ux and uy:
                    kx, ky = _tu_key(p, ux.group("u")), _tu_key(p, uy.group("u"))
                    if kx != ky:
                        x, y = x * kx, y * ky
            verb = m.groupdict().get("mid")
            if any(o.x_pos <= m.start("xs") < o.y_end for o in out):
                continue
            out.append(Pair(x, y, m.start("xs"), m.end("ys"), verb=(verb + masked[m.end("mid") : m.end("mid") + 1]) if verb is not None else None))
    out.sort(key=lambda pr: pr.x_pos)
    return out


_REL_CUES = {
    "en": ("%", "percent", "pct", "pp", "p.p", "doubl", "tripl", "quadrupl", "halv", "fold", "half", "times", "x", "×"),
    "ru": ("%", "процент", "п.п", "п. п", "раз", "вдвое", "втрое", "вчетверо", "впятеро", "наполовину", "удво", "утро"),
    "zh": ("%", "百分点", "百分之", "成", "倍", "翻", "减半"),
}


def relative(masked: str, lang: str) -> bool:
    if not any(c in masked for c in _REL_CUES[lang]):
        return False  # no percent sign or multiplier word: no relative change to look for
    p = patterns(lang)
    for m in p.rel.finditer(masked):
        if m.groupdict().get("mult") and p.abs_before.search(masked[: m.start()]):
            continue  # "reach 3x", "达到3倍": a level, not a change
        if lang == "zh" and p.abs_before.search(m.groupdict().get("between") or ""):
            continue  # "增长率保持在20%", "下降幅度控制在5%": an absolute level (§3.5), not a change
        if p.change_cue is not None and m.group(0).startswith("на") and not p.change_cue.search(masked):
            continue  # "выполнить план на 110%", "ответить на 95% обращений": a level, not a change
        return True
    return False


def has_baseline(masked: str, lang: str, found_pairs: list[Pair]) -> bool:
    return bool(found_pairs) or bool(patterns(lang).baseline.search(masked))


def polarity(masked: str, lang: str, pair: Pair) -> str | None:
    """'lower' / 'higher' for the metric nearest before X, else the first term after Y (§3.6)."""
    p = patterns(lang)
    hits = sorted(
        ((m.start(), -m.end(), direction) for direction, rx in p.polarity for m in rx.finditer(masked)),
    )
    found: list[tuple[int, int, str]] = []
    for start, neg_end, direction in hits:
        if found and start < found[-1][1]:
            continue  # "lead" inside "cost per lead": the longer term wins
        found.append((start, -neg_end, direction))
    before = [f for f in found if f[0] < pair.x_pos]
    after = [f for f in found if f[0] >= pair.y_end]
    pick = before[-1] if before else (after[0] if after else None)
    return pick[2] if pick else None
