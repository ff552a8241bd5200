"""Random autograd programs, run twice: on our engine and on PyTorch (the differential tests).

A program is plain data: float64 leaf arrays and a list of `Step`s, each naming an op, the
earlier values it reads (leaves first, then one value per step) and the op's options. Steps may
run inside `no_grad()` blocks, `detach()` values, and reuse any earlier value. `run(program,
OURS)` and `run(program, TORCH)` interpret the same program with `autograd` and with `torch`.

`program_strategies.programs()` draws programs of 3 to 25 ops over 1 to 3 leaves: shapes with at most 3 axes and
sides 0 to 3 (0-d, size-1 and size-0 axes, broadcastable pairs), values that reach the edges
(0, -0, negatives, +-40, +-700, +-1e4, +-1e-300, +-inf, sometimes NaN). The generator follows
the shapes as it goes so that most steps are valid; a few are drawn invalid on purpose (shapes
that do not broadcast or multiply, an index out of range, a 0-d concatenation), and such a
step ends the program: both engines must then raise.

The ops are the ones the engine has today, with PyTorch's counterparts: `permute` (a
permutation of all axes; `transpose()` with no dims reverses them, as numpy's), `clip` is
`clamp`; the steps "max" and "min" are `amax`/`amin` over axes (ties share the gradient evenly
in both; axis None reduces every axis, as torch's `amax(x, ())`).
Left out on purpose: `clip` with lo > hi (we refuse it, torch does not) and slices with a
negative step (torch has none); the differential test names both.
"""
import contextlib
import operator
import sys
from dataclasses import dataclass, field
from typing import Callable, NamedTuple

import numpy as np
import torch

import autograd as ag
from program_families import FAMILY_OPS
from program_op import Op

# -- the ops, on both engines -----------------------------------------------------------------


ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
              "**": operator.pow}


def _with_number(x, symbol, number, number_first):
    """`x op number` or `number op x`, with a Python number."""
    apply = ARITHMETIC[symbol]
    return apply(number, x) if number_first else apply(x, number)


def _torch_with_number(x, symbol, number, number_first):
    """The same in torch, except that `number / x` divides by x: torch's own `number / x` is
    `x.reciprocal() * number`, which is inf * 0 = NaN for a subnormal x (a deliberate
    difference: we divide)."""
    if symbol == "/" and number_first:
        return torch.tensor(number, dtype=x.dtype) / x
    return _with_number(x, symbol, number, number_first)


def _torch_reduce(name):
    """torch's sum/mean/amax/amin with numpy's options: axis None, int or tuple; keepdims.

    With axis=None sum and mean are torch's full `x.sum()`, `x.mean()` (keepdims reshapes the
    result to all 1s), and amax/amin reduce every axis (`dim=()`): a slice holding a NaN gives
    NaN to every element's gradient."""
    full, over_axes = {"sum": ("sum", torch.sum), "mean": ("mean", torch.mean),
                       "max": (None, torch.amax), "min": (None, torch.amin)}[name]

    def reduce(x, axis, keepdims):
        if axis is None and full is not None:
            result = getattr(x, full)()
            return result.reshape((1,) * x.ndim) if keepdims else result
        return over_axes(x, () if axis is None else axis, keepdim=keepdims)
    return reduce


def _ours_reduce(name):
    return lambda x, axis, keepdims: getattr(x, name)(axis=axis, keepdims=keepdims)


def _torch_permute(x, axes):
    return x.permute(tuple(reversed(range(x.ndim))) if axes is None else axes)


OPS = {
    # elementwise, one tensor
    "neg": Op(operator.neg, operator.neg, "-{0}"),
    "exp": Op(ag.Tensor.exp, torch.exp, "{0}.exp()"),
    "log": Op(ag.Tensor.log, torch.log, "{0}.log()"),
    "sqrt": Op(ag.Tensor.sqrt, torch.sqrt, "{0}.sqrt()"),
    "abs": Op(ag.Tensor.abs, torch.abs, "{0}.abs()"),
    "sigmoid": Op(ag.Tensor.sigmoid, torch.sigmoid, "{0}.sigmoid()"),
    "tanh": Op(ag.Tensor.tanh, torch.tanh, "{0}.tanh()"),
    "relu": Op(ag.Tensor.relu, torch.relu, "{0}.relu()"),
    "clip": Op(lambda x, lo, hi: x.clip(lo, hi),
               lambda x, lo, hi: torch.clamp(x, min=lo, max=hi), "{0}.clip({lo!r}, {hi!r})"),
    "pow_number": Op(lambda x, exponent: x ** exponent, lambda x, exponent: x ** exponent,
                     "{0} ** {exponent!r}"),
    "detach": Op(ag.Tensor.detach, torch.Tensor.detach, "{0}.detach()"),
    # a tensor and a Python number, either side
    "number": Op(_with_number, _torch_with_number, "{text}"),
    # two tensors, broadcast
    "add": Op(operator.add, operator.add, "{0} + {1}"),
    "sub": Op(operator.sub, operator.sub, "{0} - {1}"),
    "mul": Op(operator.mul, operator.mul, "{0} * {1}"),
    "div": Op(operator.truediv, operator.truediv, "{0} / {1}"),
    "pow": Op(operator.pow, operator.pow, "{0} ** {1}"),
    "matmul": Op(operator.matmul, operator.matmul, "{0} @ {1}"),
    "where": Op(lambda c, a, b, threshold: ag.where(c > threshold, a, b),
                lambda c, a, b, threshold: torch.where(c > threshold, a, b),
                "ag.where({0} > {threshold!r}, {1}, {2})"),
    # reductions and softmax
    "sum": Op(_ours_reduce("sum"), _torch_reduce("sum"),
              "{0}.sum(axis={axis!r}, keepdims={keepdims})"),
    "mean": Op(_ours_reduce("mean"), _torch_reduce("mean"),
               "{0}.mean(axis={axis!r}, keepdims={keepdims})"),
    "max": Op(_ours_reduce("amax"), _torch_reduce("max"),
              "{0}.amax(axis={axis!r}, keepdims={keepdims})"),
    "min": Op(_ours_reduce("amin"), _torch_reduce("min"),
              "{0}.amin(axis={axis!r}, keepdims={keepdims})"),
    "softmax": Op(lambda x, axis: x.softmax(axis=axis),
                  lambda x, axis: torch.softmax(x, dim=axis), "{0}.softmax(axis={axis})"),
    "log_softmax": Op(lambda x, axis: x.log_softmax(axis=axis),
                      lambda x, axis: torch.log_softmax(x, dim=axis),
                      "{0}.log_softmax(axis={axis})"),
    # shapes and indexing
    "reshape": Op(lambda x, shape: x.reshape(shape), lambda x, shape: x.reshape(shape),
                  "{0}.reshape({shape!r})"),
    "permute": Op(lambda x, axes: x.permute(axes) if axes is not None else x.transpose(),
                  _torch_permute, "{0}.{axes_text}"),
    "T": Op(lambda x: x.T, lambda x: x.T, "{0}.T"),
    "getitem": Op(lambda x, index: x[index], lambda x, index: x[index], "{0}[{index_text}]"),
    "concatenate": Op(lambda *xs, axis: ag.concatenate(xs, axis=axis),
                      lambda *xs, axis: torch.cat(xs, dim=axis),
                      "ag.concatenate([{args}], axis={axis})"),
    "stack": Op(lambda *xs, axis: ag.stack(xs, axis=axis),
                lambda *xs, axis: torch.stack(xs, dim=axis), "ag.stack([{args}], axis={axis})"),
    **FAMILY_OPS,
}


# -- programs as data -------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """values.append(OPS[op](*[values[i] for i in args], **params)), under no_grad() if asked."""
    op: str
    args: tuple
    params: dict = field(default_factory=dict)
    no_grad: bool = False

    def text(self, names):
        """The step as autograd code, given the names of all values so far."""
        shown = dict(self.params)
        if self.op == "number":
            x, number = names[self.args[0]], repr(self.params["number"])
            left, right = (number, x) if self.params["number_first"] else (x, number)
            shown["text"] = f"{left} {self.params['symbol']} {right}"
        if self.op == "permute":
            axes = self.params["axes"]
            shown["axes_text"] = "transpose()" if axes is None else f"permute({axes!r})"
        if self.op == "getitem":
            shown["index_text"] = ", ".join(_index_text(part) for part in self.params["index"])
        arg_names = [names[i] for i in self.args]
        return OPS[self.op].text.format(*arg_names, args=", ".join(arg_names), **shown)


def _index_text(part):
    if isinstance(part, slice):
        return ":".join("" if v is None else str(v) for v in (part.start, part.stop, part.step))
    return str(part)


@dataclass
class Program:
    """Leaf arrays, steps, and the constants of the checks: `weights[k]` multiplies value k in
    the scalar loss, `directions[i]` is leaf i's part of the Hessian-vector product's vector.
    `output_scales[k]`, when given, an array that multiplies step k's result (the differential
    test uses it to imitate rounding errors)."""
    leaves: list
    steps: list
    weights: list
    directions: list
    output_scales: list = None

    def names(self):
        return [f"x{i}" for i in range(len(self.leaves))] + [
            f"v{k}" for k in range(len(self.leaves), len(self.leaves) + len(self.steps))]

    def _repr_pretty_(self, printer, cycle):
        """How hypothesis shows a failing program: as code."""
        printer.text(repr(self))

    def __repr__(self):
        """The program as runnable autograd code."""
        names = self.names()
        lines = ["import numpy as np, autograd as ag"]
        lines += [f"{names[i]} = ag.Tensor({array_source(a)}, requires_grad=True)"
                  for i, a in enumerate(self.leaves)]
        for k, step in enumerate(self.steps):
            code = f"{names[len(self.leaves) + k]} = {step.text(names)}"
            if step.no_grad:
                previous_in_block = k > 0 and self.steps[k - 1].no_grad
                lines += ([] if previous_in_block else ["with ag.no_grad():"]) + ["    " + code]
            else:
                lines.append(code)
        return "\n".join(lines)

    def step_alone(self, k, values):
        """Step k as a program of its own, over the input values it met (numpy arrays by
        value index): each distinct input becomes a leaf. Checks one op on realistic inputs
        (edge values, NaN, -0.) without the rounding of the steps before it."""
        step = self.steps[k]
        inputs = list(dict.fromkeys(step.args))  # distinct, in order
        leaves = [np.array(values[i], dtype=np.float64) for i in inputs]
        alone = Step(step.op, tuple(inputs.index(i) for i in step.args), step.params)
        rng = np.random.default_rng(k)
        directions = [rng.integers(-8, 9, size=a.shape) / 4 for a in leaves]
        output = len(self.leaves) + k
        weight = (self.weights[output] if output < len(self.weights)  # else a step drawn
                  else np.ones(np.shape(values[output])))              # invalid that is not
        return Program(leaves, [alone], [np.ones(a.shape) for a in leaves] + [weight],
                       directions)


def array_source(array):
    """numpy code that rebuilds `array` exactly (shape, inf and nan included)."""
    if array.size == 0:
        return f"np.zeros({array.shape})"
    body = np.array2string(array, separator=", ", threshold=sys.maxsize, formatter={
        "float_kind": lambda v: repr(float(v)).replace("inf", "np.inf").replace("nan", "np.nan")
    })
    return f"np.array({body})"


# -- interpreting a program with one engine ----------------------------------------------------


class Backend(NamedTuple):
    """What the interpreter and the checks need from an engine."""
    name: str                 # "ours" or "torch": the field of `Op` to call
    leaf: Callable            # float64 array -> tensor that requires grad
    constant: Callable        # float64 array -> tensor that does not
    no_grad: Callable         # -> context manager
    grad: Callable            # autograd.grad / torch.autograd.grad
    array: Callable           # tensor (or a numpy .grad) -> numpy array
    made_without_grad: Callable  # a result computed under no_grad() -> what the step gives


def _our_array(value):
    return np.asarray(value.data if isinstance(value, ag.Tensor) else value)


def _torch_array(tensor):
    """A torch tensor's values as a numpy array of their own. Some torch backward formulas
    return lazy zero tensors, which have no storage: those become numpy zeros here (converting
    them with `numpy(force=True)` crashed the interpreter once in a long run)."""
    tensor = tensor.detach()
    dtype = torch.empty(0, dtype=tensor.dtype).numpy().dtype
    if tensor._is_zerotensor():
        return np.zeros(tensor.shape, dtype=dtype)
    return tensor.resolve_conj().resolve_neg().numpy().copy()


OURS = Backend(
    "ours",
    leaf=lambda a: ag.Tensor(a.copy(), requires_grad=True),
    constant=lambda a: ag.Tensor(a.copy()),
    no_grad=ag.no_grad,
    grad=ag.grad,
    array=_our_array,
    made_without_grad=lambda t: t,
)

TORCH = Backend(
    "torch",
    leaf=lambda a: torch.tensor(a, dtype=torch.float64, requires_grad=True),
    constant=lambda a: torch.tensor(a, dtype=torch.float64),
    no_grad=torch.no_grad,
    grad=torch.autograd.grad,
    array=_torch_array,
    # torch's views (reshape, permute, indexing, ...) of a tensor that requires grad, made
    # under no_grad(), still say requires_grad=True, as leaves of their own (its view
    # tracking). Our engine, like torch's other ops there, gives requires_grad=False: a
    # deliberate difference, so the torch side detaches such results.
    made_without_grad=torch.Tensor.detach,
)


@dataclass
class Run:
    """The values one engine computed (leaves first), and the error that stopped it, if any
    (`failed_step` is its index among the steps)."""
    values: list
    error: Exception = None
    failed_step: int = None


def run(program, backend):
    """Interpret the program with one engine; stop at the first step that raises.

    Consecutive steps marked no_grad share one `no_grad()` block, as written in the code."""
    values = [backend.leaf(a) for a in program.leaves]
    with contextlib.ExitStack() as block:
        in_block = False
        for k, step in enumerate(program.steps):
            if step.no_grad and not in_block:
                block.enter_context(backend.no_grad())
            elif in_block and not step.no_grad:
                block.close()
            in_block = step.no_grad
            op = getattr(OPS[step.op], backend.name)
            try:
                value = op(*[values[i] for i in step.args], **step.params)
            except Exception as error:  # noqa: BLE001 (the comparison judges the type)
                return Run(values, error, k)
            if program.output_scales is not None:
                value = value * backend.constant(program.output_scales[k])
            values.append(backend.made_without_grad(value) if step.no_grad else value)
    return Run(values)


def weighted_loss(program, backend, values):
    """sum_k <weights[k], value_k> over every step value that requires grad: a scalar whose
    gradient reaches every recorded op with a non-zero upstream gradient. None when no value
    requires grad."""
    terms = [(value * backend.constant(weight)).sum()
             for value, weight in zip(values[len(program.leaves):],
                                      program.weights[len(program.leaves):])
             if value.requires_grad]
    if not terms:
        return None
    loss = terms[0]
    for term in terms[1:]:
        loss = loss + term
    return loss
