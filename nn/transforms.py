"""Transforms for the digits, as plain functions on numpy arrays of images.

A batch of digits is either rows of 784 pixels, shape (n, 784) (the MLP's input, and what
the loaders give), or images, shape (n, 1, 28, 28) (a convolution's input); `to_images` and
`flatten_images` turn one into the other. The random ones draw from `generator` (an
autograd.Generator, a numpy Generator, or None for autograd's default generator) and keep
the input's layout.

    x = normalize(scale_pixels(x_train))          # pixels 0..255 -> about mean 0, std 1
    x = random_shift(to_images(x), 2, generator)  # each digit moved by up to 2 pixels
"""
import numpy as np

from .arguments import described, numpy_generator, real_number

SIDE = 28
PIXELS = SIDE * SIDE
# The mean and standard deviation of MNIST's training pixels scaled to [0, 1] (the figures
# the PyTorch examples normalize with).
MNIST_MEAN = 0.1307
MNIST_STD = 0.3081

__all__ = ["MNIST_MEAN", "MNIST_STD", "affine", "flatten_images", "normalize",
           "random_affine", "random_shift", "scale_pixels", "to_images"]


def scale_pixels(x) -> np.ndarray:
    """Pixels 0..255 as float32 in [0, 1]: x / 255."""
    x = np.asarray(x)
    if x.size and (x.min() < 0 or x.max() > 255):
        raise ValueError(
            f"scale_pixels: expected pixel values in 0..255, got {x.min()}..{x.max()}"
        )
    return x.astype(np.float32) / np.float32(255)


def normalize(x, mean=MNIST_MEAN, std=MNIST_STD):
    """(x - mean) / std, in x's float dtype (float32 for integer pixels)."""
    x = np.asarray(x)
    real_number(std, "std", "normalize", 0, low_inclusive=False)
    dtype = x.dtype if x.dtype.kind == "f" else np.float32
    return ((x - mean) / std).astype(dtype, copy=False)


def to_images(x):
    """Rows of 784 pixels, shape (n, 784), as images of one channel, shape (n, 1, 28, 28)
    (a view: no copy)."""
    x = np.asarray(x)
    if x.ndim != 2 or x.shape[1] != PIXELS:
        raise ValueError(f"to_images: expected rows of {PIXELS} pixels, shape (n, {PIXELS}), "
                         f"got shape {x.shape}")
    return x.reshape(len(x), 1, SIDE, SIDE)


def flatten_images(x):
    """Images of shape (n, 1, 28, 28) or (n, 28, 28) as rows of 784 pixels, shape (n, 784)."""
    x = np.asarray(x)
    if not _is_images(x):
        raise ValueError(f"flatten_images: expected images of shape (n, 1, 28, 28) or "
                         f"(n, 28, 28), got shape {x.shape}")
    return x.reshape(len(x), PIXELS)


def random_shift(x, max_shift=2, generator=None):
    """Each digit moved by its own whole number of pixels, -max_shift..max_shift across and
    down (drawn uniformly); pixels moved in from outside are 0 (background)."""
    if isinstance(max_shift, bool) or not isinstance(max_shift, (int, np.integer)) \
            or not 0 <= max_shift < SIDE:
        raise ValueError(f"random_shift: max_shift must be an int in 0..{SIDE - 1}, got "
                         f"{described(max_shift)}")
    images, shape = _as_images(x, "random_shift")
    rng = numpy_generator(generator, "random_shift")
    shifts = rng.integers(-max_shift, max_shift + 1, size=(len(images), 2))
    padded = np.pad(images, ((0, 0), (max_shift, max_shift), (max_shift, max_shift)))
    moved = np.empty_like(images)
    for i, (down, across) in enumerate(shifts):
        top, left = max_shift - down, max_shift - across
        moved[i] = padded[i, top:top + SIDE, left:left + SIDE]
    return moved.reshape(shape)


def affine(x, angle=0.0, translate=(0, 0), scale=1.0):
    """Every digit rotated by `angle` degrees (counter-clockwise as the image is shown, row 0
    on top), scaled by `scale` about the image's centre, then moved by `translate` = (across,
    down) pixels; pixels are read back by bilinear interpolation, 0 outside. Float images
    stay of their dtype, integer ones come back rounded to their dtype."""
    real_number(angle, "angle", "affine", -np.inf)
    real_number(scale, "scale", "affine", 0, low_inclusive=False)
    if not (isinstance(translate, (tuple, list)) and len(translate) == 2):
        raise ValueError(f"affine: translate must be a pair (across, down) of pixels, got "
                         f"{described(translate)}")
    images, shape = _as_images(x, "affine")
    n = len(images)
    return _warp(images, np.full(n, np.deg2rad(angle)), np.full(n, float(scale)),
                 np.tile(np.asarray(translate, dtype=np.float64), (n, 1))).reshape(shape)


def random_affine(x, degrees=10.0, translate=0.1, scale=(0.9, 1.1), generator=None):
    """Each digit by its own `affine`: an angle from U(-degrees, degrees), a scale factor
    from U(*scale), and a move across and down each from U(-translate, translate) times the
    side (28 pixels)."""
    real_number(degrees, "degrees", "random_affine", 0, 180)
    real_number(translate, "translate", "random_affine", 0, 1)
    if not (isinstance(scale, (tuple, list)) and len(scale) == 2 and 0 < scale[0] <= scale[1]):
        raise ValueError(f"random_affine: scale must be a pair (low, high) with 0 < low <= "
                         f"high, got {described(scale)}")
    images, shape = _as_images(x, "random_affine")
    rng = numpy_generator(generator, "random_affine")
    n = len(images)
    angles = np.deg2rad(rng.uniform(-degrees, degrees, n))
    factors = rng.uniform(scale[0], scale[1], n)
    moves = rng.uniform(-translate, translate, (n, 2)) * SIDE
    return _warp(images, angles, factors, moves).reshape(shape)


def _warp(images, angles, factors, moves):
    """images[i] (n, 28, 28) rotated by angles[i] (radians), scaled by factors[i] and moved
    by moves[i] = (across, down): each output pixel p reads the input at the inverse map,
    centre + R(-angle) (p - centre - move) / factor, in (across, down) coordinates."""
    centre = (SIDE - 1) / 2
    rows, columns = np.meshgrid(np.arange(SIDE) - centre, np.arange(SIDE) - centre,
                                indexing="ij")
    across = columns[None] - moves[:, 0, None, None]
    down = rows[None] - moves[:, 1, None, None]
    cos = (np.cos(angles) / factors)[:, None, None]
    sin = (np.sin(angles) / factors)[:, None, None]
    # Counter-clockwise on screen (rows grow downward) is clockwise in (across, down).
    source_columns = cos * across - sin * down + centre
    source_rows = sin * across + cos * down + centre
    values = _bilinear(images.astype(np.float64), source_rows, source_columns)
    if images.dtype.kind != "f":
        info = np.iinfo(images.dtype)
        values = np.clip(np.rint(values), info.min, info.max)
    return values.astype(images.dtype)


def _bilinear(images, rows, columns):
    """images[i] read at the real positions (rows[i], columns[i]), 0 outside the image."""
    top, left = np.floor(rows).astype(np.int64), np.floor(columns).astype(np.int64)
    down, right = rows - top, columns - left
    batch = np.arange(len(images))[:, None, None]
    result = np.zeros(rows.shape)
    for row_step, row_weight in ((0, 1 - down), (1, down)):
        for column_step, column_weight in ((0, 1 - right), (1, right)):
            r, c = top + row_step, left + column_step
            inside = (r >= 0) & (r < SIDE) & (c >= 0) & (c < SIDE)
            pixels = images[batch, np.clip(r, 0, SIDE - 1), np.clip(c, 0, SIDE - 1)]
            result += np.where(inside, pixels, 0) * row_weight * column_weight
    return result


def _is_images(x):
    return x.shape[-2:] == (SIDE, SIDE) and (x.ndim == 3 or (x.ndim == 4 and x.shape[1] == 1))


def _as_images(x, function):
    """x as (n, 28, 28) images (a view), and x's shape to give the result."""
    x = np.asarray(x)
    if not ((x.ndim == 2 and x.shape[1] == PIXELS) or _is_images(x)):
        raise ValueError(f"{function}: expected digits of shape (n, 784), (n, 28, 28) or "
                         f"(n, 1, 28, 28), got shape {x.shape}")
    return x.reshape(len(x), SIDE, SIDE), x.shape
