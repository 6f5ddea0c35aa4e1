from okrgen.cli import main

raise SystemExit(main())
