"""Labels, number, money, date and period formats per language.

Everything a reader sees that is not the user's own text comes from here: labels from
data/labels.yaml and numbers through Babel, so a Russian plan reads "3,5 млн $" and a Chinese one
"US$350万" without the templates knowing any locale rules.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from okrgen.resources import load_data

LANGS = ("en", "ru", "zh")
LOCALES = {"en": "en_US", "ru": "ru_RU", "zh": "zh_Hans_CN"}
# A plan's money is in the currency of the people it is written for unless they say otherwise
# (`--set currency=`, the answers file, or `currency` in okrgen.toml): a Russian plan in roubles,
# a Chinese one in yuan, an English one in US dollars.
DEFAULT_CURRENCY = {"en": "USD", "ru": "RUB", "zh": "CNY"}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ZH_NUM = {1: "一", 2: "二", 3: "三", 4: "四"}
_ZH_HALF = {1: "上", 2: "下"}


@functools.cache
def _typography() -> tuple[Any, Any, Any, Any]:
    """Compiled rules of okrgen/data/typography.yaml: (ru number–unit, ru Roman numeral–word, zh
    joins, zh after punctuation)."""
    import re

    d = load_data("typography.yaml")
    units = "|".join(re.escape(u) for u in sorted(d["ru"]["units"], key=len, reverse=True))
    # a figure and its unit; and a currency sign after a magnitude word ("1,1 млн ₽")
    ru = re.compile(rf"(?<=\d)[ \t]+(?=(?:{units})(?![\w]))|(?<=[\w.])[ \t]+(?=[₽$€¥£](?![\w]))")
    cjk = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
    numerals = "|".join(re.escape(n) for n in sorted(d["ru"]["numerals"], key=len, reverse=True))
    ru_numeral = re.compile(rf"(?<![\w.])({numerals})[ \t]+(?=\w)")  # "I квартал" stays on one line
    zh_join = re.compile(rf"(?<=[{cjk}])[ \t\r\n]+(?=[{cjk}])")
    zh_punct = re.compile(rf"(?<=[{re.escape(d['zh']['fullwidth_punctuation'])}])[ \t\r\n]+")
    return ru, ru_numeral, zh_join, zh_punct


def tidy_text(text: str, lang: str) -> str:
    """One line of generated text, typeset for its language.

    Runs of ordinary white space (a folded YAML line break included) become one space, but a
    no-break space stays one: Babel writes "30\u00a0%" and "1\u00a0200" so that a Russian figure
    never parts from its unit, and str.split() would undo that. In Russian the space between a
    figure and the unit after it becomes a no-break space too ("24 ч"), as does the space after a
    Roman numeral ("I квартал"); in Chinese the pieces of a
    folded line join without a space, and no space follows full-width punctuation.
    """
    import re

    if not isinstance(text, str):
        return text
    out = re.sub(r"[ \t\r\n\f\v]+", " ", text).strip()
    ru, ru_numeral, zh_join, zh_punct = _typography()
    if lang == "ru":
        out = ru_numeral.sub("\\1\u00a0", ru.sub("\u00a0", out))
    elif lang == "zh":
        out = zh_punct.sub("", zh_join.sub("", out))
    return out


@functools.cache
def _figure_pattern() -> Any:
    """The figures of okrgen/data/typography.yaml (`figures`, `ru.units`, `zh.units`) as one regex."""
    import re

    d = load_data("typography.yaml")
    f = d["figures"]

    def alternatives(words) -> str:
        out = []
        for w in sorted(set(words), key=len, reverse=True):
            # a unit that ends in a letter ends there: "5 млн" but not "5 млнx"; CJK units go on
            out.append(re.escape(w) + (r"(?![^\W\d_])" if w[-1].isalpha() and not _is_cjk(w[-1]) else ""))
        return "|".join(out)

    signs = "".join(re.escape(s) for s in f["currency_signs"])
    spaced = alternatives([*f["magnitudes"], *d["ru"]["units"], "%", "‰"])  # after a space, a no-break space or nothing
    tight = alternatives([*f["compact"], *f["zh_magnitudes"], *d["zh"]["units"]])  # right after the digits
    number = r"\d+(?:[.,\u00a0\u202f]\d+| \d{3}(?!\d))*"  # 12,500 / 3,5 / 1 234 (also with a plain space)
    return re.compile(
        # not the tail of a code or a word in Latin or Cyrillic letters (KR1.1, SQL2, v3); CJK before is fine
        r"(?<![0-9A-Za-z\u00c0-\u024f\u0400-\u04ff_.,])"
        rf"(?P<sign>[-+\u2212±]?(?:[A-Z]{{1,2}})?[{signs}])?"
        rf"(?P<number>{number})"
        # a unit the next figure starts with is not this one's: "CN¥25,000 €12.50" is two figures
        rf"(?P<unit>(?:[ \u00a0\u202f]?(?:{spaced})(?!\d)|(?:{tight})){{0,2}})"
    )


def _is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def figures(text: str) -> list[tuple[int, int]]:
    """(start, end) of every formatted figure in `text`: money, percentages, numbers with a unit
    ("¥350万", "US$3.5M", "880 млн ₽", "30 %", "30个"), the spans HTML and PDF keep on one line.
    A bare number is not one (nothing in it to part from)."""
    out = []
    for m in _figure_pattern().finditer(text):
        if m.group("sign") or m.group("unit"):
            end = m.end("unit") if m.group("unit") else m.end("number")
            out.append((m.start(), end))
    return out


@functools.cache
def all_labels() -> dict[str, dict[str, str]]:
    return load_data("labels.yaml")


def labels(lang: str) -> dict[str, str]:
    return all_labels()[lang if lang in LANGS else "en"]


def _clean(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


def fmt_number(value: Any, lang: str) -> str:
    from babel.numbers import format_decimal

    if value is None:
        return labels(lang)["not_set"]
    if not isinstance(value, (int, float)):
        return str(value)
    try:
        return format_decimal(_clean(value), locale=LOCALES[lang], decimal_quantization=False)
    except (ArithmeticError, ValueError):  # past Babel's 28 digits (checked plans stay within 10^15)
        return str(_clean(value))


def fmt_percent(value: Any, lang: str) -> str:
    """Percent points (25 → "25%", ru "25 %")."""
    from babel.numbers import format_percent

    if value is None:
        return labels(lang)["not_set"]
    if not isinstance(value, (int, float)):
        return str(value)
    from decimal import Decimal

    # In decimal: 5.6 / 100 in binary floating point prints as 5.5999999999999994 %.
    return format_percent(Decimal(str(value)) / 100, locale=LOCALES[lang], decimal_quantization=False)


def fmt_money(value: Any, lang: str, currency: str, *, full: bool = False) -> str:
    """Compact for large amounts ($3.5M), whole units otherwise ($25,000); `full` writes every
    digit ($1,234,567), where the exact figure matters more than the glance (a check-in's receipt)."""
    from babel.numbers import format_compact_currency, format_currency

    if value is None:
        return labels(lang)["not_set"]
    if not isinstance(value, (int, float)):
        return str(value)
    locale = LOCALES[lang]
    if not full and (abs(value) >= 1_000_000 or (lang == "zh" and abs(value) >= 100_000)):
        return format_compact_currency(value, currency, locale=locale, fraction_digits=_compact_digits(value / _compact_base(value, lang)))
    if float(value).is_integer():
        from babel import Locale

        pattern = Locale.parse(locale).currency_formats["standard"].pattern.split(";")[0].replace("0.00", "0")
        return format_currency(value, currency, locale=locale, format=pattern, currency_digits=False)
    return format_currency(value, currency, locale=locale)


def _compact_digits(scaled: float) -> int:
    """Decimals for a compact amount: as few as keep it within 0.1 % of the figure, at most two, so
    a key result's text never says "$14M" or "1,1 млрд ₽" for the 14,040,000 or 1,120,000,000 it
    is scored against, and $3.5M stays $3.5M."""
    for digits in (0, 1):
        if abs(round(scaled, digits) - scaled) <= 0.001 * abs(scaled):
            return digits
    return 2


def _compact_base(value: float, lang: str) -> float:
    v = abs(value)
    if lang == "zh":
        return 1e8 if v >= 1e8 else 1e4
    if v >= 1e9:
        return 1e9
    return 1e6


def fmt_date(value: Any, lang: str) -> str:
    from babel.dates import format_date

    if not value:
        return labels(lang)["not_set"]
    try:
        d = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return format_date(d, "medium" if lang != "zh" else "long", locale=LOCALES[lang])


def fmt_period(value: Any, lang: str) -> str:
    """ "2027-Q1" → "Q1 2027" / "I квартал 2027" / "2027年第一季度"."""
    from okrgen.period import parse_period

    if value is None or value == "":
        return labels(lang)["not_set"]
    L = labels(lang)
    text = str(value) if not isinstance(value, dict) else ""
    try:
        p = parse_period(value)
    except Exception:
        return str(value)
    year = p.start.year
    if len(text) == 7 and text[5] in "Qq":
        q = int(text[6])
        return L["quarter"].format(q=q, year=year, q_roman=_ROMAN[q], q_zh=_ZH_NUM[q])
    if len(text) == 7 and text[5] in "Hh":
        h = int(text[6])
        return L["half"].format(h=h, year=year, h_zh=_ZH_HALF[h])
    if len(text) == 4 or isinstance(value, int):
        return L["year"].format(year=year)
    if len(text) == 7:
        from babel.dates import format_date

        return format_date(p.start, L["month_fmt"], locale=LOCALES[lang])
    return L["range"].format(start=fmt_date(p.start, lang), end=fmt_date(p.end, lang))


def pick(text: Any, lang: str, default: Any = "") -> Any:
    """The `lang` version of a translated mapping ({en: …, ru: …, zh: …}), else its English, else
    any version it has; plain values pass through and None gives `default`. The one place that
    decides which translation a reader sees."""
    if isinstance(text, Mapping):
        return text.get(lang) or text.get("en") or next(iter(text.values()), default)
    return default if text is None else text


def plural(n: int, lang: str) -> str:
    """The CLDR plural category of a whole number: en one/other; ru one (1, 21), few (2–4, 22–24),
    many (0, 5–20, 111); zh other. Written out for our three languages (Babel's rules agree, a test
    checks it) because the linter's summary needs it and must not wait for Babel's import."""
    n = abs(int(n))
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        return "few" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "many"
    if lang == "zh":
        return "other"
    return "one" if n == 1 else "other"


def counted(forms: Any, n: int, lang: str, **values: Any) -> str:
    """A translated count ({en: {one: "{n} error", other: "{n} errors"}, ru: …}) in `lang`, in the
    form its plural category takes, with {n} and `values` filled in."""
    by_category = pick(forms, lang, {})
    if not isinstance(by_category, Mapping):
        return str(by_category).format(n=n, **values)
    text = by_category.get(plural(n, lang)) or by_category.get("other") or by_category.get("many") or ""
    return text.format(n=n, **values)
