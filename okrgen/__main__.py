from okrgen.cli.main import run

raise SystemExit(run())
