"""The student's portfolio (issue 7): work with files, personal bests, goals, activities, badges.

Students curate their own ("My portfolio"); guardians and recipients read it through the family pages
and the recipient portal, narrowed by each row's visibility; files are served by one access-checked
route. Every access decision is webapp.policy's (consent.decide); visibility only narrows it.
"""
from .routes import bp  # noqa: F401
