"""The one loader every format writes through.

It works a batch at a time: it writes the batch's natural keys into a temporary table and
joins that to the target table on its unique index (one query on SQLite and PostgreSQL
alike, and the same statement every time, so nothing is recompiled per batch). Then it
inserts the new rows and updates only the rows that really changed, with one bulk statement
each. Rows that match what is stored are left alone, so loading the same data twice writes
nothing. While a table is first filled by one step of one file, rows are inserted without a
lookup. A key the current file already wrote is reported as a duplicate; this is found
through the tables themselves (and a bitmap of row ids), so memory does not grow with the
file. Nothing here commits: the run owns the transaction.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Callable, Hashable, Iterable, Sequence

from sqlalchemy import (
    Boolean, Column, Date, DateTime, MetaData, Numeric, Table, and_, bindparam, case, delete, func, insert, select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.schema import CreateTable

from ..models import District, EnglishStatus, Enrollment, School, Student

LOADED, UNCHANGED, DUPLICATE = "loaded", "unchanged", "duplicate"
MAX_KEYS_PER_QUERY = 2000

_temporary = MetaData()


def _key_table(table: Table, key: Sequence[str]) -> Table:
    """A temporary table holding one batch's natural keys for `table`."""
    name = f"import_keys_{table.name}_{len(key)}"
    if name not in _temporary.tables:
        Table(name, _temporary, *[Column(c, table.c[c].type) for c in key], prefixes=["TEMPORARY"])
    return _temporary.tables[name]


@dataclass(frozen=True)
class _InsertPlan:
    """A compiled bulk INSERT for one table and column set, run straight on the driver.

    SQLAlchemy still writes the SQL (from `insert(table)`; no data goes into it) and values
    still go through each column type's own bind processor for the dialect; what is skipped
    is the per-row bookkeeping of its generic execution path (on SQLite it costs more than
    the insert itself; on PostgreSQL its multi-row statements are re-parsed by the driver
    every time, while one single-row statement in psycopg's pipelined executemany is not).
    """
    sql: str
    names: tuple[str, ...] | None  # bind names, for drivers with named parameters
    pick: Callable[[dict], tuple]  # the given columns of a record, in SQL order
    defaults: tuple[tuple[int, Callable[[], object]], ...]  # (position, make) for columns not given
    processors: tuple[tuple[int, Callable], ...]  # (position, processor) for columns that need one

    @staticmethod
    def build(table: Table, given: tuple[str, ...], dialect, skip_conflicts: bool, returning: bool) -> "_InsertPlan":
        defaulted = {c.name: c.default for c in table.columns
                     if c.name not in given and c.default is not None and not c.primary_key}
        flavour = sqlite if dialect.name == "sqlite" else postgresql
        statement = flavour.insert(table).values({n: bindparam(n) for n in (*given, *defaulted)})
        if skip_conflicts:
            statement = statement.on_conflict_do_nothing()
        if returning:
            statement = statement.returning(table.c.id)
        compiled = statement.compile(dialect=dialect)
        order = list(compiled.positiontup or [n for n in table.columns.keys() if n in given or n in defaulted])
        in_order = [n for n in order if n in given]
        pick = itemgetter(*in_order) if len(in_order) > 1 else (lambda record: (record[in_order[0]],))
        defaults = tuple((i, (lambda d=defaulted[n]: d.arg(None)) if defaulted[n].is_callable
                          else (lambda d=defaulted[n]: d.arg)) for i, n in enumerate(order) if n in defaulted)
        processors = tuple((i, _remembered(p, table.c[n].type)) for i, n in enumerate(order)
                           if (p := table.c[n].type.dialect_impl(dialect).bind_processor(dialect)))
        names = None if compiled.positiontup else tuple(order)
        return _InsertPlan(str(compiled), names, pick, defaults, processors)

    def rows(self, records: Sequence[dict]) -> list:
        pick, defaults, processors, names = self.pick, self.defaults, self.processors, self.names
        if not processors and not defaults and names is None:
            return [pick(record) for record in records]
        rows = []
        for record in records:
            row = list(pick(record))
            for i, make in defaults:
                row.insert(i, make())
            for i, process in processors:
                row[i] = process(row[i])
            rows.append(tuple(row) if names is None else dict(zip(names, row)))
        return rows


def _remembered(process: Callable, column_type) -> Callable:
    """Dates, days and flags repeat across a file's rows: convert each distinct value once."""
    if isinstance(column_type, (Date, DateTime, Numeric, Boolean)):
        return lru_cache(maxsize=4096)(process)
    return process


class _RowIds:
    """A bitmap of row ids (one bit per id, so it stays small): the rows of one table that the
    current file has already written or matched. Meeting such a row again means the file
    repeats a key."""

    __slots__ = ("bits",)

    def __init__(self) -> None:
        self.bits = bytearray()

    def add(self, row_id: int) -> None:
        byte = row_id >> 3
        if byte >= len(self.bits):
            self.bits.extend(bytes(byte - len(self.bits) + 4096))
        self.bits[byte] |= 1 << (row_id & 7)

    def __contains__(self, row_id: int) -> bool:
        byte = row_id >> 3
        return byte < len(self.bits) and bool(self.bits[byte] & (1 << (row_id & 7)))


def placeholder_district_name(cds: str) -> str:
    return f"District {cds}"


def placeholder_school_name(cds: str) -> str:
    return f"School {cds}"


@dataclass
class _Place:
    id: int
    named: bool  # False while the name is still the placeholder


@dataclass
class Loader:
    session: Session
    _districts: dict[str, _Place] = field(default_factory=dict)
    _schools: dict[str, _Place] = field(default_factory=dict)
    _ready: set[str] = field(default_factory=set)
    _plans: dict[tuple, _InsertPlan] = field(default_factory=dict)
    _empty_at_start: dict[str, bool] = field(default_factory=dict)
    _writers: dict[str, set[tuple[int, str]]] = field(default_factory=dict)
    _file: int = -1
    _touched: dict[str, _RowIds] = field(default_factory=dict)  # table -> rows the current file wrote
    _first_lines: dict[int, int] = field(default_factory=dict)  # key hash -> line, for earlier_lines

    def begin_file(self, file_no: int) -> None:
        self._file = file_no
        self._touched = {}
        self._first_lines = {}

    def _temporary(self, table: Table) -> Table:
        """Create (once per run) and empty a temporary table."""
        if table.name not in self._ready:
            self.session.execute(CreateTable(table, if_not_exists=True))
            self._ready.add(table.name)
        self.session.execute(delete(table))
        return table

    def _insert(self, table: Table, records: Sequence[dict], *, skip_conflicts: bool = False,
                track: bool = False) -> Sequence[int]:
        """Bulk insert. `skip_conflicts`: rows whose key is already stored are left out.
        `track`: return the ids of the rows inserted (otherwise nothing)."""
        connection = self.session.connection()
        on_sqlite = connection.dialect.name == "sqlite"
        returning = track and not on_sqlite
        plan_key = (table.name, tuple(records[0]), skip_conflicts, returning)
        plan = self._plans.get(plan_key)
        if plan is None:
            plan = self._plans[plan_key] = _InsertPlan.build(table, plan_key[1], connection.dialect, skip_conflicts,
                                                             returning)
        rows = plan.rows(records)
        if not on_sqlite:
            with connection.connection.cursor() as cursor:
                cursor.executemany(plan.sql, rows, returning=returning)
                if not returning:
                    return ()
                ids = []
                for _result in cursor.results():
                    ids += [row[0] for row in cursor.fetchall()]
                return ids
        if not track:
            connection.exec_driver_sql(plan.sql, rows)
            return ()
        # SQLite gives new rows the next free rowids, in order, so the new ids are one range.
        before = connection.execute(select(func.max(table.c.id))).scalar() or 0
        connection.exec_driver_sql(plan.sql, rows)
        after = connection.execute(select(func.max(table.c.id))).scalar() or 0
        return range(before + 1, after + 1)

    # -- districts and schools -------------------------------------------------------------

    def district_id(self, cds: str, name: str | None = None) -> int:
        """The district with this CDS code, created as "District 1234567" if it is new."""
        place = self._districts.get(cds)
        if place is None:
            found = self.session.execute(select(District.id, District.name).where(District.cds_code == cds)).first()
            if found is None:
                new_id = self.session.execute(
                    insert(District).values(cds_code=cds, name=name or placeholder_district_name(cds))
                    .returning(District.id)
                ).scalar_one()
                place = _Place(new_id, bool(name))
            else:
                place = _Place(found.id, found.name != placeholder_district_name(cds))
            self._districts[cds] = place
        if name and not place.named:
            self.session.execute(update(District).where(District.id == place.id).values(name=name))
            place.named = True
        return place.id

    def school_id(self, district_cds: str, school_cds: str, district_name: str | None = None,
                  school_name: str | None = None) -> int:
        """The school with this CDS code, created (with its district) if it is new."""
        place = self._schools.get(school_cds)
        if place is None:
            found = self.session.execute(select(School.id, School.name).where(School.cds_code == school_cds)).first()
            if found is None:
                district = self.district_id(district_cds, district_name)
                new_id = self.session.execute(
                    insert(School).values(district_id=district, cds_code=school_cds,
                                          name=school_name or placeholder_school_name(school_cds))
                    .returning(School.id)
                ).scalar_one()
                place = _Place(new_id, bool(school_name))
            else:
                place = _Place(found.id, found.name != placeholder_school_name(school_cds))
            self._schools[school_cds] = place
        if district_name:
            self.district_id(district_cds, district_name)
        if school_name and not place.named:
            self.session.execute(update(School).where(School.id == place.id).values(name=school_name))
            place.named = True
        return place.id

    # -- lookups ---------------------------------------------------------------------------

    def student_ids(self, ssids: Iterable[str]) -> dict[str, int]:
        wanted = list(set(ssids))
        found: dict[str, int] = {}
        for chunk in _chunks(wanted, MAX_KEYS_PER_QUERY):
            found.update(self.session.execute(select(Student.ssid, Student.id).where(Student.ssid.in_(chunk))).all())
        return found

    def ids(self, table: Table, key: Sequence[str], keys: Iterable[tuple]) -> dict[tuple, int]:
        """Primary keys of the rows whose natural key is in `keys`."""
        return {k: row["id"] for k, row in self._existing(table, key, (), keys).items()}

    def _existing(self, table: Table, key: Sequence[str], compare: Sequence[str], keys: Iterable[tuple]) -> dict:
        """Stored rows (id, key and `compare` columns) for the given natural keys."""
        keys = list(keys)
        if not keys:
            return {}
        wanted = self._temporary(_key_table(table, key))
        self._insert(wanted, [dict(zip(key, k)) for k in keys])
        query = (
            select(table.c.id, *[table.c[c] for c in key], *[table.c[c] for c in compare if c not in key])
            .join_from(wanted, table, and_(*[table.c[c] == wanted.c[c] for c in key]))
        )
        natural_key = itemgetter(*key) if len(key) > 1 else (lambda row: (row[key[0]],))
        return {natural_key(row): row for row in self.session.execute(query).mappings()}

    # -- writing ---------------------------------------------------------------------------

    def _first_writer(self, table: Table, step: str) -> bool:
        """True while `table` was empty when the run began and only this step of this file wrote to it."""
        if table.name not in self._empty_at_start:
            self._empty_at_start[table.name] = self.session.execute(select(table.c.id).limit(1)).first() is None
        writer = (self._file, step)
        writers = self._writers.setdefault(table.name, set())
        alone = self._empty_at_start[table.name] and writers <= {writer}
        writers.add(writer)
        return alone

    def upsert(self, table: Table, key: Sequence[str], records: Sequence[dict], *, step: str = "",
               unique_in_file: bool = False, insert_only: Sequence[str] = (), only_if_missing: bool = False,
               blank_keeps_value: bool = False) -> list[str]:
        """Insert new rows, update changed ones, leave equal ones alone; a status per record.

        `step` names this kind of write within the file. `unique_in_file`: each key may occur
        once per file; a record whose key the file already wrote gets DUPLICATE and is not
        written. Otherwise, when several records share a key, the last one wins and all get
        its status. `insert_only` columns are written for new rows and never compared or
        overwritten. With `only_if_missing`, existing rows are never touched. With
        `blank_keeps_value`, a None in a record means "not given" and keeps the stored value.
        """
        if not records:
            return []
        columns = list(records[0])
        if any(list(r) != columns for r in records):
            return self._upsert_by_shape(table, key, records, step=step, unique_in_file=unique_in_file,
                                         insert_only=insert_only, only_if_missing=only_if_missing,
                                         blank_keeps_value=blank_keeps_value)
        keys = [tuple(record[c] for c in key) for record in records]
        status: list[str | None] = [None] * len(records)
        chosen: dict[tuple, int] = {}  # key -> position of the record that writes it
        for position, k in enumerate(keys):
            if unique_in_file and k in chosen:
                status[position] = DUPLICATE
            else:
                chosen[k] = position
        touched = self._touched.setdefault(table.name, _RowIds()) if unique_in_file else None
        if self._first_writer(table, step) and touched is not None:
            self._fill(table, key, records, chosen, status, touched)
        else:
            self._merge(table, key, records, chosen, status, touched, columns, insert_only, only_if_missing,
                        blank_keeps_value)
        return [s if s is not None else status[chosen[k]] for s, k in zip(status, keys)]

    def _fill(self, table: Table, key: Sequence[str], records: Sequence[dict], chosen: dict, status: list,
              touched: _RowIds) -> None:
        """First fill of a table: insert without a lookup. Rows whose key an earlier batch of this
        file already inserted are skipped by the database and reported as duplicates."""
        new = self._insert(table, [records[p] for p in chosen.values()], skip_conflicts=True, track=True)
        for row_id in new:
            touched.add(row_id)
        if len(new) == len(chosen):
            for position in chosen.values():
                status[position] = LOADED
            return
        inserted = set(new)
        found = self._existing(table, key, (), chosen)
        for k, position in chosen.items():
            status[position] = LOADED if found[k]["id"] in inserted else DUPLICATE

    def _merge(self, table: Table, key: Sequence[str], records: Sequence[dict], chosen: dict, status: list,
               touched: _RowIds | None, columns: list[str], insert_only: Sequence[str], only_if_missing: bool,
               blank_keeps_value: bool) -> None:
        """Look the batch up, then insert what is new and update what changed."""
        compare = [c for c in columns if c not in key and c not in insert_only]
        existing = self._existing(table, key, compare, chosen)
        inserts, updates = [], []
        for k, position in chosen.items():
            record, row = records[position], existing.get(k)
            if row is None:
                inserts.append(record)
                status[position] = LOADED
                continue
            if touched is not None:
                if row["id"] in touched:
                    status[position] = DUPLICATE
                    continue
                touched.add(row["id"])
            wanted = {c: row[c] if blank_keeps_value and record[c] is None else record[c] for c in compare}
            if only_if_missing or all(wanted[c] == row[c] for c in compare):
                status[position] = UNCHANGED
            else:
                updates.append({"row_id": row["id"], **{f"new_{c}": wanted[c] for c in compare}})
                status[position] = LOADED
        if inserts:
            for row_id in self._insert(table, inserts, track=touched is not None):
                touched.add(row_id)
        if updates:
            statement = (
                update(table).where(table.c.id == bindparam("row_id"))
                .values({c: bindparam(f"new_{c}") for c in compare})
            )
            self.session.connection().execute(statement, updates)

    def _upsert_by_shape(self, table: Table, key: Sequence[str], records: Sequence[dict], **options) -> list[str]:
        """Records with different column sets (e.g. 42- and 50-field SINF lines) load as separate groups."""
        groups: dict[tuple, list[int]] = {}
        for position, record in enumerate(records):
            groups.setdefault(tuple(record), []).append(position)
        statuses = [UNCHANGED] * len(records)
        for positions in groups.values():
            for position, status in zip(positions, self.upsert(table, key, [records[p] for p in positions], **options)):
                statuses[position] = status
        return statuses

    def delete(self, table: Table, key: Sequence[str], keys: Sequence[tuple]) -> list[str]:
        """Delete rows by natural key (CALPADS transaction type D); a status per key."""
        self._first_writer(table, "delete")
        existing = self.ids(table, key, keys)
        if existing:
            for chunk in _chunks(list(existing.values()), MAX_KEYS_PER_QUERY):
                self.session.execute(delete(table).where(table.c.id.in_(chunk)))
        return [LOADED if k in existing else UNCHANGED for k in keys]

    def earlier_lines(self, keyed_lines: Sequence[tuple[Hashable, int]]) -> dict[int, int]:
        """For each position whose key already appeared in the current file, the line where it first did.

        Only for record types whose key is no table's key (legacy SDIS), so that repeats cannot
        be found through the tables. Keys are kept as 64-bit hashes, for the current file only.
        """
        first_lines = self._first_lines
        duplicates = {}
        for position, (key, line) in enumerate(keyed_lines):
            first = first_lines.setdefault(hash(key), line)
            if first != line:
                duplicates[position] = first
        return duplicates

    # -- derived student fields ------------------------------------------------------------

    def refresh_current_enrollment(self) -> None:
        """Set each student's current school, grade and district from their latest enrollment.

        The main school (status 10) wins over second schools; then the latest start date.
        One UPDATE … FROM, touching only students whose values differ.
        """
        s, e, sc = Student.__table__, Enrollment.__table__, School.__table__
        ranked = (
            select(e.c.student_id, e.c.school_id, e.c.grade_level, sc.c.district_id, func.row_number().over(
                partition_by=e.c.student_id,
                order_by=(case((e.c.status_code == "10", 0), else_=1), e.c.start_date.desc(), e.c.id.desc()),
            ).label("rank"))
            .join(sc, sc.c.id == e.c.school_id).subquery()
        )
        self.session.execute(
            update(s).values(school_id=ranked.c.school_id, grade_level=ranked.c.grade_level,
                             district_id=ranked.c.district_id)
            .where(s.c.id == ranked.c.student_id, ranked.c.rank == 1,
                   s.c.school_id.is_distinct_from(ranked.c.school_id)
                   | s.c.grade_level.is_distinct_from(ranked.c.grade_level)
                   | s.c.district_id.is_distinct_from(ranked.c.district_id))
        )

    def refresh_home_language(self) -> None:
        """Home language = the primary language on the student's latest English status."""
        s, es = Student.__table__, EnglishStatus.__table__
        ranked = (
            select(es.c.student_id, es.c.primary_language, func.row_number().over(
                partition_by=es.c.student_id, order_by=(es.c.start_date.desc(), es.c.id.desc()),
            ).label("rank"))
            .where(es.c.primary_language.is_not(None)).subquery()
        )
        self.session.execute(
            update(s).values(home_language=ranked.c.primary_language)
            .where(s.c.id == ranked.c.student_id, ranked.c.rank == 1,
                   s.c.home_language.is_distinct_from(ranked.c.primary_language))
        )


def _chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
