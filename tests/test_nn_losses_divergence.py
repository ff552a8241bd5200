"""kl_div and nn.KLDivLoss against torch: every reduction ('batchmean' included), log_target,
float64 and float32, gradients wrt the input and the target, zeros in the target (t ln t = 0),
-inf log-probabilities, empty and 0-d shapes; gradgradcheck; the errors."""
import numpy as np
import pytest
import torch.nn as tnn
import torch.nn.functional as TF
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autograd as ag
import nn
import nn.functional as F
from loss_agreement import check_loss
from strategies import floats, leaf

INF = float("inf")
# Both engines warn that 'mean' is not the divergence per example (a test below checks ours).
pytestmark = pytest.mark.filterwarnings("ignore:.*'mean' divides:UserWarning")
REDUCTIONS = st.sampled_from(["mean", "batchmean", "sum", "none"])
any_shapes = hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3)


@given(any_shapes.flatmap(lambda shape: st.tuples(
    hnp.arrays(np.float64, shape, elements=floats(-5.0, 0.0) | st.sampled_from([-INF, 0.0])),
    hnp.arrays(np.float64, shape, elements=floats(0.0, 1.0) | st.sampled_from([0.0, 1.0])))),
       REDUCTIONS, st.sampled_from([np.float64, np.float32]))
def test_kl_div_agrees_with_torch(pair, reduction, dtype):
    log_q, t = pair
    check_loss(F.kl_div, TF.kl_div, log_q, t, dtype=dtype, reduction=reduction)


@given(any_shapes.flatmap(lambda shape: st.tuples(
    hnp.arrays(np.float64, shape, elements=floats(-5.0, 0.0)),
    hnp.arrays(np.float64, shape, elements=floats(-5.0, 0.0) | st.just(-INF)))), REDUCTIONS)
def test_kl_div_with_a_log_target_agrees_with_torch_also_for_the_targets_gradient(pair,
                                                                                 reduction):
    log_q, log_t = pair
    check_loss(F.kl_div, TF.kl_div, log_q, log_t, differentiate_target=True,
               reduction=reduction, log_target=True)


@pytest.mark.parametrize("t", [[0.0, 1.0], [0.25, 0.75], [0.0, 0.0]])
def test_the_targets_gradient_is_torchs_nan_where_the_target_is_0(t):
    check_loss(F.kl_div, TF.kl_div, [-1.0, -0.5], t, differentiate_target=True,
               reduction="sum")


@given(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3).flatmap(
    lambda shape: st.tuples(hnp.arrays(np.float64, shape, elements=floats(-3.0, 0.0)),
                            hnp.arrays(np.float64, shape, elements=floats(0.05, 1.0)))),
       REDUCTIONS, st.booleans())
def test_kl_div_passes_gradgradcheck(pair, reduction, log_target):
    log_q, t = pair
    t = np.log(t) if log_target else t

    def loss(a, y):
        return F.kl_div(a, y, reduction=reduction, log_target=log_target)
    assert ag.gradcheck(loss, (leaf(log_q), leaf(t)), check_forward_ad=True)
    assert ag.gradgradcheck(loss, (leaf(log_q), leaf(t)))


@pytest.mark.parametrize("options", [{}, {"reduction": "batchmean", "log_target": True}])
def test_the_module_agrees_with_torchs(options):
    log_q = np.log(np.array([[0.2, 0.8], [0.5, 0.5], [0.9, 0.1]]))
    t = np.array([[0.1, 0.9], [0.5, 0.5], [0.3, 0.7]])
    t = np.log(t) if options.get("log_target") else t
    check_loss(nn.KLDivLoss(**options), tnn.KLDivLoss(**options), log_q, t)
    assert repr(nn.KLDivLoss()) == repr(tnn.KLDivLoss()) == "KLDivLoss()"


def test_the_mean_reduction_warns_as_torchs():
    with pytest.warns(UserWarning, match=r"kl_div: reduction='mean' divides the sum by the "
                                         r"number of elements, not by the batch size"):
        F.kl_div(np.zeros(2), np.zeros(2))


@pytest.mark.parametrize("call, error, pattern", [
    (lambda: F.kl_div(np.zeros(2), np.zeros(2), reduction="avg"), ValueError,
     r"kl_div: reduction must be one of \('mean', 'batchmean', 'sum', 'none'\), got 'avg'"),
    (lambda: F.kl_div(np.zeros(2), np.zeros(2), log_target=1), TypeError,
     "kl_div: log_target must be True or False, got int 1"),
    (lambda: F.kl_div(np.zeros(2), np.zeros(3)), ValueError,
     r"kl_div: output and target must have the same shape, got output \(2,\) and target "
     r"\(3,\)"),
    (lambda: nn.KLDivLoss(reduction="avg"), ValueError, "KLDivLoss: reduction must be one of"),
])
def test_bad_arguments_are_named(call, error, pattern):
    with pytest.raises(error, match=pattern):
        call()
