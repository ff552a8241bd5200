"""viz.trace_backward records the engine's own walk: the order, the gradient arriving at each
node, what each backward sends, and every accumulation; the leaves end with the same .grad
as a plain backward, and the hook is off again afterwards."""
import threading

import numpy as np
import pytest
from hypothesis import given

import autograd as ag
import nn
from autograd.modes import current, observing
from autograd.viz import trace_backward
from autograd.viz import trace_text
from strategies import arrays, floats, shapes


def single_neuron():
    w = ag.tensor(0.8, requires_grad=True, name="w")
    b = ag.tensor(-0.5, requires_grad=True, name="b")
    z = w * 0.6 + b
    z.name = "z"
    a = z.sigmoid()
    a.name = "a"
    cost = (a - 1.0) ** 2
    cost.name = "C"
    return cost, w, b


def test_the_single_neuron_walks_back_from_the_cost_with_the_seeds_chain_rule():
    cost, w, b = single_neuron()
    trace = trace_backward(cost)
    assert [s.op_name for s in trace] == ["pow(2)", "sub", "sigmoid", "add", "mul"]
    sigmoid = trace[2]
    a, z = 1 / (1 + np.exp(-(0.8 * 0.6 - 0.5))), 0.8 * 0.6 - 0.5
    assert sigmoid.output_name == "a" and sigmoid.grad == pytest.approx(2 * (a - 1), rel=1e-6)
    (send,) = sigmoid.sends
    assert send.target_name == "z" and send.local.startswith("sigma'(z)")
    assert send.local_values == pytest.approx(a * (1 - a), rel=1e-6)
    assert send.grad == pytest.approx(2 * (a - 1) * a * (1 - a), rel=1e-6)
    text = trace_text.product(sigmoid, send, "C")
    assert text.startswith("dC/dz = dC/da * sigma'(z) = -1.01 * 0.25 = -0.2525")
    assert trace.leaf_gradients() == {"w": w.grad, "b": b.grad}
    assert w.grad == pytest.approx(0.6 * 2 * (a - 1) * a * (1 - a), rel=1e-6) and z < 0


@given(arrays(shapes(min_dims=1), floats()))
def test_steps_follow_the_engine_and_sums_meet_where_a_tensor_is_used_twice(values):
    x = ag.Tensor(values, requires_grad=True, name="x")
    loss = (x * x + x.exp()).sum()
    trace = trace_backward(loss)
    sequences = [step_node.sequence for step_node in _nodes(loss)]
    assert len(trace) == len(sequences)  # one step per node, newest first
    sends_to_x = [s for step in trace for s in step.sends if s.target_name == "x"]
    assert len(sends_to_x) == 3  # x * x twice, exp once
    assert sends_to_x[0].before is None
    for earlier, later in zip(sends_to_x, sends_to_x[1:]):
        assert later.before is not None
        np.testing.assert_allclose(later.after, later.before + later.grad)
    np.testing.assert_allclose(sends_to_x[-1].after, x.grad)
    np.testing.assert_allclose(x.grad, 2 * values + np.exp(values), rtol=1e-12)


def _nodes(root):
    seen, stack = [], [root.grad_fn]
    while stack:
        node = stack.pop()
        if node is not None and node not in seen:
            seen.append(node)
            stack.extend(t.grad_fn for t in node.inputs if t is not None)
    return sorted(seen, key=lambda n: -n.sequence)


def test_the_seeds_network_is_traced_one_step_per_layer_op_with_seeds_names():
    net = nn.MLP([784, 16, 16, 10], seed=0)
    x = ag.tensor(np.random.default_rng(0).random((10, 784), dtype=np.float32), name="x")
    y = ag.tensor(np.eye(10, dtype=np.float32), name="y")
    cost = nn.quadratic_cost(net(x), y)
    trace = trace_backward(cost)
    assert [s.output_name for s in trace] == ["C", "a3", "z3", "a2", "z2", "a1", "z1"]
    weight_grads = {s.target_name: s.grad for step in trace for s in step.sends}
    for name, parameter in net.named_parameters():
        np.testing.assert_array_equal(weight_grads[name], parameter.grad)
    assert "shape (10, 16), norm" in trace_text.arriving(trace[3], "C")


def test_the_trace_leaves_the_hook_off_and_other_threads_untouched():
    seen_in_thread = []
    cost, _, _ = single_neuron()
    observer_during = []

    class Spy:
        def visit(self, node, grad):
            observer_during.append(current().backward_observers)

        def sent(self, node, tensor, grad):
            pass

    def other_thread():
        seen_in_thread.append(current().backward_observers)

    spy = Spy()
    with observing(backward=spy):
        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        cost.backward()
    assert seen_in_thread == [()] and observer_during == [(spy,)] * 5
    cost, _, _ = single_neuron()
    trace_backward(cost)
    assert current().backward_observers == ()


def test_trace_backward_refuses_what_has_no_graph():
    with pytest.raises(TypeError, match="grad_fn"):
        trace_backward(ag.tensor(1.0, requires_grad=True))


def test_html_gif_and_frames_are_written(tmp_path):
    cost, _, _ = single_neuron()
    trace = trace_backward(cost)
    page = trace.save_html(tmp_path / "trace.html")
    text = open(page, encoding="utf-8").read()
    assert "<svg" in text and "http://" not in text.replace("http://www.w3.org", "")
    assert "<script src" not in text
    frames = trace.save_frames(tmp_path / "frames", "svg")
    assert len(frames) == len(trace) + 1
    gif = trace.save_gif(tmp_path / "trace.gif")
    from PIL import Image
    with Image.open(gif) as image:
        assert image.n_frames == len(trace) + 1
    assert 'srcdoc="' in trace._repr_html_()
