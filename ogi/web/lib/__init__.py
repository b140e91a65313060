"""Helpers shared by the web apps: input checks and limits, form helpers, optimistic locking.

Topic modules, no Django models; every app may import them, they import no app.
"""
