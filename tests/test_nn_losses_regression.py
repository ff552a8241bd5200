"""The regression losses of nn.functional against torch: mse_loss, l1_loss, smooth_l1_loss,
huber_loss, every reduction, float64 and float32, gradients wrt the input and the target, at
edge values (0, +-inf, NaN, huge numbers, empty and 0-d shapes); second derivatives by
gradgradcheck; the errors.

huber_loss and smooth_l1_loss are one fused op (autograd/ops/huber.py), checked here too.

Deliberate difference (named here, listed in the report): an input and a target of different
shapes raise ValueError naming both; torch warns and broadcasts them, which is rarely meant.
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
import nn.functional as F
from autograd.ops.huber import Huber
from autograd.testing import assert_jvp_matches_vjp
from loss_agreement import check_loss
from strategies import floats, floats_away_from, leaf

INF = float("inf")
REDUCTIONS = ["mean", "sum", "none"]
EDGE_VALUES = [0.0, -0.0, 0.5, -1.0, 1.0, 2.0, 1e150, -1e150, INF, -INF, float("nan")]
any_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)

# (our function, torch's, a strategy of its options)
LOSSES = {
    "mse_loss": (F.mse_loss, TF.mse_loss, st.just({})),
    "l1_loss": (F.l1_loss, TF.l1_loss, st.just({})),
    "smooth_l1_loss": (F.smooth_l1_loss, TF.smooth_l1_loss,
                       st.fixed_dictionaries({"beta": st.sampled_from([0.0, 1.0]) | floats(0.1, 3)})),
    "huber_loss": (F.huber_loss, TF.huber_loss,
                   st.fixed_dictionaries({"delta": st.sampled_from([1.0]) | floats(0.1, 3)})),
}


@st.composite
def pairs(draw, values=floats(-5.0, 5.0) | st.sampled_from(EDGE_VALUES)):
    """(input, target): float64 arrays of one shape (0-d and empty ones included)."""
    shape = draw(any_shapes)
    return (draw(hnp.arrays(np.float64, shape, elements=values)),
            draw(hnp.arrays(np.float64, shape, elements=values)))


@pytest.mark.parametrize("name", LOSSES)
@given(data=st.data())
def test_regression_losses_agree_with_torch(name, data):
    ours, theirs, options = LOSSES[name]
    input, target = data.draw(pairs())
    dtype = data.draw(st.sampled_from([np.float64, np.float32]))
    check_loss(ours, theirs, input, target, differentiate_target=True, dtype=dtype,
               reduction=data.draw(st.sampled_from(REDUCTIONS)), **data.draw(options))


@pytest.mark.parametrize("name", ["smooth_l1_loss", "huber_loss"])
@pytest.mark.parametrize("difference", [-INF, -3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 3.0, INF])
def test_smooth_losses_agree_with_torch_on_both_sides_of_the_kink(name, difference):
    ours, theirs, _ = LOSSES[name]
    check_loss(ours, theirs, [difference], [0.0], differentiate_target=True, reduction="none")


@pytest.mark.parametrize("name", LOSSES)
@given(data=st.data())
def test_regression_losses_pass_gradgradcheck(name, data):
    """Second derivatives by finite differences, away from the kinks (d = 0, |d| = 1)."""
    ours, _, options = LOSSES[name]
    options = data.draw(options)
    width = options.get("beta", options.get("delta", 1.0))
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3))
    target = data.draw(hnp.arrays(np.float64, shape, elements=floats(-2, 2)))
    d = data.draw(hnp.arrays(np.float64, shape, elements=floats_away_from(
        [0.0, width, -width], lo=-3.0, hi=3.0, margin=0.05)))
    reduction = data.draw(st.sampled_from(REDUCTIONS))

    def loss(a, y):
        return ours(a, y, reduction=reduction, **options)
    inputs = (leaf(target + d), leaf(target))
    assert ag.gradcheck(loss, inputs, check_forward_ad=True)
    assert ag.gradgradcheck(loss, inputs)


@pytest.mark.parametrize("name", ["smooth_l1_loss", "huber_loss"])
def test_first_and_second_derivatives_are_torchs_at_the_edges(name):
    """Slopes and curvatures at 0 (1/beta or 1), at the kinks, at +-inf and at NaN (a NaN
    slope, curvature 0), as torch's double backward."""
    ours, theirs, _ = LOSSES[name]
    d = [0.0, 0.5, 1.0, -1.0, 2.0, INF, -INF, float("nan")]
    a = ag.Tensor(np.array(d), requires_grad=True)
    with np.errstate(invalid="ignore"):
        (g,) = ag.grad(ours(a, np.zeros(len(d)), reduction="sum"), [a], create_graph=True)
        (h,) = ag.grad(g.sum(), [a])
    t = torch.tensor(d, dtype=torch.float64, requires_grad=True)
    (tg,) = torch.autograd.grad(theirs(t, torch.zeros(len(d), dtype=torch.float64),
                                       reduction="sum"), t, create_graph=True)
    (th,) = torch.autograd.grad(tg.sum(), t)
    np.testing.assert_array_equal(g.data, tg.detach().numpy())
    np.testing.assert_array_equal(h.data, th.numpy())


@given(hnp.array_shapes(min_dims=0, max_dims=2, min_side=1, max_side=3).flatmap(
    lambda shape: st.tuples(hnp.arrays(np.float64, shape, elements=floats(-3, 3)),
                            hnp.arrays(np.float64, shape, elements=floats(-3, 3)))),
       floats(0.1, 2.0))
def test_the_fused_huber_op_has_matching_forward_and_reverse_modes(pair, delta):
    a, y = leaf(pair[0]), leaf(pair[1])
    assert_jvp_matches_vjp(lambda a, y: Huber.apply(a, y, delta=delta), a, y)


@pytest.mark.parametrize("name", LOSSES)
def test_a_shape_mismatch_is_an_error_where_torch_broadcasts(name):
    ours, theirs, _ = LOSSES[name]
    with pytest.raises(ValueError, match=rf"{name}: output and target must have the same "
                                         rf"shape, got output \(2, 3\) and target \(3,\)"):
        ours(ag.Tensor(np.ones((2, 3))), np.ones(3))
    with pytest.warns(UserWarning, match="target size"):
        theirs(torch.ones((2, 3)), torch.ones(3))


@pytest.mark.parametrize("name", LOSSES)
@pytest.mark.parametrize("reduction", ["max", "elementwise_mean", None, 1])
def test_an_unknown_reduction_is_named(name, reduction):
    ours, _, _ = LOSSES[name]
    with pytest.raises(ValueError, match=rf"{name}: reduction must be one of \('mean', 'sum', "
                                         rf"'none'\), got {reduction!r}"):
        ours(ag.Tensor(np.ones(2)), np.ones(2), reduction=reduction)


@pytest.mark.parametrize("call, error, pattern", [
    (lambda: F.smooth_l1_loss(ag.Tensor(np.ones(2)), np.ones(2), beta=-1.0), ValueError,
     r"smooth_l1_loss: beta must be a number in \[0, inf\), got -1.0"),
    (lambda: F.smooth_l1_loss(ag.Tensor(np.ones(2)), np.ones(2), beta="1"), TypeError,
     "smooth_l1_loss: beta must be a number"),
    (lambda: F.huber_loss(ag.Tensor(np.ones(2)), np.ones(2), delta=0.0), ValueError,
     r"huber_loss: delta must be a number in \(0, inf\), got 0.0"),
    (lambda: F.l1_loss(ag.Tensor(np.ones(2, dtype=np.int64)), np.ones(2)), TypeError,
     "l1_loss: the input must hold floats, got dtype int64"),
])
def test_bad_options_are_named(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", LOSSES)
def test_a_numpy_target_takes_the_inputs_dtype(name, dtype):
    ours, _, _ = LOSSES[name]
    assert ours(ag.Tensor(np.ones(3, dtype=dtype)), np.zeros(3)).dtype == dtype


def test_quadratic_cost_is_still_the_seeds_and_mse_its_multiple():
    """C = 1/(2n) sum ||y - a||^2 stays as it was; mse_loss('mean') = 2 C / k for k outputs."""
    rng = np.random.default_rng(0)
    a, y = rng.standard_normal((4, 10)), rng.standard_normal((4, 10))
    cost = F.quadratic_cost(ag.Tensor(a), y).item()
    assert cost == pytest.approx(np.sum((y - a) ** 2) / 8, rel=1e-14)
    assert F.mse_loss(ag.Tensor(a), y).item() == pytest.approx(2 * cost / 10, rel=1e-14)


@pytest.mark.parametrize("name", LOSSES)
def test_a_float64_tensor_target_promotes_a_float32_input_as_torch_except_huber(name):
    """Deliberate difference: torch's huber_loss alone keeps the input's float32 there (and
    its binary_cross_entropy refuses the mix); ours promote alike, to float64."""
    ours, theirs, _ = LOSSES[name]
    a, y = np.zeros(3, dtype=np.float32), np.zeros(3)
    assert ours(ag.Tensor(a), ag.Tensor(y)).dtype == np.float64
    torch_dtype = theirs(torch.tensor(a), torch.tensor(y)).dtype
    assert torch_dtype == (torch.float32 if name == "huber_loss" else torch.float64)
    assert F.binary_cross_entropy(ag.Tensor(a + 0.5), ag.Tensor(y)).dtype == np.float64
    with pytest.raises(RuntimeError, match="expected Float"):
        TF.binary_cross_entropy(torch.tensor(a + 0.5), torch.tensor(y))
