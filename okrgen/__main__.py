from okrgen.cli import run

raise SystemExit(run())
