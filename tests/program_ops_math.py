"""The math family's steps for the differential programs (see program_families.py): sin, cos,
tan, asin, acos, atan, sinh, cosh, asinh, acosh, atanh, exp2, expm1, log2, log10, log1p,
rsqrt, square, reciprocal, deg2rad, rad2deg, called as `autograd.<name>(x)` on our side
(which calls the Tensor method) and `torch.<name>(x)` on torch's. Any value is a valid input:
outside an op's domain both engines give NaN."""
import torch
from hypothesis import strategies as st

import autograd as ag
from program_draw import pick
from program_op import Op

OPS = {
    "sin": Op(ag.sin, torch.sin, "ag.sin({0})"),
    "cos": Op(ag.cos, torch.cos, "ag.cos({0})"),
    "tan": Op(ag.tan, torch.tan, "ag.tan({0})"),
    "asin": Op(ag.asin, torch.asin, "ag.asin({0})"),
    "acos": Op(ag.acos, torch.acos, "ag.acos({0})"),
    "atan": Op(ag.atan, torch.atan, "ag.atan({0})"),
    "sinh": Op(ag.sinh, torch.sinh, "ag.sinh({0})"),
    "cosh": Op(ag.cosh, torch.cosh, "ag.cosh({0})"),
    "asinh": Op(ag.asinh, torch.asinh, "ag.asinh({0})"),
    "acosh": Op(ag.acosh, torch.acosh, "ag.acosh({0})"),
    "atanh": Op(ag.atanh, torch.atanh, "ag.atanh({0})"),
    "exp2": Op(ag.exp2, torch.exp2, "ag.exp2({0})"),
    "expm1": Op(ag.expm1, torch.expm1, "ag.expm1({0})"),
    "log2": Op(ag.log2, torch.log2, "ag.log2({0})"),
    "log10": Op(ag.log10, torch.log10, "ag.log10({0})"),
    "log1p": Op(ag.log1p, torch.log1p, "ag.log1p({0})"),
    "rsqrt": Op(ag.rsqrt, torch.rsqrt, "ag.rsqrt({0})"),
    "square": Op(ag.square, torch.square, "ag.square({0})"),
    "reciprocal": Op(ag.reciprocal, torch.reciprocal, "ag.reciprocal({0})"),
    "deg2rad": Op(ag.deg2rad, torch.deg2rad, "ag.deg2rad({0})"),
    "rad2deg": Op(ag.rad2deg, torch.rad2deg, "ag.rad2deg({0})"),
}


def draw_math(draw, shapes):
    x = pick(draw, range(len(shapes)))
    return draw(st.sampled_from(list(OPS))), (x,), {}, shapes[x]


DRAWS = [draw_math]
