"""nn.functional, imported as F: every layer, activation and loss of nn as a function,
with PyTorch's names and arguments (F.relu, F.softmax(x, dim=1), F.cross_entropy,
F.conv2d, F.max_pool2d, F.dropout(x, p, training), F.linear, F.one_hot, ...).

One file per family; this file only gathers their names.
"""
