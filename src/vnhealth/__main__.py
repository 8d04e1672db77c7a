"""``python -m vnhealth``: the command line."""

from vnhealth._cli import main

raise SystemExit(main())
