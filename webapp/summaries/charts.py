"""Small charts drawn on the server as inline SVG, each with the same numbers as a table.

No charting script: the SVG is plain markup (presentation attributes only, no style=""), sized
by its viewBox so it fits a 360 px phone, labelled by <title>/<desc>, and every number it shows
is also in the table that follows it. Charts sit in the page, never fetched from elsewhere.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup, escape

from webapp import codes
from webapp.store.parts import Attendance, ScoreHistory

from .context import lang
from .formatting import gettext as _
from .formatting import number, percent, school_year
from .levels import is_scored, level_label
from .names import title as test_title
from .thresholds import Thresholds

WIDTH = 320
SUBJECTS = {"sbac_ela": "ela", "sbac_math": "math"}
BAND_CLASSES = ("band-1", "band-2", "band-3", "band-4")


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    svg: Markup
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _svg(chart_id: str, title: str, description: str, height: float, body: list[str]) -> Markup:
    head = Markup('<svg class="chart" id="{0}" viewBox="0 0 {1} {2}" width="{1}" height="{2}" role="img" '
                  'aria-labelledby="{0}-title {0}-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">'
                  '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>').format(
        chart_id, WIDTH, _n(height), title, description)
    return head + Markup("").join(Markup(part) for part in body) + Markup("</svg>")


def _n(value) -> str:
    """A coordinate with at most one decimal, written the SVG way (a dot, never the locale's comma)."""
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


def _text(x, y, content: str, css: str, anchor: str = "start") -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}" class="{css}" text-anchor="{anchor}">{escape(content)}</text>'


def attendance_chart(attendance: Attendance, thresholds: Thresholds,
                     chart_id: str = "attendance-chart") -> Chart | None:
    """Share of school days missed in each school year, with a line at the district's threshold."""
    years = [y for y in attendance.years if y.percent_missed is not None]
    if not years:
        return None
    limit = thresholds.attendance_percent
    top = max([Decimal(20), limit * Decimal("1.5"), *(y.percent_missed * Decimal("1.15") for y in years)])
    left, right, bar, gap, head = 62, WIDTH - 48, 22, 10, 24
    scale = (right - left) / float(top)
    height = head + len(years) * (bar + gap) + 8
    body = [f'<line x1="{left}" y1="{head - 6}" x2="{left}" y2="{_n(height - 4)}" class="axis"/>']
    for index, year in enumerate(years):
        y = head + index * (bar + gap)
        width = max(float(year.percent_missed) * scale, 1.5)
        css = "bar bar-over" if year.percent_missed >= limit else "bar"
        body.append(_text(left - 6, y + bar * 0.7, school_year(year.academic_year), "label", "end"))
        body.append(f'<rect x="{left}" y="{y}" width="{_n(width)}" height="{bar}" rx="3" class="{css}"/>')
        body.append(_text(left + width + 4, y + bar * 0.7, percent(year.percent_missed), "value"))
    x = left + float(limit) * scale
    body.append(f'<line x1="{_n(x)}" y1="{head - 8}" x2="{_n(x)}" y2="{_n(height - 4)}" class="threshold"/>')
    body.append(_text(x, head - 11, percent(limit), "threshold-label", "middle"))
    title = _("Share of school days missed, by school year")
    description = _("Each bar is one school year. The line marks %(limit)s, where the school looks closer.",
                    limit=percent(limit))
    rows = tuple((school_year(y.academic_year), number(y.expected_days), number(y.days_missed),
                  percent(y.percent_missed)) for y in years)
    return Chart(chart_id, title, description, _svg(chart_id, title, description, height, body),
                 (_("School year"), _("School days"), _("Days missed"), _("Share missed")), rows)


def score_chart(history: ScoreHistory, chart_id: str | None = None) -> Chart | None:
    """Smarter Balanced scale scores across years, each year drawn over its grade's four level bands."""
    subject = SUBJECTS.get(history.test)
    points = [s for s in history.years if s.scale_score is not None and _bands(subject, s.grade_assessed)]
    if subject is None or not points:
        return None
    chart_id = chart_id or f"{history.test}-chart"
    bands = [_bands(subject, s.grade_assessed) for s in points]
    low = min(min(b[0] for b in bands) - 60, min(s.scale_score for s in points) - 30)
    high = max(max(b[2] for b in bands) + 60, max(s.scale_score for s in points) + 30)
    top, bottom, height = 8, 178, 222
    column = (WIDTH - 8) / len(points)

    def y_of(score: float) -> float:
        return bottom - (score - low) * (bottom - top) / (high - low)

    body, dots = [], []
    for index, (score, (nearly, met, exceeded)) in enumerate(zip(points, bands)):
        x0 = 4 + index * column
        edges = (low, nearly, met, exceeded, high)
        for level in range(4):
            y1, y2 = y_of(edges[level + 1]), y_of(edges[level])
            body.append(f'<rect x="{_n(x0 + 2)}" y="{_n(y1)}" width="{_n(column - 4)}" height="{_n(y2 - y1)}" '
                        f'class="band {BAND_CLASSES[level]}"/>')
        cx, cy = x0 + column / 2, y_of(score.scale_score)
        dots.append((cx, cy, score))
        body.append(_text(cx, bottom + 16, school_year(score.academic_year), "label", "middle"))
        grade = codes.label("grade_level", score.grade_assessed, lang())
        body.append(_text(cx, bottom + 32, grade, "label small", "middle"))
    if len(dots) > 1:
        path = " ".join(f"{_n(x)},{_n(y)}" for x, y, _s in dots)
        body.append(f'<polyline points="{path}" class="score-line"/>')
    for cx, cy, score in dots:
        body.append(f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="5" class="score-dot"/>')
        label_y = cy - 9 if cy - 9 > top + 10 else cy + 19
        body.append(_text(cx, label_y, number(score.scale_score), "value", "middle"))
    title = _("%(test)s scores by year", test=test_title(history.test))
    description = _("Each column is one school year. The shaded bands are the four levels for that grade, from "
                    "Standard not met at the bottom to Standard exceeded at the top.")
    rows = tuple((school_year(s.academic_year), codes.label("grade_level", s.grade_assessed, lang()),
                  number(s.scale_score), level_label(s) if is_scored(s.level) else "") for s in points)
    return Chart(chart_id, title, description, _svg(chart_id, title, description, height, body),
                 (_("School year"), _("Grade"), _("Score"), _("Level")), rows)


def band_legend() -> tuple[tuple[str, str], ...]:
    """(css class, level name) for the four Smarter Balanced levels, lowest first."""
    return tuple((BAND_CLASSES[i], codes.label("sbac_level", str(i + 1), lang())) for i in range(4))


def _bands(subject: str | None, grade: str | None) -> tuple[int, int, int] | None:
    if subject is None or not grade or not grade.isdigit():
        return None
    try:
        return codes.sbac_bands(subject, int(grade))
    except KeyError:
        return None
