"""`python -m decide` runs the same command line as `decide`."""

from decide.cli import main

main()
