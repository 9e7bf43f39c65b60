"""CAASPP student score data files (Smarter Balanced, CAA, CAST, CSA; CALPADS.md B.1)."""
from __future__ import annotations

from pathlib import Path

from .scores import FixedLayout, ScoreFile, ScoreFormat

LAYOUTS = Path(__file__).resolve().parent / "layouts"
PRIOR_YEARS = 3


def _prior_columns(n: int) -> dict[str, tuple[str, ...]]:
    """Names of the "current year minus n" block, as the 2021-22 layout and vendor headers spell them."""
    minus = f"minus{n}"
    return {
        f"prior{n}_grade_assessed": (f"gradeassessed{minus}", f"gradeassessedcurrentyear{minus}",
                                     *(["gradeassessed#2"] if n == 1 else [])),
        f"prior{n}_scale_score": (f"scalescore{minus}", f"scalescorecurrentyear{minus}",
                                  f"scalescorescurrentyear{minus}"),
        f"prior{n}_standard_error": (f"sem{minus}", f"standarderrormeasurementsemcurrentyear{minus}",
                                     f"standarderrormeasurementcurrentyear{minus}"),
        f"prior{n}_level": (f"achievementlevel{minus}", f"achievementlevels{minus}",
                            f"achievementlevelscurrentyear{minus}", f"achievementlevelsyear{minus}"),
        f"prior{n}_condition_code": (f"conditioncode{minus}", f"conditioncodecurrentyear{minus}"),
    }


CAASPP = ScoreFormat(
    kind="caaspp",
    title="CAASPP",
    tests={"01": "sbac_ela", "02": "sbac_math", "03": "caa_ela", "04": "caa_math", "05": "caa_science",
           "06": "cast", "09": "csa"},
    level_sets={"sbac_ela": "sbac_level", "sbac_math": "sbac_level", "cast": "sbac_level",
                "caa_ela": "caa_level", "caa_math": "caa_level", "caa_science": "caa_level"},
    columns={
        "record_type": ("recordtype",),
        "ssid": ("ssid", "statewidestudentidentifierssid", "statewidestudentidentifier", "studentidentifier"),
        "grade_assessed": ("gradeassessed", "gradelevelwhenassessed"),
        "district_code": ("calpadsdistrictcode",),
        "district_name": ("calpadsdistrictname",),
        "school_code": ("calpadsschoolcode",),
        "school_name": ("calpadsschoolname",),
        "final_date": ("finaltestcompleteddate", "finaltestcompletiondate"),
        **{f"completed_{n}": (f"testcompletiondate{n}", f"testcompleteddate{n}") for n in range(1, 5)},
        "paper_date": ("paperandpenciltestcompletiondatepaper", "paperandpenciltestcompletiondate"),
        "condition_code": ("conditioncode",),
        "lexile": ("lexileorquantilemeasure", "lexilequantilemeasure"),
        "scale_score": ("scalescore",),
        "standard_error": ("standarderrormeasurementsem", "standarderrormeasurement", "scalescorestandarderror"),
        "level": ("achievementlevels", "achievementlevel", "scalescoreachievementlevel"),
        **{f"domain_{n}": (f"domain{n}level",) for n in range(1, 4)},
        **{f"claim_{n}": (f"claim{n}performancelevel", f"claim{n}level", f"claim{n}scoreachievementlevel",
                          f"claim{n}achievementlevel") for n in range(1, 5)},
        **{name: names for n in range(1, PRIOR_YEARS + 1) for name, names in _prior_columns(n).items()},
    },
    parts={**{f"claim{n}": f"claim_{n}" for n in range(1, 5)}, **{f"domain{n}": f"domain_{n}" for n in range(1, 4)}},
    date_fields=("final_date", *(f"completed_{n}" for n in range(4, 0, -1)), "paper_date"),
    prior_years=PRIOR_YEARS,
    prior_parts=(),
    fixed=FixedLayout(LAYOUTS / "caaspp_2021-22.csv", school_year="2021-2022", record_length=4037),
)


def open_file(path: Path) -> ScoreFile:
    return ScoreFile(path, CAASPP)
