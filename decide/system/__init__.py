"""The ground floor: the one place decide touches the machine's files and clock.

`files` is the single file-safety mechanism (owner-only folders and files, atomic writes,
appends, locks, and reading without following links or blocking on a FIFO); `clock` is the
one "now". Standard library only. Every floor above may import it except `decide.core`, which
stays pure (no files, no clock); nothing here imports anything else of decide.
"""
