"""Make the pictures the README shows: a rendered report page and a chart.

    uv run python scripts/make_readme_images.py [--corpus tests/corpus]

- docs/img/report-page1.png — the first page of the PDF written for 西畴县人民政府 2023 (corpus
  xichou-county-2023.txt) that shows table 三 (申请人情况), with its merged header cells.
- docs/img/chart-outcomes.png — the 本年度办理结果 chart of 淮安市洪泽区人民政府 2024 (corpus
  hz-hongze-2024.pdf), whose applications spread over several outcomes.

Both are real reports read by gongkai's readers and written by its renderers; nothing is typed in
by hand. The PNGs are kept small (< 300 KB) so the repository stays light.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pdfplumber  # noqa: E402

import gongkai  # noqa: E402
from gongkai.report.render.charts import chart_png, outcomes_chart  # noqa: E402

MAX_BYTES = 300_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    report = gongkai.read(str(args.corpus / "xichou-county-2023.txt"))
    pdf = gongkai.render(report, "pdf")
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        number = next(
            (i for i, p in enumerate(document.pages, 1) if "申请人情况" in (p.extract_text() or "")), 1
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "72",
                "-f",
                str(number),
                "-l",
                str(number),
                "-png",
                "-singlefile",
                str(source),
                str(Path(tmp) / "p1"),
            ],
            check=True,
            timeout=120,
        )
        page = (Path(tmp) / "p1.png").read_bytes()
    (args.out / "report-page1.png").write_bytes(page)

    later = gongkai.read(str(args.corpus / "hz-hongze-2024.pdf"))
    chart = outcomes_chart(later)
    if chart is None:
        raise SystemExit("hz-hongze-2024.pdf: table 三 not read")
    (args.out / "chart-outcomes.png").write_bytes(chart_png(chart, dpi=90))

    for name in ("report-page1.png", "chart-outcomes.png"):
        size = (args.out / name).stat().st_size
        print(f"{args.out / name}: {size:,} bytes")
        if size > MAX_BYTES:
            raise SystemExit(f"{name} is larger than {MAX_BYTES:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
