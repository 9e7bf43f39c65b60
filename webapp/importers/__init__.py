"""Importers for the files districts already send to the state (DESIGN.md §5).

    run_import(session, paths, kind, imported_by, accept_partial=False, progress=None) -> ImportReport

`kind` is "calpads", "caaspp" or "elpac". One module per format (`calpads`, `caaspp`,
`elpac`, with `scores` shared by the two score files), all writing through `loader`.
"""
from .report import FileReport, ImportReport, Rejection
from .run import KINDS, run_import

__all__ = ["KINDS", "FileReport", "ImportReport", "Rejection", "run_import"]
