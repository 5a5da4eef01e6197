"""Compile: rules and facts → what the engine stores and matches.

Takes validated `Rule` records and gives a `Program` of durable_rules rulesets (plain JSON, a pure
step tested without the engine); takes facts and gives the flat records the engine asserts. The
operator table says, per operator, how it is checked, compiled, decided in Python and explained.
"""
