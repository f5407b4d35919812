"""Offline OCR of PDF pages that have no text layer (scans, "图片版" reports).

Optional: needs the ``gongkai[ocr]`` extra (rapidocr + onnxruntime). The models are the ones
bundled in the rapidocr wheel; the engine is configured with their paths explicitly, because asking
rapidocr for any other model makes it download one, and this code must never touch the network.
Without the extra, :func:`recognise_pages` raises :class:`UnsupportedMediumError` with a message
saying what to install.

A page is rendered by pypdfium2 at :data:`RENDER_SCALE` (144 dpi), recognised into text boxes, each
with its recognition score, and the page's table rules are found in the same image (long thin dark
runs, kept only when they meet a rule of the other direction, so strokes of characters do not
count). :mod:`.pdf` then treats the boxes like the characters of a text layer and the rules like
drawn ones: the same table reconstruction, merges, page-number removal and page joining apply.
Coordinates are returned in PDF points, like the text layer's.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ...errors import InputTooLargeError, ReadError, UnsupportedMediumError
from . import limits

#: Render scale (1 = 72 dpi). 2 gives 144 dpi: table digits of 9-10.5 pt come out ~26 px high,
#: which the PP-OCR models read reliably; higher costs time without better digits.
RENDER_SCALE = 2.0
#: Boxes scored below this by the recogniser are dropped as noise (rapidocr's own default is 0.5).
MIN_BOX_SCORE = 0.5

_MODEL_FILES = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
_MISSING = (
    "扫描件（没有文字层的 PDF 页面）需要 OCR：请安装可选组件 gongkai[ocr]（pip install 'gongkai[ocr]'）"
)


@dataclass(frozen=True)
class OcrBox:
    """A recognised run of text: its box in PDF points and the recogniser's score (0-1)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float


@dataclass
class OcrPage:
    """One recognised page: text boxes and table rules, in PDF points (origin top-left)."""

    number: int
    width: float
    height: float
    boxes: list[OcrBox] = field(default_factory=list)
    h_rules: list[tuple[float, float, float]] = field(default_factory=list)  # (x0, x1, y)
    v_rules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, top, bottom)
    skew: float = 0.0  # degrees the scan was turned (counter-clockwise) to straighten it


def available() -> bool:
    """Whether the OCR extra is installed (checked without loading the models)."""
    try:
        import cv2  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


@functools.cache
def _engine() -> Any:
    try:
        import rapidocr
        from rapidocr import RapidOCR
    except ImportError as exc:
        raise UnsupportedMediumError(_MISSING) from exc
    models = os.path.join(os.path.dirname(rapidocr.__file__), "models")
    params: dict[str, Any] = {"Global.log_level": "error"}
    for key, filename in _MODEL_FILES.items():
        path = os.path.join(models, filename)
        if not os.path.isfile(path):
            # Never let rapidocr fetch a model: a wheel without its models is a broken install.
            raise UnsupportedMediumError(f"OCR 模型文件缺失（{filename}）；请重新安装 gongkai[ocr]")
        params[key] = path
    return RapidOCR(params=params)


def recognise_pages(
    doc: Any,
    numbers: Sequence[int],
    name: str,
    *,
    regions: dict[int, tuple[float, float, float, float]] | None = None,
) -> list[OcrPage]:
    """OCR the given 1-based pages of an open pypdfium2 document.

    ``regions`` limits a page to one area (x0, top, x1, bottom in PDF points, origin top-left):
    a picture on a page that otherwise has a text layer. Boxes and rules are returned in page
    coordinates either way.
    """
    try:
        engine = _engine()
    except UnsupportedMediumError as exc:
        where = "第" + "、".join(str(n) for n in numbers) + "页"
        raise UnsupportedMediumError(exc.message, file=name, where=where) from exc
    pages: list[OcrPage] = []
    started = time.monotonic()
    for number in numbers:
        try:
            page = doc[number - 1]
        except Exception as exc:  # pypdfium2's PdfiumError for a page object it cannot load
            raise ReadError("扫描页已损坏，无法读取", file=name, where=f"第{number}页") from exc
        try:
            width, height = page.get_size()
            scale = min(RENDER_SCALE, limits.MAX_RENDER_SIDE / max(width, height, 1.0))
            image = page.render(scale=scale).to_pil().convert("RGB")
        except Exception as exc:  # pdfium reports damaged page content as generic errors
            raise ReadError("扫描页无法渲染为图像", file=name, where=f"第{number}页") from exc
        finally:
            page.close()
        result = OcrPage(number, float(width), float(height))
        region = (regions or {}).get(number)
        dx = dy = 0.0
        if region is not None:
            x0, top, x1, bottom = region
            image = image.crop((int(x0 * scale), int(top * scale), int(x1 * scale), int(bottom * scale)))
            dx, dy = int(x0 * scale) / scale, int(top * scale) / scale
        result.skew = _skew_angle(image)
        if abs(result.skew) >= 0.1:
            image = image.rotate(result.skew, resample=_bicubic(), fillcolor=(255, 255, 255))
        boxes = _boxes(engine, image, scale)
        h_rules, v_rules = _rules(image, scale, boxes)
        result.boxes = [
            OcrBox(b.text, b.x0 + dx, b.top + dy, b.x1 + dx, b.bottom + dy, b.score) for b in boxes
        ]
        result.h_rules = [(x0 + dx, x1 + dx, y + dy) for x0, x1, y in h_rules]
        result.v_rules = [(x + dx, top + dy, bottom + dy) for x, top, bottom in v_rules]
        pages.append(result)
        if time.monotonic() - started > limits.MAX_OCR_SECONDS:
            raise InputTooLargeError(
                f"OCR 识别超时（超过 {limits.MAX_OCR_SECONDS:.0f} 秒）", file=name, where=f"第{number}页"
            )
    return pages


#: Largest skew of a scan that is straightened, in degrees either way.
MAX_SKEW = 5.0


def _skew_angle(image: Any) -> float:
    """The rotation (degrees, counter-clockwise) that straightens a scanned page.

    Projection profiles: on a reduced ink mask, the angle whose row sums vary most is the one where
    text lines and table rules lie horizontal. Searched coarsely (0.25°) over ±MAX_SKEW, then
    finely (0.05°) around the best. A page that is already straight gives 0.
    """
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    h, w = gray.shape
    factor = 500.0 / max(w, 1)
    small = cv2.resize(gray, (max(int(w * factor), 1), max(int(h * factor), 1)), interpolation=cv2.INTER_AREA)
    ink = (small < 180).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    size = (ink.shape[1], ink.shape[0])
    centre = (ink.shape[1] / 2, ink.shape[0] / 2)

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rows = cv2.warpAffine(ink, matrix, size, flags=cv2.INTER_LINEAR, borderValue=0).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    coarse = max(np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25), key=sharpness)
    fine = max(np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, 0.05), key=sharpness)
    return round(float(fine), 2) if sharpness(float(fine)) > sharpness(0.0) else 0.0


def _bicubic() -> Any:
    from PIL import Image

    return Image.Resampling.BICUBIC


def _boxes(engine: Any, image: Any, scale: float) -> list[OcrBox]:
    import numpy as np

    output = engine(np.asarray(image))
    boxes: list[OcrBox] = []
    if output.boxes is None:
        return boxes
    for quad, text, score in zip(output.boxes, output.txts, output.scores, strict=True):
        text = str(text).strip()
        if not text or float(score) < MIN_BOX_SCORE:
            continue
        xs = [float(p[0]) / scale for p in quad]
        ys = [float(p[1]) / scale for p in quad]
        boxes.append(OcrBox(text, min(xs), min(ys), max(xs), max(ys), float(score)))
    return boxes


def _rules(
    image: Any, scale: float, boxes: Sequence[OcrBox]
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal and vertical table rules found in the page image, in PDF points.

    A rule is a thin dark run longer than a character stroke that meets a rule of the other
    direction (table rules form a grid) and does not lie inside recognised text (the strokes of
    a large heading such as 三 or 丨 do).
    """
    import cv2
    import numpy as np

    gray = np.asarray(image.convert("L"))
    dark = (gray < 200).astype(np.uint8)
    # A rule is a thin run longer than any character stroke: 28 pt across, 14 pt down.
    h_len = max(10, int(28 * scale))
    v_len = max(10, int(14 * scale))
    horizontal = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(dark, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    text = [(b.x0 * scale, b.top * scale, b.x1 * scale, b.bottom * scale) for b in boxes]
    hs = [
        h
        for h in _components(horizontal, horizontal_rule=True)
        if not _in_text(h, text, horizontal_rule=True)
    ]
    vs = [
        v
        for v in _components(vertical, horizontal_rule=False)
        if not _in_text(v, text, horizontal_rule=False)
    ]
    reach = 4 * scale
    h_kept = [
        h
        for h in hs
        if any(v[1] - reach <= h[2] <= v[2] + reach and h[0] - reach <= v[0] <= h[1] + reach for v in vs)
    ]
    v_kept = [
        v
        for v in vs
        if any(h[0] - reach <= v[0] <= h[1] + reach and v[1] - reach <= h[2] <= v[2] + reach for h in hs)
    ]
    return (
        [(x0 / scale, x1 / scale, y / scale) for x0, x1, y in h_kept],
        [(x / scale, top / scale, bottom / scale) for x, top, bottom in v_kept],
    )


def _components(mask: Any, *, horizontal_rule: bool) -> list[tuple[float, float, float]]:
    """Connected runs of a rule mask as (x0, x1, y) for horizontal or (x, top, bottom) for vertical."""
    import cv2

    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[tuple[float, float, float]] = []
    for i in range(1, count):
        x, y, w, h = (float(v) for v in stats[i][:4])
        if horizontal_rule:
            out.append((x, x + w, y + h / 2))
        else:
            out.append((x + w / 2, y, y + h))
    return out


def _in_text(
    rule: tuple[float, float, float],
    text: Sequence[tuple[float, float, float, float]],
    *,
    horizontal_rule: bool,
) -> bool:
    """Whether most of a rule lies inside recognised text (then it is a stroke of a glyph).

    Detection boxes reach a little beyond the ink, so a table rule right beside a cell's text would
    graze them: each box is first shrunk across the rule by a third of its line height.
    """
    if horizontal_rule:
        x0, x1, y = rule
        inside = 0.0
        for bx0, btop, bx1, bbottom in text:
            pad = (bbottom - btop) / 3
            if btop + pad <= y <= bbottom - pad:
                inside += max(0.0, min(x1, bx1) - max(x0, bx0))
        return inside >= 0.6 * (x1 - x0)
    x, top, bottom = rule
    inside = 0.0
    for bx0, btop, bx1, bbottom in text:
        pad = (bbottom - btop) / 3
        if bx0 + pad <= x <= bx1 - pad:
            inside += max(0.0, min(bottom, bbottom) - max(top, btop))
    return inside >= 0.6 * (bottom - top)
