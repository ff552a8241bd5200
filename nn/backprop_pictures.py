"""The seeds' backpropagation equations next to the engine, as pictures.

- `delta_comparison_figure`: per layer, delta^l = dC/dz^l as the engine computed it (the
  gradient arriving at z^l in a traced backward pass) next to delta^l from the hand-derived
  equations (nn.reference), and their difference.
- `weight_gradient_figure`: dC/dW^1 of each hidden neuron as a 28x28 image.
- `input_gradient_figure`: the gradient of the cost with respect to the input digit.
- `gradient_flow` and `gradient_flow_figure`: per layer, the mean |delta^l| and the fraction of
  saturated sigmoids while the network trains: why sigmoid networks learn slowly at depth.

matplotlib is imported inside the functions, as in nn.plots.
"""
import contextlib

import numpy as np

from autograd import Tensor, grad
from autograd.viz import trace_backward

from .functional.loss_regression import quadratic_cost
from .optim import SGD
from .plots import hidden_weights_figure
from .reference import ReferenceMLP

SATURATED = 0.99  # a sigmoid output beyond 0.01 or 0.99: sigma'(z) < 0.01, learning stalls


def linear_layers(net):
    """The Linear layers of an MLP (or a Sequential of Linear and activation modules)."""
    layers = getattr(net, "layers", net)
    return [module for module in layers if hasattr(module, "weight")]


@contextlib.contextmanager
def gradients_kept(net):
    """Backward passes inside leave every parameter's .grad as it was before."""
    kept = [(parameter, parameter.grad) for parameter in net.parameters()]
    for parameter, _ in kept:
        parameter.grad = None
    try:
        yield
    finally:
        for parameter, previous in kept:
            parameter.grad = previous


def engine_deltas(net, x, y):
    """delta^l for l = 1..L from the engine: the gradient arriving at each layer's z^l when
    the traced backward pass of the quadratic cost reaches it. Also returns the trace.
    The parameters' .grad are left as they were."""
    with gradients_kept(net):
        trace = trace_backward(quadratic_cost(net(Tensor(x)), Tensor(y)))
    arriving = {step.output_name: step.grad for step in trace}
    return [arriving[f"z{layer}"] for layer in range(1, len(linear_layers(net)) + 1)], trace


def reference_deltas(net, x, y):
    """delta^l from the seeds' equations, in float64, for the same weights."""
    layers = linear_layers(net)
    reference = ReferenceMLP([layer.weight.data.astype(np.float64) for layer in layers],
                             [layer.bias.data.astype(np.float64) for layer in layers])
    return reference.deltas(np.asarray(x, np.float64), np.asarray(y, np.float64))[0]


def delta_comparison_figure(net, x, y):
    """For one mini-batch: per layer, delta^l by the engine, by the equations, and the
    difference (rows: layers; each image has one row per example, one column per neuron)."""
    from matplotlib.figure import Figure

    engine, _ = engine_deltas(net, x, y)
    by_hand = reference_deltas(net, x, y)
    figure = Figure(figsize=(11, 2.4 * len(engine)), layout="constrained")
    grid = figure.subplots(len(engine), 3, squeeze=False)
    for layer, (ours, theirs) in enumerate(zip(engine, by_hand), start=1):
        limit = float(np.abs(theirs).max()) or 1.0
        difference = ours - theirs
        panels = [(ours, f"delta^{layer} from the engine"),
                  (theirs, f"delta^{layer} from the equations"),
                  (difference, f"difference (max |.| = {np.abs(difference).max():.2g})")]
        for axes, (values, title) in zip(grid[layer - 1], panels):
            shown = axes.imshow(values, cmap="RdBu", vmin=-limit, vmax=limit, aspect="auto")
            axes.set(title=title, xlabel="neuron", ylabel="example")
        figure.colorbar(shown, ax=grid[layer - 1].tolist(), shrink=0.9)
    figure.suptitle("delta^L = (a^L - y) * sigma'(z^L);  "
                    "delta^l = ((W^(l+1))^T delta^(l+1)) * sigma'(z^l)")
    return figure


def weight_gradient_figure(net, x, y, image_shape=(28, 28)):
    """dC/dW^1 for one mini-batch, each hidden neuron's row as an image: blue where the cost
    wants that pixel's weight to grow, red where to shrink (a step moves by -lr times it)."""
    first = linear_layers(net)[0].weight
    (gradient,) = grad(quadratic_cost(net(Tensor(x)), Tensor(y)), [first])
    return hidden_weights_figure(gradient.data, image_shape,
                                   title="dC/dW^1: the gradient of each first-layer neuron's "
                                         "weights (the step moves against it)",
                                   label="dC/dw")


def input_gradient_figure(net, digit, target, image_shape=(28, 28)):
    """The digit and dC/dx: which pixels, made brighter or darker, would lower the cost."""
    from matplotlib.figure import Figure

    x = Tensor(np.asarray(digit, dtype=np.float32).reshape(1, -1), requires_grad=True)
    cost = quadratic_cost(net(x), Tensor(np.asarray(target, np.float32).reshape(1, -1)))
    gradient = grad(cost, [x])[0].data.reshape(image_shape)
    figure = Figure(figsize=(7, 3.4), layout="constrained")
    left, right = figure.subplots(1, 2)
    left.imshow(np.asarray(digit).reshape(image_shape), cmap="gray_r")
    left.set_title("the input digit")
    limit = float(np.abs(gradient).max()) or 1.0
    shown = right.imshow(gradient, cmap="RdBu", vmin=-limit, vmax=limit)
    right.set_title("dC/dx (blue: brighter raises C)")
    for axes in (left, right):
        axes.set_axis_off()
    figure.colorbar(shown, ax=right, shrink=0.8)
    return figure


def gradient_flow(net, x, y, probe, epochs=5, batch_size=10, lr=3.0, seed=0):
    """Train `net` with SGD on (x, y) and, before training and after each epoch, measure on
    the `probe` batch (x_probe, y_probe), per layer: the mean |delta^l| and the fraction of
    saturated sigmoids. Returns a list of records {epoch, mean_abs_delta, saturated}."""
    rng = np.random.default_rng(seed)
    optimizer = SGD(net.parameters(), lr=lr)
    records = [_flow_record(net, probe, 0)]
    for epoch in range(1, epochs + 1):
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch_size):
            rows = order[start:start + batch_size]
            optimizer.zero_grad()
            quadratic_cost(net(Tensor(x[rows])), Tensor(y[rows])).backward()
            optimizer.step()
        records.append(_flow_record(net, probe, epoch))
    return records


def _flow_record(net, probe, epoch):
    deltas, trace = engine_deltas(net, *probe)
    saturated = [float(np.mean(np.abs(trace.value(f"a{layer}") - 0.5) > SATURATED - 0.5))
                 for layer in range(1, len(deltas) + 1)]
    return {"epoch": epoch, "mean_abs_delta": [float(np.abs(d).mean()) for d in deltas],
            "saturated": saturated}


def gradient_flow_figure(records):
    """Mean |delta^l| (log scale) and the saturated fraction per layer over training."""
    from matplotlib.figure import Figure

    epochs = [record["epoch"] for record in records]
    figure = Figure(figsize=(10, 3.8), layout="constrained")
    gradients, saturation = figure.subplots(1, 2)
    for layer in range(len(records[0]["mean_abs_delta"])):
        gradients.plot(epochs, [r["mean_abs_delta"][layer] for r in records], "o-",
                       label=f"layer {layer + 1}")
        saturation.plot(epochs, [100 * r["saturated"][layer] for r in records], "o-",
                        label=f"layer {layer + 1}")
    gradients.set(yscale="log", title="mean |delta^l| = mean |dC/dz^l|", xlabel="epoch")
    saturation.set(title="saturated sigmoids (a < 0.01 or a > 0.99)", xlabel="epoch",
                   ylabel="% of activations")
    for axes in (gradients, saturation):
        axes.legend()
        axes.grid(alpha=0.3)
    return figure
