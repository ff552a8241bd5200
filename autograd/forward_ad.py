"""Forward-mode differentiation with dual tensors, PyTorch's `torch.autograd.forward_ad`:

    with forward_ad.dual_level():
        x = forward_ad.make_dual(primal, tangent)   # x carries the direction u = tangent
        y = f(x)                                     # each op also computes its output's tangent
        value, jvp = forward_ad.unpack_dual(y)       # jvp = J u, in the same single pass

Every op's class has `jvp(ctx, *tangents)` next to its forward and backward: the tangent of its
output from the tangents of its inputs (the directional derivative, `dy = sum_i dy/dx_i dx_i`).
One forward pass gives J u for one direction u; the whole Jacobian takes one pass per input
element, where reverse mode takes one backward pass per output element.

Tangents are plain arrays of the primal's shape and dtype: forward mode here is first order
(a tangent is not itself differentiated), and it runs beside reverse mode, which sees the same
ops as usual. A custom Function without `jvp` raises a RuntimeError naming it when it meets a
tangent.
"""
import contextlib
from typing import NamedTuple

import numpy as np

from .function import Function
from .modes import _per_thread, observing
from .tensor import Tensor


class _Level:
    """The active dual level of a thread: as an observer of every op applied, it computes the
    output's tangent when an input has one."""

    def applied(self, ctx, result):
        tangents, found = [], False
        for tensor in ctx.inputs:
            tangent = tangent_of(tensor, self)
            found = found or tangent is not None
            tangents.append(tangent)
        if not found:
            return
        if type(ctx).jvp is Function.jvp:
            raise RuntimeError(
                f"forward-mode AD: op '{ctx.name}' ({type(ctx).__name__}) has no jvp rule; "
                f"define jvp(ctx, *tangents) next to its forward and backward to use it with "
                f"dual tensors")
        ctx.output_data = result.data
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            tangent = type(ctx).jvp(ctx, *tangents)
        tangent = np.broadcast_to(np.asarray(tangent, dtype=result.data.dtype), result.shape)
        result._tangent = ctx.output_tangent = (self, np.array(tangent))


def tangent_of(tensor, level):
    """The tangent `tensor` carries at `level`, or None."""
    carried = tensor._carried_tangent() if tensor is not None else None
    return carried[1] if carried is not None and carried[0] is level else None


def _current_level(function):
    for observer in _per_thread.modes.apply_observers:
        if isinstance(observer, _Level):
            return observer
    raise RuntimeError(f"{function}: needs an active forward_ad.dual_level() (use `with "
                       f"forward_ad.dual_level():`)")


@contextlib.contextmanager
def dual_level():
    """Inside, dual tensors carry tangents through every op (one level at a time, as PyTorch:
    tangents made inside are gone after it)."""
    if any(isinstance(o, _Level) for o in _per_thread.modes.apply_observers):
        raise RuntimeError("dual_level: nested forward-mode levels are not supported")
    level = _Level()
    with observing(apply=level):
        yield level


def make_dual(primal, tangent):
    """A Tensor with `primal`'s values (and its place in the reverse-mode graph) that carries
    `tangent`, the direction of the derivative, through every op."""
    level = _current_level("make_dual")
    if not isinstance(primal, Tensor):
        raise TypeError(f"make_dual: primal must be a Tensor; got {type(primal).__name__}")
    tangent = np.asarray(tangent.data if isinstance(tangent, Tensor) else tangent)
    if tangent.shape != primal.shape:
        raise ValueError(f"make_dual: the tangent's shape {tangent.shape} must equal the "
                         f"primal's {primal.shape}")
    if primal.dtype.kind != "f":
        raise TypeError(f"make_dual: only float tensors have tangents; got {primal.dtype}")
    if tangent.dtype != primal.dtype:
        raise TypeError(f"make_dual: the tangent's dtype {tangent.dtype} must equal the "
                        f"primal's {primal.dtype}")
    dual = primal.reshape(primal.shape)  # a new tensor, still linked for reverse mode
    dual._tangent = (level, tangent.copy())
    return dual


class UnpackedDualTensor(NamedTuple):
    primal: Tensor
    tangent: Tensor


def unpack_dual(tensor):
    """(primal, tangent): the values, and the tangent as a Tensor (None when it has none at the
    current level)."""
    level = _current_level("unpack_dual")
    tangent = tangent_of(tensor, level)
    primal = Tensor._wrap(tensor.data, tensor.requires_grad, tensor.grad_fn)
    return UnpackedDualTensor(primal, None if tangent is None else Tensor._wrap(tangent, False, None))


def forward_jacobian(func, inputs, outputs, create_graph):
    """blocks[k][i] of shape outputs[k].shape + inputs[i].shape, one forward pass per element
    of every input (functional.jacobian's strategy='forward-mode')."""
    if create_graph:
        raise NotImplementedError(
            "jacobian: strategy='forward-mode' gives tangents that are not differentiated "
            "again here; use strategy='reverse-mode' with create_graph=True")
    columns = [[[] for _ in inputs] for _ in outputs]
    for i, x in enumerate(inputs):
        for j in range(x.data.size):
            direction = np.zeros(x.data.size, dtype=x.dtype)
            direction[j] = 1
            with dual_level():
                duals = [make_dual(y, direction.reshape(x.shape) if k == i
                                   else np.zeros_like(y.data)) for k, y in enumerate(inputs)]
                results = func(*duals)
                results = results if isinstance(results, (tuple, list)) else (results,)
                for k, result in enumerate(results):
                    tangent = unpack_dual(result).tangent
                    columns[k][i].append(np.zeros(result.shape, result.dtype) if tangent is None
                                         else tangent.data)
    blocks = []
    for k, output in enumerate(outputs):
        block = []
        for i, x in enumerate(inputs):
            stacked = np.stack(columns[k][i], axis=-1) if columns[k][i] else np.zeros(
                output.shape + (0,), output.dtype)
            block.append(Tensor._wrap(stacked.reshape(output.shape + x.shape), False, None))
        blocks.append(tuple(block))
    return blocks
