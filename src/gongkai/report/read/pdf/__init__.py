"""PDF → the neutral :class:`~gongkai.report.read.layout.Layout`.

Reports are mostly exported from WPS 文字 or Word. What such exports do to a table, and what this
reader does about it:

* Tables are ruled. Only real rules count as table edges: stroked lines, outlines and polylines,
  and thin filled bars. WPS also paints a white background rectangle behind every text line and
  cell; those are ignored, otherwise every paragraph would become a one-column "table".
* A table cut by a page break has no bottom rule on the first page and no top rule on the next
  (the vertical rules just stop). Where several vertical rules end (or start) at the same height
  without a horizontal rule there, the reader closes the table with a virtual rule.
* Merged cells are expanded: a cell spanning three columns appears three times, as the layout
  contract asks.
* Text inside a cell is rejoined: lines broken by the cell width ("结果/维持", "商业企/业") and
  labels printed one character per line ("三/、/本/年/度/办/理/结/果") are joined without a space.
* A table whose last row ends a page and which continues at the top of the next page (same columns)
  is joined into one table: same table number, rows numbered on, a repeated header row dropped, and a
  merged label cell cut by the page break ("（四）无" / "法提供") glued back together.
* Page numbers ("- 4 -", "第4页", "4/6") and running headers/footers (the same text in the margin of
  most pages) are removed, so they never land between the rows of a table.
* Text outside tables becomes one TEXT line per printed line. A run of lines whose words stand in
  columns far apart (an unruled table) becomes ROW lines, one cell per column.
* Pages without a usable text layer (scans, "图片版") are handed to :mod:`.ocr` when the optional
  ``gongkai[ocr]`` extra is installed, else a clear :class:`UnsupportedMediumError`. A table pasted
  into a text page as a picture is recognised too (skipped, with a note, without the extra).
* A title set larger than the text, centred and wrapped over two lines, is one TEXT line.

Nothing here knows a label of the report: all label matching and number clean-up is the
extractor's (:mod:`gongkai.report.extract`). Bounds: file size, page count, objects and rules per
page, OCR pages and wall-clock time are in :mod:`gongkai.report.read.limits` (tests lower them to prove
they bite).

The modules, in the order a page goes through them: :mod:`.reader` (the document, the reader
boundary, the layout written), :mod:`.text` (characters into lines and words), :mod:`.ruling` (rules
into table grids), :mod:`.pages` (one page in reading order, decorations removed), :mod:`.continued`
(tables continued on the next page).
"""

from __future__ import annotations

from .reader import quiet_library_logs, read_pdf

__all__ = ["quiet_library_logs", "read_pdf"]
