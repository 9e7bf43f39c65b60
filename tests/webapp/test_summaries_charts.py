"""Server-drawn SVG charts: well-formed, labelled, scaled to the numbers, with the same numbers as a table."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from flask_babel import force_locale

from tests.factories import add_attendance, add_test_result, make_district, make_school, make_student
from webapp import codes
from webapp.store.backpack import load_backpack
from webapp.summaries.charts import attendance_chart, score_chart
from webapp.summaries.thresholds import DEFAULT, Thresholds

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def backpack(db_session):
    school = make_school(db_session, make_district(db_session))
    maya = make_student(db_session, school, first_name="Maya", grade_level="05")
    add_attendance(db_session, maya, school, 2021, expected_days=Decimal("180"), days_attended=Decimal("171"))
    add_attendance(db_session, maya, school, 2022, expected_days=Decimal("180"), days_attended=Decimal("153"))
    add_attendance(db_session, maya, school, 2023, expected_days=Decimal("180"), days_attended=Decimal("162"))
    for year, grade, score in ((2021, "03", 2400), (2022, "04", 2500), (2023, "05", 2600)):
        add_test_result(db_session, maya, year, "sbac_math", grade_assessed=grade, scale_score=score, level="3")
    add_test_result(db_session, maya, 2023, "elpac_summative", grade_assessed="05", scale_score=1500, level="3")
    db_session.commit()
    return load_backpack(db_session, maya.id, as_of=date(2024, 3, 1))


def _parse(chart):
    root = ElementTree.fromstring(str(chart.svg))
    assert root.get("role") == "img" and "style" not in chart.svg
    assert root.find(f"{SVG}title").text == chart.title and root.find(f"{SVG}desc").text == chart.description
    return root


def test_attendance_bars_scale_to_the_share_missed_with_a_threshold_line(app, backpack):
    with app.test_request_context(), force_locale("en"):
        chart = attendance_chart(backpack.attendance, DEFAULT)
    root = _parse(chart)
    bars = [r for r in root.iter(f"{SVG}rect")]
    assert [b.get("class") for b in bars] == ["bar", "bar bar-over", "bar bar-over"]  # 5 %, 15 %, 10 %
    widths = [float(b.get("width")) for b in bars]
    assert widths[1] == pytest.approx(3 * widths[0], rel=0.01) and widths[2] == pytest.approx(2 * widths[0], rel=0.01)
    [line] = [x for x in root.iter(f"{SVG}line") if x.get("class") == "threshold"]
    assert float(line.get("x1")) == pytest.approx(float(bars[2].get("x")) + widths[2], abs=0.2)
    assert chart.rows == (("2021–22", "180", "9", "5%"), ("2022–23", "180", "27", "15%"),
                          ("2023–24", "180", "18", "10%"))


def test_attendance_threshold_follows_the_district(app, backpack):
    with app.test_request_context(), force_locale("es"):
        chart = attendance_chart(backpack.attendance, Thresholds(attendance_percent=Decimal(20)))
    root = _parse(chart)
    assert [r.get("class") for r in root.iter(f"{SVG}rect")] == ["bar", "bar", "bar"]
    assert "20\xa0%" in chart.description and chart.headers[0] == "Año escolar"


def test_score_chart_draws_each_years_level_bands_and_the_scores(app, backpack):
    [math] = [h for h in backpack.state_tests.tests if h.test == "sbac_math"]
    with app.test_request_context(), force_locale("en"):
        chart = score_chart(math)
    root = _parse(chart)
    bands = [r for r in root.iter(f"{SVG}rect") if "band" in r.get("class")]
    assert len(bands) == 3 * 4
    dots = list(root.iter(f"{SVG}circle"))
    assert len(dots) == 3
    ys = [float(d.get("cy")) for d in dots]
    assert ys[0] > ys[1] > ys[2]  # higher scores sit higher
    grade4 = bands[4:8]  # the second column: grade 4 bands, level 1 at the bottom
    nearly, met, exceeded = codes.sbac_bands("math", 4)
    level3 = grade4[2]
    top, bottom = float(level3.get("y")), float(level3.get("y")) + float(level3.get("height"))
    assert top < ys[1] < bottom and met <= 2500 < exceeded  # 2,500 is "met" in grade 4
    assert chart.rows[1] == ("2022–23", "4th grade", "2,500", "Standard met")


def test_no_chart_without_bands(app, backpack):
    [elpac] = [h for h in backpack.state_tests.tests if h.test == "elpac_summative"]
    with app.test_request_context(), force_locale("en"):
        assert score_chart(elpac) is None
