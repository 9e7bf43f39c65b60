"""The demo district: a deterministic generator of CALPADS and state-test files, and `backpack demo`.

    generate(directory, students_count=600, seed=2025, today=date(2025, 6, 20)) -> DemoFiles
    showcase() -> the named demo students (SSID, name, grade, role, guardian) for sign-in links
"""
from .generator import ALL_FILES, BENCH_FILES, DemoFiles, generate
from .showcase import DEMO_SHOWCASE, ShowcaseStudent, showcase

__all__ = ["ALL_FILES", "BENCH_FILES", "DEMO_SHOWCASE", "DemoFiles", "ShowcaseStudent", "generate", "showcase"]
