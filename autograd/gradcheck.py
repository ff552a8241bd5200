"""Check the engine's derivatives against central finite differences.

For f: R^n -> R^m the engine gives the Jacobian J row by row (one backward per output
element); the numeric Jacobian perturbs each input element x_j by +-eps:
    J[:, j] ~ (f(x + eps e_j) - f(x - eps e_j)) / (2 eps).
They must agree elementwise to |analytic - numeric| <= atol + rtol |numeric|. This needs
float64: in float32 the rounding error of f is about 1e-7 |f|, which divided by 2 eps
swamps the derivative.
"""
from typing import NamedTuple

import numpy as np

from .engine import grad
from .tensor import Tensor


class GradcheckError(AssertionError):
    """The engine's gradient and the finite-difference estimate disagree."""


def _as_tuple(values):
    return tuple(values) if isinstance(values, (tuple, list)) else (values,)


def _differentiable_inputs(inputs):
    checked = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not checked:
        raise ValueError("gradcheck: no input is a Tensor with requires_grad=True")
    for i in checked:
        if inputs[i].dtype != np.float64:
            raise TypeError(
                f"gradcheck: input {i} is {inputs[i].dtype}; finite differences need float64 "
                f"inputs (create them with dtype=np.float64)"
            )
    return checked


def _outputs(fn, inputs):
    outputs = _as_tuple(fn(*inputs))
    for k, out in enumerate(outputs):
        if not isinstance(out, Tensor):
            raise TypeError(f"gradcheck: output {k} of fn is {type(out).__name__}, not a Tensor")
    return outputs


def _analytic_jacobians(outputs, inputs, checked):
    """J[k][i] of shape (outputs[k].size, inputs[i].size), by one backward per output element."""
    jacobians = []
    for out in outputs:
        rows = {i: np.zeros((out.size, inputs[i].size)) for i in checked}
        if out.requires_grad:
            for r in range(out.size):
                seed = np.zeros(out.size, dtype=out.dtype)
                seed[r] = 1
                grads = grad(out, [inputs[i] for i in checked], seed.reshape(out.shape),
                             retain_graph=True, allow_unused=True)
                for i, g in zip(checked, grads):
                    if g is not None:
                        rows[i][r] = g.data.ravel()
        jacobians.append(rows)
    return jacobians


def _forward_jacobians(fn, outputs, inputs, checked):
    """J[k][i] by forward mode: one pass of fn per element of each checked input, with that
    element's tangent 1 and every other 0."""
    from . import forward_ad
    jacobians = [{i: np.zeros((out.size, inputs[i].size)) for i in checked} for out in outputs]
    for i in checked:
        for j in range(inputs[i].size):
            direction = np.zeros(inputs[i].size)
            direction[j] = 1
            with forward_ad.dual_level():
                duals = list(inputs)
                duals[i] = forward_ad.make_dual(inputs[i], direction.reshape(inputs[i].shape))
                for k, out in enumerate(_outputs(fn, duals)):
                    tangent = forward_ad.unpack_dual(out).tangent
                    if tangent is not None:
                        jacobians[k][i][:, j] = tangent.data.ravel()
    return jacobians


def _numeric_jacobians(fn, outputs, inputs, checked, eps):
    jacobians = [{i: np.zeros((out.size, inputs[i].size)) for i in checked} for out in outputs]
    # Evaluated with recording on: fn may itself differentiate (as in gradgradcheck).
    for i in checked:
        flat = inputs[i].data.reshape(-1)
        for j in range(flat.size):
            original = flat[j]
            flat[j] = original + eps
            plus = [o.data.ravel().copy() for o in _outputs(fn, inputs)]
            flat[j] = original - eps
            minus = [o.data.ravel().copy() for o in _outputs(fn, inputs)]
            flat[j] = original
            for k in range(len(outputs)):
                jacobians[k][i][:, j] = (plus[k] - minus[k]) / (2 * eps)
    return jacobians


def gradcheck(fn, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, check_forward_ad=False):
    """True if fn's engine gradients match finite differences; else raise GradcheckError.

    `fn(*inputs)` returns a Tensor or a tuple of Tensors. Every input Tensor with
    requires_grad=True is checked and must be float64. The error names the input, the
    element index, the output element and both values. With `check_forward_ad`, the Jacobian
    by forward mode (every op's jvp rule, one pass per input element) is checked too.
    """
    inputs = _as_tuple(inputs)
    mismatch = first_mismatch(fn, inputs, eps, atol, rtol)
    if mismatch is not None:
        raise GradcheckError(f"gradcheck: {mismatch.describe()} (atol={atol}, rtol={rtol})")
    if check_forward_ad:
        mismatch = first_mismatch(fn, inputs, eps, atol, rtol, mode="forward")
        if mismatch is not None:
            raise GradcheckError(
                f"gradcheck (forward mode): {mismatch.describe()} (atol={atol}, rtol={rtol})")
    return True


class Mismatch(NamedTuple):
    """Where the engine's Jacobian and the numeric one first disagree: output k, input i,
    their flat element indices r and j, and both whole Jacobians of that pair."""
    output: int
    input: int
    row: int
    column: int
    analytic: np.ndarray
    numeric: np.ndarray
    output_shape: tuple
    input_shape: tuple
    count: int  # how many elements differ

    def describe(self):
        return (f"d(output {self.output}{_index(self.output_shape, self.row)})/d(input "
                f"{self.input}{_index(self.input_shape, self.column)}): analytic "
                f"{self.analytic[self.row, self.column]:.10g} vs numeric "
                f"{self.numeric[self.row, self.column]:.10g} ({self.count} element(s) differ)")


def first_mismatch(fn, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, mode="reverse"):
    """The first element where fn's engine Jacobian (by reverse or forward mode) and central
    differences disagree beyond |analytic - numeric| <= atol + rtol |numeric|, as a
    `Mismatch`; None when all agree."""
    checked = _differentiable_inputs(inputs)
    outputs = _outputs(fn, inputs)
    if mode == "forward":
        analytic = _forward_jacobians(fn, outputs, inputs, checked)
    else:
        analytic = _analytic_jacobians(outputs, inputs, checked)
    numeric = _numeric_jacobians(fn, outputs, inputs, checked, eps)
    for k, out in enumerate(outputs):
        for i in checked:
            a, n = analytic[k][i], numeric[k][i]
            bad = np.argwhere(~(np.abs(a - n) <= atol + rtol * np.abs(n)))
            if len(bad):
                r, j = bad[0]
                return Mismatch(k, i, int(r), int(j), a, n, out.shape, inputs[i].shape, len(bad))
    return None


def _index(shape, flat):
    """'[i, j]': the element of an array of `shape` at flat position `flat` ('' for 0-d)."""
    return "[" + ", ".join(str(int(i)) for i in np.unravel_index(flat, shape)) + "]" if shape else ""


def gradgradcheck(fn, inputs, grad_outputs=None, eps=1e-6, atol=1e-5, rtol=1e-3, seed=0):
    """True if fn's second derivatives match finite differences of its first derivatives.

    Checks the map (inputs, v) -> v^T J(inputs) computed with create_graph=True, where v
    (`grad_outputs`, random float64 by default) has fn's output shape: so it checks the
    engine's backward-of-backward against finite differences.
    """
    inputs = _as_tuple(inputs)
    checked = _differentiable_inputs(inputs)
    outputs = _outputs(fn, inputs)
    rng = np.random.default_rng(seed)
    if grad_outputs is None:
        grad_outputs = [Tensor(rng.standard_normal(o.shape), requires_grad=True) for o in outputs]
    grad_outputs = list(_as_tuple(grad_outputs))

    def first_derivatives(*args):
        xs, vs = args[:len(inputs)], args[len(inputs):]
        outs = [o for o in _outputs(fn, xs)]
        pairs = [(o, v) for o, v in zip(outs, vs) if o.requires_grad]
        grads = grad([o for o, _ in pairs], [xs[i] for i in checked], [v for _, v in pairs],
                     create_graph=True, allow_unused=True)
        return tuple(g for g in grads if g is not None)

    return gradcheck(first_derivatives, inputs + tuple(grad_outputs), eps, atol, rtol)
