"""The conversation in the terminal: prompts, screens, the crisis panel, the end of the interview.

The I/O edge around `decide.core.interview`. It may import everything below it (the core, the
bank loader, the summary, the session store and the renderers), never the commands or the CLI.
"""
