"""Assertions that compare an op's gradients with finite differences, with messages that say
which input and element disagree, both values, and the usual causes.

    assert_gradients_match(MyOp.apply, x, y)         first derivatives
    assert_second_order_match(MyOp.apply, x, y)      derivatives of the backward pass itself
    assert_jvp_matches_vjp(MyOp.apply, x, y)         forward mode against reverse mode

Both run on float64 copies of the inputs (central differences in float32 are swamped by
rounding), so they accept float32 inputs too and say so when that is what failed.
"""
import numpy as np

from .. import forward_ad
from ..engine import grad
from ..gradcheck import first_mismatch, gradgradcheck
from ..tensor import Tensor


class GradientMismatch(AssertionError):
    """The engine's gradient and central finite differences disagree."""


def _float64_leaves(inputs):
    """Each input Tensor that requires grad as a float64 leaf copy; other arguments as given."""
    copies, converted = [], []
    for i, x in enumerate(inputs):
        if isinstance(x, Tensor) and x.requires_grad:
            if x.dtype != np.float64:
                converted.append(i)
            x = Tensor(x.data.astype(np.float64), requires_grad=True)
        copies.append(x)
    if not any(isinstance(x, Tensor) and x.requires_grad for x in copies):
        raise ValueError(
            "assert_gradients_match: no input is a Tensor with requires_grad=True; create "
            "them with autograd.tensor(values, requires_grad=True)"
        )
    return tuple(copies), converted


def _likely_causes(mismatch):
    """What a learner should look at first, judged from the two whole Jacobians."""
    a, n = mismatch.analytic, mismatch.numeric
    scale = max(np.abs(n).max(initial=0.0), 1e-12)
    causes = []
    if np.allclose(a, -n, atol=1e-6 * scale, rtol=1e-4) and np.abs(n).max(initial=0) > 0:
        causes.append("the sign is flipped: backward returns minus the derivative")
    elif not np.any(a) and np.any(n):
        causes.append("backward returns zeros or None for this input")
    else:
        nonzero = np.abs(n) > 1e-9 * scale
        ratios = a[nonzero] / n[nonzero]
        if ratios.size and np.allclose(ratios, ratios[0], rtol=1e-4) and ratios[0] != 0:
            causes.append(f"backward is off by a constant factor of {ratios[0]:.6g}: a factor "
                          f"of the derivative is missing or extra (2 in d(x^2)/dx, 1/n in a mean)")
        if np.any(a[~nonzero]):
            causes.append("the analytic gradient is non-zero where the output does not depend "
                          "on the input: backward may ignore the incoming gradient `grad`, or "
                          "sum over the wrong axes when it undoes broadcasting (unbroadcast)")
    if not causes:
        causes.append("a factor of the chain rule is missing (every backward multiplies its "
                      "local derivative by `grad`, the gradient arriving from above), or the "
                      "derivative is taken at the wrong point (x where it should be the output)")
    return causes


def assert_gradients_match(fn, *inputs, eps=1e-6, atol=1e-5, rtol=1e-3, mode="reverse"):
    """Raise GradientMismatch unless fn's gradients (by the engine) equal central finite
    differences for every input Tensor that requires grad. `fn(*inputs)` returns a Tensor
    (or a tuple of them). mode="forward" checks the Jacobian that forward mode (the ops' jvp
    rules) gives instead."""
    copies, converted = _float64_leaves(inputs)
    try:
        mismatch = first_mismatch(fn, copies, eps, atol, rtol, mode=mode)
    except RuntimeError as error:
        if "backward returned a gradient of shape" not in str(error):
            raise
        raise GradientMismatch(
            f"{error}. A gradient must have its input's shape, or one that broadcasting made "
            f"from it (the engine sums that back): check which axes backward sums over"
        ) from None
    if mismatch is None:
        return
    lines = [f"gradients differ at {mismatch.describe()}", "likely causes:"]
    lines += [f"  - {cause}" for cause in _likely_causes(mismatch)]
    if converted:
        lines.append(f"  (inputs {converted} were float32 and were checked as float64 copies; "
                     f"a float32 gradient is only accurate to about 1e-7 relative)")
    raise GradientMismatch("\n".join(lines))


def assert_second_order_match(fn, *inputs, eps=1e-6, atol=1e-5, rtol=1e-3):
    """Raise GradientMismatch unless the derivatives of fn's backward pass (what
    `backward(create_graph=True)` records) equal finite differences of its gradients."""
    copies, _ = _float64_leaves(inputs)
    try:
        gradgradcheck(fn, copies, eps=eps, atol=atol, rtol=rtol)
    except TypeError as error:
        raise GradientMismatch(
            f"the backward pass could not be recorded for second derivatives ({error}). Write "
            f"backward with operators and the functions of ctx.xp (ctx.xp.exp, ctx.xp.where, "
            f"...), which work on arrays and on Tensors, not with numpy functions on .data"
        ) from None
    except AssertionError as error:
        raise GradientMismatch(
            f"second derivatives differ: {error}. The backward formula is recorded as written: "
            f"values it takes from ctx as constants (masks, numbers computed in forward) are "
            f"not differentiated; use ctx.saved_tensors for what depends on the inputs"
        ) from None


def assert_jvp_matches_vjp(fn, *inputs, seed=0, rtol=1e-9, atol=1e-12):
    """Raise GradientMismatch unless <v, J u> by forward mode (the ops' jvp rules) equals
    <J^T v, u> by reverse mode (their backward), for random directions u of the inputs and v
    of the outputs: both sides are the same number, sum_ij v_i J_ij u_j."""
    copies, _ = _float64_leaves(inputs)
    rng = np.random.default_rng(seed)
    checked = [i for i, x in enumerate(copies) if isinstance(x, Tensor) and x.requires_grad]
    directions = {i: rng.standard_normal(copies[i].shape) for i in checked}
    with forward_ad.dual_level():
        duals = [forward_ad.make_dual(x, directions[i]) if i in checked else x
                 for i, x in enumerate(copies)]
        outputs = fn(*duals)
        outputs = outputs if isinstance(outputs, (tuple, list)) else (outputs,)
        tangents = [forward_ad.unpack_dual(out).tangent for out in outputs]
    weights = [rng.standard_normal(out.shape) for out in outputs]
    forward = sum(float(np.vdot(w, t.data)) for w, t in zip(weights, tangents) if t is not None)
    differentiable = [(out, w) for out, w in zip(outputs, weights) if out.requires_grad]
    reverse = 0.0
    if differentiable:
        grads = grad([o for o, _ in differentiable], [copies[i] for i in checked],
                     [w for _, w in differentiable], allow_unused=True)
        reverse = sum(float(np.vdot(g.data, directions[i]))
                      for i, g in zip(checked, grads) if g is not None)
    if not abs(forward - reverse) <= atol + rtol * max(abs(forward), abs(reverse)):
        raise GradientMismatch(
            f"forward and reverse mode disagree: <v, J u> = {forward:.12g} by the jvp rules but "
            f"<J^T v, u> = {reverse:.12g} by the backward formulas (random u and v, seed {seed}); "
            f"check the op's jvp against its backward: jvp maps input tangents to the output's, "
            f"dy = sum_i dy/dx_i dx_i")
