"""Lint 10,000 key results in-process (English, Russian, Chinese mixed) and print KRs/s.

Budget: 10,000 KRs in under 1 s on 2 cores. Every KR text is distinct (numbers vary), so the
per-text analysis cache does not flatter the figure. Prints figures only; asserts nothing.
"""

from __future__ import annotations

import random
import sys
import time

TEMPLATES = [
    ("Raise SQL-to-win rate from {a}% to {b}%", "2027-Q1"),
    ("Improve the candidate experience for {a} regions", None),
    ("Cut time-to-hire from {b} to {a} days by September 30", None),
    ("Launch the referral bonus to raise referred hires from {a}% to {b}%", "2027-Q1"),
    ("Host {a} webinars for CFOs", "2027-Q1"),
    ("Reach {a},000 users on the course platform", "2027-Q1"),
    ("Grow blog traffic by {a}% and cut CAC from ${b}0 to ${a}0", None),
    ("Довести выручку с {a} до {b} млн ₽", "2027-Q1"),
    ("Провести {a} дней открытых дверей", "2027-Q1"),
    ("Снизить текучесть водителей с {b}% до {a}% в год", None),
    ("Набрать {a} 000 лайков под постами к 30 июня", "2027-Q1"),
    ("Сократить время найма на {a}%", "2027-Q1"),
    ("将MQL到SQL转化率从{a}%提升到{b}%", "2027-Q1"),
    ("举办{a}场招聘宣讲会", "2027-Q1"),
    ("月均新增学员达到{a}人", None),
    ("复购率从{b}%提升到{a}%", "2027-Q1"),
    ("尽快完成{a}名讲师招聘", "2027-Q1"),
]


def workload(n: int, seed: int = 7) -> list[tuple[str, str | None]]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        text, period = TEMPLATES[i % len(TEMPLATES)]
        # `a` alone makes each text distinct: a template's k-th use gets a value in [60k + 2, 60k + 61].
        a = rnd.randint(2, 61) + 60 * (i // len(TEMPLATES))
        out.append((text.format(a=a, b=a + rnd.randint(1, 400)), period))
    return out


def main(n: int = 10_000) -> None:
    t0 = time.perf_counter()
    from okrgen.lint import check_kr

    for warm in ("Warm up the lexicons", "Прогреть словари", "预热词表"):  # compile each language's patterns once
        check_kr(warm, period="2027-Q1")
    t1 = time.perf_counter()
    items = workload(n)
    start = time.perf_counter()
    cpu = time.process_time()
    findings = 0
    for text, period in items:
        findings += len(check_kr(text, period=period))
    total = time.perf_counter() - start
    cpu = time.process_time() - cpu
    distinct = len({text for text, _ in items})
    print(f"import + first call per language: {t1 - t0:.3f} s")
    if not n:
        return  # instructions.py subtracts this run (imports and warm-up only) from a real one
    print(f"{distinct} distinct texts among {n} KRs")
    print(f"{n} KRs linted in {total:.3f} s ({n / total:,.0f} KRs/s, CPU {cpu:.3f} s), {findings} findings")
    print(f"budget: 10,000 KRs under 1 s -> {'within' if total * 10_000 / n < 1 else 'OVER'} budget")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
