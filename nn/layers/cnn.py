"""`CNN`: a small LeNet-style convolutional network for the digits."""
from collections.abc import Iterable

import numpy as np

from autograd import Tensor, no_grad, ops

from ..arguments import described, float_dtype, generator, positive_int
from ..module import Module
from .activation import ReLU
from .containers import Sequential
from .conv import Conv2d
from .linear import Linear
from .pooling import MaxPool2d

POOL = 2
DEFAULTS = {"channels": (8, 16), "kernel_size": 5, "image_shape": (1, 28, 28), "classes": 10}


class CNN(Module):
    """Convolution stages, then one Linear layer from the last feature maps to the classes.

    Each stage is Conv2d(kernel_size x kernel_size, no padding) - ReLU - MaxPool2d(2); with
    the defaults, on a 1x28x28 digit:

        conv 8@5x5 -> 8x24x24 -> relu -> maxpool 2 -> 8x12x12
        conv 16@5x5 -> 16x8x8 -> relu -> maxpool 2 -> 16x4x4
        flatten -> 256 -> linear -> 10 logits (raw scores, as `cross_entropy` wants)

    5,994 weights and biases, fewer than the 13,002 of the seeds' 784-16-16-10 MLP: a kernel
    is shared by every position of the image, so a stroke is detected wherever it is.

    `features` is a Sequential with the Conv2d layers at indices 0, 3, ... (parameters
    features.0.weight, features.0.bias, features.3.weight, ...) and `classifier` the Linear
    layer. The convolutions keep PyTorch's default initialisation; the Linear layer is
    Xavier's (biases 0). Every layer draws from one Generator (`rng`, or seeded by `seed`).

    The input is a batch of images of shape (n, *image_shape), or flat rows of shape
    (n, prod(image_shape)) as the digit loaders give them (784 pixels, row by row).
    """

    def __init__(self, channels=DEFAULTS["channels"], kernel_size=DEFAULTS["kernel_size"],
                 image_shape=DEFAULTS["image_shape"], classes=DEFAULTS["classes"], seed=None,
                 rng=None, dtype=np.float32):
        super().__init__()
        shape = _checked_shape(channels, kernel_size, image_shape, classes)
        self.channels, self.kernel_size, self.image_shape, self.classes, self.feature_shape = shape
        self.dtype = float_dtype(dtype, "CNN")
        rng = generator(rng, seed, "CNN")
        modules = []
        in_channels = self.image_shape[0]
        for out_channels in self.channels:
            modules += [Conv2d(in_channels, out_channels, self.kernel_size, rng=rng,
                               dtype=self.dtype),
                        ReLU(), MaxPool2d(POOL)]
            in_channels = out_channels
        self.features = Sequential(*modules)
        self.classifier = Linear(int(np.prod(self.feature_shape)), self.classes, init="xavier",
                                 rng=rng, dtype=self.dtype)

    def forward(self, x):
        """The logits, shape (n, classes), for images (n, C, H, W) or flat rows (n, C*H*W)."""
        x = self._images(x)
        features = self.features(x)
        return self.classifier(features.reshape(features.shape[0], -1))

    def predict(self, x):
        """The predicted labels (numpy, shape (n,)): the index of the largest logit."""
        with no_grad():
            return np.argmax(self.forward(x).data, axis=-1)

    @staticmethod
    def parameter_count(config):
        """How many weights and biases CNN(**config) would have, counted without building it
        (checkpoints check it first); TypeError or ValueError if the config is not usable."""
        settings = {**DEFAULTS, **{key: value for key, value in config.items() if key in DEFAULTS}}
        channels, kernel_size, image_shape, classes, feature_shape = _checked_shape(**settings)
        inputs = [image_shape[0]] + channels[:-1]
        convolutions = sum(c_in * c_out * kernel_size**2 + c_out
                           for c_in, c_out in zip(inputs, channels))
        return convolutions + int(np.prod(feature_shape)) * classes + classes

    def config(self):
        """The constructor arguments (JSON-able), so that CNN(**config()) rebuilds it."""
        return {
            "channels": list(self.channels),
            "kernel_size": self.kernel_size,
            "image_shape": list(self.image_shape),
            "classes": self.classes,
            "dtype": self.dtype.name,
        }

    def architecture(self):
        """One line naming the stages: "conv 8@5x5 - relu - maxpool 2 - conv 16@5x5 - relu -
        maxpool 2 - linear 10"."""
        k = self.kernel_size
        stages = [f"conv {c}@{k}x{k} - relu - maxpool {POOL}" for c in self.channels]
        return " - ".join(stages + [f"linear {self.classes}"])

    def _images(self, x):
        """`x` as a Tensor of images (n, C, H, W) in the parameters' dtype."""
        if not isinstance(x, Tensor):
            x = Tensor(np.asarray(x, dtype=self.dtype))
        elif x.data.dtype.kind != "f":
            x = ops.to_dtype(x, self.dtype)
        pixels = int(np.prod(self.image_shape))
        if x.ndim == 2 and x.shape[1] == pixels:
            return x.reshape(x.shape[0], *self.image_shape)
        if x.ndim == 4 and tuple(x.shape[1:]) == self.image_shape:
            return x
        image = ", ".join(map(str, self.image_shape))
        raise ValueError(f"CNN: expected images of shape (n, {image}) or flat rows of shape "
                         f"(n, {pixels}), got shape {tuple(x.shape)}")


def _checked_shape(channels, kernel_size, image_shape, classes):
    """The shape arguments checked and in plain form, and the last stage's (C, H, W):
    (channels list, kernel_size, image_shape tuple, classes, feature_shape)."""
    channels = _int_list(channels, "channels", minimum_length=1)
    kernel_size = positive_int(kernel_size, "kernel_size", "CNN")
    image_shape = tuple(_int_list(image_shape, "image_shape", exact_length=3))
    classes = positive_int(classes, "classes", "CNN")
    return (channels, kernel_size, image_shape, classes,
            _feature_shape(image_shape, channels, kernel_size))


def _int_list(values, name, minimum_length=None, exact_length=None):
    """`values` as a list of positive ints, of `exact_length` or at least `minimum_length`."""
    if exact_length is not None:
        expected = f"a list of {exact_length} positive integers"
    else:
        expected = f"a list of at least {minimum_length} positive integer"
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise TypeError(f"CNN: {name} must be {expected}, got {described(values)}")
    values = list(values)
    if (exact_length is not None and len(values) != exact_length) or len(values) < (
            minimum_length or 0):
        raise ValueError(f"CNN: {name} must be {expected}, got {values!r}")
    return [positive_int(value, f"{name}[{index}]", "CNN") for index, value in enumerate(values)]


def _feature_shape(image_shape, channels, kernel_size):
    """(C, H, W) of the last stage's output; ValueError if an image gets too small for a
    stage (a valid convolution shrinks each side by kernel_size - 1, a pool halves it)."""
    _, height, width = image_shape
    for stage, out_channels in enumerate(channels, start=1):
        height, width = (height - kernel_size + 1) // POOL, (width - kernel_size + 1) // POOL
        if height < 1 or width < 1:
            raise ValueError(
                f"CNN: stage {stage} of {len(channels)} (conv {kernel_size}x{kernel_size}, then "
                f"maxpool {POOL}) leaves no pixel of the {'x'.join(map(str, image_shape))} "
                "images; use fewer stages (entries of channels) or a smaller kernel_size"
            )
    return (channels[-1], height, width)
