"""`Function`: one differentiable operation, its forward and backward side by side.

Every built-in op is a subclass, and users write their own the same way::

    class Cube(autograd.Function):
        @staticmethod
        def forward(ctx, x):              # x is a numpy array
            ctx.save_for_backward(x)
            return x ** 3
        @staticmethod
        def backward(ctx, grad):          # d(x^3)/dx = 3 x^2
            (x,) = ctx.saved_tensors
            return grad * 3 * x ** 2

    y = Cube.apply(t)

`forward` receives numpy arrays (the `.data` of each Tensor argument; other arguments as
given) and returns a numpy array. `backward` receives the gradient of the output and returns
one gradient per positional input (None for inputs that need none). Normally both are numpy
arrays. Under `backward(create_graph=True)` they are Tensors instead, and `ctx.saved_tensors`
gives back the input and output Tensors that were saved, so a backward written with operators
and the functions of `ctx.xp` (exp, log, where, ...) is recorded and can be differentiated
again. Other saved arrays (masks, signs) are constants of the backward formula.

The instance of the Function subclass is both the `ctx` of forward/backward and the node of
the graph: `out.grad_fn` is it, `node.inputs` are the Tensors it was applied to (numpy
arrays among the arguments become constant Tensors; None stands for any other argument),
`ctx.needs_input_grad` says per input whether a gradient is wanted, and `node.sequence` is
its stamp from the clock of `version.py` (the engine's order: later nodes have larger ones).
"""
import numpy as np

from . import array_api
from .anomaly import user_code_location
from .modes import _per_thread
from .dtypes import check_numeric
from . import tensor as tensor_module  # (loaded after this module: Tensor's methods build on the ops)
from .version import clock


class Function:
    """Base class of every op. Subclasses define static `forward` and `backward`."""

    create_graph = False
    released = False
    saved = ()
    output_data = None
    output_version = None
    scope = ()
    created_at = None
    retained_output = None
    output_tangent = None  # forward mode: the output's (level, tangent), for saved_tensors
    returns_new_arrays = False  # backward's numpy gradients are arrays nobody else holds

    @staticmethod
    def forward(ctx, *inputs, **options):
        raise NotImplementedError("a Function subclass must define forward(ctx, *inputs)")

    @staticmethod
    def backward(ctx, grad):
        raise NotImplementedError("a Function subclass must define backward(ctx, grad)")

    @staticmethod
    def jvp(ctx, *tangents):
        """Forward mode (optional): the output's tangent from one tangent per input (numpy
        arrays; None for an input without one, as PyTorch: leave its term out, see
        ops/tangents.py), the directional derivative sum_i dy/dx_i dx_i.
        ctx holds what forward kept, `ctx.input_arrays` and `ctx.output_data`."""
        raise NotImplementedError

    @classmethod
    def apply(cls, *args, **options):
        """Run forward on the arguments' arrays and, when recording, make this op a node of
        the graph: the output's `grad_fn`, linked to the inputs it was applied to."""
        ctx = cls()
        Tensor = tensor_module.Tensor
        arrays, inputs, needs = [], [], []
        for arg in args:
            if isinstance(arg, Tensor):
                arrays.append(arg.data)
                inputs.append(arg)
                needs.append(arg.requires_grad)
            elif isinstance(arg, np.ndarray):  # a constant: kept as a node for the diagrams
                if arg.dtype.kind not in "biuf":
                    check_numeric(arg.dtype, f"op '{cls.__name__.lower()}': an array operand")
                arrays.append(arg)
                inputs.append(Tensor._wrap(arg, False, None))
                needs.append(False)
            else:
                arrays.append(arg)
                inputs.append(None)
                needs.append(False)
        count = len(arrays)
        if count > 1 and (arrays[0] is arrays[1] or count > 3 or (
                count == 3 and (arrays[2] is arrays[0] or arrays[2] is arrays[1]))):
            _separate_shared_arrays(arrays, inputs)  # x and x.detach(): tell saved values apart
        ctx.inputs = tuple(inputs)
        ctx.input_arrays = arrays
        ctx.needs_input_grad = needs = tuple(needs)
        modes = _per_thread.modes
        if modes.anomaly:
            ctx.created_at = user_code_location()
        output = cls.forward(ctx, *arrays, **options)
        if type(output) is not np.ndarray:
            # numpy gives 0-d results as scalars: keep a saved output recognisable as the output
            scalar, output = output, _as_output_array(output, ctx)
            ctx.saved = tuple(output if s is scalar else s for s in ctx.saved)
        if output.dtype.kind not in "biuf":
            check_numeric(output.dtype, f"op '{ctx.name}': forward's result")
        if True in needs and modes.grad_enabled:  # record: the node joins the graph
            ctx.sequence = next(clock)
            ctx.output_data = output
            if modes.scope:
                ctx.scope = modes.scope
            result = Tensor._wrap(output, True, ctx)
        else:
            result = Tensor._wrap(output, False, None)
        if modes.apply_observers:  # forward-mode levels, op counters, autograd.compile
            ctx.options = options
            for observer in modes.apply_observers:
                observer.applied(ctx, result)
        return result

    # -- what forward and backward use ------------------------------------------------------

    @property
    def name(self):
        """The op's name in error messages and diagrams (overridden to show options)."""
        return type(self).__name__.lower()

    def save_for_backward(self, *arrays):
        """Keep arrays that backward needs; they are freed after backward unless retained."""
        self.saved = arrays

    @property
    def saved_tensors(self):
        """The saved arrays, or under create_graph the Tensors they belong to: an array forward
        received as input k is input k (each input gets an array object of its own, so x and
        x.detach() stay apart), forward's result is the output, anything else a constant."""
        if not self.create_graph:
            return self.saved
        return tuple(self._graph_tensor(array) for array in self.saved)

    @property
    def xp(self):
        """Array functions for backward formulas: numpy's, or recorded ones under create_graph."""
        return array_api.tensor_functions if self.create_graph else array_api.numpy_functions

    def _graph_tensor(self, array):
        Tensor = tensor_module.Tensor
        for tensor, forward_array in zip(self.inputs, self.input_arrays):
            if forward_array is array and tensor is not None:
                return tensor
        if array is self.output_data:
            output = Tensor._wrap(array, True, self)
            if self.output_tangent is not None:  # forward-over-reverse sees its tangent
                output._tangent = self.output_tangent
            return output
        if isinstance(array, np.ndarray):
            return Tensor._wrap(array, False, None)
        return array  # a Python number stays a number (and keeps the dtype of what it meets)

    def check_saved_versions(self):
        """Raise if a saved input or output was changed in place after this node recorded it
        (its values would no longer be the ones the backward formula needs)."""
        for array in self.saved:
            if array is self.output_data:
                counter, what = self.output_version, "its output"
            else:
                index = next((i for i, a in enumerate(self.input_arrays)
                              if a is array and self.inputs[i] is not None), None)
                if index is None:
                    continue  # computed inside forward: nobody else holds it
                tensor = self.inputs[index]
                counter = tensor._version_counter
                what = f"input {index} ({tensor.describe()})"
            if counter is not None and counter.stamp > self.sequence:
                raise RuntimeError(
                    f"backward through op '{self.name}': one of the values it saved, {what}, "
                    f"was changed by an in-place operation after the op was recorded (now at "
                    f"version {counter.count}); compute a new tensor instead (t = t - x), or "
                    f"change it only after backward"
                )

    def __repr__(self):
        return f"<{self.name} backward node>"


def _separate_shared_arrays(arrays, inputs):
    """Give each input Tensor an array object of its own (a view where two share one), so
    that a saved array names exactly one input."""
    first_user = {}
    for i, array in enumerate(arrays):
        if isinstance(array, np.ndarray):
            first = first_user.setdefault(id(array), i)
            if inputs[first] is not inputs[i]:
                arrays[i] = array.view()


def _as_output_array(output, ctx):
    if isinstance(output, (np.generic, bool, int, float)):
        return np.asarray(output)
    raise TypeError(
        f"op '{ctx.name}': forward must return a numpy array; got {type(output).__name__}"
    )


def unbroadcast(grad, shape):
    """Sum `grad` back to `shape`: the adjoint of numpy broadcasting.

    Broadcasting copies an input along new leading axes and along axes of size 1, so the
    gradient of such an input is the sum of the output gradient over exactly those axes.
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    axes = tuple(range(extra)) + tuple(
        extra + i for i, size in enumerate(shape) if size == 1 and grad.shape[extra + i] != 1
    )
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    return grad.reshape(shape)
