"""The `okrgen` command: one `<name>_cmd.py` module per subcommand, found by `main.command_modules`.

Commands only parse arguments, call a stage (plan, catalog, lint, track, render) and print.
"""
