"""Money defaults in the plan's currency: scaled from the templates' reference currency and rounded."""

import pytest

from okrgen.catalog.params import Parameter
from okrgen.plan.defaults import in_currency, money_scale, reference_currency, round_figure
from okrgen.resources import load_data


@pytest.mark.parametrize(
    "value, expected",
    [
        (280_000_000, 280_000_000),
        (176_000_000, 180_000_000),
        (2_250_000, 2_300_000),
        (175_000, 180_000),
        (24_500_000, 25_000_000),
        (7_200, 7_200),
        (1, 1),
        (3.5, 3.5),
    ],
)
def test_scaled_amounts_round_to_two_significant_figures_half_up(value, expected):
    assert round_figure(value) == expected


def test_the_reference_is_the_dollar_and_it_is_not_scaled():
    assert reference_currency() == "USD"
    assert money_scale("USD") is None and money_scale(None) is None
    assert money_scale("XYZ") is None  # not listed: the template's figures stay as written


def test_the_data_file_says_the_scale_is_not_an_exchange_rate():
    from pathlib import Path

    import okrgen

    text = (Path(okrgen.__file__).parent / "data" / "currency.yaml").read_text(encoding="utf-8")
    assert "NOT AN EXCHANGE RATE" in text
    assert set(load_data("currency.yaml")["scale"]) >= {"USD", "RUB", "CNY"}


@pytest.mark.parametrize(
    "currency, default, minimum, maximum", [("RUB", 2_000_000, 80, 80_000_000), ("CNY", 180_000, 7, 7_000_000), ("USD", 25_000, 1, 1_000_000)]
)
def test_a_money_parameter_reads_in_the_plans_currency(currency, default, minimum, maximum):
    p = Parameter(name="deal_size", type="money", default=25_000, min=1, max=1_000_000)
    scaled = in_currency(p, currency)
    assert (scaled.default, scaled.min, scaled.max) == (default, minimum, maximum)
    assert p.default == 25_000  # the template's own parameter is left as written


def test_only_money_is_scaled():
    p = Parameter(name="deals", type="integer", default=88, min=0)
    assert in_currency(p, "RUB") is p
    zero = Parameter(name="budget", type="money", default=0, min=0)
    assert in_currency(zero, "RUB").default == 0 and in_currency(zero, "RUB").min == 0
