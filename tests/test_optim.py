"""Tests of nn.optim: SGD and Adam against their update rules written out in numpy."""
import numpy as np
import pytest

import autograd as ag
import nn
from nn.optim import SGD, Adam

STEPS = 4


def _parameters_and_gradients(seed=0):
    """Two float64 parameters and, for each of STEPS steps, a gradient for each."""
    rng = np.random.default_rng(seed)
    params = [ag.Tensor(rng.standard_normal((3, 2)), requires_grad=True),
              ag.Tensor(rng.standard_normal(2), requires_grad=True)]
    grads = [[rng.standard_normal(p.shape) for p in params] for _ in range(STEPS)]
    return params, grads


def _run(optimizer, params, grads):
    for step_grads in grads:
        for param, grad in zip(params, step_grads):
            param.grad = grad.copy()
        optimizer.step()
    return [p.data for p in params]


def _sgd_by_hand(values, grads, lr, momentum, weight_decay, nesterov):
    values = [v.copy() for v in values]
    velocities = [None] * len(values)
    for step_grads in grads:
        for i, grad in enumerate(step_grads):
            g = grad + weight_decay * values[i]
            if momentum:
                velocities[i] = g if velocities[i] is None else momentum * velocities[i] + g
                g = g + momentum * velocities[i] if nesterov else velocities[i]
            values[i] = values[i] - lr * g
    return values


def _adam_by_hand(values, grads, lr, betas, eps, weight_decay):
    values = [v.copy() for v in values]
    m = [np.zeros_like(v) for v in values]
    v2 = [np.zeros_like(v) for v in values]
    for t, step_grads in enumerate(grads, start=1):
        for i, grad in enumerate(step_grads):
            g = grad + weight_decay * values[i]
            m[i] = betas[0] * m[i] + (1 - betas[0]) * g
            v2[i] = betas[1] * v2[i] + (1 - betas[1]) * g * g
            m_hat = m[i] / (1 - betas[0] ** t)
            v_hat = v2[i] / (1 - betas[1] ** t)
            values[i] = values[i] - lr * m_hat / (np.sqrt(v_hat) + eps)
    return values


@pytest.mark.parametrize("momentum, weight_decay, nesterov", [
    (0.0, 0.0, False), (0.9, 0.0, False), (0.9, 0.0, True), (0.0, 0.1, False),
    (0.5, 0.01, True),
])
def test_sgd_follows_its_update_rule(momentum, weight_decay, nesterov):
    params, grads = _parameters_and_gradients()
    expected = _sgd_by_hand([p.data for p in params], grads, 0.3, momentum, weight_decay,
                            nesterov)
    optimizer = SGD(params, lr=0.3, momentum=momentum, weight_decay=weight_decay,
                    nesterov=nesterov)
    for got, want in zip(_run(optimizer, params, grads), expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("lr, betas, eps, weight_decay", [
    (1e-3, (0.9, 0.999), 1e-8, 0.0), (0.1, (0.5, 0.9), 1e-3, 0.0), (0.01, (0.8, 0.99), 1e-8, 0.1),
])
def test_adam_follows_its_update_rule(lr, betas, eps, weight_decay):
    params, grads = _parameters_and_gradients(seed=1)
    expected = _adam_by_hand([p.data for p in params], grads, lr, betas, eps, weight_decay)
    optimizer = Adam(params, lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
    for got, want in zip(_run(optimizer, params, grads), expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("make", [
    lambda ps: SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01),
    lambda ps: Adam(ps, weight_decay=0.01),
])
def test_step_updates_in_place_and_records_no_graph(make):
    model = nn.MLP([3, 4, 2], seed=0)
    arrays = [p.data for p in model.parameters()]
    before = [a.copy() for a in arrays]
    optimizer = make(model.parameters())
    nn.quadratic_cost(model(np.ones((2, 3))), np.zeros((2, 2))).backward()
    optimizer.step()
    for param, array, old in zip(model.parameters(), arrays, before):
        assert param.data is array
        assert param.is_leaf and param.requires_grad
        assert not np.array_equal(array, old)


@pytest.mark.parametrize("make", [lambda ps: SGD(ps, lr=0.1, momentum=0.9), Adam])
def test_a_graph_recorded_before_a_step_cannot_be_differentiated_after_it(make):
    params, grads = _parameters_and_gradients()
    used_before, untouched = (params[0] * params[0]).sum(), (params[1] * params[1]).sum()
    params[0].grad = grads[0][0]
    make(params).step()                        # params[1] has no gradient: not updated
    with pytest.raises(RuntimeError, match="changed by an in-place operation"):
        used_before.backward()
    untouched.backward()
    np.testing.assert_allclose(params[1].grad, 2 * params[1].data)


def test_a_gradient_held_as_a_tensor_is_used_as_numbers():
    w = ag.Tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward(create_graph=True)
    assert isinstance(w.grad, ag.Tensor)
    SGD([w], lr=0.5).step()
    np.testing.assert_allclose(w.data, [0.0, 0.0])
    assert w.grad_fn is None


def test_parameters_without_gradient_are_skipped():
    params, _ = _parameters_and_gradients()
    before = params[1].data.copy()
    optimizer = Adam(params)
    params[0].grad = np.ones(params[0].shape)
    optimizer.step()
    np.testing.assert_array_equal(params[1].data, before)
    assert optimizer.state[params[1]] == {} and optimizer.state[params[0]]["step"] == 1


@pytest.mark.parametrize("make", [lambda ps: SGD(ps, lr=1.0), lambda ps: Adam(ps)])
def test_zero_grad_sets_grads_to_none(make):
    params, grads = _parameters_and_gradients()
    for param, grad in zip(params, grads[0]):
        param.grad = grad
    make(params).zero_grad()
    assert all(p.grad is None for p in params)


def test_changing_lr_between_steps_takes_effect():
    w = ag.Tensor([1.0], requires_grad=True)
    optimizer = SGD([w], lr=1.0)
    optimizer.param_groups[0]["lr"] = 0.25
    w.grad = np.array([2.0])
    optimizer.step()
    np.testing.assert_allclose(w.data, [0.5])


def test_an_lr_attribute_is_refused_with_the_param_groups_advice():
    optimizer = SGD([ag.Tensor([1.0], requires_grad=True)], lr=1.0)
    with pytest.raises(AttributeError, match=r"param_groups\[0\]\['lr'\]"):
        optimizer.lr = 0.25
    with pytest.raises(AttributeError, match="per parameter group"):
        optimizer.lr
    assert optimizer.param_groups[0]["lr"] == 1.0


@pytest.mark.parametrize("make_a, make_b", [
    (lambda ps: SGD(ps, lr=0.3, momentum=0.9, nesterov=True), lambda ps: SGD(ps, lr=1.0)),
    (lambda ps: Adam(ps, lr=0.1, betas=(0.8, 0.9)), lambda ps: Adam(ps)),
])
def test_state_dict_resumes_training_exactly(make_a, make_b):
    params, grads = _parameters_and_gradients()
    copies = [ag.Tensor(p.data.copy(), requires_grad=True) for p in params]
    first = make_a(params)
    _run(first, params, grads[:2])
    _run(make_a(copies), copies, grads[:2])
    saved = first.state_dict()
    resumed = make_b(copies)
    resumed.load_state_dict(saved)
    for got, want in zip(_run(resumed, copies, grads[2:]), _run(first, params, grads[2:])):
        np.testing.assert_array_equal(got, want)


def test_state_dict_holds_copies():
    params, grads = _parameters_and_gradients()
    optimizer = SGD(params, lr=0.1, momentum=0.9)
    _run(optimizer, params, grads[:1])
    state = optimizer.state_dict()
    state["state"][0]["momentum_buffer"][...] = 99.0
    assert not np.any(optimizer.state[params[0]]["momentum_buffer"] == 99.0)
    assert state["param_groups"] == [{"lr": 0.1, "momentum": 0.9, "dampening": 0.0,
                                      "weight_decay": 0.0, "nesterov": False,
                                      "maximize": False, "params": [0, 1]}]


def _bad_states():
    def wrong_shape(state):
        state["state"][0]["momentum_buffer"] = np.zeros(5)

    def too_few(state):
        state["param_groups"][0]["params"].pop()

    def unknown_parameter(state):
        state["state"][5] = {"momentum_buffer": np.zeros(2)}

    def unknown_key(state):
        state["state"][1]["velocity"] = np.zeros(2)

    def bad_lr(state):
        state["param_groups"][0]["lr"] = -1.0

    def missing_hyperparameter(state):
        del state["param_groups"][0]["nesterov"]

    return [
        (wrong_shape, ValueError, r"'momentum_buffer' of parameter 0 has shape \(5,\).*\(3, 2\)"),
        (too_few, ValueError, "group 0 has 1 parameters in the state, 2 in the optimizer"),
        (unknown_parameter, KeyError, "names parameter 5, which no parameter group holds"),
        (unknown_key, KeyError, r"parameter 1 has unknown state \['velocity'\]"),
        (bad_lr, ValueError, r"lr must be a number in \[0, inf\), got -1.0"),
        (missing_hyperparameter, KeyError, "the parameter group has no nesterov"),
    ]


@pytest.mark.parametrize("spoil, error, pattern", _bad_states())
def test_a_bad_optimizer_state_is_refused_and_changes_nothing(spoil, error, pattern):
    params, grads = _parameters_and_gradients()
    optimizer = SGD(params, lr=0.1, momentum=0.9)
    _run(optimizer, params, grads[:1])
    before = optimizer.state_dict()
    state = optimizer.state_dict()
    spoil(state)
    with pytest.raises(error, match=pattern):
        optimizer.load_state_dict(state)
    after = optimizer.state_dict()
    assert after["param_groups"] == before["param_groups"]
    assert after["state"].keys() == before["state"].keys()
    for index, want in before["state"].items():
        np.testing.assert_array_equal(after["state"][index]["momentum_buffer"],
                                      want["momentum_buffer"])


@pytest.mark.parametrize("make, error, pattern", [
    (lambda ps: SGD(ps, lr=0), ValueError, r"SGD: lr must be a number in \(0, inf\), got 0"),
    (lambda ps: SGD(ps, lr=True), TypeError, "lr must be a number.*got bool True"),
    (lambda ps: SGD(ps, lr="0.1"), TypeError, "lr must be a number.*got str '0.1'"),
    (lambda ps: SGD(ps, lr=float("nan")), ValueError, "lr must be a number.*got nan"),
    (lambda ps: SGD(ps, lr=0.1, momentum=-0.5), ValueError, r"momentum must be a number in \[0"),
    (lambda ps: SGD(ps, lr=0.1, momentum=None), TypeError, "momentum must be a number.*NoneType"),
    (lambda ps: SGD(ps, lr=0.1, weight_decay=-1), ValueError, "weight_decay must be"),
    (lambda ps: SGD(ps, lr=0.1, nesterov=True), ValueError, "nesterov=True needs momentum > 0"),
    (lambda ps: SGD(ps, lr=0.1, momentum=0.9, nesterov="yes"), TypeError,
     "SGD: nesterov must be True or False, got str 'yes'"),
    (lambda ps: Adam(ps, betas=(0.9, 1.0)), ValueError, r"betas\[1\] must be a number in \[0, 1\)"),
    (lambda ps: Adam(ps, betas=(0.9,)), TypeError, r"betas must be a pair.*got tuple \(0.9,\)"),
    (lambda ps: Adam(ps, betas=0.9), TypeError,
     r"Adam: betas must be a pair \(beta1, beta2\), got float 0.9"),
    (lambda ps: Adam(ps, betas=("0.9", 0.99)), TypeError, r"betas\[0\] must be a number"),
    (lambda ps: Adam(ps, eps=-1e-8), ValueError, "eps must be"),
    (lambda ps: SGD([], lr=0.1), ValueError, "SGD: params is empty"),
    (lambda ps: SGD(ps[0], lr=0.1), TypeError, "got a single Tensor; wrap it in a list"),
    (lambda ps: SGD(3, lr=0.1), TypeError, "params must be an iterable of Tensors.*got int"),
    (lambda ps: SGD({ps[0]}, lr=0.1), TypeError, "not a set"),
    (lambda ps: SGD([ps[0], np.zeros(2)], lr=0.1), TypeError,
     "parameter 1 must be a Tensor.*got ndarray"),
    (lambda ps: Adam([ps[0], ps[0]]), ValueError, "appears more than once"),
    (lambda ps: SGD([ps[0] * 2], lr=0.1), ValueError,
     "SGD: can't optimize a non-leaf Tensor: parameter 0 is the result of mul"),
    (lambda ps: Adam([ps[1], ps[0].sum()]), ValueError,
     "Adam: can't optimize a non-leaf Tensor: parameter 1"),
])
def test_bad_arguments_are_clear_errors(make, error, pattern):
    params, _ = _parameters_and_gradients()
    with pytest.raises(error, match=pattern):
        make(params)
