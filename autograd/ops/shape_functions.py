"""The shape family's functions at autograd's top level, as torch's (torch.flatten,
torch.permute, ...) plus numpy's names where they mean the same (moveaxis, expand_dims,
swapaxes). Each calls the Tensor method of the same meaning; `pad` is in padding.py."""
from ..tensor import Tensor


def _tensor(input):
    """A Tensor as it is; arrays, numbers and lists as a new Tensor."""
    return input if isinstance(input, Tensor) else Tensor(input)


def reshape(input, shape):
    return _tensor(input).reshape(shape)


def flatten(input, start_dim=0, end_dim=-1):
    return _tensor(input).flatten(start_dim, end_dim)


def unflatten(input, dim, sizes):
    return _tensor(input).unflatten(dim, sizes)


def squeeze(input, dim=None, *, axis=None):
    return _tensor(input).squeeze(dim, axis=axis)


def unsqueeze(input, dim):
    return _tensor(input).unsqueeze(dim)


def expand_dims(a, axis):
    """numpy's name for unsqueeze."""
    return _tensor(a).unsqueeze(axis)


def permute(input, dims):
    return _tensor(input).permute(dims)


def transpose(input, dim0, dim1):
    """dims dim0 and dim1 swapped (torch.transpose; numpy's transpose(axes) is permute)."""
    return _tensor(input).transpose(dim0, dim1)


def swapaxes(input, axis0, axis1):
    return _tensor(input).transpose(axis0, axis1)


def swapdims(input, dim0, dim1):
    return _tensor(input).transpose(dim0, dim1)


def t(input):
    return _tensor(input).t()


def movedim(input, source, destination):
    return _tensor(input).movedim(source, destination)


def moveaxis(input, source, destination):
    return _tensor(input).movedim(source, destination)


def broadcast_to(input, shape):
    return _tensor(input).broadcast_to(shape)


def tile(input, dims):
    return _tensor(input).tile(dims)


def repeat_interleave(input, repeats, dim=None):
    return _tensor(input).repeat_interleave(repeats, dim)


def flip(input, dims):
    return _tensor(input).flip(dims)


def fliplr(input):
    return _tensor(input).fliplr()


def flipud(input):
    return _tensor(input).flipud()


def roll(input, shifts, dims=None):
    return _tensor(input).roll(shifts, dims)


def narrow(input, dim, start, length):
    return _tensor(input).narrow(dim, start, length)


def split(tensor, split_size_or_sections, dim=0):
    return _tensor(tensor).split(split_size_or_sections, dim)


def chunk(input, chunks, dim=0):
    return _tensor(input).chunk(chunks, dim)


def unbind(input, dim=0):
    return _tensor(input).unbind(dim)
