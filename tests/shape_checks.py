"""What the shape family's tests check for every op: the same values, signs of zeros, shapes
and gradients as torch (float64), float32 kept, and first and second derivatives equal to
finite differences. An op is given as `ours(tensor)` and `theirs(torch_tensor)` (often the
same function: the spellings are torch's)."""
import warnings

import numpy as np
import torch

import autograd as ag


def as_tuple(value):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,)


def assert_same_values(mine, reference, signs_of_zeros=True):
    """Equal arrays (NaN matching NaN) of the same shape, and zeros of the same sign."""
    reference = reference.detach().numpy()
    assert mine.shape == reference.shape, f"shape {mine.shape}, torch {reference.shape}"
    np.testing.assert_array_equal(mine, reference)
    if signs_of_zeros:
        np.testing.assert_array_equal(np.signbit(mine), np.signbit(reference))


def upstream_for(shape, seed, elements=None):
    """A gradient arriving at an output: whole multiples of 1/4 (exact sums), or drawn from
    `elements` (edge values)."""
    rng = np.random.default_rng(seed)
    if elements is None:
        return rng.integers(-8, 9, size=shape) / 4
    return rng.choice(np.array(elements), size=shape)


def agree_with_torch(ours, theirs, x, upstream_elements=None):
    """Values, and the input's gradient for an upstream gradient on every output, equal
    torch's; the float32 result stays float32."""
    mine_in = ag.Tensor(x, requires_grad=True)
    torch_in = torch.tensor(x, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # torch's .T deprecation for ndim != 2
        outputs, references = as_tuple(ours(mine_in)), as_tuple(theirs(torch_in))
    assert len(outputs) == len(references)
    for mine, reference in zip(outputs, references):
        assert_same_values(mine.data, reference)
        assert mine.dtype == np.float64
    upstreams = [upstream_for(r.shape, k, upstream_elements) for k, r in enumerate(references)]
    mine_grad = ag.grad(outputs, [mine_in], upstreams, allow_unused=True)[0]
    torch_grad = torch.autograd.grad(references, [torch_in], [torch.tensor(u) for u in upstreams],
                                     allow_unused=True)[0]
    mine_grad = np.zeros_like(x) if mine_grad is None else mine_grad.data
    torch_grad = torch.zeros_like(torch_in) if torch_grad is None else torch_grad
    # (A gradient that sums copies starts at +0 in ours, so a lone -0 comes out +0; torch's
    # sign there depends on its code path: its circular pad keeps -0 for (0, 0), not (1, 1).)
    assert_same_values(mine_grad, torch_grad, signs_of_zeros=False)
    in_float32 = as_tuple(ours(ag.Tensor(x.astype(np.float32))))
    assert all(out.dtype == np.float32 for out in in_float32)


def passes_gradchecks(ours, x):
    x = ag.Tensor(x, requires_grad=True)
    return ag.gradcheck(ours, (x,)) and ag.gradgradcheck(ours, (x,))
