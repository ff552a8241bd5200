"""The op families' steps for the differential programs: each `program_ops_<family>.py` holds
its ops on both engines (`OPS`) and the functions that draw its steps (`DRAWS`, each
`draw(draw, shapes) -> (op, args, params, output shape)` as in program_strategies.py)."""
import program_ops_activations
import program_ops_binary_math
import program_ops_conv
import program_ops_conversion
import program_ops_indexing
import program_ops_math
import program_ops_reductions
import program_ops_shape

FAMILY_MODULES = [program_ops_math, program_ops_binary_math, program_ops_activations,
                  program_ops_reductions, program_ops_shape, program_ops_indexing,
                  program_ops_conversion, program_ops_conv]

FAMILY_OPS = {name: op for module in FAMILY_MODULES for name, op in module.OPS.items()}
FAMILY_DRAWS = [draw for module in FAMILY_MODULES for draw in module.DRAWS]
