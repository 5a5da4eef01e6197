"""`python -m engine` runs the claimrules command line."""

import sys

from .cli import main

sys.exit(main())
