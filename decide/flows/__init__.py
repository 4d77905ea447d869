"""Each run of decide, once: from a source of answers to a destination for the summary.

A run takes a *source* (a typed interview, an answers file, a saved session) and a
*destination* (the screen, a file, standard output) and does, in one place: read the answers,
apply the crisis rule once (`decide.core.safety.concern_of`, shown by
`decide.terminal.crisis`), build the report once, and deliver it (`decide.flows.delivery`).
The commands are thin adapters over `run_interview` and `run_report`; `decide.terminal` keeps
only the conversation and its screens.

May import every floor below it (terminal, render, fhir, summary, sessions, bank, system,
core); nothing below imports it.
"""
