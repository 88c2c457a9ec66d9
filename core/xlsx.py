"""Excel export (CORE-10): one sheet, bold frozen header, Beijing times, streamed for large registers."""
from __future__ import annotations

import datetime as dt
import io
from typing import Iterable, Sequence

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A spreadsheet reads a cell starting with one of these as a formula (or, after a tab or CR, may on paste/import):
# such text is written as text, with Excel's quote prefix, so a resident's "=HYPERLINK(…)" stays words.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_FORBIDDEN = set(":\\/?*[]")


def _cell_value(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None:
        return ""
    return value if isinstance(value, (int, float, dt.date)) else str(value)


def _as_text(cell):
    """Keep a cell's text as text: never a formula, and quote-prefixed so an edit in the spreadsheet keeps it so."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_LEADS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _cell(ws, value):
    """One cell of a row: text that a spreadsheet would take for a formula is written as plain text."""
    value = _cell_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_LEADS):
        return _as_text(WriteOnlyCell(ws, value=value))
    return value


def sheet_title(title) -> str:
    """A sheet's name: at most 31 characters, none of : \\ / ? * [ ] (a holiday named "元旦/春节" or a typed
    "http://…" would make openpyxl raise), never empty or quote-edged."""
    cleaned = "".join(" " if ch in SHEET_TITLE_FORBIDDEN else ch for ch in str(title or "")).strip(" '")[:31]
    return cleaned or "Sheet1"


def workbook_bytes(*, title: str, headers: Sequence[str], rows: Iterable[Sequence], widths: Sequence[int] = ()) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=sheet_title(title))
    for index, width in enumerate(widths or [16] * len(headers)):
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for text in headers:
        cell = _as_text(WriteOnlyCell(ws, value=str(text)))
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append([_cell(ws, v) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(*, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence],
                  widths: Sequence[int] = ()) -> HttpResponse:
    response = HttpResponse(workbook_bytes(title=title, headers=headers, rows=rows, widths=widths), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
