"""MyGrad (numpy-based autodiff): tensors, its sigmoid, backward, and plain SGD on the arrays
(MyGrad has no optimizers)."""
import importlib.util

from ..network import LEARNING_RATE


def missing():
    return None if importlib.util.find_spec("mygrad") else "pip install mygrad"


def make(reference):
    import mygrad as mg
    from mygrad.nnet.activations import sigmoid
    params = [mg.Tensor(array.copy()) for pair in zip(reference.weights, reference.biases)
              for array in pair]

    def epoch(x, y, batch_size, order):
        nonlocal params
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            a = x[rows]
            for w, b in zip(params[::2], params[1::2]):
                a = sigmoid(mg.matmul(a, w.T) + b)
            loss = mg.sum((a - y[rows]) ** 2) / (2 * len(rows))
            loss.backward()
            params = [mg.Tensor(p.data - LEARNING_RATE * p.grad) for p in params]
    return epoch
