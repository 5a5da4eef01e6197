"""Run: a compiled program over facts in isolated engine processes → matches → flags.

Takes a `Program` and a `FactSet` and gives `Flag` records: parts of the facts run each in a fresh
child process with a time limit (an engine crash or hang becomes `EngineFailure`), `unless`
blocks are subtracted, mirrored pairs folded, messages rendered, and each flag can say why.
"""
