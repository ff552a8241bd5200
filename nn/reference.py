"""The seeds' backpropagation written out by hand in plain numpy.

This module does not use ``autograd``. It is the oracle the engine's gradients are tested
against and the speed floor for the benchmarks, so it follows the seeds' math line by line
and is vectorised over the mini-batch (no Python loop over examples).

Notation (the seeds'): layer l computes

    z^l = W^l a^(l-1) + b^l,        a^l = sigma(z^l),        sigma(z) = 1 / (1 + e^(-z))

with W^l of shape (n_l, n_(l-1)) (row i holds the weights into neuron i) and b^l of shape
(n_l,). A mini-batch is the rows of ``x``, shape (n, n_0), so a whole layer is
``z = a_prev @ W.T + b``. The cost is the quadratic cost

    C = 1/(2n) sum_x ||y(x) - a^L(x)||^2

and its gradient comes from backpropagation's four equations, averaged over the batch:

    delta^L    = (a^L - y) * sigma'(z^L)
    delta^l    = ((W^(l+1))^T delta^(l+1)) * sigma'(z^l)
    dC/db^l    = delta^l
    dC/dW^l    = delta^l (a^(l-1))^T

where sigma'(z) = sigma(z) (1 - sigma(z)) = a (1 - a).
"""

import numbers

import numpy as np

SUPPORTED_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
INITIALISATIONS = ("normal", "scaled")


def sigmoid(z):
    """sigma(z) = 1 / (1 + e^(-z)), elementwise, as a new array of z's dtype.

    Written in this form (not through tanh) so that sigma(z) keeps full relative precision
    for very negative z; e^(-z) may overflow to inf there, which correctly gives 0.
    """
    a = np.negative(z)
    with np.errstate(over="ignore"):
        np.exp(a, out=a)
    a += 1
    np.reciprocal(a, out=a)
    return a


def sigmoid_prime_from_activation(a):
    """sigma'(z) = sigma(z) (1 - sigma(z)), computed from a = sigma(z) without another exp."""
    return a * (1 - a)


class ReferenceMLP:
    """A fully connected sigmoid network trained with the quadratic cost, by hand.

    ``weights[l]`` is W^(l+1) with shape (n_(l+1), n_l) and ``biases[l]`` is b^(l+1) with
    shape (n_(l+1),) (the list index starts at 0, the seeds' layer index at 1). The arrays are
    copied once at construction, keeping their dtype (float32 or float64), so that
    ``sgd_step`` updates the model's own parameters in place and never the caller's arrays.
    """

    def __init__(self, weights, biases):
        self.weights, self.biases = _validated_parameters(weights, biases)
        self.dtype = self.weights[0].dtype

    @classmethod
    def random(cls, sizes, seed=0, dtype=np.float64, init="normal"):
        """A network with layer sizes ``sizes = [n_0, n_1, ..., n_L]`` and random parameters.

        init="normal": every weight and bias drawn from N(0, 1).
        init="scaled": weights of layer l from N(0, 1/n_(l-1)), biases from N(0, 1).
        Numbers are drawn in float64 from ``numpy.random.default_rng(seed)`` (per layer: W^l
        then b^l) and then cast, so float32 and float64 networks of one seed agree.
        """
        sizes = _validated_sizes(sizes)
        dtype = _validated_dtype(dtype, "ReferenceMLP.random")
        if init not in INITIALISATIONS:
            raise ValueError(
                f"ReferenceMLP.random: init must be one of {INITIALISATIONS}, got {init!r}"
            )
        rng = np.random.default_rng(seed)
        weights, biases = [], []
        for n_in, n_out in zip(sizes[:-1], sizes[1:]):
            weight = rng.standard_normal((n_out, n_in))
            if init == "scaled":
                weight /= np.sqrt(n_in)
            weights.append(weight.astype(dtype))
            biases.append(rng.standard_normal(n_out).astype(dtype))
        return cls(weights, biases)

    @property
    def sizes(self):
        """The layer sizes [n_0, n_1, ..., n_L]."""
        return [self.weights[0].shape[1]] + [weight.shape[0] for weight in self.weights]

    def forward(self, x):
        """Feed the mini-batch x (shape (n, n_0)) forward, keeping every layer.

        Returns (zs, activations): zs[l-1] = z^l for l = 1..L, each of shape (n, n_l), and
        activations[l] = a^l for l = 0..L with activations[0] = x (cast to the model's dtype).
        """
        activation = self._batch_input(x, "forward")
        zs, activations = [], [activation]
        for weight, bias in zip(self.weights, self.biases):
            z = activation @ weight.T
            z += bias
            activation = sigmoid(z)
            zs.append(z)
            activations.append(activation)
        return zs, activations

    def cost(self, x, y):
        """The quadratic cost C = 1/(2n) sum_x ||y(x) - a^L(x)||^2 over the batch, as a float."""
        x = self._batch_input(x, "cost")
        y = self._batch_target(y, x.shape[0], "cost")
        output = self.forward(x)[1][-1]
        residual = output - y
        return float(np.vdot(residual, residual)) / (2 * x.shape[0])

    def deltas(self, x, y):
        """delta^l = dC/dz^l for every layer (shape (n, n_l) each), by backpropagation's
        first two equations: delta^L = (a^L - y) * sigma'(z^L) and
        delta^l = ((W^(l+1))^T delta^(l+1)) * sigma'(z^l), with a batch row per example.
        Returns (deltas, activations): the activations a^0..a^L of the forward pass.

        The batch mean (1/n) sum_x is taken by scaling delta^L by 1/n once: every later
        delta^l is linear in it, so each comes out already averaged.
        """
        x = self._batch_input(x, "gradients")
        y = self._batch_target(y, x.shape[0], "gradients")
        _, activations = self.forward(x)
        output = activations[-1]

        delta = output - y
        delta *= sigmoid_prime_from_activation(output)
        delta /= x.shape[0]
        deltas = [delta]
        for index in range(len(self.weights) - 1, 0, -1):
            delta = delta @ self.weights[index]
            delta *= sigmoid_prime_from_activation(activations[index])
            deltas.insert(0, delta)
        return deltas, activations

    def gradients(self, x, y):
        """dC/dW^l and dC/db^l for every layer, by backpropagation's last two equations:
        dC/db^l = delta^l and dC/dW^l = delta^l (a^(l-1))^T, summed over the batch as the
        matrix products ``delta.sum(axis=0)`` and ``delta.T @ a_prev`` (each delta is already
        averaged, see `deltas`).

        Returns (grad_weights, grad_biases), lists shaped like ``weights`` and ``biases``.
        """
        deltas, activations = self.deltas(x, y)
        grad_weights = [delta.T @ a_prev for delta, a_prev in zip(deltas, activations)]
        grad_biases = [delta.sum(axis=0) for delta in deltas]
        return grad_weights, grad_biases

    def sgd_step(self, x, y, lr):
        """One step of gradient descent on the batch: W <- W - lr dC/dW, b <- b - lr dC/db.

        The parameters are updated in place.
        """
        if not isinstance(lr, numbers.Real):
            raise TypeError(
                f"ReferenceMLP.sgd_step: lr must be a real number, got {type(lr).__name__}"
            )
        grad_weights, grad_biases = self.gradients(x, y)
        for parameter, gradient in zip(
            self.weights + self.biases, grad_weights + grad_biases
        ):
            gradient *= lr
            parameter -= gradient

    def predict(self, x):
        """The predicted labels: for each row of x, the index of the largest entry of a^L."""
        return np.argmax(self.forward(x)[1][-1], axis=1)

    def accuracy(self, x, labels):
        """The fraction of rows of x whose predicted label equals ``labels`` (shape (n,))."""
        x = self._batch_input(x, "accuracy")
        labels = np.asarray(labels)
        if labels.shape != (x.shape[0],):
            raise ValueError(
                f"ReferenceMLP.accuracy: expected labels of shape ({x.shape[0]},) "
                f"for {x.shape[0]} inputs, got shape {labels.shape}"
            )
        return float(np.mean(self.predict(x) == labels))

    def _batch_input(self, x, operation):
        """x as an array of the model's dtype, checked to have shape (n, n_0) with n >= 1."""
        x = np.asarray(x, dtype=self.dtype)
        n_inputs = self.weights[0].shape[1]
        if x.ndim != 2 or x.shape[1] != n_inputs or x.shape[0] == 0:
            raise ValueError(
                f"ReferenceMLP.{operation}: expected a batch x of shape (n, {n_inputs}) "
                f"with n >= 1, got shape {x.shape}"
            )
        return x

    def _batch_target(self, y, batch_size, operation):
        """y as an array of the model's dtype, checked to have shape (n, n_L)."""
        y = np.asarray(y, dtype=self.dtype)
        expected = (batch_size, self.weights[-1].shape[0])
        if y.shape != expected:
            raise ValueError(
                f"ReferenceMLP.{operation}: expected targets y of shape {expected}, "
                f"got shape {y.shape}"
            )
        return y


def train_epoch(model, x, y_onehot, batch_size, lr, rng):
    """One epoch of mini-batch SGD: shuffle the examples with ``rng``, then step per batch.

    x and y_onehot are cast to the model's dtype (a copy only if it differs), their rows
    permuted together once, then cut into consecutive batches of ``batch_size`` rows; the
    last batch keeps whatever rows remain, so every example is used exactly once. Each batch makes one ``model.sgd_step(x, y, lr)``.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"train_epoch: rng must be a numpy.random.Generator, got {type(rng).__name__}"
        )
    if not isinstance(batch_size, numbers.Integral) or batch_size < 1:
        raise ValueError(
            f"train_epoch: batch_size must be a positive integer, got {batch_size!r}"
        )
    x = np.asarray(x, dtype=model.dtype)
    y_onehot = np.asarray(y_onehot, dtype=model.dtype)
    if x.ndim == 0 or y_onehot.ndim == 0 or x.shape[0] != y_onehot.shape[0]:
        raise ValueError(
            "train_epoch: expected x and y_onehot with the same number of rows, "
            f"got shapes {x.shape} and {y_onehot.shape}"
        )
    order = rng.permutation(x.shape[0])
    x_shuffled = x[order]
    y_shuffled = y_onehot[order]
    for start in range(0, x.shape[0], batch_size):
        stop = start + batch_size
        model.sgd_step(x_shuffled[start:stop], y_shuffled[start:stop], lr)


def _validated_sizes(sizes):
    """sizes as a list of positive ints, at least two of them (input and output layer)."""
    sizes = list(sizes)
    if len(sizes) < 2 or not all(
        isinstance(size, numbers.Integral) and size >= 1 for size in sizes
    ):
        raise ValueError(
            "ReferenceMLP.random: expected sizes as at least two positive integers "
            f"[n_0, ..., n_L], got {sizes!r}"
        )
    return [int(size) for size in sizes]


def _validated_dtype(dtype, operation):
    """dtype as a numpy dtype, float32 or float64."""
    dtype = np.dtype(dtype)
    if dtype not in SUPPORTED_DTYPES:
        raise TypeError(f"{operation}: expected dtype float32 or float64, got {dtype}")
    return dtype


def _validated_parameters(weights, biases):
    """Copies of the weights and biases, checked to form a chain of layers of one dtype."""
    weights = list(weights)
    biases = list(biases)
    if not weights or len(weights) != len(biases):
        raise ValueError(
            "ReferenceMLP: expected equal, non-zero numbers of weight matrices and bias "
            f"vectors, got {len(weights)} weights and {len(biases)} biases"
        )
    for layer, (weight, bias) in enumerate(zip(weights, biases), start=1):
        for name, array in (("W", weight), ("b", bias)):
            if not isinstance(array, np.ndarray):
                raise TypeError(
                    f"ReferenceMLP: expected {name}^{layer} as a numpy array, "
                    f"got {type(array).__name__}"
                )
        if weight.ndim != 2 or bias.shape != weight.shape[:1]:
            raise ValueError(
                f"ReferenceMLP: layer {layer} expects W^{layer} of shape (n_{layer}, "
                f"n_{layer - 1}) and b^{layer} of shape (n_{layer},), "
                f"got W^{layer} {weight.shape} and b^{layer} {bias.shape}"
            )
        if layer > 1 and weight.shape[1] != weights[layer - 2].shape[0]:
            raise ValueError(
                f"ReferenceMLP: W^{layer} of shape {weight.shape} does not chain with "
                f"W^{layer - 1} of shape {weights[layer - 2].shape}: expected "
                f"{weights[layer - 2].shape[0]} columns, got {weight.shape[1]}"
            )
    dtype = _validated_dtype(weights[0].dtype, "ReferenceMLP")
    for layer, (weight, bias) in enumerate(zip(weights, biases), start=1):
        if weight.dtype != dtype or bias.dtype != dtype:
            raise TypeError(
                f"ReferenceMLP: expected every W and b of dtype {dtype} (that of W^1), got "
                f"W^{layer} {weight.dtype} and b^{layer} {bias.dtype}"
            )
    return [weight.copy() for weight in weights], [bias.copy() for bias in biases]
