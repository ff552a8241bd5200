"""The binary math family's steps for the differential programs (see program_families.py):
rounding, `%` and `//` (with tensors and with numbers), fmod, trunc division, maximum,
minimum, atan2, logaddexp, hypot, lerp, and the predicates and logic, which choose between
two values with `where` (their boolean results are not differentiable, and the other ops
take float64 values).

torch's own `//` (floor_divide) has no derivative (its backward raises); its counterpart
here is torch.div(a, b, rounding_mode="floor"), whose derivative is 0, as ours (a deliberate
difference, named in test_autograd_ops_binary_math_logic.py). torch's remainder and fmod on 8
or more contiguous elements are computed as a - trunc(a / b) * b, NaN where a / b overflows
(1e300 % 1e-300); on fewer elements, or strided ones, as C's fmod, exact, as ours: the torch
side runs them on a strided view (`strided`), which makes it take that path (also named
there). So do lerp's (torch's vectorized loop computes another form with a fused
multiply-add: its last bit and the sign of a zero can differ), and maximum's and minimum's
(at a tie of 0. and -0., torch's vectorized loop gives b, its element-by-element loop a).
"""
import operator

import torch
from hypothesis import strategies as st

import autograd as ag
from program_draw import broadcast, numbers, pairs, pick
from program_op import Op


def strided(t):
    """The same values as a view with a stride of 2 elements (a differentiable copy), which
    torch computes element by element (see the module docstring)."""
    return torch.stack([t, t], -1)[..., 0]


def _torch_number_first(function):
    """`number op x` in torch: the number as a 0-d tensor of x's dtype."""
    return lambda x, symbol, number: function(torch.tensor(number, dtype=x.dtype), x)


def _torch_floor_divide(a, b):
    return torch.div(a, b, rounding_mode="floor")


def _torch_remainder(a, b):
    return torch.remainder(strided(a), strided(b) if isinstance(b, torch.Tensor) else b)


TORCH_WITH_NUMBER = {"%": _torch_remainder, "//": _torch_floor_divide}
OURS_WITH_NUMBER = {"%": operator.mod, "//": operator.floordiv}
LOGIC = {"&": operator.and_, "|": operator.or_, "^": operator.xor}
PREDICATES = ["isnan", "isinf", "isfinite", "isposinf", "isneginf"]
LOGICAL = ["logical_and", "logical_or", "logical_xor"]

OPS = {
    # rounding
    "floor": Op(ag.Tensor.floor, torch.floor, "{0}.floor()"),
    "ceil": Op(ag.Tensor.ceil, torch.ceil, "{0}.ceil()"),
    "trunc": Op(ag.Tensor.trunc, torch.trunc, "{0}.trunc()"),
    "frac": Op(ag.Tensor.frac, torch.frac, "{0}.frac()"),
    "round": Op(lambda x, decimals: x.round(decimals=decimals),
                lambda x, decimals: torch.round(x, decimals=decimals),
                "{0}.round(decimals={decimals})"),
    # remainders and whole quotients
    "remainder": Op(operator.mod, _torch_remainder, "{0} % {1}"),
    "fmod": Op(ag.fmod, lambda a, b: torch.fmod(strided(a), strided(b)), "ag.fmod({0}, {1})"),
    "floor_divide": Op(operator.floordiv, _torch_floor_divide, "{0} // {1}"),
    "div_trunc": Op(lambda a, b: ag.div(a, b, rounding_mode="trunc"),
                    lambda a, b: torch.div(a, b, rounding_mode="trunc"),
                    "ag.div({0}, {1}, rounding_mode='trunc')"),
    "modulo_number": Op(lambda x, symbol, number: OURS_WITH_NUMBER[symbol](x, number),
                        lambda x, symbol, number: TORCH_WITH_NUMBER[symbol](x, number),
                        "{0} {symbol} {number!r}"),
    "number_modulo": Op(lambda x, symbol, number: OURS_WITH_NUMBER[symbol](number, x),
                        lambda x, symbol, number: _torch_number_first(
                            TORCH_WITH_NUMBER[symbol])(x, symbol, number),
                        "{number!r} {symbol} {0}"),
    # two tensors
    "maximum": Op(ag.maximum, lambda a, b: torch.maximum(strided(a), strided(b)),
                  "ag.maximum({0}, {1})"),
    "minimum": Op(ag.minimum, lambda a, b: torch.minimum(strided(a), strided(b)),
                  "ag.minimum({0}, {1})"),
    "atan2": Op(ag.atan2, torch.atan2, "ag.atan2({0}, {1})"),
    "logaddexp": Op(ag.logaddexp, torch.logaddexp, "ag.logaddexp({0}, {1})"),
    "hypot": Op(ag.hypot, torch.hypot, "ag.hypot({0}, {1})"),
    "lerp": Op(ag.lerp, lambda a, b, w: torch.lerp(strided(a), strided(b), strided(w)),
               "ag.lerp({0}, {1}, {2})"),
    "lerp_number": Op(lambda a, b, weight: ag.lerp(a, b, weight),
                      lambda a, b, weight: torch.lerp(strided(a), strided(b), weight),
                      "ag.lerp({0}, {1}, {weight!r})"),
    # predicates and logic, choosing with where
    "predicate_where": Op(lambda c, a, b, predicate: ag.where(getattr(c, predicate)(), a, b),
                          lambda c, a, b, predicate: torch.where(getattr(c, predicate)(), a, b),
                          "ag.where({0}.{predicate}(), {1}, {2})"),
    "isclose_where": Op(lambda c, d, a, b, equal_nan: ag.where(
                            ag.isclose(c, d, equal_nan=equal_nan), a, b),
                        lambda c, d, a, b, equal_nan: torch.where(
                            torch.isclose(c, d, equal_nan=equal_nan), a, b),
                        "ag.where(ag.isclose({0}, {1}, equal_nan={equal_nan}), {2}, {3})"),
    "logic_where": Op(lambda c, d, a, b, symbol: ag.where(LOGIC[symbol](c > 0, d < 1), a, b),
                      lambda c, d, a, b, symbol: torch.where(LOGIC[symbol](c > 0, d < 1), a, b),
                      "ag.where(({0} > 0) {symbol} ({1} < 1), {2}, {3})"),
    "logical_where": Op(lambda c, d, a, b, function: ag.where(getattr(ag, function)(c, d), a, b),
                        lambda c, d, a, b, function: torch.where(
                            getattr(torch, function)(c, d), a, b),
                        "ag.where(ag.{function}({0}, {1}), {2}, {3})"),
    "not_where": Op(lambda c, a, b: ag.where(~(c > 0), a, b),
                    lambda c, a, b: torch.where(~(c > 0), a, b), "ag.where(~({0} > 0), {1}, {2})"),
}

TWO_TENSORS = ["remainder", "fmod", "floor_divide", "div_trunc", "maximum", "minimum", "atan2",
               "logaddexp", "hypot"]


def draw_rounding(draw, shapes):
    x = pick(draw, range(len(shapes)))
    op = draw(st.sampled_from(["floor", "ceil", "trunc", "frac", "round"]))
    params = {"decimals": draw(st.sampled_from([0, 1, 2, -1]))} if op == "round" else {}
    return op, (x,), params, shapes[x]


def draw_two_tensors(draw, shapes):
    op = draw(st.sampled_from(TWO_TENSORS))
    if draw(st.integers(0, 19)) == 19:  # any pair, broadcastable or not
        a, b = pick(draw, range(len(shapes))), pick(draw, range(len(shapes)))
    else:
        a, b = draw(st.sampled_from(pairs(shapes, lambda s, t: broadcast(s, t) is not None)))
    return op, (a, b), {}, broadcast(shapes[a], shapes[b])


def draw_modulo_number(draw, shapes):
    x = pick(draw, range(len(shapes)))
    op = draw(st.sampled_from(["modulo_number", "number_modulo"]))
    params = {"symbol": draw(st.sampled_from(["%", "//"])), "number": draw(numbers)}
    return op, (x,), params, shapes[x]


def _broadcast_choices(draw, shapes, count):
    """`count` value indices whose shapes broadcast together (a pair first, then the rest
    among those that fit), or None."""
    a, b = draw(st.sampled_from(pairs(shapes, lambda s, t: broadcast(s, t) is not None)))
    chosen = [a, b]
    while len(chosen) < count:
        fitting = [c for c in range(len(shapes))
                   if broadcast(*[shapes[i] for i in chosen], shapes[c]) is not None]
        chosen.insert(0, pick(draw, fitting))
    return tuple(chosen)


def draw_lerp(draw, shapes):
    if draw(st.booleans()):
        args = _broadcast_choices(draw, shapes, 2)
        weight = draw(st.one_of(st.sampled_from([0.0, 0.25, 0.5, 1.0, -0.5, 2.0]), numbers))
        return "lerp_number", args, {"weight": weight}, broadcast(*[shapes[i] for i in args])
    args = _broadcast_choices(draw, shapes, 3)
    return "lerp", args, {}, broadcast(*[shapes[i] for i in args])


def draw_predicates(draw, shapes):
    op = draw(st.sampled_from(["predicate_where", "isclose_where", "logic_where",
                               "logical_where", "not_where"]))
    params = {}
    if op == "predicate_where":
        params = {"predicate": draw(st.sampled_from(PREDICATES))}
    elif op == "isclose_where":
        params = {"equal_nan": draw(st.booleans())}
    elif op == "logic_where":
        params = {"symbol": draw(st.sampled_from(sorted(LOGIC)))}
    elif op == "logical_where":
        params = {"function": draw(st.sampled_from(LOGICAL))}
    args = _broadcast_choices(draw, shapes, 3 if op in ("predicate_where", "not_where") else 4)
    return op, args, params, broadcast(*[shapes[i] for i in args])


DRAWS = [draw_rounding, draw_two_tensors, draw_modulo_number, draw_lerp, draw_predicates]
