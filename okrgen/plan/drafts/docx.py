"""Word documents (.docx) read as draft lines, via python-docx.

A paragraph's style says what it is: "Heading N" is a heading, "List …" styles and numbered
paragraphs are list items, their indent level (w:ilvl) the nesting. Tables are read row by row like
Markdown tables. The "line" of each part is its paragraph number (tables count one per row), so a
finding points at the paragraph.
"""

from __future__ import annotations

from okrgen.errors import OkrgenError
from okrgen.plan.drafts import _Line, _markers, _norm_word

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_lines(path: str) -> list[_Line]:
    try:
        import docx  # python-docx
    except ImportError:
        raise OkrgenError(f"{path}: reading .docx needs python-docx", hint="pip install python-docx") from None
    try:
        document = docx.Document(path)
    except Exception as err:  # python-docx raises several types for a file that is no .docx
        raise OkrgenError(f"{path}: not a readable Word document ({type(err).__name__})", hint="Save it again as .docx from Word or Google Docs.") from None
    out: list[_Line] = []
    n = 0
    body = document.element.body
    # A "Title" paragraph heads the whole document, above "Heading 1" (Word's own outline): the
    # period in "Partner sales OKRs – Q2 2027" covers the objectives written as Heading 1 below it.
    titled = any(p.style is not None and p.style.name == "Title" and p.text.strip() for p in document.paragraphs)
    for child in body.iterchildren():
        if child.tag == _W + "p":
            n += 1
            p = docx.text.paragraph.Paragraph(child, document)
            text = p.text.strip()
            if not text:
                continue
            style = (p.style.name if p.style is not None else "") or ""
            heading = int(style.split()[-1]) + titled if style.startswith("Heading") and style.split()[-1].isdigit() else 0
            if style == "Title":
                heading = 1
            ilvl = child.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
            numbered = child.find(f"{_W}pPr/{_W}numPr") is not None
            item = numbered or style.startswith("List")
            depth = (
                int(ilvl.get(_W + "val"))
                if ilvl is not None
                else (int(style.split()[-1]) - 1 if style.startswith("List") and style.split()[-1].isdigit() else 0)
            )
            bold = bool(p.runs) and all(r.bold for r in p.runs if r.text.strip())
            out.append(_Line(text=text, line=n, heading=heading, item=item and not heading, depth=depth, bold=bold and not heading))
        elif child.tag == _W + "tbl":
            table = docx.table.Table(child, document)
            roles: list[str] = []
            for r, row in enumerate(table.rows):
                n += 1
                cells = [c.text.strip() for c in row.cells]
                if r == 0:
                    roles = [_markers().columns.get(_norm_word(c.strip(" *:")), "") for c in cells]
                    continue
                if "key_result" in roles:
                    data = {role: cell for role, cell in zip(roles, cells, strict=False) if role}
                    out.append(_Line(text=data.get("key_result", ""), line=n, row=data))
    return out
