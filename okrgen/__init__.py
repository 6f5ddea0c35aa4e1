"""okrgen: role-based OKR templates, plans, rendering and a SMART linter.

The package is a pipeline (see DESIGN.md): load → validate → fill → lint → render. Every step is
a plain function so the command line is only one of its callers.
"""

__version__ = "0.1.0"
