"""nn: layers, losses, optimizers and data built on autograd."""
