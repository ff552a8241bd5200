"""The activations family's steps for the differential programs (see program_families.py).

Some torch sides are not torch's own function as is (each named in
test_autograd_ops_activations_edges.py):
- elu, celu, selu, hardtanh, relu6, hardswish: torch's gradient at NaN depends on where the
  element falls in its vectorized loop (with AVX512, elements in whole blocks of 8 or 16 get
  NaN or 0, the others the scalar formula's value). Ours is always the scalar formula's, so
  the torch side applies the function to each element as a 0-d tensor.
- hardsigmoid: torch's gradient is its float32 1/6 even in float64 (0.1666666716...) and it
  has no second derivative (an error); ours is 1/6 and has one (0). The torch side is
  F.hardsigmoid with the exact backward below.
- gelu (exact form): torch's second derivative is NaN for |x| > 1.3e154, where x^2
  overflows in its formula (x^2 times a 0); ours is the exact 0 there. The torch side is
  F.gelu with its first-derivative formula written in torch ops.
- mish: torch's second derivative is NaN where e^x overflows (x > 709: it differentiates
  log1p(e^x)); ours is the exact value there. The torch side is F.mish with torch's backward
  formula written with F.softplus, whose second derivative is exact.
"""
import math

import torch
import torch.nn.functional as F
from hypothesis import strategies as st

import autograd as ag
from program_draw import axes_options, pick
from program_op import Op


class _TorchHardsigmoid(torch.autograd.Function):
    """F.hardsigmoid, with the gradient 1/6 strictly inside (-3, 3), written with torch ops so
    that it has a (zero) second derivative."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return F.hardsigmoid(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return torch.where((x > -3) & (x < 3), grad / 6, 0)


def _each_element(function):
    """torch's `function` applied to every element as a 0-d tensor (its scalar formula)."""
    def apply(x, **params):
        if x.numel() == 0:
            return function(x, **params)
        parts = [function(element, **params) for element in x.reshape(-1).unbind()]
        return torch.stack(parts).reshape(x.shape)
    return apply


class _TorchExactGELU(torch.autograd.Function):
    """F.gelu, with its backward formula Phi(x) + x phi(x) in torch ops (so that torch's
    autograd, not its own explicit formula, gives the second derivative)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return F.gelu(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        cdf = 0.5 * (1 + torch.erf(x * math.sqrt(0.5)))
        pdf = torch.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)
        return grad * (cdf + x * pdf)


def _torch_gelu(x, approximate):
    return _TorchExactGELU.apply(x) if approximate == "none" else F.gelu(x, approximate="tanh")


class _TorchMish(torch.autograd.Function):
    """F.mish, with torch's own backward formula for create_graph, t + x sigma(x) (1 - t^2),
    t = tanh(softplus(x)), but softplus as F.softplus instead of log1p(exp(x))."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return F.mish(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        t = torch.tanh(F.softplus(x))
        return grad * (t + x * torch.sigmoid(x) * (1 - t * t))


OPS = {
    "erf": Op(ag.erf, torch.erf, "ag.erf({0})"),
    "leaky_relu": Op(ag.leaky_relu, F.leaky_relu,
                     "ag.leaky_relu({0}, negative_slope={negative_slope!r})"),
    "elu": Op(ag.elu, _each_element(F.elu), "ag.elu({0}, alpha={alpha!r})"),
    "celu": Op(ag.celu, _each_element(F.celu), "ag.celu({0}, alpha={alpha!r})"),
    "selu": Op(ag.selu, _each_element(F.selu), "ag.selu({0})"),
    "relu6": Op(ag.relu6, _each_element(F.relu6), "ag.relu6({0})"),
    "hardtanh": Op(ag.hardtanh, _each_element(F.hardtanh),
                   "ag.hardtanh({0}, min_val={min_val!r}, max_val={max_val!r})"),
    "hardsigmoid": Op(ag.hardsigmoid, _TorchHardsigmoid.apply, "ag.hardsigmoid({0})"),
    "hardswish": Op(ag.hardswish, _each_element(F.hardswish), "ag.hardswish({0})"),
    "gelu": Op(ag.gelu, _torch_gelu, "ag.gelu({0}, approximate={approximate!r})"),
    "silu": Op(ag.silu, F.silu, "ag.silu({0})"),
    "mish": Op(ag.mish, _TorchMish.apply, "ag.mish({0})"),
    "softplus": Op(ag.softplus, F.softplus,
                   "ag.softplus({0}, beta={beta!r}, threshold={threshold!r})"),
    "softsign": Op(ag.softsign, F.softsign, "ag.softsign({0})"),
    "logsigmoid": Op(ag.logsigmoid, F.logsigmoid, "ag.logsigmoid({0})"),
    "softmin": Op(lambda x, axis: ag.softmin(x, dim=axis), lambda x, axis: F.softmin(x, dim=axis),
                  "ag.softmin({0}, dim={axis})"),
}

# Options worth meeting: defaults, slopes and scales of both signs, a softplus threshold that
# the edge values cross.
_OPTIONS = {
    "leaky_relu": {"negative_slope": [0.01, 0.2, 0.0, -0.5, 1.5]},
    "elu": {"alpha": [1.0, 0.5, 2.0, -1.0]},
    "celu": {"alpha": [1.0, 0.5, 2.0, -1.5]},
    "gelu": {"approximate": ["none", "tanh"]},
    "softplus": {"beta": [1.0, 2.0, 0.5, -1.0], "threshold": [20.0, 5.0, 1.0]},
}
_HARDTANH_BOUNDS = [(-1.0, 1.0), (0.0, 6.0), (-2.5, 0.5), (1.0, 1.0), (-0.0, 3.0)]


def draw_activation(draw, shapes):
    x = pick(draw, range(len(shapes)))
    op = draw(st.sampled_from(sorted(OPS)))
    params = {name: draw(st.sampled_from(values))
              for name, values in _OPTIONS.get(op, {}).items()}
    shape = shapes[x]
    if op == "hardtanh":
        lo, hi = draw(st.sampled_from(_HARDTANH_BOUNDS))
        if draw(st.integers(0, 19)) == 19:  # min_val > max_val: an error in both engines
            lo, hi, shape = hi + 1.0, lo, None
        params = {"min_val": lo, "max_val": hi}
    if op == "softmin":
        params = {"axis": draw(axes_options(len(shapes[x]), allow_tuple=False))}
    return op, (x,), params, shape


DRAWS = [draw_activation]
