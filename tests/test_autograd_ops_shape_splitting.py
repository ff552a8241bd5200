"""narrow, split, chunk and unbind: every piece's values and the gradient collected from all
pieces equal torch's at ordinary and edge values (empty axes included), float32 kept, first and
second derivatives equal finite differences."""
import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import autograd as ag
from shape_checks import agree_with_torch, passes_gradchecks
from strategies import arrays, edge_floats, shapes, shapes_with_empty, single_axis


def narrow(draw, shape):
    dim = draw(single_axis(len(shape)))
    n = shape[dim]
    start = draw(st.integers(-n, n))
    length = draw(st.integers(0, n - start % n if start < 0 else n - start))
    if draw(st.booleans()):
        return (lambda t: ag.narrow(t, dim, start, length),
                lambda t: torch.narrow(t, dim, start, length))
    return (lambda t: t.narrow(dim, start, length),) * 2


def split(draw, shape):
    dim = draw(single_axis(len(shape)))
    n = shape[dim]
    if draw(st.booleans()):
        size = draw(st.integers(1 if n else 0, n + 1))
        return (lambda t: ag.split(t, size, dim), lambda t: torch.split(t, size, dim))
    sections, left = [], n
    while left:
        sections.append(draw(st.integers(1, left)))
        left -= sections[-1]
    sections.insert(draw(st.integers(0, len(sections))), 0)  # an empty piece too
    return (lambda t: t.split(sections, dim),) * 2


def chunk(draw, shape):
    dim, chunks = draw(single_axis(len(shape))), draw(st.integers(1, 4))
    if draw(st.booleans()):
        return lambda t: ag.chunk(t, chunks, dim), lambda t: torch.chunk(t, chunks, dim)
    return (lambda t: t.chunk(chunks, dim),) * 2


def unbind(draw, shape):
    dim = draw(single_axis(len(shape)))
    if draw(st.booleans()):
        return lambda t: ag.unbind(t, dim), lambda t: torch.unbind(t, dim)
    return (lambda t: t.unbind(dim),) * 2


PIECES = {"narrow": narrow, "split": split, "chunk": chunk, "unbind": unbind}


@pytest.mark.parametrize("name", sorted(PIECES))
@settings(max_examples=30)
@given(data=st.data())
def test_cutting_op_matches_torch_and_passes_gradcheck_and_gradgradcheck(name, data):
    x = data.draw(arrays(shapes(1, 3)), label="x")
    ours, theirs = PIECES[name](data.draw, x.shape)
    agree_with_torch(ours, theirs, x)
    assert passes_gradchecks(ours, x)


@pytest.mark.parametrize("name", sorted(PIECES))
@settings(max_examples=30)
@given(data=st.data())
def test_cutting_op_matches_torch_at_edge_values_and_on_empty_axes(name, data):
    x = data.draw(arrays(shapes_with_empty(1, 3), edge_floats), label="x")
    ours, theirs = PIECES[name](data.draw, x.shape)
    agree_with_torch(ours, theirs, x, upstream_elements=[0.0, -0.0, 1.0, np.inf, np.nan])


def test_the_gradient_of_a_split_is_the_pieces_gradients_put_back_side_by_side():
    x = ag.Tensor(np.arange(5.0), requires_grad=True)
    first, second, third = x.split([2, 1, 2])
    (first * 1.0 + 0.0).sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0, 0.0, 0.0, 0.0])
    (third * 3.0).sum().backward()
    np.testing.assert_array_equal(x.grad, [1.0, 1.0, 0.0, 3.0, 3.0])
