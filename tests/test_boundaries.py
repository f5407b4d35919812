"""The core (gongkai.report, gongkai.law) never imports Django or gongkai.web (style.md habit 1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "gongkai"
CORE = ("report", "law")
FORBIDDEN = ("django", "ninja", "gongkai.web", "django_tasks")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts[: -node.level])
                found.add(f"{package}.{node.module}" if node.module else package)
            elif node.module:
                found.add(node.module)
    return found


def test_core_sources_never_import_the_platform() -> None:
    offenders = []
    for pkg in CORE:
        for path in sorted((SRC / pkg).rglob("*.py")):
            for name in _imports(path):
                if any(name == f or name.startswith(f + ".") for f in FORBIDDEN):
                    offenders.append(f"{path.relative_to(SRC)} imports {name}")
    assert offenders == []


def test_importing_the_core_loads_no_django() -> None:
    code = (
        "import sys, importlib, pkgutil\n"
        "import gongkai.report, gongkai.law\n"
        "for pkg in (gongkai.report, gongkai.law):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith(('django.', 'gongkai.web')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
