"""Benchmark of the PDF reader: seconds per page for text PDFs and for OCR of scanned pages.

    uv run python bench/bench_pdf.py [--repeat 5] [--ocr-pages 3] [--no-ocr]

Text PDFs: the three corpus PDFs (WPS exports, 16 pages), read ``--repeat`` times each by
``read_pdf`` (bytes → Layout) and by ``read_report`` (the whole path: layout, extraction); the
best run per file is reported, as seconds per page. Target: ≤ 0.1 s per page for the reader.
OCR: the first ``--ocr-pages`` pages of hz-hongze-2023.pdf rendered to an image-only PDF (144 dpi,
as a scan would be) and read through rapidocr, once (the engine is loaded before timing).
Results are recorded in BENCHMARKS.md (section "PDF reader"); no test asserts on them.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from gongkai.report.api import read_report
from gongkai.report.read.pdf import read_pdf

CORPUS = Path(os.environ.get("GONGKAI_CORPUS", Path(__file__).resolve().parents[1] / "tests" / "corpus"))
FILES = ("hz-hongze-2023.pdf", "hz-hongze-2024.pdf", "huaian-city-2024.pdf")


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def _best(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """The best (wall, CPU) seconds of ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        work()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu


def bench_text(repeat: int) -> None:
    totals = {"pages": 0.0, "reader": 0.0, "reader_cpu": 0.0, "report": 0.0, "report_cpu": 0.0}
    print(
        f"{'file':<22} {'pages':>5} {'read_pdf s/page wall (CPU)':>28} {'read_report s/page wall (CPU)':>31}"
    )
    for name in FILES:
        data = (CORPUS / name).read_bytes()
        pages = _pages(data)
        read_report(name, data)  # warm imports and caches
        reader, reader_cpu = _best(repeat, lambda data=data, name=name: read_pdf(data, name))
        report, report_cpu = _best(repeat, lambda data=data, name=name: read_report(name, data))
        for key, value in (("pages", pages), ("reader", reader), ("reader_cpu", reader_cpu)):
            totals[key] += value
        totals["report"] += report
        totals["report_cpu"] += report_cpu
        print(
            f"{name:<22} {pages:>5} {reader / pages:>18.3f} ({reader_cpu / pages:.3f})"
            f" {report / pages:>20.3f} ({report_cpu / pages:.3f})"
        )
    n = totals["pages"]
    baseline_wall = baseline_cpu = 0.0
    for name in FILES:
        data = (CORPUS / name).read_bytes()
        wall, cpu = _best(repeat, lambda data=data: _plumber_defaults(data))
        baseline_wall += wall
        baseline_cpu += cpu
    print(
        f"{'all':<22} {int(n):>5} {totals['reader'] / n:>18.3f} ({totals['reader_cpu'] / n:.3f})"
        f" {totals['report'] / n:>20.3f} ({totals['report_cpu'] / n:.3f})"
    )
    print(
        f"baseline: pdfplumber defaults (extract_text + extract_tables) {baseline_wall / n:.3f} ({baseline_cpu / n:.3f}) s/page"
    )


def _plumber_defaults(data: bytes) -> None:
    """Baseline: pdfplumber with its defaults (text and tables per page), what a quick script does."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def bench_ocr(pages: int) -> None:
    from gongkai.report.read import ocr

    if not ocr.available():
        print("OCR: the gongkai[ocr] extra is not installed; skipped")
        return
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument((CORPUS / FILES[0]).read_bytes())
    images = [source[i].render(scale=2).to_pil().convert("RGB") for i in range(min(pages, len(source)))]
    source.close()
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=144)
    scan = buffer.getvalue()
    started = time.perf_counter()
    ocr._engine()
    print(f"OCR engine load: {time.perf_counter() - started:.2f} s")
    wall, cpu = _best(1, lambda: read_pdf(scan, "scan.pdf"))
    print(
        f"OCR of {len(images)} scanned pages of {FILES[0]}: {wall / len(images):.2f} s/page wall, {cpu / len(images):.2f} s/page CPU (all threads)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per file (best is kept)")
    parser.add_argument("--ocr-pages", type=int, default=3, help="scanned pages to OCR")
    parser.add_argument("--no-ocr", action="store_true", help="skip the OCR measurement")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    bench_text(args.repeat)
    if not args.no_ocr:
        bench_ocr(args.ocr_pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
