"""`python -m bot.cli`: the `staffbot` command without its console script."""

import sys

from bot.cli.entry import main

sys.exit(main())
