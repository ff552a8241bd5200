"""gather, take_along_dim and index_select (selections, so GetItem's backward scatters their
gradients back) and their opposites scatter and scatter_add."""
import numpy as np

from ..function import Function
from .cast import promoted
from .indexing import GetItem, index_array, open_index, operand
from .shapes import axis_index
from .tangents import or_zeros


def _check_fits(op_name, index_shape, shape, what, skip=None):
    """ValueError unless index_shape has shape's number of dims and no side larger than
    shape's (axis `skip` aside)."""
    if len(index_shape) != len(shape) or any(
            i > n for a, (i, n) in enumerate(zip(index_shape, shape)) if a != skip):
        apart = "" if skip is None else f" apart from dim {skip}"
        raise ValueError(
            f"{op_name}: index of shape {index_shape} must have the dims of {what} of shape "
            f"{shape} and no larger size{apart}"
        )


class Gather(GetItem):
    """y[i][j][k] = x[index[i][j][k]][j][k] for dim 0 (the index replaces the position along
    `dim`);  dy/dx adds each gradient back where its value came from (GetItem's backward)."""

    @property
    def name(self):
        return f"gather(dim={self.dim})"

    @staticmethod
    def forward(ctx, x, dim, index):
        ctx.dim = dim
        axis = axis_index(dim, x.ndim, "gather")
        index = index_array(index, "gather", dim, x.shape[axis] if x.ndim else 1)
        _check_fits("gather", index.shape, x.shape, "the input", skip=axis)
        return GetItem.forward(ctx, x, open_index(index.shape, axis, index))


class TakeAlongDim(GetItem):
    """y = gather of x and `indices` broadcast against each other along every dim but `dim`
    (numpy's take_along_axis; negatives count from the end); with dim=None, of x flattened
    (where, as in torch, negatives are out of range).
    dy/dx adds each gradient back where its value came from (GetItem's backward)."""

    @property
    def name(self):
        return f"take_along_dim(dim={self.dim})"

    @staticmethod
    def forward(ctx, x, indices, dim=None):
        ctx.dim = dim
        if dim is None:
            flat = index_array(indices, "take_along_dim", None, x.size)
            return GetItem.forward(ctx, x, np.unravel_index(flat.reshape(-1), x.shape))
        axis = axis_index(dim, x.ndim, "take_along_dim")
        indices = index_array(indices, "take_along_dim", dim, x.shape[axis] if x.ndim else 1,
                              negative_wraps=True)
        if indices.ndim != x.ndim or any(m != n and 1 not in (m, n) for a, (m, n) in enumerate(
                zip(indices.shape, x.shape)) if a != axis):
            raise ValueError(
                f"take_along_dim: indices of shape {indices.shape} do not broadcast with the "
                f"input of shape {x.shape} apart from dim {dim} (they need as many dims)"
            )
        return GetItem.forward(ctx, x, open_index(x.shape, axis, indices))


class IndexSelect(GetItem):
    """y = x with the positions `index` (a vector) taken along `dim`, in that order (repeats
    allowed);  dy/dx adds each gradient back to its position (GetItem's backward)."""

    @property
    def name(self):
        return f"index_select(dim={self.dim})"

    @staticmethod
    def forward(ctx, x, dim, index):
        ctx.dim = dim
        axis = axis_index(dim, x.ndim, "index_select")
        index = index_array(index, "index_select", dim, x.shape[axis] if x.ndim else 1)
        if index.ndim > 1:
            raise IndexError(
                f"index_select: index must be a vector (0-d or 1-d); got shape {index.shape}")
        if x.ndim == 0:
            return GetItem.forward(ctx, x, ())
        return GetItem.forward(ctx, x, (slice(None),) * axis + (index.reshape(-1),))


def _scatter_positions(ctx, op_name, x, src, dim, index):
    """Where scatter writes (an open index into x) and the part of src it writes, remembered
    on ctx for backward, after checking the shapes as torch does."""
    ctx.dim = dim
    axis = axis_index(dim, x.ndim, op_name)
    index = index_array(index, op_name, dim, x.shape[axis] if x.ndim else 1)
    _check_fits(op_name, index.shape, x.shape, "the input", skip=axis)
    if isinstance(src, np.ndarray):
        _check_fits(op_name, index.shape, src.shape, "src")
    ctx.src_shape = np.shape(src)
    ctx.positions = open_index(index.shape, axis, index)
    ctx.part = tuple(slice(0, n) for n in index.shape)
    return src[ctx.part] if isinstance(src, np.ndarray) else src


def _src_gradient(ctx, grad):
    """d y / d src: the gradient at each written position, back at the src element written
    there (every element of src that index names, including ones a repeat overwrote)."""
    return ctx.xp.index_add(ctx.src_shape, ctx.part, grad[ctx.positions])


def _with_src_tangent(ctx, out, tangent_src):
    """out with dsrc added at each written position (the adjoint of _src_gradient: repeats
    add up); a src without a tangent adds +0 (as PyTorch: -0 becomes +0 there)."""
    np.add.at(out, ctx.positions, 0.0 if tangent_src is None else tangent_src[ctx.part])
    return out


class Scatter(Function):
    """y = x with y[index[i][j]][j] = src[i][j] for dim 0 (src may be a number);  dy/dx = 1
    where nothing was written and 0 where something was, dy/dsrc = 1 at each written element.
    A position that index names twice gets one of the two values (torch leaves which one
    undefined; numpy, and so this op, keeps the last)."""

    @property
    def name(self):
        return f"scatter(dim={self.dim})"

    @staticmethod
    def forward(ctx, x, src, dim, index):
        values = _scatter_positions(ctx, "scatter", x, src, dim, index)
        out = x.copy()
        out[ctx.positions] = values
        ctx.kept = np.ones(x.shape, dtype=bool)
        ctx.kept[ctx.positions] = False
        return out

    @staticmethod
    def backward(ctx, grad):
        need_x, need_src = ctx.needs_input_grad
        return (ctx.xp.where(ctx.kept, grad, 0) if need_x else None,
                _src_gradient(ctx, grad) if need_src else None)

    @staticmethod
    def jvp(ctx, tangent_x, tangent_src):
        """dy = dx where nothing was written, else 0; plus dsrc at each written position
        (added to -0 there, so that a -0 stays -0)."""
        kept = np.where(ctx.kept, or_zeros(tangent_x, ctx.input_arrays[0]), -0.0)
        kept = kept.astype(ctx.output_data.dtype, copy=False)
        return _with_src_tangent(ctx, kept, tangent_src)


class ScatterAdd(Function):
    """y = x with y[index[i][j]][j] += src[i][j] for dim 0 (repeats all add up);  dy/dx = 1,
    dy/dsrc = 1 at each element of src that index names."""

    @property
    def name(self):
        return f"scatter_add(dim={self.dim})"

    @staticmethod
    def forward(ctx, x, src, dim, index):
        values = _scatter_positions(ctx, "scatter_add", x, src, dim, index)
        out = x.copy()
        np.add.at(out, ctx.positions, values)
        return out

    @staticmethod
    def backward(ctx, grad):
        need_x, need_src = ctx.needs_input_grad
        return (grad if need_x else None), (_src_gradient(ctx, grad) if need_src else None)

    @staticmethod
    def jvp(ctx, tangent_x, tangent_src):
        """dy = dx, plus dsrc at each written position."""
        x = ctx.input_arrays[0]
        return _with_src_tangent(ctx, or_zeros(tangent_x, x).astype(ctx.output_data.dtype),
                                 tangent_src)


def gather(input, dim, index):
    """torch.gather: out[i][j][k] = input[index[i][j][k]][j][k] for dim 0 (index: int64)."""
    return Gather.apply(operand(input), dim=dim, index=index)


def take_along_dim(input, indices, dim=None):
    """torch.take_along_dim (numpy's take_along_axis): gather with broadcasting."""
    return TakeAlongDim.apply(operand(input), indices=indices, dim=dim)


def take_along_axis(arr, indices, axis):
    """numpy's spelling of take_along_dim (axis=None: of the flattened array)."""
    return take_along_dim(arr, indices, dim=axis)


def index_select(input, dim, index):
    """torch.index_select: the positions `index` (a vector) along `dim`."""
    return IndexSelect.apply(operand(input), dim=dim, index=index)


def scatter(input, dim, index, src=None, *, value=None):
    """torch.scatter: input with out[index[i][j]][j] = src[i][j] (dim 0); src may be a number
    (or given as value=)."""
    if (src is None) == (value is None):
        raise TypeError("scatter: give src (a tensor or number) or value (a number), not both")
    src = value if src is None else src
    if isinstance(src, (int, float, np.generic)):
        return Scatter.apply(operand(input), src, dim=dim, index=index)
    return Scatter.apply(*promoted(operand(input), operand(src)), dim=dim, index=index)


def scatter_add(input, dim, index, src):
    """torch.scatter_add: input with out[index[i][j]][j] += src[i][j] (dim 0)."""
    if isinstance(src, (int, float, np.generic)):
        raise TypeError(f"scatter_add: src must be a tensor; got {type(src).__name__}")
    return ScatterAdd.apply(*promoted(operand(input), operand(src)), dim=dim, index=index)
