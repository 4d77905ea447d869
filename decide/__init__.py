"""decide: get ready to talk with a specialist about TMS and ketamine treatments.

It never recommends a treatment: it prepares a conversation.
"""

__version__ = "0.1.0"
