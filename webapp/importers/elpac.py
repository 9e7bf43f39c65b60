"""Summative and Initial ELPAC student score data files (CALPADS.md B.2, B.3)."""
from __future__ import annotations

from pathlib import Path

from .scores import FixedLayout, ScoreFile, ScoreFormat

LAYOUTS = Path(__file__).resolve().parent / "layouts"
PRIOR_YEARS = 2
DOMAINS = ("listening", "speaking", "reading", "writing")
COMPOSITES = ("oral", "written")


def _prior_columns(n: int) -> dict[str, tuple[str, ...]]:
    minus = f"minus{n}"
    return {
        f"prior{n}_grade_assessed": (f"gradeassessed{minus}",),
        f"prior{n}_scale_score": (f"overallscalescore{minus}",),
        f"prior{n}_level": (f"overallpl{minus}", f"overallperformancelevel{minus}"),
        f"prior{n}_condition_code": (f"conditioncode{minus}",),
        f"prior{n}_oral": (f"orallanguagepl{minus}",),
        f"prior{n}_written": (f"writtenlanguagepl{minus}",),
        **{f"prior{n}_{d}": (f"{d}pl{minus}",) for d in DOMAINS},
    }


ELPAC = ScoreFormat(
    kind="elpac",
    title="ELPAC",
    tests={"21": "elpac_summative", "22": "elpac_initial"},
    level_sets={"elpac_summative": "elpac_level", "elpac_initial": "elpac_initial_level"},
    columns={
        "record_type": ("recordtype", "assessmenttype"),
        "ssid": ("ssid", "statewidestudentidentifierssid", "statewidestudentidentifier"),
        "grade_assessed": ("gradeassessed",),
        "district_code": ("calpadsdistrictcode",),
        "district_name": ("calpadsdistrictname",),
        "school_code": ("calpadsschoolcode",),
        "school_name": ("calpadsschoolname",),
        "final_date": ("finaltestcompleteddate", "finaltestcompletiondate"),
        **{f"completed_{n}": (f"testcompleteddate{n}", f"testcompletiondate{n}") for n in range(1, 5)},
        "condition_code": ("conditioncode",),
        "scale_score": ("overallscalescore",),
        "level": ("overallpl", "overallperformancelevel"),
        "oral": ("orallanguagepl",),
        "written": ("writtenlanguagepl",),
        **{d: (f"{d}pl",) for d in DOMAINS},
        **{name: names for n in range(1, PRIOR_YEARS + 1) for name, names in _prior_columns(n).items()},
    },
    parts={name: name for name in (*COMPOSITES, *DOMAINS)},
    date_fields=("final_date", *(f"completed_{n}" for n in range(4, 0, -1))),
    prior_years=PRIOR_YEARS,
    prior_parts=(*COMPOSITES, *DOMAINS),
    fixed=FixedLayout(LAYOUTS / "elpac_summative_2020-21.csv", school_year="2020-2021", record_length=3968),
    # 2017-18 and 2018-19 files name the test in an "Assessment Type" column instead.
    record_type_aliases={"SA": "21", "IA": "22"},
)


def open_file(path: Path) -> ScoreFile:
    return ScoreFile(path, ELPAC)
