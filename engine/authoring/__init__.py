"""Authoring: help for people writing rules, none of it needed to run a check.

Takes loaded rules (and facts) and gives lint findings, the results of each rule's inline
examples run against the real engine, a rule in plain words, and JSON Schemas for editors.
"""
