"""Sums of products over labeled axes: einsum, and tensordot, outer and dot written as
einsums (the matrix product `@` is MatMul in matmul.py; `matmul` here is its function)."""
import string

import numpy as np

from ..function import Function
from .. import tensor as tensor_module
from .cast import promoted
from .indexing import operand
from .shapes import axis_index
from .triangles import diagonal_index
from .tangents import tangent_sum

LABELS = string.ascii_letters


def _terms(subscripts, count):
    """The operands' terms and the output term ('' and None when implicit) of an equation."""
    if not isinstance(subscripts, str):
        raise TypeError(f"einsum: the equation must be a string; got {subscripts!r}")
    inputs, arrow, output = subscripts.replace(" ", "").partition("->")
    terms = inputs.split(",")
    if len(terms) != count:
        raise ValueError(
            f"einsum: the equation {subscripts!r} names {len(terms)} operands; got {count}")
    for term in terms + [output]:
        if term.count("...") > 1 or any(c not in LABELS for c in term.replace("...", "")):
            raise ValueError(
                f"einsum: each term of {subscripts!r} must be letters with at most one '...'; "
                f"got {term!r}")
    return terms, (output if arrow else None)


def parse_equation(subscripts, shapes):
    """(operand labels, output labels, size of each label) of an einsum equation, with each
    '...' written out as letters the equation does not use (broadcast from the right, as
    numpy and torch do) and an implicit output made explicit: the ellipsis' labels, then the
    labels that appear once, in alphabetical order. Ellipsis axes missing from an explicit
    output are summed (as torch; numpy refuses)."""
    terms, output = _terms(subscripts, len(shapes))
    spans = []
    for term, shape in zip(terms, shapes):
        letters = len(term.replace("...", ""))
        if len(shape) < letters or ("..." not in term and len(shape) != letters):
            raise ValueError(
                f"einsum: term {term!r} of {subscripts!r} does not fit an operand of shape "
                f"{tuple(shape)} ({len(shape)} dims)")
        spans.append(len(shape) - letters)
    ellipsis = "".join(c for c in LABELS if c not in subscripts)[:max(spans, default=0)]
    labels = [t.replace("...", ellipsis[len(ellipsis) - n:]) for t, n in zip(terms, spans)]
    if output is None:
        every = "".join(terms).replace("...", "")
        output = ellipsis + "".join(sorted(c for c in set(every) if every.count(c) == 1))
    output = output.replace("...", ellipsis)
    for c in output:
        if output.count(c) > 1 or not any(c in term for term in labels):
            raise ValueError(f"einsum: output label {c!r} of {subscripts!r} must appear once in "
                             f"the output and in some operand")
    return labels, output, _label_sizes(subscripts, labels, shapes)


def _label_sizes(subscripts, labels, shapes):
    """Each label's size: equal within an operand; across operands equal or 1 (broadcast)."""
    sizes = {}
    for term, shape in zip(labels, shapes):
        own = {}
        for label, n in zip(term, shape):
            if own.setdefault(label, n) != n:
                raise ValueError(f"einsum: label {label!r} repeats in an operand of shape "
                                 f"{tuple(shape)} of {subscripts!r} with different sizes")
            seen = sizes.setdefault(label, n)
            if seen != n and 1 not in (seen, n):
                raise ValueError(f"einsum: label {label!r} of {subscripts!r} has sizes {seen} "
                                 f"and {n}, which do not broadcast (shapes {list(shapes)})")
            sizes[label] = n if seen == 1 else seen
    return sizes


class Einsum(Function):
    """y = einsum(equation, x_1, ..., x_n): for each output element, the sum over the labels
    the output lacks of the product of one element of each operand;  dy/dx_k = the einsum
    of grad with the other operands that gives x_k's labels (the derivative of a sum of
    products is the product of the other factors), spread along labels only x_k has, and put
    on the diagonal where x_k repeats a label ('ii')."""

    @property
    def name(self):
        return f"einsum({self.subscripts!r})"

    @staticmethod
    def forward(ctx, *operands, subscripts):
        ctx.subscripts = subscripts
        ctx.labels, ctx.output, ctx.sizes = parse_equation(
            subscripts, [np.shape(x) for x in operands])
        ctx.save_for_backward(*operands)
        out = np.einsum(",".join(ctx.labels) + "->" + ctx.output, *operands)
        if any(np.may_share_memory(out, x) for x in operands):  # a view ('ij->ji', 'ii->i')
            out = out.copy()
        return out

    @staticmethod
    def backward(ctx, grad):
        operands = ctx.saved_tensors
        return tuple(_operand_gradient(ctx, grad, operands, k) if need else None
                     for k, need in enumerate(ctx.needs_input_grad))

    @staticmethod
    def jvp(ctx, *tangents):
        """dy = sum_k einsum(x_1, ..., dx_k, ..., x_n) over the operands with a tangent."""
        equation = ",".join(ctx.labels) + "->" + ctx.output
        operands = list(ctx.input_arrays)
        return tangent_sum(*(np.einsum(equation, *operands[:k], tangent, *operands[k + 1:])
                             for k, tangent in enumerate(tangents) if tangent is not None))


def _operand_gradient(ctx, grad, operands, k):
    labels = ctx.labels[k]
    unique = "".join(dict.fromkeys(labels))
    others = [j for j in range(len(operands)) if j != k]
    # A vector of ones for each summed label gives the gradient its full size there (also
    # along labels no other operand has, or has with size 1): x_k's terms are multiplied by 1.
    summed = [c for c in unique if c not in ctx.output]
    terms = [ctx.output] + [ctx.labels[j] for j in others] + summed
    ones = [np.ones(ctx.sizes[c], dtype=grad.dtype) for c in summed]
    g = ctx.xp.einsum(",".join(terms) + "->" + unique, grad, *[operands[j] for j in others],
                      *ones)
    return _on_diagonals(ctx.xp, g, unique, labels)


def _on_diagonals(xp, g, unique, labels):
    """g, whose axes are labeled `unique`, as a gradient for axes labeled `labels`: a label
    that repeats in `labels` names a diagonal, so g goes on that diagonal, zeros elsewhere."""
    axes = list(unique)
    for position, label in enumerate(labels):
        if labels.index(label) == position:
            continue
        order = [i for i, a in enumerate(axes) if a != label] + [axes.index(label)]
        g = xp.permute(g, order)
        shape = tuple(g.shape) + (g.shape[-1],)
        g = xp.index_add(shape, diagonal_index(shape, 0, len(shape) - 2, len(shape) - 1), g)
        axes = [axes[i] for i in order] + [position]  # the repeat gets an axis of its own
    final = [label if labels.index(label) == p else p for p, label in enumerate(labels)]
    return g if axes == final else xp.permute(g, [axes.index(a) for a in final])


def einsum(subscripts, *operands):
    """torch.einsum / numpy.einsum (implicit or explicit output, repeated labels, '...');
    the operands may also come as one list. Operands are brought to a common dtype.

    With several operands, each is first reduced on its own over the labels no other operand
    and not the output has (and to its diagonals), as torch does: the same sum, in torch's
    order, which decides the answer where infinities meet (inf times the sum of 2 and -1 is
    inf; the sum of inf * 2 and inf * -1 is NaN)."""
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    operands = list(promoted(*[operand(x) for x in operands]))
    if len(operands) > 1:
        labels, output, _ = parse_equation(subscripts, [x.shape for x in operands])
        for k, term in enumerate(labels):
            elsewhere = output + "".join(t for j, t in enumerate(labels) if j != k)
            kept = "".join(c for c in dict.fromkeys(term) if c in elsewhere)
            if kept != term:
                operands[k] = Einsum.apply(operands[k], subscripts=f"{term}->{kept}")
                labels[k] = kept
        subscripts = ",".join(labels) + "->" + output
    return Einsum.apply(*operands, subscripts=subscripts)


def _contracted_axes(dims, a, b):
    """tensordot's dims (an int n: a's last n with b's first n; or two lists) as two lists of
    non-negative axes."""
    if isinstance(dims, (int, np.integer)) and not isinstance(dims, bool):
        if not 0 <= dims <= min(a.ndim, b.ndim):
            raise ValueError(f"tensordot: dims must be in 0..{min(a.ndim, b.ndim)} for shapes "
                             f"{a.shape} and {b.shape}; got {dims}")
        return list(range(a.ndim - dims, a.ndim)), list(range(dims))
    try:
        first, second = ([d] if isinstance(d, (int, np.integer)) else list(d) for d in dims)
    except (TypeError, ValueError):
        raise TypeError(f"tensordot: dims must be an int or a pair of axis lists; got {dims!r}"
                        ) from None
    if len(first) != len(second):
        raise ValueError(f"tensordot: dims {dims!r} pair {len(first)} axes with {len(second)}")
    return ([axis_index(d, a.ndim, "tensordot") for d in first],
            [axis_index(d, b.ndim, "tensordot") for d in second])


def tensordot(a, b, dims=None, *, axes=None):
    """torch.tensordot (dims) / numpy.tensordot (axes, the same meaning): the sum of products
    over the paired axes, a's other axes then b's. Default: 2 axes."""
    if dims is not None and axes is not None:
        raise TypeError("tensordot: give dims (PyTorch's name) or axes (numpy's), not both")
    a, b = promoted(operand(a), operand(b))
    first, second = _contracted_axes(2 if dims is None and axes is None else
                                     (axes if dims is None else dims), a, b)
    for i, j in zip(first, second):
        if a.shape[i] != b.shape[j]:
            raise ValueError(f"tensordot: axis {i} of shape {a.shape} (size {a.shape[i]}) is "
                             f"paired with axis {j} of shape {b.shape} (size {b.shape[j]})")
    left = LABELS[:a.ndim]
    right = [LABELS[a.ndim + j] for j in range(b.ndim)]
    for i, j in zip(first, second):
        right[j] = left[i]
    output = [c for i, c in enumerate(left) if i not in first] + [
        c for j, c in enumerate(right) if j not in second]
    return Einsum.apply(a, b, subscripts=f"{left},{''.join(right)}->{''.join(output)}")


def _vectors(op_name, a, b):
    a, b = promoted(operand(a), operand(b))
    if a.ndim != 1 or b.ndim != 1:
        raise ValueError(f"{op_name}: expects two 1-d tensors; got shapes {a.shape} and {b.shape}")
    return a, b


def outer(input, vec2):
    """torch.outer / numpy.outer: out[i, j] = input[i] vec2[j] (1-d operands)."""
    return Einsum.apply(*_vectors("outer", input, vec2), subscripts="i,j->ij")


def dot(input, tensor):
    """torch.dot: sum_i input[i] tensor[i] of two 1-d tensors of one length."""
    a, b = _vectors("dot", input, tensor)
    if a.shape != b.shape:
        raise ValueError(f"dot: expects vectors of one length; got shapes {a.shape} and {b.shape}")
    return Einsum.apply(a, b, subscripts="i,i->")


def matmul(input, other):
    """torch.matmul / numpy.matmul: input @ other."""
    if not isinstance(input, tensor_module.Tensor):
        input = tensor_module.Tensor(input)
    return input @ other
