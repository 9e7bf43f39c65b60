"""The read side: stored rows turned into one typed, frozen backpack per student.

Pages, the recipient portal, exports and the CLI all read through `webapp.store.backpack`,
so every audience sees the same numbers and a page costs a fixed number of queries.
"""
