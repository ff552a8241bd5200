"""The activation ops with their torch counterparts and their kinks, shared by the
test_autograd_ops_activations*.py files."""
import math
from typing import Callable, NamedTuple

import torch
import torch.nn.functional as F

import autograd as ag


class Case(NamedTuple):
    ours: Callable          # autograd function (Tensor -> Tensor)
    torch: Callable         # its torch counterpart
    name: str               # the grad_fn's name
    kinks: tuple = ()       # where the first or second derivative jumps
    lo: float = -3.0        # the range property tests draw from
    hi: float = 3.0


def _with(function, **options):
    return lambda x: function(x, **options)


CASES = {
    "erf": Case(ag.erf, torch.erf, "erf"),
    "leaky_relu": Case(ag.leaky_relu, F.leaky_relu, "leaky_relu(0.01)", (0.0,)),
    "leaky_relu(-0.5)": Case(_with(ag.leaky_relu, negative_slope=-0.5),
                             _with(F.leaky_relu, negative_slope=-0.5), "leaky_relu(-0.5)", (0.0,)),
    "elu": Case(ag.elu, F.elu, "elu(alpha=1)", (0.0,)),
    "elu(2)": Case(_with(ag.elu, alpha=2.0), _with(F.elu, alpha=2.0), "elu(alpha=2)", (0.0,)),
    "celu(0.5)": Case(_with(ag.celu, alpha=0.5), _with(F.celu, alpha=0.5), "celu(alpha=0.5)",
                      (0.0,)),
    "selu": Case(ag.selu, F.selu, "selu", (0.0,)),
    "relu6": Case(ag.relu6, F.relu6, "hardtanh(0, 6)", (0.0, 6.0), -2.0, 8.0),
    "hardtanh": Case(ag.hardtanh, F.hardtanh, "hardtanh(-1, 1)", (-1.0, 1.0)),
    "hardtanh(-2, 0.5)": Case(_with(ag.hardtanh, min_val=-2.0, max_val=0.5),
                              _with(F.hardtanh, min_val=-2.0, max_val=0.5), "hardtanh(-2, 0.5)",
                              (-2.0, 0.5)),
    "hardsigmoid": Case(ag.hardsigmoid, F.hardsigmoid, "hardsigmoid", (-3.0, 3.0), -5.0, 5.0),
    "hardswish": Case(ag.hardswish, F.hardswish, "hardswish", (-3.0, 3.0), -5.0, 5.0),
    "gelu": Case(ag.gelu, F.gelu, "gelu"),
    "gelu(tanh)": Case(_with(ag.gelu, approximate="tanh"), _with(F.gelu, approximate="tanh"),
                       "gelu(approximate='tanh')"),
    "silu": Case(ag.silu, F.silu, "silu", (), -6.0, 6.0),
    "mish": Case(ag.mish, F.mish, "mish", (), -6.0, 6.0),
    "softplus": Case(ag.softplus, F.softplus, "softplus(beta=1, threshold=20)", (), -6.0, 6.0),
    "softplus(2, 1)": Case(_with(ag.softplus, beta=2.0, threshold=1.0),
                           _with(F.softplus, beta=2.0, threshold=1.0),
                           "softplus(beta=2, threshold=1)", (0.5,)),
    "softplus(-1, 2)": Case(_with(ag.softplus, beta=-1.0, threshold=2.0),
                            _with(F.softplus, beta=-1.0, threshold=2.0),
                            "softplus(beta=-1, threshold=2)", (-2.0,)),
    "logsigmoid": Case(ag.logsigmoid, F.logsigmoid, "logsigmoid", (), -6.0, 6.0),
    "softsign": Case(ag.softsign, F.softsign, "div", (0.0,)),
    "softmin": Case(ag.softmin, _with(F.softmin, dim=-1), "softmax(axis=-1)"),
}

# Edge values each op meets: signed zeros, +-inf, NaN, huge and tiny numbers, and every
# kink of the cases above (and of softplus' default threshold).
EDGES = (0.0, -0.0, math.inf, -math.inf, math.nan, 1e4, -1e4, 1e-300, -1e-300, 1000.0,
         -1000.0, 40.0, -40.0, 20.0, 720.0, -720.0, 1.0, -1.0, 3.0, -3.0, 6.0, -2.0, 0.5,
         2.0, 0.1, -0.1)

ELEMENTWISE = [name for name in CASES if name != "softmin"]
