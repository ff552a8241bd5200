"""chainrule through its public API, eager mode: nn.MLP, nn.quadratic_cost, nn.optim.SGD."""
import nn

from ..network import LEARNING_RATE


def missing():
    return None


def make(reference):
    model = nn.MLP(reference.sizes)
    model.load_state_dict({
        f"layers.{2 * i}.{kind}": array
        for i, (w, b) in enumerate(zip(reference.weights, reference.biases))
        for kind, array in (("weight", w), ("bias", b))
    })
    optimizer = nn.optim.SGD(model.parameters(), lr=LEARNING_RATE)

    def epoch(x, y, batch_size, order):
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            loss = nn.quadratic_cost(model(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return epoch
