"""Padding: autograd.pad(x, pad, mode, value), torch.nn.functional.pad's spelling.

`pad` lists (before, after) amounts for the last axis first: (left, right, top, bottom, ...).
A negative amount crops. Modes: 'constant' (the value), 'reflect' (mirrored without
repeating the edge: 2 1 | 0 1 2 | 1 0), 'replicate' (the edge repeated: 0 0 | 0 1 2 | 2 2),
'circular' (wrapped around: 1 2 | 0 1 2 | 0 1).
"""
import numpy as np

from ..array_api import numpy_functions
from ..function import Function
from ..tensor import Tensor
from .indexing import GetItem
from .shape_arguments import int_sequence

MODES = ("constant", "reflect", "replicate", "circular")


class ConstantPad(Function):
    """y = x surrounded by `value`, (before, after) elements on each axis (negative amounts
    crop);  dx = grad padded back the other way: each amount negated, with zeros."""

    @property
    def name(self):
        return f"pad({self.widths}, 'constant', {self.value})"

    @staticmethod
    def forward(ctx, x, widths, value):
        ctx.widths, ctx.value = widths, value
        return numpy_functions.constant_pad(x, widths, value)

    @staticmethod
    def backward(ctx, grad):
        return ctx.xp.constant_pad(grad, tuple((-b, -a) for b, a in ctx.widths), 0)

    @staticmethod
    def jvp(ctx, tangent):
        """dy = dx padded with zeros (the value is a constant)."""
        return numpy_functions.constant_pad(tangent, ctx.widths, 0)


def source_positions(n, before, after, mode):
    """For each output position j of one padded axis, the input position it copies."""
    i = np.arange(-before, n + after)
    if mode == "reflect":
        i = np.abs(i)
        return np.where(i > n - 1, 2 * (n - 1) - i, i)
    if mode == "replicate":
        return np.clip(i, 0, n - 1)
    return i % n


class IndexPad(GetItem):
    """y = x[index]: each output element copies the input element its mode points at
    ('reflect', 'replicate', 'circular');  dx[i] = sum of grad over the outputs that copy
    x[i] (index_add: edge elements collect the gradient of every copy)."""

    @property
    def name(self):
        return f"pad({self.widths}, {self.mode!r})"

    @staticmethod
    def forward(ctx, x, widths, mode):
        ctx.widths, ctx.mode, ctx.input_shape = widths, mode, x.shape
        lead = (slice(None),) * (x.ndim - len(widths))
        maps = [source_positions(n, before, after, mode)
                for n, (before, after) in zip(x.shape[len(lead):], widths)]
        ctx.index = lead + np.ix_(*maps)
        return x[ctx.index]


def _check_widths(shape, widths, mode):
    """ValueError unless every padded axis can be padded so in this mode."""
    for n, (before, after) in zip(shape, widths):
        if mode == "constant":
            if n - max(-before, 0) - max(-after, 0) < 0:
                raise ValueError(
                    f"pad: padding ({before}, {after}) crops more than the size {n} of an "
                    f"axis (tensor of shape {shape})"
                )
            continue
        if n + before + after < 1:
            raise ValueError(
                f"pad: {mode} padding ({before}, {after}) leaves nothing of an axis of size "
                f"{n} (tensor of shape {shape})"
            )
        if mode == "reflect" and not (before < n and after < n):
            raise ValueError(
                f"pad: reflect padding must be smaller than the axis it pads; got "
                f"({before}, {after}) for an axis of size {n} (tensor of shape {shape})"
            )
        if mode == "circular" and not (before <= n and after <= n):
            raise ValueError(
                f"pad: circular padding can wrap around at most once; got ({before}, "
                f"{after}) for an axis of size {n} (tensor of shape {shape})"
            )
        if n == 0:
            raise ValueError(f"pad: {mode} padding of an empty axis (tensor of shape {shape})")


def pad(input, pad, mode="constant", value=None):
    """x padded as torch.nn.functional.pad: `pad` = (before, after) pairs, the last axis
    first; negative amounts crop. Differentiable; the gradient of a copied element collects
    the gradients of its copies."""
    x = input if isinstance(input, Tensor) else Tensor(input)
    amounts = int_sequence((pad,), "pad", "the padding")
    if len(amounts) % 2 or len(amounts) > 2 * x.ndim:
        raise ValueError(
            f"pad: the padding must be (before, after) pairs for at most all {x.ndim} axes of "
            f"a tensor of shape {x.shape}; got {len(amounts)} numbers {amounts}"
        )
    if mode not in MODES:
        raise ValueError(f"pad: mode must be one of {MODES}; got {mode!r}")
    if mode != "constant" and value not in (None, 0):
        raise ValueError(f"pad: a value ({value!r}) needs mode 'constant'; got {mode!r}")
    pairs = [tuple(amounts[k:k + 2]) for k in range(0, len(amounts), 2)][::-1]
    _check_widths(x.shape[x.ndim - len(pairs):], pairs, mode)
    if mode == "constant":
        widths = [(0, 0)] * (x.ndim - len(pairs)) + pairs
        return ConstantPad.apply(x, widths=tuple(widths), value=0 if value is None else value)
    return IndexPad.apply(x, widths=tuple(pairs), mode=mode)
