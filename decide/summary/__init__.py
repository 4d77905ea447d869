"""From answers to the summary's model: weighing the rows, points to raise, questions to ask.

Pure: no terminal, files or clock. It may import `decide.core` only. It never scores, ranks or
orders the options; only rows are ordered, by what the person said matters. The renderers in
`decide.render` turn its `Report` into text, Markdown, HTML and JSON.
"""

from decide.summary.report import build_report

__all__ = ["build_report"]
