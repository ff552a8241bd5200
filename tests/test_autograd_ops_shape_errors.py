"""The shape family's contract with PyTorch users: transpose swaps two dims (numpy's meaning,
a full permutation, is permute's and named by the error), bad arguments raise standard errors
that name the op and what was given, where torch raises too; and the deliberate differences."""
import numpy as np
import pytest
import torch
import torch.nn.functional as F

import autograd as ag


def both(values):
    """The same float64 values as an autograd Tensor and a torch tensor."""
    return ag.Tensor(np.asarray(values, dtype=np.float64)), torch.tensor(values,
                                                                         dtype=torch.float64)


MATRIX = np.arange(6.0).reshape(2, 3)


def test_transpose_of_two_dims_swaps_them_as_in_torch():
    ours, theirs = both(MATRIX)
    np.testing.assert_array_equal(ours.transpose(0, 1).data, theirs.transpose(0, 1).numpy())
    np.testing.assert_array_equal(ours.transpose(0, 1).data, MATRIX.T)
    cube, torch_cube = both(np.arange(24.0).reshape(2, 3, 4))
    np.testing.assert_array_equal(cube.transpose(0, 2).data, torch_cube.transpose(0, 2).numpy())
    np.testing.assert_array_equal(ag.transpose(cube, -1, 1).data,
                                  torch.transpose(torch_cube, -1, 1).numpy())


def test_transpose_without_dims_reverses_all_axes_as_numpy():
    cube = ag.Tensor(np.zeros((2, 3, 4)))
    assert cube.transpose().shape == cube.T.shape == (4, 3, 2)


@pytest.mark.parametrize("dims", [((1, 0),), (1, 0, 2), ([2, 0, 1],), (0,)])
def test_transpose_given_a_permutation_raises_a_type_error_naming_permute(dims):
    with pytest.raises(TypeError, match=r"transpose: expected two dims.*permute"):
        ag.Tensor(np.zeros((2, 3, 4))).transpose(*dims)


def test_permute_takes_the_order_one_by_one_or_as_one_sequence():
    cube = ag.Tensor(np.zeros((2, 3, 4)))
    assert cube.permute(2, 0, 1).shape == cube.permute((2, 0, 1)).shape == (4, 2, 3)
    assert cube.permute([-1, 0, 1]).shape == ag.permute(cube, (2, 0, 1)).shape == (4, 2, 3)


def test_contiguous_is_the_tensor_itself():
    x = ag.Tensor(MATRIX)
    assert x.contiguous() is x


CUBE = np.zeros((2, 3, 4))

# (what is done, on a tensor of our engine's or torch's, error type, our message; torch raises
# for the same call, any standard type)
ERRORS = [
    (lambda t: t.reshape(5, 5), ValueError, r"reshape: .*shape \(2, 3, 4\).*into shape \(5, 5\)"),
    (lambda t: t.view(-1, -1, 2), ValueError, r"reshape: .*\(-1, -1, 2\)"),
    (lambda t: t.unsqueeze(4), IndexError, "unsqueeze: axis 4 is out of range"),
    (lambda t: t.squeeze((0, 0)), ValueError, r"squeeze: dims \(0, 0\) name the same axis"),
    (lambda t: t.flatten(2, 1), ValueError, "flatten: start_dim 2 comes after end_dim 1"),
    (lambda t: t.unflatten(1, (2, 2)), ValueError, r"unflatten: sizes \(2, 2\) do not multiply"),
    (lambda t: t.unflatten(1, ()), ValueError, "unflatten: the sizes must not be empty"),
    (lambda t: t.permute(0, 1), ValueError, r"permute: dims \(0, 1\) are not a permutation"),
    (lambda t: t.permute(0, 1, 1), ValueError, r"permute: dims \(0, 1, 1\)"),
    (lambda t: t.transpose(0, 3), IndexError, "transpose: axis 3 is out of range"),
    (lambda t: t.t(), ValueError, r"t: expects at most 2 dimensions; got shape \(2, 3, 4\)"),
    (lambda t: t[0, 0].mT, ValueError, r"mT: needs at least 2 dimensions; got shape \(4,\)"),
    (lambda t: t.movedim((0, 1), 2), ValueError, r"movedim: source \(0, 1\) and destination"),
    (lambda t: t.movedim((0, 0), (1, 2)), ValueError, r"movedim: dims \(0, 0\) name the same"),
    (lambda t: t.expand(3, 4), ValueError, r"expand: sizes \(3, 4\) have fewer entries"),
    (lambda t: t.expand(2, 5, 4), ValueError, r"expand: .*shape \(2, 3, 4\) cannot be expanded"),
    (lambda t: t.expand(-1, 2, 3, 4), ValueError, "expand: -1 cannot be the size of a new"),
    (lambda t: t.flip(0, -3), ValueError, r"flip: dims \(0, -3\) name the same axis twice"),
    (lambda t: t[0, 0].fliplr(), ValueError, r"fliplr: needs at least 2 dimensions"),
    (lambda t: t[0, 0, 0].flipud(), ValueError, r"flipud: needs at least 1 dimension"),
    (lambda t: t.roll((1, 2), 0), ValueError, r"roll: shifts \(1, 2\) and dims \(0,\)"),
    (lambda t: t[0, 0, 0].roll(1, 0), IndexError, "roll: a 0-d tensor has no dim 0"),
    (lambda t: t.repeat(2, 2), ValueError, r"repeat: needs a non-negative count for each"),
    (lambda t: t.repeat(1, -1, 1), ValueError, r"repeat: .*got \(1, -1, 1\)"),
    (lambda t: t.repeat_interleave(-1), ValueError, "repeat_interleave: repeats must be non-neg"),
    (lambda t: t.repeat_interleave([1, 2, 3], dim=0), ValueError,
     "repeat_interleave: 3 repeats for an axis of size 2"),
    (lambda t: t.narrow(1, 4, 1), IndexError, "narrow: start 4 is out of range"),
    (lambda t: t.narrow(1, 2, 2), ValueError, "narrow: start 2 and length 2 do not fit"),
    (lambda t: t[0, 0, 0].narrow(0, 0, 1), ValueError, "narrow: a 0-d tensor has no axis"),
    (lambda t: t.split(0, 1), ValueError, "split: the split size must be positive; got 0"),
    (lambda t: t.split([1, 1], 1), ValueError, r"split: section sizes \(1, 1\) .*size 3"),
    (lambda t: t[0, 0, 0].split(1), ValueError, "split: a 0-d tensor has no axis to cut"),
    (lambda t: t.chunk(0), ValueError, "chunk: chunks must be a positive int; got 0"),
    (lambda t: t[0, 0, 0].unbind(), IndexError, "unbind: a 0-d tensor has no dimension"),
]


@pytest.mark.parametrize("call, error, message", ERRORS)
def test_bad_arguments_raise_a_standard_error_naming_the_op_where_torch_raises(call, error,
                                                                               message):
    ours, theirs = both(CUBE)
    with pytest.raises(error, match=message):
        call(ours)
    with pytest.raises((RuntimeError, IndexError, ValueError, TypeError)):
        call(theirs)


PAD_ERRORS = [
    ((2, 5), (1, 2, 3), "constant", r"pad: the padding must be \(before, after\) pairs"),
    ((2, 5), (1, 1, 1, 1, 1, 1), "constant", "for at most all 2 axes"),
    ((2, 5), (1, 1), "mirror", "pad: mode must be one of"),
    ((2, 5), (-3, -3), "constant", r"pad: padding \(-3, -3\) crops more than the size 5"),
    ((2, 5), (5, 0), "reflect", "pad: reflect padding must be smaller than the axis"),
    ((2, 5), (6, 0), "circular", "pad: circular padding can wrap around at most once"),
    ((2, 5), (-3, -2), "replicate", "pad: replicate padding .* leaves nothing"),
]


@pytest.mark.parametrize("shape, widths, mode, message", PAD_ERRORS)
def test_bad_padding_raises_a_value_error_naming_pad_where_torch_raises(shape, widths, mode,
                                                                        message):
    ours, theirs = both(np.zeros(shape))
    with pytest.raises(ValueError, match=message):
        ag.pad(ours, widths, mode)
    with pytest.raises((RuntimeError, NotImplementedError, ValueError)):
        F.pad(theirs, widths, mode=mode)


def test_shape_arguments_that_are_not_ints_raise_a_type_error():
    x = ag.Tensor(CUBE)
    for call in (lambda: x.view(2.0, 12), lambda: x.permute("012"), lambda: x.flip(0.5),
                 lambda: x.repeat_interleave(np.array([1.5, 1.0]), dim=0),
                 lambda: ag.pad(x, (1.0, 1))):
        with pytest.raises(TypeError):
            call()


# -- deliberate differences from torch ------------------------------------------------------------


def test_reflect_replicate_and_circular_pad_any_trailing_axes_where_torch_refuses_some():
    """torch pads 1 to 3 trailing axes of tensors with 1 or 2 more axes in these modes, and
    refuses empty axes; ours pads any trailing axes and refuses only an empty padded axis."""
    signal = np.array([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(ag.pad(signal, (2, 1), "reflect").data,
                                  np.pad(signal, (2, 1), "reflect"))
    with pytest.raises(NotImplementedError):
        F.pad(torch.tensor(signal), (2, 1), mode="reflect")
    grid = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(ag.pad(grid, (1, 1, 1, 1), "replicate").data,
                                  np.pad(grid, 1, "edge"))
    with pytest.raises(NotImplementedError):
        F.pad(torch.tensor(grid), (1, 1, 1, 1), mode="replicate")
    assert ag.pad(np.zeros((0, 2)), (1, 1), "replicate").shape == (0, 4)
    with pytest.raises(RuntimeError):
        F.pad(torch.zeros(0, 2), (1, 1), mode="replicate")


def test_view_reshapes_any_tensor_where_torch_refuses_a_non_contiguous_one():
    ours, theirs = both(MATRIX)
    np.testing.assert_array_equal(ours.t().view(-1).data, MATRIX.T.reshape(-1))
    with pytest.raises(RuntimeError, match="view"):
        theirs.t().view(-1)


def test_flatten_with_nothing_to_merge_and_mT_of_a_0d_tensor_return_the_tensor_itself():
    for backend_tensor in (ag.Tensor(MATRIX, requires_grad=True),
                           torch.tensor(MATRIX, requires_grad=True)):
        assert backend_tensor.flatten(1, 1) is backend_tensor
        assert backend_tensor.flatten(0, -2) is backend_tensor
        scalar = backend_tensor[0, 0]
        assert scalar.flatten(0, 0) is not scalar and scalar.flatten().shape == (1,)
    scalar = ag.Tensor(np.array(2.0))
    assert scalar.mT is scalar


def second_derivative_through_an_empty_copy(backend, copy):
    """d2/dx2 of 1.5 e^x + sum(x ** copy(e^x)) at x = 0, where the copy is empty: the sum's
    derivatives are sums over nothing, but log(x) = -inf meets them (0 / 0)."""
    is_ours = backend == "ours"
    x = ag.Tensor(np.array(0.0), requires_grad=True) if is_ours else torch.tensor(
        0.0, dtype=torch.float64, requires_grad=True)
    grad = ag.grad if is_ours else torch.autograd.grad
    y = x.exp()
    (g,) = grad(y * 1.5 + (x ** copy(y)).sum(), [x], create_graph=True)
    with np.errstate(invalid="ignore"):
        (h,) = grad(g, [x])
    return float(h.data if is_ours else h)


@pytest.mark.parametrize("copy", [lambda y: y.repeat(0), lambda y: y.reshape(1, 1).tile(0, 2)])
def test_a_zero_repeat_is_differentiated_twice_like_torch_expand_where_torch_repeat_cuts(copy):
    """torch's repeat with a 0 count sends no graph back, so its second derivative here is
    1.5; its expand to 0 (and its indexing, narrow, flip, a repeat of an empty tensor, ...)
    give NaN, as ours does for all. The differential programs draw no 0 count for repeat or
    tile."""
    assert np.isnan(second_derivative_through_an_empty_copy("ours", copy))
    assert second_derivative_through_an_empty_copy("torch", copy) == 1.5
    assert np.isnan(second_derivative_through_an_empty_copy(
        "torch", lambda y: y.reshape(1).expand(0)))
