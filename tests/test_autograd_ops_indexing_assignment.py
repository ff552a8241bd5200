"""Recorded index assignment, `t[index] = value` on a tensor in the graph (torch's
index_put_): values and gradients equal torch's, second derivatives equal finite differences,
and a node that saved the overwritten values refuses to run backward, as in torch."""
import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

import autograd as ag
from indexing_checks import check_with_torch
from strategies import arrays, leaf, shapes


def assigned(x, value, index, times=2.0):
    """(x * times) with [index] = value * value, then times x: the assignment in the middle of
    a graph, on both engines."""
    h = x * times
    h[index] = value * value
    return h * x


@given(x=arrays(shapes(min_dims=1)), data=st.data())
def test_assignment_through_an_index_or_a_mask_matches_torch_and_passes_gradgradcheck(x, data):
    if data.draw(st.booleans(), label="mask"):
        index = data.draw(arrays(x.shape, st.booleans()).map(lambda m: m.astype(bool)))
        value_shape = ()
    else:
        index = tuple(data.draw(st.integers(0, n - 1)) for n in x.shape[:1])
        value_shape = x[index].shape[data.draw(st.integers(0, x[index].ndim)):]
    value = data.draw(arrays(value_shape), label="value")
    torch_index = torch.from_numpy(index) if isinstance(index, np.ndarray) else index
    check_with_torch(lambda t, v: assigned(t, v, index), lambda t, v: assigned(t, v, torch_index),
                     [x, value])
    assert ag.gradgradcheck(lambda t, v: assigned(t, v, index), (leaf(x), leaf(value)))


def test_a_value_that_requires_grad_brings_a_constant_tensor_into_the_graph():
    check_with_torch(lambda w: _filled(ag.zeros(3, dtype=np.float64), w),
                     lambda w: _filled(torch.zeros(3, dtype=torch.float64), w), [np.array([4.0, 5.0])])
    t = ag.zeros(3, dtype=np.float64)
    t[1:] = ag.Tensor(np.array([4.0, 5.0]), requires_grad=True)
    assert t.requires_grad and t.grad_fn.name == "indexput"


def _filled(t, w):
    t[1:] = w
    return t * 2.0


def test_an_element_named_twice_gives_its_value_the_gradient_of_both_as_torch():
    check_with_torch(lambda x, w: assigned(x, w, np.array([0, 0]), 1.0),
                     lambda x, w: assigned(x, w, torch.tensor([0, 0]), 1.0),
                     [np.array([1.0, 2.0, 3.0]), np.array(2.0)])


def test_overwriting_values_a_node_saved_makes_its_backward_refuse_as_torch():
    for make, engine in ((ag.Tensor, ag), (torch.tensor, torch)):
        x = make(np.array([1.0, 2.0]), requires_grad=True)
        h = x.exp()  # saves its result
        h[0] = 1.0
        with pytest.raises(RuntimeError):
            h.sum().backward()


def test_assignment_on_a_leaf_that_requires_grad_is_still_refused_outside_no_grad():
    w = ag.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="item assignment"):
        w[0] = 3.0
    with ag.no_grad():
        w[0] = 3.0
    assert w.data.tolist() == [3.0, 1.0] and w.grad_fn is None


def test_a_bad_index_in_a_recorded_assignment_names_the_operation_and_shape():
    h = ag.ones(2, requires_grad=True) * 2
    with pytest.raises(IndexError, match=r"item assignment: .* \(tensor of shape \(2,\)\)"):
        h[5] = 1.0
