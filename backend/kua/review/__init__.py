"""Review: what the server does for the coalition's reviewers (docs/review.md).

Accounts and sessions, the triage facts reviewers set in the clear (status, priority, assignee,
labels, case), notes and case titles kept as age files sealed in the browser, and the audit log
every action appends to. Nothing here opens a report: the server holds no identity.
"""
