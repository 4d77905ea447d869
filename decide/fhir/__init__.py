"""The bank and its answers in HL7 FHIR R4: a `Questionnaire` and a `QuestionnaireResponse`.

Pure functions from the core's `Bank` and answers to plain dicts, ready for `json.dumps`: no
terminal, no files, no clock, and no FHIR library (the tests validate the output with one).
This part sits on the renderers' floor: it may import `decide.core` and `decide.bank`, never the
terminal or the commands. Only the export commands (`decide questions --format fhir`, `decide
report --format fhir`) import it, so nothing else pays for it. The mapping is in docs/fhir.md.
"""
