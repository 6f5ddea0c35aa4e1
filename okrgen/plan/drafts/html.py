"""HTML exports (Confluence, Google Docs "Download as HTML") read as draft lines.

The stdlib html.parser is enough: only headings, list items (with their nesting), paragraphs and
table rows matter, and it never fetches or runs anything in the document. Each element becomes the
same logical line the Markdown reader makes, so one recogniser reads every format.
"""

from __future__ import annotations

from html.parser import HTMLParser

from okrgen.plan.drafts import _Line, _markers, _norm_word

_SKIP = {"script", "style", "head", "title", "template"}
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br", "dt", "dd"}


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[_Line] = []
        self.depth = -1
        self.skip = 0
        self.buf: list[str] = []
        self.kind: tuple[str, int] = ("p", 0)
        self.bold = 0
        self.bold_chars = self.plain_chars = 0
        self.row: list[str] | None = None
        self.roles: list[str] = []
        self.in_head = False
        self.line = 1

    def _flush(self) -> None:
        text = " ".join("".join(self.buf).split())
        kind, level = self.kind
        if text:
            if self.row is not None and kind in ("td", "th"):
                self.row.append(text)
            else:
                self.lines.append(
                    _Line(
                        text=text,
                        line=self.line,
                        heading=level if kind == "h" else 0,
                        item=kind == "li",
                        depth=max(self.depth, 0),
                        bold=self.bold_chars > 0 and self.plain_chars == 0,
                        in_list=self.depth >= 0 and kind != "li",
                    )
                )
        elif self.row is not None and kind in ("td", "th"):
            self.row.append("")
        self.buf, self.kind, self.bold_chars, self.plain_chars = [], ("p", 0), 0, 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        self.line = self.getpos()[0]
        if tag in ("ul", "ol"):
            self._flush()
            self.depth += 1
        elif tag in ("p", "div") and self.kind[0] == "li" and not "".join(self.buf).strip():
            pass  # <li><p>text</p></li>, as Confluence and Notion write list items: still the item
        elif tag in _BLOCKS:
            self._flush()
            if tag == "li":
                self.kind = ("li", 0)
            elif tag[0] == "h" and tag[1:].isdigit():
                self.kind = ("h", int(tag[1:]))
            elif tag in ("td", "th"):
                self.kind = (tag, 0)
            if tag == "tr":
                self.row = []
        elif tag in ("b", "strong"):
            self.bold += 1
        elif tag == "thead":
            self.in_head = True

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("ul", "ol"):
            self._flush()
            self.depth -= 1
        elif tag == "tr" and self.row is not None:
            self._flush()
            cells, self.row = self.row, None
            if not self.roles:
                self.roles = [_markers().columns.get(_norm_word(c.strip(" *:")), "") for c in cells]
            elif "key_result" in self.roles:
                row = {r: c for r, c in zip(self.roles, cells, strict=False) if r}
                self.lines.append(_Line(text=row.get("key_result", ""), line=self.line, row=row))
        elif tag == "table":
            self.roles = []
        elif tag in _BLOCKS:
            self._flush()
        elif tag in ("b", "strong"):
            self.bold = max(0, self.bold - 1)

    def handle_data(self, data):
        if self.skip:
            return
        if not self.buf:
            self.line = self.getpos()[0]
        self.buf.append(data)
        if self.bold:
            self.bold_chars += len(data.strip())
        else:
            self.plain_chars += len(data.strip())


def html_lines(text: str) -> list[_Line]:
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._flush()
    return reader.lines
