"""consent/ stays pure Python: stdlib only, no Flask, no SQLAlchemy, no web app."""
import ast
import sys
from pathlib import Path

CONSENT = Path(__file__).resolve().parents[2] / "consent"
ALLOWED_TOP_LEVEL = set(sys.stdlib_module_names) | {"consent"}


def _imports(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_consent_imports_only_the_standard_library():
    offending = []
    files = sorted(CONSENT.rglob("*.py"))
    assert files, "consent/ has no modules"
    for path in files:
        for lineno, module in _imports(path):
            if module.split(".")[0] not in ALLOWED_TOP_LEVEL:
                offending.append(f"{path.name}:{lineno} imports {module}")
    assert offending == []


def test_consent_loads_without_flask_or_sqlalchemy(tmp_path):
    """Import consent in a fresh interpreter and check that no web or database module came with it."""
    import subprocess

    code = (
        "import sys, consent, importlib, pkgutil\n"
        "for m in pkgutil.walk_packages(consent.__path__, 'consent.'): importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'webapp')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=CONSENT.parent, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
