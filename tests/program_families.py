"""The op families' steps for the differential programs: each `program_ops_<family>.py` holds
its ops on both engines (`OPS`) and the functions that draw its steps (`DRAWS`, each
`draw(draw, shapes) -> (op, args, params, output shape)` as in program_strategies.py)."""
FAMILY_MODULES = []

FAMILY_OPS = {name: op for module in FAMILY_MODULES for name, op in module.OPS.items()}
FAMILY_DRAWS = [draw for module in FAMILY_MODULES for draw in module.DRAWS]
