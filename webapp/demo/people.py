"""Families and students of the demo district: who they are, before any file is written.

Everything here is drawn from one `random.Random` per family, seeded from the run's seed and
the family number, so a family's members, their English-learner path, plans, absences and
incidents are the same whatever else the run writes. The showcase families are built by hand.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, replace
from functools import cached_property
from datetime import date, timedelta
from typing import Iterator

from . import showcase as sc
from .district import CITY, ZIP_CODES, SchoolYear, level_of
from .names import BACKGROUNDS, MIDDLE_NAMES, STREETS, Background

PREFERRED = {"Alejandro": "Alex", "Guadalupe": "Lupe", "Santiago": "Santi", "Francisco": "Paco",
             "Sebastián": "Sebas", "Xinyi": "Cindy", "Zihan": "Eric", "Min-jun": "Justin",
             "Valentina": "Vale", "Emiliano": "Emi"}
# Offense (SOFF 20.14) -> (weight, lowest grade, incident result code (SIRS 19.14), result days).
# Results: 100 out-of-school suspension, 110 in-school suspension, 300 other means of correction.
OFFENSES = {
    "511": (30, 3, ("300",), (0,)),  # disruption, defiance: no suspension for defiance in California
    "510": (14, 3, ("300", "110"), (0, 1)),  # obscene acts, profanity
    "501": (16, 3, ("100",), (1, 2)),  # caused, attempted or threatened injury
    "500": (8, 4, ("100",), (2, 3)),  # caused physical injury
    "300": (14, 6, ("110", "300"), (1, 0)),  # tobacco (vaping)
    "506": (6, 5, ("100",), (2,)),  # harassment or intimidation
    "513": (6, 4, ("110",), (1,)),  # bullying
    "601": (6, 4, ("300",), (0,)),  # property theft
}
HOMELESS_DWELLINGS = ("110", "110", "110", "100", "130", "120")  # doubled-up, shelter, motel, unsheltered


@dataclass(frozen=True)
class Family:
    number: int
    background: Background
    last_name: str
    guardians: tuple[tuple[str, str], ...]
    address: tuple[str, str, str, str]  # line 1, city, state, zip
    language: str  # CALPADS primary language code spoken at home, "00" = English
    meals: str  # "181" free, "182" reduced price, "" none
    homeless_year: int | None  # start year of the school year the family had no fixed home
    dwelling: str
    parent_education: str  # SINF 2.38 code


@dataclass(frozen=True)
class Incident:
    start_year: int
    occurred_on: date
    offense: str
    result: str
    days: int


@dataclass(frozen=True)
class Student:
    ssid: str
    local_id: str
    first_name: str
    middle_name: str
    last_name: str
    preferred_first_name: str
    gender: str
    birth_date: date
    grade_now: int  # grade index in the current school year, 0 = KN
    entered_on: date  # first day in this district
    us_entry: date  # first day in any U.S. school
    birth_place: tuple[str, str, str]  # city, state, country
    family: Family
    hispanic: bool
    race_codes: tuple[str, ...]
    english: str  # "EO", "IFEP" or "EL": the first determination after the home language survey
    el_rate: float  # ELPAC levels gained per year while an English learner
    el_cap: float  # highest level a long-term English learner reaches
    plan_504_since: date | None
    iep_since: date | None
    gate: bool
    ability_ela: float
    ability_math: float
    chronic_years: frozenset[int]
    incidents: tuple[Incident, ...]

    def grade_in(self, year: SchoolYear, current: SchoolYear) -> int:
        return self.grade_now - (current.start_year - year.start_year)

    def enrolled_in(self, year: SchoolYear, current: SchoolYear) -> bool:
        return self.grade_in(year, current) >= 0 and self.entered_on <= year.last_day

    @cached_property
    def english_history(self) -> list[tuple[str, date]]:
        """SELA history: TBD until the initial test, then EO/IFEP/EL, then RFEP when reclassified."""
        if self.english == "EO":
            return [("EO", self.us_entry)]
        tested = _weekday(self.us_entry + timedelta(days=21))
        history = [("TBD", self.us_entry), (self.english, tested)]
        reclassified = self.reclassified_on()
        if reclassified:
            history.append(("RFEP", reclassified))
        return history

    def elpac_level(self, on: date) -> float:
        """Proficiency on the 1–4 ELPAC scale reached by `on`; it rises while the student is an EL."""
        years = max(0.0, (on - self.us_entry).days / 365.25)
        return min(self.el_cap, 1.0 + self.el_rate * years)

    def reclassified_on(self) -> date | None:
        """Reclassified early in the school year after the first spring ELPAC at level 4."""
        if self.english != "EL" or self.el_cap < 4:
            return None
        year = SchoolYear(self.us_entry.year if self.us_entry.month >= 8 else self.us_entry.year - 1)
        for _ in range(16):
            if self.elpac_level(elpac_day(year)) >= 4:
                return _weekday(SchoolYear(year.start_year + 1).first_day + timedelta(days=40))
            year = SchoolYear(year.start_year + 1)
        return None


def elpac_day(year: SchoolYear) -> date:
    """Summative ELPAC is given between February and May; the demo uses early March."""
    return year.day(0.6)


def students(seed: int, count: int, current: SchoolYear, years: list[SchoolYear], today: date) -> Iterator[Student]:
    """`count` students, showcase families first, siblings next to each other."""
    made = 0
    for student in _showcase_students(current, years, today):
        if made == count:
            return
        made += 1
        yield student
    salt = random.Random(f"{seed}:ssid").randrange(1_000_000_000)
    number = 0
    while made < count:
        rng = random.Random(f"{seed}:family:{number}")
        family = _family(rng, number, years)
        for child in range(_children(rng)):
            if made == count:
                return
            yield _student(rng, family, made, salt, current, years, today, child)
            made += 1
        number += 1


def _children(rng: random.Random) -> int:
    return rng.choices((1, 2, 3, 4), weights=(45, 35, 15, 5))[0]


def _family(rng: random.Random, number: int, years: list[SchoolYear]) -> Family:
    background = rng.choices(BACKGROUNDS, weights=[b.weight for b in BACKGROUNDS])[0]
    last = rng.choice(background.last_names)
    english = rng.random() < background.english_at_home
    low_income = rng.random() < (0.72 if background.hispanic else 0.3)
    meals = ("181" if rng.random() < 0.8 else "182") if low_income else ""
    guardians = [(rng.choice(background.adults_f), last)]
    if rng.random() < 0.7:
        guardians.append((rng.choice(background.adults_m), last))
    rng.shuffle(guardians)
    homeless = rng.random() < 0.1  # about 2.5% of students in any one year
    return Family(
        number=number,
        background=background,
        last_name=last,
        guardians=tuple(guardians),
        address=(f"{rng.randrange(100, 9900)} {rng.choice(STREETS)}", CITY, "CA", rng.choice(ZIP_CODES)),
        language="00" if english else background.language,
        meals=meals,
        homeless_year=rng.choice(years).start_year if homeless else None,
        dwelling=rng.choice(HOMELESS_DWELLINGS),
        parent_education=rng.choice(("13", "14", "12", "13", "14", "15")) if low_income
        else rng.choice(("10", "11", "11", "12", "13")),
    )


def _ssid(made: int, salt: int) -> str:
    """Distinct 10-digit SSIDs starting with 3: a multiplier coprime to 10^9 permutes the numbers."""
    return str(3_000_000_000 + (made * 7_919_113 + salt) % 1_000_000_000)


def _student(rng: random.Random, family: Family, made: int, salt: int, current: SchoolYear,
             years: list[SchoolYear], today: date, child: int) -> Student:
    bg = family.background
    grade = rng.randrange(13)
    gender = rng.choices(("F", "M", "X"), weights=(49, 49, 2))[0]
    first = rng.choice(bg.girls if gender == "F" else bg.boys if gender == "M" else bg.girls + bg.boys)
    kn_year = SchoolYear(current.start_year - grade)
    birth = _birth_date(rng, kn_year)
    abroad = family.language != "00" and rng.random() < 0.16 and bg.countries
    newcomer = abroad and rng.random() < 0.45
    if newcomer:  # arrived in the last three years
        entered = us_entry = _entry_day(rng, rng.choice(years[-3:]), today, 0.6)
    elif rng.random() < 0.75 or grade == 0:
        entered = us_entry = kn_year.first_day
    else:
        us_entry = kn_year.first_day
        entered = _entry_day(rng, SchoolYear(rng.randrange(kn_year.start_year + 1, current.start_year + 1)), today, 0.4)
    if abroad:
        country, city = rng.choice(bg.countries)
        birth_place = (city, "", country)
    else:
        birth_place = (CITY if rng.random() < 0.6 else rng.choice(("Los Angeles", "San José", "Fresno", "Oakland")), "CA", "US")
    english, el_rate, el_cap = _english_path(rng, family, newcomer)
    low_income = family.meals != ""
    ela = rng.gauss(-0.25 if low_income else 0.2, 0.95)
    math = 0.65 * ela + rng.gauss(0, 0.75)
    iep = rng.random() < 0.11
    plan_504 = not iep and rng.random() < 0.05
    student = Student(
        ssid=_ssid(made, salt),
        local_id=str(200_000 + made),
        first_name=first,
        middle_name=rng.choice(MIDDLE_NAMES) if rng.random() < 0.3 else "",
        last_name=family.last_name,
        preferred_first_name=PREFERRED[first] if first in PREFERRED and rng.random() < 0.5 else "",
        gender=gender,
        birth_date=birth,
        grade_now=grade,
        entered_on=entered,
        us_entry=us_entry,
        birth_place=birth_place,
        family=family,
        hispanic=bg.hispanic,
        race_codes=bg.race_codes + (("100",) if bg.hispanic and rng.random() < 0.05 else ()),
        english=english,
        el_rate=el_rate,
        el_cap=el_cap,
        plan_504_since=_plan_start(rng, kn_year, current, 1, us_entry) if plan_504 else None,
        iep_since=_plan_start(rng, kn_year, current, 0, us_entry) if iep else None,
        gate=ela + math > 2.2,
        ability_ela=ela,
        ability_math=math,
        chronic_years=frozenset(),
        incidents=(),
    )
    return replace(student, chronic_years=_chronic_years(rng, student, current, years),
                   incidents=_incidents(rng, student, current, years, today))


def _entry_day(rng: random.Random, year: SchoolYear, today: date, mid_year_share: float) -> date:
    """The first day of school, or a day during the year for some; mid-year arrivals happen only in
    finished years, so building the district again on a later day keeps every date."""
    fraction, mid_year = rng.uniform(0.0, 0.7), rng.random() < mid_year_share
    return year.day(fraction) if mid_year and year.is_complete(today) else year.first_day


def _birth_date(rng: random.Random, kn_year: SchoolYear) -> date:
    """Children start kindergarten at five: born between 2 September and 1 September five years before."""
    earliest = date(kn_year.start_year - 6, 9, 2)
    return earliest + timedelta(days=rng.randrange(365))


def _english_path(rng: random.Random, family: Family, newcomer: bool) -> tuple[str, float, float]:
    if family.language == "00":
        return "EO", 0.0, 0.0
    if newcomer:
        return "EL", rng.uniform(0.7, 0.9), 4.0
    roll = rng.random()
    if roll < 0.22:
        return "IFEP", 0.0, 0.0
    if roll < 0.62:
        return "EL", rng.uniform(0.6, 0.95), 4.0  # reclassified in the early grades
    if roll < 0.82:
        return "EL", rng.uniform(0.38, 0.5), 4.0  # reclassified in the middle grades
    return "EL", rng.uniform(0.25, 0.4), rng.uniform(2.6, 3.6)  # becomes a long-term English learner


def _plan_start(rng: random.Random, kn_year: SchoolYear, current: SchoolYear, earliest_grade: int,
                us_entry: date) -> date:
    """When an IEP or 504 plan began: some time in the first grades, never before school started.
    A plan that starts later this year shows up once that day has passed."""
    start = min(current.start_year, kn_year.start_year + earliest_grade + rng.randrange(6))
    return max(SchoolYear(start).day(rng.uniform(0.1, 0.7)), us_entry)


def _chronic_years(rng: random.Random, student: Student, current: SchoolYear, years: list[SchoolYear]) -> frozenset[int]:
    """About 12% of students miss 10% or more of the days in a given year; it tends to persist."""
    risk = 0.10 + (0.04 if student.family.meals else -0.03)
    chronic_now = rng.random() < risk
    chosen = set()
    for year in years:
        homeless = student.family.homeless_year == year.start_year
        if year == current:
            hit = chronic_now or (homeless and rng.random() < 0.4)
        else:
            hit = rng.random() < (0.45 if chronic_now else 0.06) + (0.3 if homeless else 0.0)
        if hit:
            chosen.add(year.start_year)
    return frozenset(chosen)


def _incidents(rng: random.Random, student: Student, current: SchoolYear, years: list[SchoolYear],
               today: date) -> tuple[Incident, ...]:
    risk = rng.lognormvariate(0, 0.9)
    base = {"elementary": 0.01, "middle": 0.07, "high": 0.05}
    found = []
    for year in years:
        grade = student.grade_in(year, current)
        if grade < 3 or not student.enrolled_in(year, current) or rng.random() >= base[level_of(grade)] * risk:
            continue
        offenses = [code for code, (_, low, _, _) in OFFENSES.items() if grade >= low]
        offense = rng.choices(offenses, weights=[OFFENSES[c][0] for c in offenses])[0]
        _, _, results, days = OFFENSES[offense]
        pick = rng.randrange(len(results))
        occurred = year.day(rng.uniform(0.05, 0.95))
        if occurred <= today and occurred >= student.entered_on:
            found.append(Incident(year.start_year, occurred, offense, results[pick], days[pick]))
    return tuple(found)


def _weekday(day: date) -> date:
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


def _showcase_students(current: SchoolYear, years: list[SchoolYear], today: date) -> list[Student]:
    """Maya and Leo Hernández (one guardian, two children), Thảo Nguyễn (newcomer), Daniel Ortiz (18)."""
    y = current.start_year
    hispanic = BACKGROUNDS[0]
    vietnamese = BACKGROUNDS[1]
    hernandez = Family(0, hispanic, "Hernández", (("Rosa", "Hernández"), ("Miguel", "Hernández")),
                       ("1423 Sycamore Ave", CITY, "CA", "95030"), "01", "181", None, "", "13")
    nguyen = Family(1, vietnamese, "Nguyễn", (("Lan", "Nguyễn"), ("Minh", "Nguyễn")),
                    ("88 Jacaranda Ln", CITY, "CA", "95032"), "02", "182", None, "", "12")
    ortiz = Family(2, hispanic, "Ortiz", (("Ana", "Ortiz"),),
                   ("310 Mission St", CITY, "CA", "95033"), "00", "",
                   y - 1 if len(years) > 1 else None, "110", "14")
    maya_kn, leo_kn, thao_kn, daniel_kn = (SchoolYear(y - grade) for grade in (4, 9, 7, 12))
    thao_arrival = _weekday(date(y - 1, 1, 9) if y - 1 >= years[0].start_year else current.first_day)
    leo_fight = SchoolYear(y - 1)
    common = dict(middle_name="", preferred_first_name="", hispanic=True, race_codes=("700",),
                  plan_504_since=None, iep_since=None, gate=False, el_cap=4.0, chronic_years=frozenset(),
                  incidents=())
    maya = Student(sc.MAYA.ssid, "100017", "Maya", last_name="Hernández", gender="F",
                   birth_date=date(y - 9, 10, 2), grade_now=4, entered_on=maya_kn.first_day,
                   us_entry=maya_kn.first_day, birth_place=(CITY, "CA", "US"), family=hernandez,
                   english="EL", el_rate=0.52, ability_ela=-0.1, ability_math=0.5,
                   **{**common, "middle_name": "Isabel", "chronic_years": frozenset({y})})
    leo = Student(sc.LEO.ssid, "100025", "Leo", last_name="Hernández", gender="M",
                  birth_date=date(y - 14, 3, 14), grade_now=9, entered_on=leo_kn.first_day,
                  us_entry=leo_kn.first_day, birth_place=(CITY, "CA", "US"), family=hernandez,
                  english="EL", el_rate=0.68, ability_ela=0.45, ability_math=0.9,
                  **{**common, "plan_504_since": SchoolYear(y - 2).day(0.2),
                     "incidents": (Incident(y - 1, leo_fight.day(0.55), "501", "100", 2),)})
    thao = Student(sc.THAO.ssid, "100033", "Thảo", last_name="Nguyễn", gender="F",
                   birth_date=date(y - 13, 5, 21), grade_now=7, entered_on=thao_arrival,
                   us_entry=thao_arrival, birth_place=("Đà Nẵng", "", "VN"), family=nguyen,
                   english="EL", el_rate=0.85, ability_ela=-0.6, ability_math=1.2,
                   **{**common, "hispanic": False, "race_codes": ("204",)})
    daniel = Student(sc.DANIEL.ssid, "100041", "Daniel", last_name="Ortiz", gender="M",
                     birth_date=date(y - 18, 8, 1), grade_now=12, entered_on=daniel_kn.first_day,
                     us_entry=daniel_kn.first_day, birth_place=("Los Angeles", "CA", "US"), family=ortiz,
                     english="EO", el_rate=0.0, ability_ela=-0.2, ability_math=0.1,
                     **{**common, "middle_name": "Alejandro", "iep_since": SchoolYear(y - 10).day(0.4),
                        "chronic_years": frozenset({y - 1})})
    return [s for s in (maya, leo, thao, daniel) if s.entered_on <= today]
