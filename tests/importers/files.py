"""Writers for small test files, by the field numbers of ../shared/formats/CALPADS.md and the
score-file layouts. Each writer gives one valid record; keyword arguments change fields."""
from __future__ import annotations

import csv
from pathlib import Path

LAYOUTS = Path(__file__).resolve().parents[2] / "webapp" / "importers" / "layouts"
DISTRICT = "1964733"
ELEMENTARY = "6017016"
MIDDLE = "6017024"
HIGH = "1930007"
YEAR = "2023-2024"
SSIDS = ("1000000001", "1000000002", "1000000003")


def calpads(count: int, fields: dict[int, str]) -> str:
    """One caret-delimited record with `count` fields; `fields` maps field number (1-based) to value."""
    values = [""] * count
    for number, value in fields.items():
        values[number - 1] = value
    return "^".join(values)


def _student(rt: str, ssid: str, school: str, year: str, txn: str) -> dict[int, str]:
    return {1: rt, 2: txn, 4: DISTRICT, 5: school, 6: year, 7: ssid, 8: "L" + ssid[-4:], 9: "Maya", 10: "Lopez",
            11: "20130412", 12: "F"}


def sinf(ssid: str, *, first="Maya", last="Lopez", middle="", count=42, school=ELEMENTARY, year=YEAR,
         preferred="", txn="", birth="20130412", parent_ed="13") -> str:
    fields = {1: "SINF", 2: txn, 6: DISTRICT, 7: school, 8: year, 9: ssid, 10: "L" + ssid[-4:], 11: first, 12: middle,
              13: last, 18: birth, 19: "F", 20: "Fresno", 22: "US", 23: "Y", 25: "700", 31: "12 Elm St",
              33: "Fresno", 34: "CA", 35: "93701", 36: "20180815", 38: parent_ed, 39: "Ana", 40: "Lopez"}
    if count == 50:
        fields[43] = preferred
    return calpads(count, fields)


def senr(ssid: str, *, start="20230816", grade="05", school=ELEMENTARY, year=YEAR, status="10", exit_date="",
         exit_reason="", completion="", first="Maya", last="Lopez", txn="", birth="20130412") -> str:
    return calpads(39, {1: "SENR", 2: txn, 4: DISTRICT, 5: school, 7: year, 8: ssid, 9: "L" + ssid[-4:], 10: first,
                        12: last, 17: birth, 18: "F", 22: start, 23: status, 24: grade, 25: exit_date,
                        26: exit_reason, 27: completion, 33: "N"})


def sprg(ssid: str, *, program="181", start="20230816", end="", membership="1", school=ELEMENTARY, txn="") -> str:
    return calpads(26, {**_student("SPRG", ssid, school, YEAR, txn), 13: program, 14: membership, 15: start, 16: end})


def sela(ssid: str, *, status="EL", start="20190820", language="01", count=16, year=YEAR) -> str:
    header = _student("SELA", ssid, ELEMENTARY, year, "")
    header[8], header[9], header[10], header[11], header[12] = "Maya", "Lopez", "20130412", "F", "L" + ssid[-4:]
    return calpads(count, {**header, 13: status, 14: start, 15: language})


def stas(ssid: str, *, expected="180", attended="170", excused="5", unexcused="3", oss="2", count=23,
         school=ELEMENTARY, exempt="N") -> str:
    return calpads(count, {**_student("STAS", ssid, school, YEAR, ""), 13: exempt, 14: "N", 15: expected,
                           16: attended, 17: oss, 19: excused, 20: unexcused})


def crsc(*, section="101", course="ALG1", name="Algebra 1", state_code="2403", term="FY", school=HIGH,
         seid="1234567890", rt="CRSC", uc="Y") -> str:
    return calpads(36, {1: rt, 4: DISTRICT, 5: school, 6: YEAR, 7: state_code, 8: course, 9: name, 13: uc,
                        14: section, 15: term, 16: seid})


def scsc(ssid: str, *, section="101", course="ALG1", term="FY", school=HIGH, grade="B+", ag="C", attempted="5.00",
         earned="5.00", rt="SCSC") -> str:
    return calpads(20, {**_student(rt, ssid, school, YEAR, ""), 13: course, 14: section, 15: term, 16: attempted,
                        17: earned, 18: grade, 19: ag})


def sinc(ssid: str, *, incident="I-1", date="20231012", school=ELEMENTARY) -> str:
    return calpads(17, {**_student("SINC", ssid, school, YEAR, ""), 13: incident, 14: date, 15: "Y", 16: "N"})


def sirs(ssid: str, *, incident="I-1", result="100", days="2", school=ELEMENTARY) -> str:
    return calpads(17, {**_student("SIRS", ssid, school, YEAR, ""), 13: incident, 14: result, 15: "10", 16: days})


def soff(ssid: str, *, incident="I-1", offense="500", weapon="", school=ELEMENTARY) -> str:
    return calpads(15, {**_student("SOFF", ssid, school, YEAR, ""), 13: incident, 14: offense, 15: weapon})


def sdis(ssid: str, *, incident="D-1", offense="511", action="100", date="20181012", days="3", year="2018-2019") -> str:
    return calpads(23, {**_student("SDIS", ssid, ELEMENTARY, year, ""), 13: incident, 14: date, 15: offense,
                        16: offense, 18: action, 19: "10", 20: days, 21: "N"})


def sdem(seid: str, *, first="Rosa", last="Park") -> str:
    return calpads(31, {1: "SDEM", 6: DISTRICT, 7: YEAR, 8: seid, 9: "S" + seid[-3:], 10: first, 12: last,
                        16: "19800101", 17: "F", 27: "P"})


def sass(seid: str, *, school=HIGH, job="12", fte="100.0") -> str:
    return calpads(21, {1: "SASS", 4: DISTRICT, 5: school, 6: YEAR, 7: seid, 9: "Rosa", 10: "Park",
                        11: "19800101", 12: "F", 13: job, 14: fte})


def write(directory: Path, name: str, lines: list[str], *, encoding="utf-8", newline="\n", bom=False) -> Path:
    path = directory / name
    data = newline.join(lines) + newline
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data.encode(encoding))
    return path


# -- score files ----------------------------------------------------------------------------

def layout(name: str) -> list[tuple[int, str, int, int]]:
    """(field number, name, start, end) of every numbered field in one of the shipped layouts."""
    with (LAYOUTS / name).open(encoding="utf-8", newline="") as f:
        return [(int(r["field_no"]), r["field_name"].strip(), int(r["start"]), int(r["end"]))
                for r in csv.DictReader(f) if r["field_no"].isdigit()]


CAASPP_LAYOUT = layout("caaspp_2021-22.csv")
ELPAC_LAYOUT = layout("elpac_summative_2020-21.csv")


def caaspp_row(ssid: str, *, record_type="01", scale="2500", level="3", grade="05", completed="2022-04-20",
               condition="", prior: tuple[str, str, str] | None = None) -> dict[int, str]:
    """A CAASPP record by field number. `prior` = (grade, scale score, level) of current year minus 1."""
    row = {1: record_type, 2: ssid, 3: "Lopez", 4: "Maya", 10: grade, 11: grade, 12: DISTRICT + "0000000",
           13: "Valley Unified", 14: DISTRICT + ELEMENTARY, 15: "Oak Elementary", 103: completed,
           120: condition, 131: "", 146: scale, 147: "25", 150: level}
    if prior:
        row.update({309: prior[0], 312: prior[1], 313: prior[2]})
    return row


def elpac_row(ssid: str, *, record_type="21", scale="1480", level="2", grade="05", completed="2021-04-20",
              oral="3", written="2", prior: tuple[str, str, str] | None = None) -> dict[int, str]:
    row = {1: record_type, 5: ssid, 16: grade, 17: grade, 18: DISTRICT + "0000000", 19: "Valley Unified",
           20: DISTRICT + ELEMENTARY, 21: "Oak Elementary", 105: completed, 138: scale, 141: level, 142: oral,
           143: written, 146: "3", 147: "2", 148: "2", 149: "1"}
    if prior:
        row.update({304: prior[0], 310: prior[1], 311: prior[2]})
    return row


def delimited(layout_fields, rows: list[dict[int, str]], *, renames: dict[int, str] | None = None,
              delimiter="^") -> list[str]:
    """A header row (layout names, some renamed) and one line per row."""
    renames = renames or {}
    header = [renames.get(number, name) for number, name, _s, _e in layout_fields]
    lines = [delimiter.join(header)]
    for row in rows:
        lines.append(delimiter.join(row.get(number, "") for number, _n, _s, _e in layout_fields))
    return lines


def fixed_width(layout_fields, rows: list[dict[int, str]]) -> list[str]:
    length = layout_fields[-1][3]
    lines = []
    for row in rows:
        text = [" "] * length
        for number, _name, start, end in layout_fields:
            value = "ZZ" if number == layout_fields[-1][0] else row.get(number, "")
            text[start - 1:end] = value.ljust(end - start + 1)[: end - start + 1]
        lines.append("".join(text))
    return lines
