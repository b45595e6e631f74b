#!/usr/bin/env python3
"""Reads an .xlsx with openpyxl (a real spreadsheet reader, not ours) and prints every
sheet as JSON: its name and rows, each cell as [python type, value as text].

  read_workbook.py FILE.xlsx
"""
import json
import sys

import openpyxl

workbook = openpyxl.load_workbook(sys.argv[1])
sheets = []
for sheet in workbook.worksheets:
    rows = []
    for row in sheet.iter_rows():
        rows.append([[type(cell.value).__name__, "" if cell.value is None else str(cell.value), cell.number_format] for cell in row])
    sheets.append({"name": sheet.title, "rows": rows})
json.dump(sheets, sys.stdout)
