"""The recipient portal: the students shared with a recipient, and only what each live grant allows.

Every page decides through `webapp.policy` and writes a disclosure entry in the same transaction
as the read. `pages.preview_context` builds the same page for a family's not-yet-saved grant.
"""
