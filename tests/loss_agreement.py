"""One loss run in both engines on the same arrays: values, dtypes and gradients (wrt the
input, and wrt the target where torch differentiates it) must agree.

Tolerances: float64 results to 1e-12 relative plus 1e-14 absolute per unit of the largest
finite input (a gradient like softmax(z) - onehot cancels near 1, and the engines' exp may
differ by an ulp); float32 to 1e-5 relative plus 1e-6 absolute per unit. NaN agrees with NaN
and inf with inf of the same sign only.
"""
import numpy as np
import torch

import autograd as ag

TOLERANCES = {np.float64: (1e-12, 1e-14), np.float32: (1e-5, 1e-6)}


def _scale(arrays):
    finite = [np.abs(a[np.isfinite(a)]).max(initial=0.0) for a in arrays if a.dtype.kind == "f"]
    return max([1.0] + finite)


def assert_agree(ours, theirs, dtype, scale, what):
    """Our numpy array equals torch's tensor: shape, dtype, specials, and numbers within the
    dtype's tolerance."""
    theirs = theirs.detach().numpy()
    assert ours.shape == theirs.shape, f"{what}: shape {ours.shape}, torch {theirs.shape}"
    assert ours.dtype == theirs.dtype, f"{what}: dtype {ours.dtype}, torch {theirs.dtype}"
    rtol, atol = TOLERANCES[dtype]
    with np.errstate(invalid="ignore"):
        np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=atol * scale, equal_nan=True,
                                   err_msg=what)


def _leaf_pair(array, differentiable):
    ours = ag.Tensor(array.copy(), requires_grad=differentiable)
    theirs = torch.tensor(array, requires_grad=differentiable)
    return ours, theirs


def check_loss(our_fn, torch_fn, input, target, differentiate_target=False, seed=0,
               dtype=np.float64, **options):
    """Run `our_fn(input, target, **options)` and `torch_fn(...)` (array options become torch
    tensors), backpropagate one random gradient, and compare values and gradients."""
    with np.errstate(over="ignore"):  # 1e150 in float32 is inf, for both engines
        input = np.asarray(input, dtype=dtype)
        target = np.asarray(target)
        if target.dtype.kind == "f":
            target = target.astype(dtype)
    options = {name: np.asarray(value, dtype=dtype) if isinstance(value, (np.ndarray, list))
               else value for name, value in options.items()}
    their_options = {name: torch.tensor(value) if isinstance(value, np.ndarray) else value
                     for name, value in options.items()}
    our_input, their_input = _leaf_pair(input, True)
    our_target, their_target = _leaf_pair(target, differentiate_target)
    scale = _scale([input, target] + [v for v in options.values() if isinstance(v, np.ndarray)])
    with np.errstate(all="ignore"):
        ours = our_fn(our_input, our_target, **options)
    theirs = torch_fn(their_input, their_target, **their_options)
    assert_agree(ours.data, theirs, dtype, scale, "value")
    gradient = np.random.default_rng(seed).standard_normal(ours.shape).astype(dtype)
    with np.errstate(all="ignore"):
        ours.backward(gradient)
    theirs.backward(torch.tensor(gradient))
    assert_agree(our_input.grad, their_input.grad, dtype, scale, "gradient wrt the input")
    if differentiate_target:
        assert_agree(our_target.grad, their_target.grad, dtype, scale, "gradient wrt the target")
    return ours
