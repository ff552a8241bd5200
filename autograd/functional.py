"""Functional transforms, with PyTorch's `torch.autograd.functional` names and semantics:
vjp, jvp, jacobian, hessian, hvp, vhp; and JAX-style `grad` and `value_and_grad`, which return
functions.

`func` takes Tensors and returns a Tensor or a tuple of Tensors. `inputs` is a Tensor or a tuple
of them; results come back in the same structure (a Tensor for a Tensor, a tuple for a tuple).
The inputs are used as detached copies that require grad, so the caller's tensors are never
touched; with `create_graph=True` the results stay connected to the inputs (differentiate them
again); otherwise they are plain tensors. An input that the outputs do not depend on gets zeros
(`strict=False`, as PyTorch) or raises (`strict=True`).
"""
import numpy as np

from . import engine
from .grad_mode import enable_grad
from .tensor import Tensor


def _as_tuple(values, what, function):
    """(tuple of Tensors, whether the caller gave a tuple)."""
    given_tuple = isinstance(values, (tuple, list))
    values = tuple(values) if given_tuple else (values,)
    for index, value in enumerate(values):
        if not isinstance(value, Tensor):
            raise TypeError(
                f"{function}: {what} must be Tensors (or a tuple of them); got "
                f"{type(value).__name__} at position {index}"
            )
    return values, given_tuple


def _prepared(inputs, create_graph):
    """Inputs the transform may differentiate: linked to the caller's graph under
    create_graph, else fresh leaves (float inputs require grad)."""
    prepared = []
    for x in inputs:
        if create_graph and x.requires_grad:
            prepared.append(x * 1)  # a recorded copy: gradients flow back to x
        else:
            leaf = Tensor._wrap(x.data, False, None)
            prepared.append(leaf.requires_grad_(x.dtype.kind == "f"))
    return tuple(prepared)


def _outputs(func, inputs, function):
    with enable_grad():
        outputs = func(*inputs)
    return _as_tuple(outputs, "the outputs of func", function)


def _finish(values, create_graph):
    return tuple(v if create_graph else Tensor._wrap(v.data, False, None) for v in values)


def _structure(values, given_tuple):
    return tuple(values) if given_tuple else values[0]


def _gradients(outputs, inputs, grad_outputs, create_graph, strict, function):
    """d(sum <grad_outputs, outputs>)/d(inputs); zeros (or an error) for unused inputs."""
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs) if o.requires_grad]
    if pairs:
        grads = engine.grad([o for o, _ in pairs], list(inputs), [g for _, g in pairs],
                            retain_graph=True, create_graph=create_graph, allow_unused=True)
    else:
        grads = (None,) * len(inputs)
    result = []
    for index, (x, g) in enumerate(zip(inputs, grads)):
        if g is None:
            if strict:
                raise RuntimeError(
                    f"{function}: the output does not depend on input {index} (strict=True)")
            g = Tensor._wrap(np.zeros_like(x.data), False, None)
        result.append(g)
    return tuple(result)


def _vectors(v, like, what, function):
    """`v` as a tuple of arrays shaped like `like`; None only for one-element tensors."""
    if v is None:
        if any(t.data.size != 1 for t in like):
            raise RuntimeError(
                f"{function}: v can be omitted only when every {what} has one element; give v "
                f"with shapes {[t.shape for t in like]}")
        return tuple(Tensor._wrap(np.ones_like(t.data), False, None) for t in like)
    vectors, _ = _as_tuple(v, "v", function)
    if len(vectors) != len(like) or any(a.shape != b.shape for a, b in zip(vectors, like)):
        raise RuntimeError(
            f"{function}: v must match the {what}: shapes {[t.shape for t in like]}; got "
            f"{[t.shape for t in vectors]}")
    return vectors


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T J): the vector-Jacobian product, by one backward pass."""
    inputs, given_tuple = _as_tuple(inputs, "inputs", "vjp")
    inputs = _prepared(inputs, create_graph)
    outputs, outputs_tuple = _outputs(func, inputs, "vjp")
    vectors = _vectors(v, outputs, "output", "vjp")
    grads = _gradients(outputs, inputs, vectors, create_graph, strict, "vjp")
    return (_structure(_finish(outputs, create_graph), outputs_tuple),
            _structure(_finish(grads, create_graph), given_tuple))


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), J v): the Jacobian-vector product, by the double-vjp trick: J v is the
    gradient with respect to u of u^T J v = (J^T u) . v, which is linear in u."""
    inputs, given_tuple = _as_tuple(inputs, "inputs", "jvp")
    inputs = _prepared(inputs, create_graph)
    vectors = _vectors(v, inputs, "input", "jvp")
    outputs, outputs_tuple = _outputs(func, inputs, "jvp")
    dummies = tuple(Tensor(np.zeros_like(o.data), requires_grad=True) for o in outputs)
    with enable_grad():
        transposed = _gradients(outputs, inputs, dummies, True, strict, "jvp")
        inner = [(g * u).sum() for g, u in zip(transposed, vectors) if g.requires_grad]
    if inner:
        total = inner[0]
        for term in inner[1:]:
            total = total + term
        products = engine.grad(total, list(dummies), create_graph=create_graph,
                               allow_unused=True)
    else:
        products = (None,) * len(dummies)
    products = tuple(Tensor._wrap(np.zeros_like(o.data), False, None) if p is None else p
                     for p, o in zip(products, outputs))
    return (_structure(_finish(outputs, create_graph), outputs_tuple),
            _structure(_finish(products, create_graph), outputs_tuple))


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False,
             strategy="reverse-mode"):
    """d func(inputs) / d inputs: for output k and input i a Tensor of shape
    outputs[k].shape + inputs[i].shape. A Tensor for one output and one input; a tuple over
    inputs (or over outputs) when one side is a tuple; a tuple of tuples when both are.

    Reverse mode takes one backward pass per output element (cheap for few outputs); forward
    mode one forward pass per input element (cheap for few inputs). `vectorize` is accepted
    for PyTorch's signature and changes nothing: the passes run one after the other."""
    if strategy not in ("reverse-mode", "forward-mode"):
        raise ValueError(
            f"jacobian: strategy must be 'reverse-mode' or 'forward-mode'; got {strategy!r}")
    if strict and strategy == "forward-mode":
        raise RuntimeError("jacobian: strict=True works with strategy='reverse-mode' only (as "
                         "in PyTorch)")
    inputs, inputs_tuple = _as_tuple(inputs, "inputs", "jacobian")
    prepared = _prepared(inputs, create_graph)
    outputs, outputs_tuple = _outputs(func, prepared, "jacobian")
    if strategy == "forward-mode":
        from .forward_ad import forward_jacobian
        blocks = forward_jacobian(func, prepared, outputs, create_graph)
    else:
        blocks = _reverse_jacobian(outputs, prepared, create_graph, strict)
    rows = [_structure(row, inputs_tuple) for row in blocks]
    return _structure(rows, outputs_tuple)


def _reverse_jacobian(outputs, inputs, create_graph, strict):
    """blocks[k][i] of shape outputs[k].shape + inputs[i].shape, one backward per element of
    every output."""
    blocks = []
    for output in outputs:
        rows = [[] for _ in inputs]
        for r in range(output.data.size):
            seed = np.zeros(output.data.size, dtype=output.dtype)
            seed[r] = 1
            grads = _gradients((output,), inputs, (seed.reshape(output.shape),), create_graph,
                               strict, "jacobian")
            for i, g in enumerate(grads):
                rows[i].append(g)
        block = []
        for i, x in enumerate(inputs):
            shape = output.shape + x.shape
            if create_graph and rows[i]:
                from .ops import stack
                block.append(stack(rows[i]).reshape(shape))
            else:
                values = [g.data for g in rows[i]]
                joined = np.stack(values) if values else np.zeros((0,) + x.shape, x.dtype)
                block.append(Tensor._wrap(joined.reshape(shape), False, None))
        blocks.append(tuple(block))
    return blocks


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False,
            outer_jacobian_strategy="reverse-mode"):
    """The Hessian of a function with a one-element output: shape inputs[i].shape +
    inputs[j].shape for each pair; a Tensor for one input, a tuple of tuples for a tuple."""
    inputs, inputs_tuple = _as_tuple(inputs, "inputs", "hessian")

    def gradient(*xs):
        output, _ = _outputs(func, xs, "hessian")
        if len(output) != 1 or output[0].data.size != 1:
            raise RuntimeError(
                f"hessian: func must return one Tensor with one element; got shapes "
                f"{[o.shape for o in output]}")
        grads = _gradients(output, xs, (None,), True, strict, "hessian")
        return grads if inputs_tuple else grads[0]

    return jacobian(gradient, inputs if inputs_tuple else inputs[0], create_graph, strict,
                    vectorize, outer_jacobian_strategy)


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), v^T H) for a function with a one-element output."""
    return _hessian_product(func, inputs, v, create_graph, strict, "vhp")


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """(func(inputs), H v) for a function with a one-element output. H is symmetric for
    twice continuously differentiable functions, so this equals vhp; both are the gradient of
    <grad func, v>."""
    return _hessian_product(func, inputs, v, create_graph, strict, "hvp")


def _hessian_product(func, inputs, v, create_graph, strict, function):
    inputs, given_tuple = _as_tuple(inputs, "inputs", function)
    inputs = _prepared(inputs, create_graph)
    vectors = _vectors(v, inputs, "input", function)
    outputs, _ = _outputs(func, inputs, function)
    if len(outputs) != 1 or outputs[0].data.size != 1:
        raise RuntimeError(
            f"{function}: func must return one Tensor with one element; got shapes "
            f"{[o.shape for o in outputs]}")
    with enable_grad():
        gradients = _gradients(outputs, inputs, (None,), True, strict, function)
        inner = [(g * u).sum() for g, u in zip(gradients, vectors) if g.requires_grad]
    if inner:
        total = inner[0]
        for term in inner[1:]:
            total = total + term
        products = _gradients((total,), inputs, (None,), create_graph, strict, function)
    else:
        products = tuple(Tensor._wrap(np.zeros_like(x.data), False, None) for x in inputs)
    return (_finish(outputs, create_graph)[0],
            _structure(_finish(products, create_graph), given_tuple))


def grad(func, argnums=0):
    """JAX's grad: a function that returns d func / d (its argument(s) `argnums`), for a func
    with a one-element output. argnums an int gives one gradient, a tuple a tuple."""
    def gradient(*args):
        return value_and_grad(func, argnums)(*args)[1]
    return gradient


def value_and_grad(func, argnums=0):
    """JAX's value_and_grad: a function returning (func(*args), its gradient w.r.t. argnums)."""
    def both(*args):
        positions = (argnums,) if isinstance(argnums, int) else tuple(argnums)
        for position in positions:
            if not -len(args) <= position < len(args):
                raise IndexError(
                    f"value_and_grad: argnums {argnums} out of range for {len(args)} arguments")
        chosen = [args[p] for p in positions]
        _as_tuple(chosen, "the differentiated arguments", "grad")

        def of_chosen(*xs):
            full = list(args)
            for p, x in zip(positions, xs):
                full[p] = x
            return func(*full)
        value, grads = vjp(of_chosen, tuple(chosen))
        return value, grads[0] if isinstance(argnums, int) else grads
    return both
