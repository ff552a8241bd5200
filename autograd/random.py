"""Random tensors (rand, randn, randint) and the seedable generators they draw from.

As in PyTorch, `autograd.manual_seed(s)` seeds the default generator that every random
function uses unless given `generator=`, and `autograd.Generator().manual_seed(s)` makes a
generator of one's own (each wraps a numpy `Generator`, PCG64). `randn` keeps its earlier
`seed=` (a fresh generator seeded so) and `rng=` (a numpy Generator) arguments. Until
`manual_seed` is called the default generator is seeded from the operating system, as numpy's.
"""
import numpy as np

from .creation import check_device, sizes
from .tensor import Tensor


class Generator:
    """A source of random numbers: `Generator().manual_seed(0)`; pass it as `generator=`."""

    def __init__(self, device="cpu"):
        check_device(device, "Generator")
        self.numpy = np.random.default_rng()
        self._seed = None

    def manual_seed(self, seed):
        """Restart the stream from `seed` (a non-negative int); returns the generator."""
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"manual_seed: the seed must be a non-negative int; got {seed!r}")
        self.numpy = np.random.default_rng(int(seed))
        self._seed = int(seed)
        return self

    def initial_seed(self):
        """The seed given to the last manual_seed (None if never seeded by hand)."""
        return self._seed


default_generator = Generator()


def manual_seed(seed):
    """Seed the default generator (as torch.manual_seed); returns it."""
    return default_generator.manual_seed(seed)


def _numpy_generator(op, generator, seed=None, rng=None):
    """The numpy Generator to draw from: generator=, or randn's older seed= / rng=."""
    if sum(option is not None for option in (generator, seed, rng)) > 1:
        raise ValueError(f"{op}: give one of generator, seed or rng; got more than one")
    if seed is not None:
        return np.random.default_rng(seed)
    if rng is not None:
        return rng
    if generator is None:
        return default_generator.numpy
    if not isinstance(generator, Generator):
        raise TypeError(
            f"{op}: generator must be an autograd.Generator; got {type(generator).__name__} "
            f"(for a numpy Generator use rng=)"
        )
    return generator.numpy


def _float_dtype(op, dtype):
    dtype = np.dtype(dtype)
    if dtype.kind != "f":
        raise TypeError(f"{op}: dtype must be a floating point type; got {dtype}")
    return dtype


def rand(*size, generator=None, dtype=np.float32, requires_grad=False, name=None,
         device=None):
    """Uniform samples in [0, 1): rand(2, 3) or rand((2, 3))."""
    check_device(device, "rand")
    data = _numpy_generator("rand", generator).random(sizes(size, "rand"))
    return Tensor(data.astype(_float_dtype("rand", dtype)), requires_grad=requires_grad,
                  name=name)


def randn(*size, generator=None, seed=None, rng=None, dtype=np.float32, requires_grad=False,
          name=None, device=None):
    """Standard normal samples N(0, 1): randn(2, 3) or randn((2, 3)). Reproducible with
    `generator=` (an autograd.Generator), `seed=` or `rng=` (a numpy Generator): one of them."""
    check_device(device, "randn")
    numpy_generator = _numpy_generator("randn", generator, seed, rng)
    data = numpy_generator.standard_normal(sizes(size, "randn"))
    return Tensor(data.astype(_float_dtype("randn", dtype)), requires_grad=requires_grad,
                  name=name)


def randint(*bounds_and_size, size=None, generator=None, dtype=np.int64, requires_grad=False,
            name=None, device=None):
    """Integers drawn uniformly from [low, high): randint(high, size) or
    randint(low, high, size), `size` a tuple, as torch.randint; int64 by default."""
    check_device(device, "randint")
    if size is None and bounds_and_size:
        *bounds, size = bounds_and_size
    else:
        bounds = list(bounds_and_size)
    if len(bounds) not in (1, 2) or not isinstance(size, (tuple, list)):
        raise TypeError(
            f"randint: expected randint(high, size) or randint(low, high, size) with size a "
            f"tuple; got arguments {bounds_and_size!r} and size={size!r}"
        )
    low, high = (0, bounds[0]) if len(bounds) == 1 else bounds
    if not high > low:
        raise ValueError(f"randint: expected low < high; got low={low}, high={high}")
    data = _numpy_generator("randint", generator).integers(low, high, sizes(size, "randint"))
    return Tensor(data, requires_grad=requires_grad, dtype=dtype, name=name)
