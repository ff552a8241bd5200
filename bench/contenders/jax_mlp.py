"""JAX on the CPU, two ways: one jitted SGD step per mini-batch (the mini-batch sliced in numpy
and passed in, as the others do), and a whole epoch jitted as one lax.scan over the
mini-batches (JAX's limit: Python is left for the whole epoch)."""
import importlib.util

from ..network import LEARNING_RATE


def _missing():
    return None if importlib.util.find_spec("jax") else "pip install jax"


def _parameters(reference):
    import jax.numpy as jnp
    return [(jnp.asarray(w), jnp.asarray(b)) for w, b in zip(reference.weights, reference.biases)]


def _sgd_step():
    """params, x, y -> the parameters after one SGD step on the quadratic cost."""
    import jax
    import jax.numpy as jnp

    def cost(params, x, y):
        a = x
        for w, b in params:
            a = jax.nn.sigmoid(a @ w.T + b)
        return jnp.sum((a - y) ** 2) / (2 * x.shape[0])

    def step(params, x, y):
        grads = jax.grad(cost)(params, x, y)
        return [(w - LEARNING_RATE * dw, b - LEARNING_RATE * db)
                for (w, b), (dw, db) in zip(params, grads)]
    return step


class PerStep:
    missing = staticmethod(_missing)

    @staticmethod
    def make(reference):
        import jax
        step = jax.jit(_sgd_step())
        params = _parameters(reference)

        def epoch(x, y, batch_size, order):
            nonlocal params
            for start in range(0, len(order), batch_size):
                rows = order[start:start + batch_size]
                params = step(params, x[rows], y[rows])
            jax.block_until_ready(params)
        return epoch


class WholeEpoch:
    missing = staticmethod(_missing)

    @staticmethod
    def make(reference):
        import jax
        step = _sgd_step()

        @jax.jit
        def run(params, xs, ys):
            return jax.lax.scan(lambda p, batch: (step(p, *batch), None), params, (xs, ys))[0]
        params = _parameters(reference)

        def epoch(x, y, batch_size, order):
            nonlocal params
            batches = len(order) // batch_size   # the workloads' sizes divide evenly
            shuffled = order[:batches * batch_size]
            params = run(params, x[shuffled].reshape(batches, batch_size, -1),
                         y[shuffled].reshape(batches, batch_size, -1))
            jax.block_until_ready(params)
        return epoch
