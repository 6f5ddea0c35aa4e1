"""Rendering a plan: one view model, then a Jinja template per format.

Markdown and HTML are text and cheap; the PDF is WeasyPrint over the HTML and is imported only
when asked for, so nothing else pays WeasyPrint's half-second import.
"""

from __future__ import annotations

FORMATS = ("md", "html", "pdf")
