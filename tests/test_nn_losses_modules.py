"""The loss modules (nn.MSELoss, nn.CrossEntropyLoss, ...) against torch's modules built
with the same arguments; their reprs, and their constructors' errors.

Deliberate differences (named here, listed in the report):
- every constructor argument but `weight` is keyword-only, and torch's deprecated
  size_average and reduce are left out: nn.CrossEntropyLoss(w, -100) is a TypeError here,
  where torch would silently take -100 as size_average;
- the repr shows the settings not at their defaults (CrossEntropyLoss(label_smoothing=0.1));
  torch's shows none; at the defaults both read CrossEntropyLoss();
- weight and pos_weight are plain attributes, not buffers: not in state_dict().
"""
import numpy as np
import pytest
import torch
import torch.nn as tnn

import nn
from loss_agreement import check_loss

RNG = np.random.default_rng(0)
SCORES = RNG.standard_normal((4, 3))
LABELS = np.array([0, 2, 1, 2])
PROBABILITIES = 1 / (1 + np.exp(-SCORES))
TARGETS = RNG.random((4, 3))
CLASS_WEIGHTS = [0.5, 1.0, 2.0]

# (module name, constructor keywords, input, target, whether torch differentiates the target)
CASES = [
    ("MSELoss", {}, SCORES, TARGETS, True),
    ("MSELoss", {"reduction": "sum"}, SCORES, TARGETS, True),
    ("L1Loss", {"reduction": "none"}, SCORES, TARGETS, True),
    ("SmoothL1Loss", {"beta": 0.5}, SCORES, TARGETS, True),
    ("HuberLoss", {"delta": 0.3, "reduction": "sum"}, SCORES, TARGETS, True),
    ("CrossEntropyLoss", {}, SCORES, LABELS, False),
    ("CrossEntropyLoss", {"weight": CLASS_WEIGHTS, "ignore_index": 1, "label_smoothing": 0.2},
     SCORES, LABELS, False),
    ("CrossEntropyLoss", {"reduction": "none"}, SCORES, TARGETS / TARGETS.sum(1, keepdims=True),
     True),
    ("NLLLoss", {"weight": CLASS_WEIGHTS, "reduction": "sum"}, -np.abs(SCORES), LABELS, False),
    ("BCELoss", {"weight": CLASS_WEIGHTS}, PROBABILITIES, TARGETS, True),
    ("BCEWithLogitsLoss", {"weight": CLASS_WEIGHTS, "pos_weight": [3.0, 1.0, 0.5]}, SCORES,
     TARGETS, True),
]


def _built(module, options, numbers):
    """The module built with options, list options as `numbers` (an array maker)."""
    return module(**{name: numbers(value) if isinstance(value, list) else value
                     for name, value in options.items()})


@pytest.mark.parametrize("name, options, input, target, target_grad", CASES)
def test_loss_modules_agree_with_torchs(name, options, input, target, target_grad):
    ours = _built(getattr(nn, name), options, np.array)
    theirs = _built(getattr(tnn, name), options, lambda v: torch.tensor(v, dtype=torch.float64))
    check_loss(lambda a, y: ours(a, y), lambda a, y: theirs(a, y), input, target,
               differentiate_target=target_grad)


@pytest.mark.parametrize("name", ["MSELoss", "L1Loss", "SmoothL1Loss", "HuberLoss",
                                  "CrossEntropyLoss", "NLLLoss", "BCELoss",
                                  "BCEWithLogitsLoss"])
def test_at_the_defaults_the_repr_is_torchs_and_there_are_no_parameters(name):
    module = getattr(nn, name)()
    assert repr(module) == repr(getattr(tnn, name)()) == f"{name}()"
    assert list(module.parameters()) == []
    assert module.state_dict() == {}


@pytest.mark.parametrize("module, text", [
    (nn.CrossEntropyLoss(reduction="sum", label_smoothing=0.1),
     "CrossEntropyLoss(reduction='sum', label_smoothing=0.1)"),
    (nn.NLLLoss(ignore_index=0), "NLLLoss(ignore_index=0)"),
    (nn.SmoothL1Loss(beta=0.5), "SmoothL1Loss(beta=0.5)"),
    (nn.HuberLoss(delta=2.0, reduction="none"), "HuberLoss(reduction='none', delta=2.0)"),
])
def test_the_repr_shows_the_settings_not_at_their_defaults_where_torch_shows_none(module, text):
    assert repr(module) == text
    assert repr(tnn.CrossEntropyLoss(label_smoothing=0.1)) == "CrossEntropyLoss()"


def test_arguments_after_weight_are_keyword_only_where_torch_takes_size_average():
    with pytest.raises(TypeError):
        nn.CrossEntropyLoss(None, -100)
    with pytest.raises(TypeError):
        nn.MSELoss("sum")
    with pytest.warns(UserWarning, match="size_average"):
        tnn.CrossEntropyLoss(None, -100)  # torch: size_average=-100, accepted
    weight = np.array([1.0, 2.0])
    assert nn.CrossEntropyLoss(weight).state_dict() == {}
    assert "weight" in tnn.CrossEntropyLoss(torch.tensor(weight)).state_dict()


@pytest.mark.parametrize("make, error, pattern", [
    (lambda: nn.MSELoss(reduction="avg"), ValueError,
     r"MSELoss: reduction must be one of \('mean', 'sum', 'none'\), got 'avg'"),
    (lambda: nn.SmoothL1Loss(beta=-1.0), ValueError, r"SmoothL1Loss: beta must be a number in"),
    (lambda: nn.HuberLoss(delta=0), ValueError, r"HuberLoss: delta must be a number in \(0,"),
    (lambda: nn.CrossEntropyLoss(label_smoothing=-0.1), ValueError,
     r"CrossEntropyLoss: label_smoothing must be a number in \[0.0, 1.0\], got -0.1"),
    (lambda: nn.NLLLoss(ignore_index="none"), TypeError,
     "NLLLoss: ignore_index must be an int, got str 'none'"),
])
def test_constructors_check_their_arguments(make, error, pattern):
    with pytest.raises(error, match=pattern):
        make()


def test_a_loss_module_trains_a_linear_layer_like_the_function():
    """criterion(model(x), y) gives the same gradients as F.cross_entropy."""
    layer = nn.Linear(3, 3, seed=0, dtype=np.float64)
    nn.CrossEntropyLoss(label_smoothing=0.1)(layer(SCORES), LABELS).backward()
    from_module = layer.weight.grad.copy()
    layer.zero_grad()
    nn.functional.cross_entropy(layer(SCORES), LABELS, label_smoothing=0.1).backward()
    np.testing.assert_array_equal(layer.weight.grad, from_module)
