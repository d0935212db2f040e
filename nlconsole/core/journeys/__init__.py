"""Acceptance journeys: test signups along the user journeys, observed and judged field by field.

model (journeys, steps, expectations, runs, verdicts) · addresses (tagged test addresses) ·
expect (comparing what was expected with what the provider shows) · store (runs/ and the ledger
of every test address, for cleanup).
"""
