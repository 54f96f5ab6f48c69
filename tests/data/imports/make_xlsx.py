"""Writes the XLSX samples beside it, as Baby Buddy's export (django-import-export through openpyxl)
saves them: the first sheet, strings shared, times as Excel serial days in a date-time format.
Run: python3 make_xlsx.py (the .xlsx files are committed; this says how they were made)."""
import datetime
import os
import zipfile
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
EPOCH = datetime.datetime(1899, 12, 30)


def serial(text):
    t = datetime.datetime.fromisoformat(text)
    return (t - EPOCH).total_seconds() / 86400


def col(i):
    return chr(ord("A") + i)


def workbook(path, header, rows, date_cols, date_only=False):
    strings, index = [], {}

    def shared(s):
        if s not in index:
            index[s] = len(strings)
            strings.append(s)
        return index[s]

    out_rows = []
    for r, cells in enumerate([header] + rows, start=1):
        xml = []
        for c, v in enumerate(cells):
            ref = f"{col(c)}{r}"
            if v == "":
                continue
            if r > 1 and c in date_cols:
                xml.append(f'<c r="{ref}" s="1"><v>{serial(v)!r}</v></c>')
            elif isinstance(v, (int, float)):
                xml.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                xml.append(f'<c r="{ref}" t="s"><v>{shared(v)}</v></c>')
        out_rows.append(f'<row r="{r}">{"".join(xml)}</row>')
    fmt = 14 if date_only else 22  # m/d/yyyy, or m/d/yyyy h:mm
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Feeding" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '</Relationships>',
        "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="{fmt}" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/sharedStrings.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>",
        "xl/worksheets/sheet1.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData>{"".join(out_rows)}</sheetData></worksheet>',
    }
    fixed = (2026, 11, 21, 0, 0, 0)  # the same bytes every time it is made
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, fixed)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


if __name__ == "__main__":
    workbook(os.path.join(HERE, "babybuddy-feeding.xlsx"),
             ["id", "child_id", "child_first_name", "child_last_name", "start", "end", "type", "method", "amount", "notes"],
             [[31, 1, "An", "Nguyễn", "2026-11-22T05:00:00", "2026-11-22T05:20:00", "breast milk", "right breast", "", "đêm, bé bú tốt"],
              [32, 1, "An", "Nguyễn", "2026-11-22T11:00:00", "2026-11-22T11:15:00", "formula", "bottle", 90, ""],
              [33, 1, "An", "Nguyễn", "2026-11-22T14:00:00", "2026-11-22T14:20:00", "solid food", "parent fed", "", ""]],
             date_cols={4, 5})
    workbook(os.path.join(HERE, "babybuddy-weight.xlsx"), ["child_id", "weight", "date", "notes"],
             [[1, 3.62, "2026-11-27T00:00:00", "home"]], date_cols={2}, date_only=True)
