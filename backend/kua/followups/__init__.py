"""Follow-up questions and answers about a report (docs/review.md and docs/intake.md, "Follow-up questions").

A reviewer's question is sealed in the console to the report's reply recipient (and the recipient
list); the family's answer is sealed on the phone to the recipient list. The server keeps both as
age files in `followup`, hands questions to the phone that proves it sent the report
(kua.intake.reporter_tokens), and never sees a text.
"""
