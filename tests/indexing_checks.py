"""What the indexing family's tests share: one op run on our engine and on torch (float64),
values, dtypes and gradients compared (NaN matches NaN, an infinity the same infinity)."""
import numpy as np
import torch

import autograd as ag


def as_numpy(value):
    if isinstance(value, torch.Tensor):
        return value.detach().numpy()
    return np.asarray(value.data if isinstance(value, ag.Tensor) else value)


def assert_same(ours, theirs, rtol=1e-12, atol=0.0):
    """Same shape, dtype and values (to rtol and atol; NaN where torch has NaN)."""
    ours, theirs = as_numpy(ours), as_numpy(theirs)
    assert ours.shape == theirs.shape, (ours.shape, theirs.shape)
    assert ours.dtype == theirs.dtype, (ours.dtype, theirs.dtype)
    np.testing.assert_allclose(ours, theirs, rtol=rtol, atol=atol, equal_nan=True)


def check_with_torch(ours, theirs, arrays, upstream=None, rtol=1e-12, atol=0.0):
    """ours(*leaves) and theirs(*torch leaves) agree, and so do the leaves' gradients for the
    gradient `upstream` of the output (default: seeded multiples of 1/4, none 0). Returns
    our output."""
    leaves = [ag.Tensor(a, requires_grad=True) for a in arrays]
    torch_leaves = [torch.tensor(a, dtype=torch.float64, requires_grad=True) for a in arrays]
    out, expected = ours(*leaves), theirs(*torch_leaves)
    assert_same(out, expected, rtol, atol)
    if upstream is None:
        rng = np.random.default_rng(0)
        upstream = rng.choice([-1.0, 1.0], size=out.shape) * rng.integers(1, 9, out.shape) / 4
    out.backward(np.asarray(upstream, dtype=np.float64))
    expected.backward(torch.tensor(upstream, dtype=torch.float64))
    for mine, theirs_leaf in zip(leaves, torch_leaves):
        if theirs_leaf.grad is None:
            assert mine.grad is None or not np.any(mine.grad)
        else:
            assert_same(mine.grad, theirs_leaf.grad, rtol, atol)
    return out


EDGES = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -2.0, 1e300, -1e-300])


def edge_array(shape, seed=0):
    """float64 array of `shape` filled from EDGES (0, -0, +-inf, NaN, ...), seeded."""
    return np.random.default_rng(seed).choice(EDGES, size=shape)


def upstream_with_infinities(shape, seed=1):
    """A gradient for an output of `shape` holding +-inf and NaN among ordinary numbers: where
    an op's derivative is 0 it must give 0 there, as torch, not inf * 0 = NaN."""
    return np.random.default_rng(seed).choice([np.inf, -np.inf, np.nan, 1.0, -0.5], size=shape)
