"""The reductions at edge values (0, -0, +-inf, NaN, ties, empty axes, 0-d tensors): values
and gradients equal torch's, errors where torch raises; the max/min contract (value, (values,
indices), elementwise); error messages; and the deliberate differences from torch."""
import math

import numpy as np
import pytest
import torch

import autograd as ag

nan, inf = math.nan, math.inf

# name: (ours, torch's), both of one tensor
OPS = {
    "prod()": (lambda t: t.prod(), lambda t: t.prod()),
    "prod(0)": (lambda t: t.prod(0), lambda t: t.prod(0)),
    "var()": (lambda t: t.var(), lambda t: t.var()),
    "var(0)": (lambda t: t.var(0), lambda t: t.var(0)),
    "var(0, correction=0)": (lambda t: t.var(0, correction=0), lambda t: t.var(0, correction=0)),
    "std()": (lambda t: t.std(), lambda t: t.std()),
    "std(0, correction=0)": (lambda t: t.std(0, correction=0), lambda t: t.std(0, correction=0)),
    "logsumexp(0)": (lambda t: t.logsumexp(0), lambda t: t.logsumexp(0)),
    "norm()": (lambda t: t.norm(), lambda t: t.norm()),
    "norm(1)": (lambda t: t.norm(1), lambda t: torch.linalg.vector_norm(t, 1)),
    "norm(inf)": (lambda t: t.norm(inf), lambda t: torch.linalg.vector_norm(t, inf)),
    "norm(-inf)": (lambda t: t.norm(-inf), lambda t: torch.linalg.vector_norm(t, -inf)),
    "norm(3)": (lambda t: t.norm(3), lambda t: torch.linalg.vector_norm(t, 3)),
    "norm(0.5)": (lambda t: t.norm(0.5), lambda t: torch.linalg.vector_norm(t, 0.5)),
    "amax(0)": (lambda t: t.amax(0), lambda t: t.amax(0)),
    "amin()": (lambda t: t.amin(), lambda t: t.amin()),
    "max()": (lambda t: t.max(), lambda t: t.max()),
    "min()": (lambda t: t.min(), lambda t: t.min()),
    "max(0)": (lambda t: t.max(0).values, lambda t: t.max(0).values),
    "min(0, keepdim=True)": (lambda t: t.min(0, keepdim=True).values,
                             lambda t: t.min(0, keepdim=True).values),
    "cumsum(0)": (lambda t: t.cumsum(0), lambda t: t.cumsum(0)),
    "cumprod(0)": (lambda t: t.cumprod(0), lambda t: t.cumprod(0)),
    "cummax(0)": (lambda t: t.cummax(0).values, lambda t: t.cummax(0).values),
    "cummin(0)": (lambda t: t.cummin(0).values, lambda t: t.cummin(0).values),
}

EDGES = [[0.0, 0.0], [0.0, 2.0, 3.0], [0.0, 0.0, 3.0], [2.0, 0.0, 3.0, 0.0, 5.0],
         [inf, 2.0], [-inf, -inf], [inf, -inf], [inf, 0.0, 3.0], [nan, 1.0],
         [1.0, nan, 3.0, nan], [3.0, 3.0, 1.0], [0.0, -0.0], [1e-300, 1e-300], [],
         0.0, -inf, nan, 2.5, [[0.0, 1.0], [2.0, 0.0]], [[inf, 1.0], [2.0, -3.0]]]


def same(ours, theirs):
    """Equal up to the last bits (the two engines round in different orders); NaN and the
    infinities in the same places."""
    np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=1e-300)


def _attempt(action):
    try:
        return action(), None
    except Exception as error:  # noqa: BLE001 (compared with torch's below)
        return None, error


@pytest.mark.parametrize("values", EDGES, ids=str)
@pytest.mark.parametrize("name", sorted(OPS))
def test_values_and_gradients_at_edges_equal_torchs(name, values):
    ours_op, torch_op = OPS[name]
    x = np.array(values, dtype=np.float64)
    t, reference = ag.Tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
    with np.errstate(all="ignore"):
        theirs, torch_error = _attempt(lambda: torch_op(reference))
        ours, our_error = _attempt(lambda: ours_op(t))
        if torch_error is not None:
            assert isinstance(our_error, (ValueError, TypeError, RuntimeError, IndexError)), (
                f"torch raises {torch_error!r}; ours {our_error!r}")
            return
        assert our_error is None, our_error
        same(ours.data, theirs.detach().numpy())
        upstream = np.linspace(-1.5, 2.0, ours.size).reshape(ours.shape) if ours.size else (
            np.zeros(ours.shape))
        ours.backward(upstream)
        theirs.backward(torch.tensor(upstream))
        if reference.grad is None:
            assert t.grad is None
        else:
            same(t.grad, reference.grad.numpy())


@pytest.mark.parametrize("values", [[inf, 2.0, 0.0], [0.0, 0.0, 3.0], [0.0, 2.0, 3.0]])
def test_prod_and_cumprod_gradients_meet_an_infinite_upstream_gradient_as_torch(values):
    for ours_op, torch_op in (OPS["prod()"], OPS["prod(0)"], OPS["cumprod(0)"]):
        t = ag.Tensor(np.array(values), requires_grad=True)
        reference = torch.tensor(values, dtype=torch.float64, requires_grad=True)
        with np.errstate(all="ignore"):
            ours_op(t).backward(np.full(ours_op(t).shape, inf))
        torch_op(reference).backward(torch.full(torch_op(reference).shape, inf,
                                                dtype=torch.float64))
        same(t.grad, reference.grad.numpy())


@pytest.mark.parametrize("values", [[0.0, 2.0, 3.0], [0.0, 0.0, 3.0], [2.0, 0.0, 3.0, 0.0]])
def test_second_derivatives_of_prod_and_cumprod_with_zeros_equal_torchs(values):
    for ours_op, torch_op in (OPS["prod()"], OPS["prod(0)"], OPS["cumprod(0)"]):
        t = ag.Tensor(np.array(values), requires_grad=True)
        reference = torch.tensor(values, dtype=torch.float64, requires_grad=True)
        weights = np.arange(1.0, len(values) + 1)
        (g,) = ag.grad((ours_op(t) * weights[:ours_op(t).size].reshape(ours_op(t).shape)).sum(),
                       t, create_graph=True)
        out = torch_op(reference)
        (h,) = torch.autograd.grad(
            (out * torch.tensor(weights[:out.numel()]).reshape(out.shape)).sum(), reference,
            create_graph=True)
        same(g.data, h.detach().numpy())
        (gg,) = ag.grad((g * weights).sum(), t)
        (hh,) = torch.autograd.grad((h * torch.tensor(weights)).sum(), reference)
        same(gg.data, hh.numpy())


# -- max and min: one value, (values, indices) along a dim, or elementwise -----------------


def test_max_without_dim_is_the_largest_value_and_with_dim_a_values_indices_pair():
    t = ag.Tensor([[1.0, 5.0, 5.0], [2.0, 0.0, 2.0]], requires_grad=True)
    assert t.max().item() == 5.0 and ag.min(t).item() == 0.0
    result = t.max(1)
    values, indices = result
    assert result.values is values and result.indices is indices
    np.testing.assert_array_equal(values.data, [5.0, 2.0])
    np.testing.assert_array_equal(indices.data, [1, 0])  # the first of tied elements
    assert indices.dtype == np.int64 and not indices.requires_grad
    assert t.max(axis=1, keepdims=True).values.shape == (2, 1)
    assert ag.max(t, dim=0).indices.shape == (3,)
    values.sum().backward()
    np.testing.assert_array_equal(t.grad, [[0, 1, 0], [1, 0, 0]])  # ties are not split


def test_max_and_min_with_a_tensor_are_the_elementwise_maximum_and_minimum(monkeypatch):
    calls = []
    monkeypatch.setattr(ag.Tensor, "maximum", lambda a, b: calls.append(("maximum", b)) or 1,
                        raising=False)
    monkeypatch.setattr(ag.Tensor, "minimum", lambda a, b: calls.append(("minimum", b)) or 2,
                        raising=False)
    t, other = ag.Tensor([1.0, 2.0]), ag.Tensor([2.0, 1.0])
    assert t.max(other) == 1 and ag.min(t, other) == 2
    assert calls == [("maximum", other), ("minimum", other)]


def test_amax_shares_ties_evenly_where_max_with_dim_picks_one():
    t = ag.Tensor([3.0, 3.0, 1.0], requires_grad=True)
    t.amax(0).backward()
    np.testing.assert_array_equal(t.grad, [0.5, 0.5, 0.0])


def test_cummax_and_cummin_indices_equal_torchs_with_ties_and_nan():
    x = np.array([1.0, 3.0, 3.0, 2.0, nan, 5.0, nan])
    for name in ("cummax", "cummin"):
        ours, theirs = getattr(ag.Tensor(x), name)(0), getattr(torch.tensor(x), name)(0)
        assert ours.indices.dtype == np.int64
        np.testing.assert_array_equal(ours.indices.data, theirs.indices.numpy())
        np.testing.assert_array_equal(ours.values.data, theirs.values.numpy())


def test_argmax_takes_the_first_nan_and_flattens_without_dim():
    x = np.array([[1.0, nan], [nan, 9.0]])
    assert ag.argmax(ag.Tensor(x)).item() == torch.tensor(x).argmax().item() == 1
    assert ag.Tensor(x).argmin(1, keepdim=True).shape == (2, 1)
    assert ag.Tensor(np.array(4.0)).argmax(0).item() == 0


# -- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("action, error, words", [
    (lambda t: t.argmax(1), IndexError, "argmax: cannot reduce over dim 1 of length 0"),
    (lambda t: t.argmin(), IndexError, "argmin: .*empty tensor"),
    (lambda t: t.max(1), IndexError, "max: cannot reduce over dim 1 of length 0"),
    (lambda t: t.amax(1), ValueError, "amax.*axis of length 0"),
    (lambda t: t.max(), ValueError, "max.*axis of length 0"),
    (lambda t: t.norm(inf, 1), RuntimeError, "inf-norm of no elements"),
    (lambda t: t.max((0, 1)), TypeError, "max: dim must be one int.*amax"),
    (lambda t: t.min(keepdim=True), TypeError, "min: keepdim needs a dim"),
    (lambda t: t.norm("nuc"), ValueError, "norm: p must be a number.*'nuc'"),
    (lambda t: t.var(0, correction=1, unbiased=True), TypeError, "var: give one of"),
    (lambda t: t.std(correction=-1), TypeError, "std: correction must be a number >= 0"),
    (lambda t: t.var(unbiased="yes"), TypeError, "var: unbiased must be True or False"),
    (lambda t: t.cummax(), TypeError, "cummax: axis must be an int"),
    (lambda t: t.cumsum(2), IndexError, "cumsum: axis 2 is out of range"),
    (lambda t: t.logsumexp(0, keepdim=1), TypeError, "logsumexp.*keepdims must be True"),
    (lambda t: t.any(axis=(0, 0)), ValueError, "any: repeated axis"),
    (lambda t: ag.sum([1.0, 2.0]), TypeError, "sum: expected a Tensor as input; got list"),
])
def test_bad_input_is_refused_naming_the_op(action, error, words):
    with pytest.raises(error, match=words):
        action(ag.Tensor(np.zeros((2, 0))))


def test_names_show_the_options():
    t = ag.Tensor(np.ones((2, 3)), requires_grad=True)
    assert t.prod(1).grad_fn.name == "prod(axis=1)"
    assert t.var(1, correction=0).grad_fn.name == "var(axis=1, correction=0)"
    assert t.std().grad_fn.name == "std(correction=1)"
    assert t.norm(1, 0).grad_fn.name == "norm(p=1, axis=0)"
    assert t.max(1).values.grad_fn.name == "max(dim=1)"
    assert t.cumsum(-1).grad_fn.name == "cumsum(axis=-1)"
    assert t.cummin(0).values.grad_fn.name == "cummin(dim=0)"


def test_var_spellings_mean_the_same_correction():
    t = ag.Tensor([1.0, 2.0, 4.0])
    assert t.var().item() == t.var(unbiased=True).item() == t.var(correction=1).item()
    assert t.var(False).item() == t.var(ddof=0).item() == pytest.approx(14 / 9)
    assert t.std(0, True, True).shape == (1,)


# -- deliberate differences from torch ---------------------------------------------------------


def test_deliberate_difference_norm_0_has_a_zero_derivative_where_torchs_is_undefined():
    """torch's grad() of the 0-"norm" (a count) answers None, ours zeros (as for sign): our
    engine cannot tell a derivative that is 0 from one that is undefined."""
    t = ag.Tensor([0.5, 0.0], requires_grad=True)
    (g,) = ag.grad(t.norm(0), t, allow_unused=True)
    np.testing.assert_array_equal(g.data, [0.0, 0.0])
    reference = torch.tensor([0.5, 0.0], requires_grad=True)
    assert torch.autograd.grad(torch.linalg.vector_norm(reference, 0), reference,
                               allow_unused=True) == (None,)
    u = ag.Tensor([0.5, 0.0], requires_grad=True)
    u.norm(0).backward()
    assert u.grad is None  # .grad agrees: nothing arrives


def test_deliberate_differences_where_torch_refuses_and_ours_answers():
    """Integer input to var, std and norm gives float32 (design: functions of reals give the
    default float dtype; torch raises); logsumexp with dim=() reduces every axis and cumsum
    or cumprod without a dim runs over the flattened tensor (numpy's meaning; torch raises)."""
    ints = ag.Tensor(np.array([1, 2, 4]))
    assert ints.var().dtype == ints.norm().dtype == np.float32
    with pytest.raises(RuntimeError):
        torch.tensor([1, 2, 4]).var()
    t = ag.Tensor([[1.0, 2.0], [3.0, 4.0]])
    assert t.logsumexp(()).item() == pytest.approx(float(torch.tensor(t.data).logsumexp((0, 1))))
    np.testing.assert_array_equal(t.cumsum().data, [1.0, 3.0, 6.0, 10.0])
    with pytest.raises(TypeError):
        torch.tensor(t.data).cumsum()
