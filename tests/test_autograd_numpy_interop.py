"""numpy functions on Tensors (NEP 13 / NEP 18): ufuncs, operators with an array first and
numpy's functions give differentiable Tensors equal to the Tensor ops; what has no op here
raises a TypeError that says so, never a silent detach; np.asarray(t) is still the data."""
import io

import numpy as np
import pytest
from hypothesis import given

import autograd as ag
from autograd import numpy_interop
from strategies import arrays, floats, leaf, shapes

X = np.array([[0.5, -1.25, 2.0], [1.5, 0.25, -0.75]])

# A call of a numpy function with a Tensor, and the op it must equal (None: the same numpy
# call on the data, for ops that are not in this build yet the TypeError says so).
SAMPLE_CALLS = [
    ("exp", lambda t: np.exp(t), lambda t: t.exp()),
    ("negative", lambda t: np.negative(t), lambda t: -t),
    ("absolute", lambda t: np.abs(t), lambda t: t.abs()),
    ("sin", lambda t: np.sin(t), lambda t: t.sin()),
    ("arcsin", lambda t: np.arcsin(t * 0.1), lambda t: (t * 0.1).asin()),
    ("maximum", lambda t: np.maximum(t, 0.0), lambda t: ag.maximum(t, 0.0)),
    ("sum", lambda t: np.sum(t, axis=0), lambda t: t.sum(axis=0)),
    ("add.reduce", lambda t: np.add.reduce(t, axis=1), lambda t: t.sum(axis=1)),
    ("mean", lambda t: np.mean(t, axis=1, keepdims=True), lambda t: t.mean(1, keepdims=True)),
    ("max", lambda t: np.max(t, axis=0), lambda t: t.amax(axis=0)),
    ("reshape", lambda t: np.reshape(t, (3, 2)), lambda t: t.reshape(3, 2)),
    ("ravel", lambda t: np.ravel(t), lambda t: t.reshape(-1)),
    ("transpose", lambda t: np.transpose(t), lambda t: t.T),
    ("transpose axes", lambda t: np.transpose(t, (1, 0)), lambda t: t.permute(1, 0)),
    ("swapaxes", lambda t: np.swapaxes(t, 0, 1), lambda t: t.swapaxes(0, 1)),
    ("clip", lambda t: np.clip(t, -1.0, 1.0), lambda t: t.clamp(-1.0, 1.0)),
    ("where", lambda t: np.where(X > 0, t, 0.0), lambda t: ag.where(X > 0, t, 0.0)),
    ("concatenate", lambda t: np.concatenate([t, t * 2], axis=1),
     lambda t: ag.cat([t, t * 2], dim=1)),
    ("concatenate None", lambda t: np.concatenate([t, t], axis=None),
     lambda t: ag.cat([t.reshape(-1), t.reshape(-1)])),
    ("stack", lambda t: np.stack([t, t], axis=2), lambda t: ag.stack([t, t], dim=2)),
    ("matmul", lambda t: np.matmul(X.T, t), lambda t: ag.Tensor(X.T) @ t),
    ("dot", lambda t: np.dot(t, X.T), lambda t: t @ ag.Tensor(X.T)),
    ("split", lambda t: np.split(t, 3, axis=1)[1], lambda t: t[:, 1:2]),
    ("array_split", lambda t: np.array_split(t, [1], axis=0)[1], lambda t: t[1:]),
    ("copy", lambda t: np.copy(t), lambda t: t.clone()),
    ("cumsum", lambda t: np.cumsum(t, axis=1), lambda t: t.cumsum(1)),
    ("var", lambda t: np.var(t, axis=0), lambda t: t.var(0, correction=0)),
    ("repeat", lambda t: np.repeat(t, 2, axis=0), lambda t: t.repeat_interleave(2, 0)),
    ("pad", lambda t: np.pad(t, ((1, 0), (1, 2))), lambda t: ag.pad(t, [1, 2, 1, 0])),
    ("pad edge", lambda t: np.pad(t, ((0, 0), (2, 1)), mode="edge"),
     lambda t: ag.pad(t, [2, 1], mode="replicate")),
    ("norm", lambda t: np.linalg.norm(t), lambda t: t.norm()),
    ("norm axis", lambda t: np.linalg.norm(t, 1, axis=1), lambda t: t.norm(1, 1)),
    ("expand_dims", lambda t: np.expand_dims(t, (0, -1)), lambda t: t.reshape(1, 2, 3, 1)),
]


@pytest.mark.parametrize("name, numpy_call, op", SAMPLE_CALLS, ids=[c[0] for c in SAMPLE_CALLS])
def test_numpy_calls_equal_the_tensor_op_in_value_dtype_and_gradient(name, numpy_call, op):
    x, y = leaf(X.copy()), leaf(X.copy())
    got = numpy_call(x)
    wanted = op(y)
    assert isinstance(got, ag.Tensor) and got.dtype == wanted.dtype == np.float64
    np.testing.assert_array_equal(got.numpy(), wanted.numpy())
    assert got.requires_grad and got.grad_fn is not None
    weights = np.linspace(-1.0, 1.0, got.size).reshape(got.shape)
    (got * weights).sum().backward()
    (wanted * weights).sum().backward()
    np.testing.assert_array_equal(x.grad, y.grad)


@given(a=arrays(shapes()), b=arrays(shapes(max_side=1)))
def test_an_array_first_gives_what_the_tensors_reflected_operator_gives(a, b):
    """`array op t` is `t.__rop__(array)`: same values, dtypes (float32 tensors too) and
    gradients, for arrays of the tensor's dtype and of another one."""
    for dtype in (np.float64, np.float32):
        for symbol, reflected in [("+", "__radd__"), ("-", "__rsub__"), ("*", "__rmul__"),
                                  ("/", "__rtruediv__"), ("<", "__gt__"), ("==", "__eq__")]:
            for array in (b, b.astype(np.float32)):
                x = ag.Tensor(a.astype(dtype), requires_grad=True)
                got = eval(f"array {symbol} x")
                wanted = getattr(x, reflected)(array)
                assert isinstance(got, ag.Tensor) and got.dtype == wanted.dtype
                np.testing.assert_array_equal(got.numpy(), wanted.numpy())
                assert got.requires_grad == wanted.requires_grad


@given(x=arrays(shapes(max_dims=2), floats(-2.0, 2.0)))
def test_numpy_ufuncs_pass_gradcheck_and_gradgradcheck(x):
    for fn in (lambda t: np.sqrt(np.exp(t)), lambda t: np.sum(np.tanh(t) * t),
               lambda t: np.ones(t.shape) * t - np.float64(2.0) / np.exp(t)):
        assert ag.gradcheck(fn, (leaf(x),))
        assert ag.gradgradcheck(fn, (leaf(x),))


def test_numpy_in_a_custom_functions_backward_is_recorded_under_create_graph():
    class Exp(ag.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return np.exp(x)

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * np.exp(x)  # a Tensor under create_graph: recorded
    x = leaf(np.array([0.5, -1.0]))
    (first,) = ag.grad(Exp.apply(x).sum(), [x], create_graph=True)
    assert isinstance(first, ag.Tensor) and first.requires_grad
    (second,) = ag.grad(first.sum(), [x])
    np.testing.assert_allclose(second, np.exp([0.5, -1.0]), rtol=1e-15)
    assert ag.gradgradcheck(Exp.apply, (leaf(np.array([0.5, -1.0])),))


def test_np_asarray_is_the_data_and_functions_that_only_read_it_run_on_it():
    t = ag.Tensor(X, requires_grad=True)
    assert np.asarray(t) is t.data
    assert np.shape(t) == (2, 3) and np.ndim(t) == 2 and np.size(t) == 6
    assert np.array_equal(t, X) and np.count_nonzero(t) == 6
    buffer = io.BytesIO()
    np.save(buffer, t)
    buffer.seek(0)
    np.testing.assert_array_equal(np.load(buffer), X)
    np.testing.assert_array_equal(t, X)  # numpy's testing reads Tensors as their data


@pytest.mark.parametrize("call, said", [
    (lambda t: np.median(t), r"numpy.median on a Tensor: autograd has no differentiable op"),
    (lambda t: np.unique(t), r"numpy.unique on a Tensor: autograd has no differentiable op"),
    (lambda t: np.cbrt(t), r"numpy.cbrt on a Tensor: autograd has no differentiable op"),
    (lambda t: np.exp(t, dtype=np.float32), r"numpy.exp with \['dtype'\] on a Tensor"),
    (lambda t: np.add.outer(t, t), r"numpy.add.outer on a Tensor"),
    (lambda t: np.exp(t, out=np.empty((2, 3))), r"out=.* would drop the graph"),
    (lambda t: np.sum(t, out=np.empty(3), axis=0), r"numpy.sum\(..., out=...\)"),
    (lambda t: np.where(t > 0), r"numpy.where\(condition\) on a Tensor gives indices"),
    (lambda t: np.dot(np.ones((2, 2, 2)), t), r"numpy.dot of shapes \(2, 2, 2\) and \(2, 3\)"),
    (lambda t: np.reshape(t, 6, order="F"), r"only order='C'"),
    (lambda t: np.linalg.norm(t, 2), r"numpy.linalg.norm\(ord=2, axis=None\) of shape \(2, 3\) "
                                     r"on a Tensor is a matrix norm"),
    (lambda t: np.pad(t, 1, mode="mean"), r"numpy.pad on a Tensor: mode 'mean' has no op"),
])
def test_numpy_functions_without_an_op_raise_a_type_error_never_detach(call, said):
    with pytest.raises(TypeError, match=said):
        call(ag.Tensor(X, requires_grad=True))


def test_array_plus_equals_tensor_is_refused_rather_than_detached():
    array = np.ones((2, 3))
    with pytest.raises(TypeError, match=r"write `array = array \+ t`"):
        array += ag.Tensor(X, requires_grad=True)
    np.testing.assert_array_equal(array, np.ones((2, 3)))


def test_np_split_into_unequal_parts_is_a_value_error_as_numpy():
    with pytest.raises(ValueError, match="numpy.split: axis 1 of size 3 does not split into 2"):
        np.split(ag.Tensor(X), 2, axis=1)


def test_every_table_entry_names_an_op_that_exists():
    methods = ([name for pair in numpy_interop.OPERATOR_UFUNCS.values() for name in pair]
               + list(numpy_interop.UNARY_UFUNCS.values())
               + list(numpy_interop.REDUCE_UFUNCS.values())
               + list(numpy_interop.ACCUMULATE_UFUNCS.values())
               + list(numpy_interop.METHOD_FUNCTIONS.values()))
    functions = (list(numpy_interop.BINARY_UFUNCS.values())
                 + list(numpy_interop.AUTOGRAD_FUNCTIONS.values()))
    unresolved = sorted({m for m in methods if not hasattr(ag.Tensor, m)}
                        | {f for f in functions if not hasattr(ag, f)})
    assert unresolved == []
