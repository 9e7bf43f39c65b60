"""Behavior: discipline incidents with their offenses, results and days, and a per-year count."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from .parts import Behavior, BehaviorYear, Incident, IncidentResult, Offense
from .rows import Loaded, StudentRows

ZERO = Decimal(0)


def build_behavior(rows: StudentRows, loaded: Loaded) -> Behavior:
    incidents = tuple(
        _incident(i, rows, loaded) for i in sorted(rows.incidents, key=lambda i: (i.occurred_on, i.incident_id_local))
    )
    by_year: dict[str, list[Incident]] = defaultdict(list)
    for incident in incidents:
        by_year[incident.academic_year].append(incident)
    years = tuple(
        BehaviorYear(academic_year=year, incidents=len(items), days=sum((i.days for i in items), ZERO))
        for year, items in sorted(by_year.items())
    )
    return Behavior(incidents=incidents, years=years)


def _incident(incident, rows: StudentRows, loaded: Loaded) -> Incident:
    offenses = tuple(
        Offense(offense_code=o.offense_code, weapon_code=o.weapon_code)
        for o in sorted(rows.offenses.get(incident.id, ()), key=lambda o: o.offense_code)
    )
    results = tuple(
        IncidentResult(
            duration_days=r.duration_days,
            result_code=r.result_code,
            authority_code=r.authority_code,
            modification_code=r.modification_code,
        )
        for r in sorted(rows.results.get(incident.id, ()), key=lambda r: r.result_code)
    )
    return Incident(
        academic_year=incident.academic_year,
        school=loaded.school(incident.school_id),
        incident_id_local=incident.incident_id_local,
        occurred_on=incident.occurred_on,
        statutory_offense=incident.statutory_offense,
        instructional_support=incident.instructional_support,
        source=incident.source,
        offenses=offenses,
        results=results,
        days=sum((r.duration_days or ZERO for r in results), ZERO),
        removal_reason=incident.removal_reason,
    )
