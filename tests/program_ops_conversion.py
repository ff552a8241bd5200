"""The conversion family's steps for the differential programs (see program_families.py):
casts and copies, clamp's spellings, x.pow(y), and numpy's ufuncs called on Tensors (one
tensor, or an array first), each against torch's own op. (np.sum and friends call the Tensor's
own reductions, which the programs draw already; test_autograd_numpy_interop.py checks that.)"""
import numpy as np
import torch
from hypothesis import strategies as st

import autograd as ag
from program_draw import broadcast, numbers, pairs, pick
from program_op import Op

NUMPY_UNARY = {"exp": torch.exp, "log": torch.log, "sqrt": torch.sqrt, "tanh": torch.tanh,
               "negative": torch.neg, "absolute": torch.abs}
NUMPY_WITH_ARRAY = {"add": torch.add, "subtract": torch.sub, "multiply": torch.mul,
                    "divide": torch.div, "power": torch.pow}


def _array_first(x, ufunc, number, form):
    """np.<ufunc>(number as an array of x's shape, a 0-d array or a numpy scalar, x)."""
    first = {"array": lambda: np.full(x.shape, number), "0-d": lambda: np.array(number),
             "scalar": lambda: np.float64(number)}[form]()
    return getattr(np, ufunc)(first, x)


def _torch_array_first(x, ufunc, number, form):
    first = (torch.full(x.shape, number, dtype=x.dtype) if form == "array"
             else torch.tensor(number, dtype=x.dtype))
    return NUMPY_WITH_ARRAY[ufunc](first, x)


OPS = {
    "float_round_trip": Op(lambda x: x.float().double(), lambda x: x.float().double(),
                           "{0}.float().double()"),
    "clone": Op(ag.Tensor.clone, torch.Tensor.clone, "{0}.clone()"),
    "astype_copy": Op(lambda x: x.astype(np.float64), lambda x: x.to(torch.float64, copy=True),
                      "{0}.astype(np.float64)"),
    "clamp": Op(lambda x, min, max: x.clamp(min, max),
                lambda x, min, max: torch.clamp(x, min, max), "{0}.clamp({min!r}, {max!r})"),
    "clamp_min": Op(lambda x, min: ag.clamp_min(x, min), torch.clamp_min,
                    "ag.clamp_min({0}, {min!r})"),
    "clamp_max": Op(lambda x, max: x.clamp_max(max), torch.clamp_max, "{0}.clamp_max({max!r})"),
    "pow_method": Op(ag.Tensor.pow, torch.pow, "{0}.pow({1})"),
    "numpy_unary": Op(lambda x, ufunc: getattr(np, ufunc)(x),
                      lambda x, ufunc: NUMPY_UNARY[ufunc](x), "np.{ufunc}({0})"),
    "numpy_array_first": Op(_array_first, _torch_array_first,
                            "np.{ufunc}(<{form} {number!r}>, {0})"),
}


def draw_cast(draw, shapes):
    x = pick(draw, range(len(shapes)))
    return draw(st.sampled_from(["float_round_trip", "clone", "astype_copy"])), (x,), {}, shapes[x]


def draw_clamp(draw, shapes):
    x = pick(draw, range(len(shapes)))
    low, high = sorted([draw(numbers), draw(numbers)])  # min > max: a deliberate difference
    op = draw(st.sampled_from(["clamp", "clamp_min", "clamp_max"]))
    params = {"clamp": {"min": low, "max": high}, "clamp_min": {"min": low},
              "clamp_max": {"max": high}}[op]
    return op, (x,), params, shapes[x]


def draw_pow_method(draw, shapes):
    a, b = draw(st.sampled_from(pairs(shapes, lambda s, t: broadcast(s, t) is not None)))
    return "pow_method", (a, b), {}, broadcast(shapes[a], shapes[b])


def draw_numpy(draw, shapes):
    x = pick(draw, range(len(shapes)))
    if draw(st.booleans()):
        return "numpy_unary", (x,), {"ufunc": draw(st.sampled_from(sorted(NUMPY_UNARY)))}, shapes[x]
    params = {"ufunc": draw(st.sampled_from(sorted(NUMPY_WITH_ARRAY))), "number": draw(numbers),
              "form": draw(st.sampled_from(["array", "0-d", "scalar"]))}
    return "numpy_array_first", (x,), params, shapes[x]


DRAWS = [draw_cast, draw_clamp, draw_pow_method, draw_numpy]
