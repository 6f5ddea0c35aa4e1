"""Hand-made OKR sheets (.csv, .xlsx): one row per key result, columns found by their header.

A minimal reader for sheets with objective / key result / owner / target columns (headers in
en/ru/zh, data/draft_markers.yaml `table_columns`). An empty objective cell repeats the one above
(merged cells in a spreadsheet export as one value and blanks). `okrgen import` prefers
okrgen.plan.sheets.read_sheet, the full sheet reader, when it is installed; this module is the
fallback, kept separate so the two can be reconciled.
"""

from __future__ import annotations

import csv
import io

from okrgen.errors import OkrgenError
from okrgen.plan.drafts import _Line, _markers, _norm_word


def _rows(path: str) -> list[list[str]]:
    if path.lower().endswith(".csv"):
        from okrgen.plan.yamlload import read_bounded

        text = read_bounded(path, 50 * 1024 * 1024, "a CSV draft").decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]
    try:
        import openpyxl
    except ImportError:
        raise OkrgenError(f"{path}: reading .xlsx needs openpyxl", hint="pip install openpyxl") from None
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises several types for a file that is no workbook
        raise OkrgenError(f"{path}: not a readable workbook ({type(err).__name__})", hint="Save it again as .xlsx.") from None
    ws = wb.worksheets[0]
    return [["" if v is None else str(v).strip() for v in row] for row in ws.iter_rows(values_only=True)]


def sheet_lines(path: str) -> list[_Line]:
    """One draft line per data row (its row number as the line), cells by role."""
    rows = _rows(path)
    columns = _markers().columns
    for h, header in enumerate(rows[:10]):  # noqa: B007 - h is the header row, used after the loop
        roles = [columns.get(_norm_word(c.strip(" *:")), "") for c in header]
        if "key_result" in roles:
            break
    else:
        raise OkrgenError(
            f"{path}: no 'key result' column found in the first rows",
            hint="Name the columns in a header row: Objective, Key result, Owner, Target (or Цель / Ключевой результат, 目标 / 关键结果).",
        )
    out: list[_Line] = []
    objective = ""
    for n, row in enumerate(rows[h + 1 :], start=h + 2):
        data = {r: c for r, c in zip(roles, row, strict=False) if r}
        objective = data.get("objective") or objective
        if objective:
            data["objective"] = objective
        if any(data.values()):
            out.append(_Line(text=data.get("key_result", ""), line=n, row=data))
    return out
