"""The chain rule end to end: the seeds' single neuron worked by hand, and a chain of
100,000 ops (no recursion limit) whose gradient is the product of its local derivatives."""
import numpy as np
import pytest
from hypothesis import given

import autograd as ag
from strategies import floats


def sigma(z):
    return 1 / (1 + np.exp(-z))


@given(w=floats(), b=floats(), a_prev=floats(0.0, 1.0), y=floats(0.0, 1.0))
def test_single_neuron_gradients_equal_the_seeds_chain_rule_by_hand(w, b, a_prev, y):
    """C0 = (a_L - y)^2, a_L = sigma(z_L), z_L = w_L a_(L-1) + b_L:
    dC0/dw_L = a_(L-1) sigma'(z_L) 2(a_L - y), dC0/db_L = sigma'(z_L) 2(a_L - y),
    dC0/da_(L-1) = w_L sigma'(z_L) 2(a_L - y)."""
    w_L, b_L, a_L_minus_1 = (ag.Tensor(np.float64(v), requires_grad=True) for v in (w, b, a_prev))
    cost = ((w_L * a_L_minus_1 + b_L).sigmoid() - y) ** 2
    cost.backward()
    z = w * a_prev + b
    a_L = sigma(z)
    sigma_prime = a_L * (1 - a_L)
    assert cost.item() == pytest.approx((a_L - y) ** 2, rel=1e-12, abs=1e-15)
    assert w_L.grad == pytest.approx(a_prev * sigma_prime * 2 * (a_L - y), rel=1e-10, abs=1e-15)
    assert b_L.grad == pytest.approx(sigma_prime * 2 * (a_L - y), rel=1e-10, abs=1e-15)
    assert a_L_minus_1.grad == pytest.approx(w * sigma_prime * 2 * (a_L - y), rel=1e-10,
                                             abs=1e-15)


def test_a_chain_of_100000_ops_backprops_to_the_product_of_local_derivatives():
    """Cycle y -> y k_i -> + c_i -> exp -> log, 25,000 times: 100,000 nodes deep.

    The local derivatives are k_i, 1, e^u and 1/v; multiplied in numpy from the forward
    values they give dy/dx, which backward must match without hitting a recursion limit.
    """
    rng = np.random.default_rng(0)
    cycles = 25_000
    factors = np.exp(rng.normal(0.0, 0.01, cycles))
    shifts = rng.normal(0.0, 0.01, cycles)
    x = ag.Tensor(np.float64(0.3), requires_grad=True)
    y, value, derivative = x, 0.3, 1.0
    for k, c in zip(factors, shifts):
        y = (y * k + c).exp().log()
        u = value * k + c
        e = np.exp(u)
        derivative *= k * 1.0 * e * (1.0 / e)  # d(y k)/dy, d(+ c), d(exp u)/du, d(log e)/de
        value = np.log(e)
    assert y.grad_fn.name == "log"
    assert y.item() == pytest.approx(value, rel=1e-12, abs=1e-12)
    y.backward()
    assert x.grad == pytest.approx(derivative, rel=1e-9)
