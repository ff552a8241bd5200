"""binary_cross_entropy and binary_cross_entropy_with_logits of nn.functional against torch:
every reduction, float64 and float32, weights and pos_weight that broadcast, gradients wrt
the input and the target, at the edges (probabilities 0 and 1, logits +-1000, +-inf, NaN,
empty and 0-d shapes); the fused op BinaryCrossEntropy by gradcheck, gradgradcheck and
forward mode; the errors.

Deliberate difference (named here, listed in the report): binary_cross_entropy of an input
outside [0, 1] (or NaN) raises ValueError naming the value; torch raises RuntimeError.
"""
import numpy as np
import pytest
import torch
import torch.nn.functional as TF
from hypothesis import assume, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
import nn.functional as F
from autograd.ops.binary_cross_entropy import BinaryCrossEntropy
from autograd.testing import assert_jvp_matches_vjp
from loss_agreement import check_loss
from strategies import floats, leaf

INF = float("inf")
REDUCTIONS = st.sampled_from(["mean", "sum", "none"])
DTYPES = st.sampled_from([np.float64, np.float32])
any_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)
probabilities = floats(0.0, 1.0) | st.sampled_from([0.0, 1.0, 1e-13, 1 - 1e-13, 0.5])
logits = floats(-30.0, 30.0) | st.sampled_from([0.0, 1000.0, -1000.0, INF, -INF, float("nan")])


@st.composite
def suffix_shapes(draw, shape):
    """A shape that broadcasts to `shape`: a suffix of it, some sides 1."""
    suffix = shape[len(shape) - draw(st.integers(0, len(shape))):]
    return tuple(draw(st.sampled_from([side, 1])) for side in suffix)


@st.composite
def binary_cases(draw, inputs, with_pos_weight=False):
    """(input, target in [0, 1], options: weight and pos_weight that broadcast)."""
    shape = draw(any_shapes)
    input = draw(hnp.arrays(np.float64, shape, elements=inputs))
    target = draw(hnp.arrays(np.float64, shape, elements=probabilities))
    options = {}
    if draw(st.booleans()):
        options["weight"] = draw(hnp.arrays(np.float64, draw(suffix_shapes(shape)),
                                            elements=floats(0.0, 2.0)))
    if with_pos_weight and draw(st.booleans()):
        options["pos_weight"] = draw(hnp.arrays(np.float64, draw(suffix_shapes(shape)),
                                                elements=floats(0.0, 4.0)))
    return input, target, options


@given(binary_cases(probabilities), REDUCTIONS, DTYPES)
def test_binary_cross_entropy_agrees_with_torch(case, reduction, dtype):
    input, target, options = case
    check_loss(F.binary_cross_entropy, TF.binary_cross_entropy, input, target,
               differentiate_target=True, dtype=dtype, reduction=reduction, **options)


@given(binary_cases(logits, with_pos_weight=True), REDUCTIONS, DTYPES)
def test_binary_cross_entropy_with_logits_agrees_with_torch(case, reduction, dtype):
    input, target, options = case
    # the deliberate difference named below: -inf logits with a pos_weight of at most 1
    assume(not (np.isneginf(input).any() and np.any(options.get("pos_weight", 2.0) <= 1)))
    check_loss(F.binary_cross_entropy_with_logits, TF.binary_cross_entropy_with_logits, input,
               target, differentiate_target=True, dtype=dtype, reduction=reduction, **options)


@pytest.mark.parametrize("p, y", [(0.0, 0.0), (0.0, 1.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.5),
                                  (1e-300, 1.0), (1e-13, 0.0), (0.5, 0.5)])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_probabilities_0_and_1_give_torchs_capped_loss_and_finite_gradient(p, y, dtype):
    loss = check_loss(F.binary_cross_entropy, TF.binary_cross_entropy, [p], [y],
                      differentiate_target=True, dtype=dtype, reduction="none")
    assert loss.data[0] <= 100.0


@pytest.mark.parametrize("x", [1000.0, -1000.0, 1e300, -1e300, INF, -INF])
@pytest.mark.parametrize("y", [0.0, 0.3, 1.0])
def test_huge_logits_do_not_overflow(x, y):
    loss = check_loss(F.binary_cross_entropy_with_logits, TF.binary_cross_entropy_with_logits,
                      [x], [y], differentiate_target=True, reduction="none",
                      pos_weight=[2.0])
    if np.isfinite(x) and y in (0.0, 1.0) and (x > 0) == (y == 1.0):
        assert loss.data[0] == 0.0


@given(hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=3).flatmap(
    lambda shape: st.tuples(hnp.arrays(np.float64, shape, elements=floats(0.05, 0.95)),
                            hnp.arrays(np.float64, shape, elements=floats(0.0, 1.0)))))
def test_the_fused_op_passes_gradcheck_gradgradcheck_and_forward_mode(pair):
    p, y = leaf(pair[0]), leaf(pair[1])
    assert ag.gradcheck(BinaryCrossEntropy.apply, (p, y), check_forward_ad=True)
    assert ag.gradgradcheck(BinaryCrossEntropy.apply, (p, y))
    assert_jvp_matches_vjp(BinaryCrossEntropy.apply, p, y)


@given(st.data())
def test_the_losses_pass_gradgradcheck_with_weights(data):
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3))
    x = data.draw(hnp.arrays(np.float64, shape, elements=floats(-4.0, 4.0)))
    y = data.draw(hnp.arrays(np.float64, shape, elements=floats(0.0, 1.0)))
    weight = data.draw(hnp.arrays(np.float64, shape[-1:], elements=floats(0.1, 2.0)))
    reduction = data.draw(REDUCTIONS)

    def with_logits(x, y):
        return F.binary_cross_entropy_with_logits(x, y, weight, reduction, pos_weight=weight)

    def probabilities(p, y):
        return F.binary_cross_entropy(p, y, weight, reduction)
    p = 1 / (1 + np.exp(-x))
    for loss, input in ((with_logits, x), (probabilities, p)):
        assert ag.gradcheck(loss, (leaf(input), leaf(y)), check_forward_ad=True)
        assert ag.gradgradcheck(loss, (leaf(input), leaf(y)))


def test_with_logits_equals_binary_cross_entropy_of_the_sigmoid():
    x = np.linspace(-6, 6, 13)
    y = np.linspace(0, 1, 13)
    p = 1 / (1 + np.exp(-x))
    np.testing.assert_allclose(F.binary_cross_entropy_with_logits(x, y, reduction="none").data,
                               F.binary_cross_entropy(p, y, reduction="none").data, rtol=1e-12)


@pytest.mark.parametrize("value", [-0.5, 1.5, float("nan"), INF])
def test_an_input_that_is_no_probability_is_a_value_error_where_torch_raises_runtime_error(
        value):
    with pytest.raises(ValueError, match=r"binary_cross_entropy: every input must be a "
                                         r"probability in \[0, 1\] \(apply sigmoid first, or "
                                         r"use binary_cross_entropy_with_logits\), got"):
        F.binary_cross_entropy(np.array([0.5, value]), np.array([0.0, 1.0]))
    with pytest.raises(RuntimeError, match="between 0 and 1"):
        TF.binary_cross_entropy(torch.tensor([0.5, value]), torch.tensor([0.0, 1.0]))


@pytest.mark.parametrize("call, error, pattern", [
    (lambda: F.binary_cross_entropy(np.full((2, 3), 0.5), np.zeros(3)), ValueError,
     r"binary_cross_entropy: output and target must have the same shape, got output \(2, 3\) "
     r"and target \(3,\)"),
    (lambda: F.binary_cross_entropy_with_logits(np.zeros((2, 3)), np.zeros((3, 2))), ValueError,
     r"binary_cross_entropy_with_logits: output and target must have the same shape"),
    (lambda: F.binary_cross_entropy(np.full((2, 3), 0.5), np.zeros((2, 3)), np.ones(2)),
     ValueError, r"binary_cross_entropy: weight of shape \(2,\) does not broadcast to the "
                 r"input's shape \(2, 3\)"),
    (lambda: F.binary_cross_entropy_with_logits(np.zeros(3), np.zeros(3),
                                                pos_weight=np.ones((2, 3))),
     ValueError, r"pos_weight of shape \(2, 3\) does not broadcast to the input's shape \(3,\)"),
    (lambda: F.binary_cross_entropy_with_logits(np.zeros(3), np.zeros(3), weight="heavy"),
     TypeError, "binary_cross_entropy_with_logits: weight must hold numbers"),
    (lambda: F.binary_cross_entropy(np.full(3, 0.5), np.zeros(3), reduction="batchmean"),
     ValueError, r"reduction must be one of \('mean', 'sum', 'none'\), got 'batchmean'"),
])
def test_bad_arguments_are_named(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()


@pytest.mark.parametrize("loss", [F.binary_cross_entropy, F.binary_cross_entropy_with_logits])
def test_float32_stays_float32_next_to_float64_weights(loss):
    p = np.full(3, 0.5, dtype=np.float32)
    assert loss(p, np.zeros(3), weight=np.ones(3)).dtype == np.float32


def test_deliberate_difference_target_gradient_at_minus_inf_with_pos_weight_at_most_1():
    """l = (1 - y) x - (1 + (pw - 1) y) logsigmoid(x): at x = -inf with pos_weight <= 1 the
    target's gradient -x - (pw - 1) logsigmoid(x) meets 0 * inf or inf - inf (NaN); torch
    computes that gradient by a formula of its own and gives inf. The loss and the input's
    gradient agree, and every pos_weight above 1 agrees everywhere."""
    x = ag.tensor([-INF], dtype=ag.float64, requires_grad=True)
    y = ag.tensor([0.0], dtype=ag.float64, requires_grad=True)
    with np.errstate(invalid="ignore"):
        F.binary_cross_entropy_with_logits(x, y, pos_weight=np.array([1.0])).backward()
    assert np.isnan(y.grad).all()
    tx = torch.tensor([-INF], dtype=torch.float64, requires_grad=True)
    ty = torch.tensor([0.0], dtype=torch.float64, requires_grad=True)
    TF.binary_cross_entropy_with_logits(tx, ty, pos_weight=torch.tensor([1.0],
                                                                      dtype=torch.float64)).backward()
    assert ty.grad.item() == INF and x.grad[0] == tx.grad.item()
