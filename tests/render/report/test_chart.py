"""okrgen.render.report.chart: check-in history as inline SVG."""

from okrgen.render.report.chart import sparkline


def test_points_over_their_dates_with_the_target_line():
    svg = str(sparkline([("2027-01-01", 10), ("2027-01-02", 20), ("2027-01-31", 30)], target=40, label="KR1.1 <x>"))
    assert svg.startswith("<svg") and svg.count("<circle") == 3 and 'class="target"' in svg
    xs = [float(p.split(",")[0]) for p in svg.split('points="')[1].split('"')[0].split()]
    assert xs[1] - xs[0] < xs[2] - xs[1]  # one day apart is drawn closer than 29 days apart
    assert "&lt;x&gt;" in svg and "<x>" not in svg


def test_one_point_and_none():
    assert "<polyline" not in str(sparkline([("2027-01-01", 5)]))
    assert str(sparkline([])) == ""
