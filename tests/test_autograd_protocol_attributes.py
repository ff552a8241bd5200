"""Helpful AttributeErrors: a PyTorch name that Tensor (or nn.Module) lacks says what to use
instead; names we have never reach the fallback; copies and pickles still work."""
import copy
import pickle
import re

import numpy as np
import pytest
import torch

import autograd as ag
import nn
from autograd import attribute_advice


def public_names(cls):
    return [name for name in dir(cls) if not name.startswith("_")]


def test_every_torch_tensor_name_we_lack_says_what_to_use_instead():
    t = ag.Tensor([[1.0, 2.0]])  # a matrix: mT and t() need two axes
    missing = [name for name in public_names(torch.Tensor) if not hasattr(t, name)]
    assert missing  # (torch has far more methods than any one build here)
    for name in missing:
        with pytest.raises(AttributeError) as caught:
            getattr(t, name)
        message = str(caught.value)
        assert message.startswith(f"'Tensor' object has no attribute '{name}'; ")
        assert len(message) > len(f"'Tensor' object has no attribute '{name}'; ") + 5
        assert caught.value.name == name and caught.value.obj is t


@pytest.mark.parametrize("name, said", [
    ("cuda", "there is no GPU here"),
    ("add", "use t + other"),
    ("mm", "use t @ other"),
    ("stride", "no storage or strides"),
    ("element_size", "t.data.itemsize"),
    ("zero_", "under autograd.no_grad() with item assignment"),
    ("add_", "in-place 'add_' is not recorded here: write the out-of-place form, t = t.add"),
    ("imag", "no complex numbers"),
    ("lgamma", "if you know 'lgamma' from PyTorch: autograd has no counterpart"),
])
def test_the_advice_for_some_names(name, said):
    with pytest.raises(AttributeError, match=re.escape(said)):
        getattr(ag.Tensor([1.0]), name)


def test_other_names_get_the_plain_error_and_getattr_defaults_work():
    t = ag.Tensor([1.0])
    with pytest.raises(AttributeError) as caught:
        t.__array_interface__  # noqa: B018 (numpy probes this one)
    assert str(caught.value) == "'Tensor' object has no attribute '__array_interface__'"
    with pytest.raises(AttributeError, match="^'Tensor' object has no attribute 'frobnicate'$"):
        t.frobnicate  # noqa: B018 (not a PyTorch name: Python's own error)
    assert getattr(t, "cuda", None) is None and not hasattr(t, "_private")


def test_tensor_keeps_pythons_fast_attribute_reads():
    """No __getattr__ on Tensor: a class with one loses Python's specialised attribute reads
    on every instance (t.data went from 7 to 22 ns); the advice comes from class attributes."""
    assert "__getattr__" not in {name for cls in ag.Tensor.__mro__ for name in vars(cls)}


def test_the_fallback_never_runs_for_names_tensor_has(monkeypatch):
    calls = []
    monkeypatch.setattr(attribute_advice, "tensor_attribute_error",
                        lambda tensor, name: calls.append(name) or AttributeError(name))
    t = ag.Tensor([1.0, 2.0], requires_grad=True)
    _ = (t.data, t.grad, t.grad_fn, t.name, t.shape, t.size(), t.dtype, t.is_leaf, t.T,
         t.sum, t.to, t.clone, t.requires_grad, t._version)
    (t * 2).sum().backward()
    assert calls == []


def test_tensors_still_copy_deepcopy_and_pickle():
    t = ag.Tensor([1.0, 2.0], name="w")
    for twin in (copy.copy(t), copy.deepcopy(t), pickle.loads(pickle.dumps(t))):
        np.testing.assert_array_equal(twin.data, t.data)
        assert twin.name == "w"


# -- nn.Module ----------------------------------------------------------------------------------


def test_every_torch_module_name_we_lack_says_what_to_use_instead():
    module = nn.Linear(2, 3)
    missing = [name for name in public_names(torch.nn.Module) if not hasattr(module, name)]
    assert "cuda" in missing and "register_buffer" not in missing
    for name in missing:
        with pytest.raises(AttributeError, match=f"'Linear' object has no attribute '{name}'; "):
            getattr(module, name)
    with pytest.raises(RuntimeError, match="Linear.to: device 'cuda' is not available"):
        module.to("cuda")


def test_a_module_keeps_its_attributes_and_the_plain_error_for_other_names():
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.layer = nn.Linear(2, 1)
            self.scale = 3.0

        def forward(self, x):
            return self.layer(x) * self.scale

    net = Net()
    assert net.scale == 3.0 and isinstance(net.layer, nn.Linear)
    assert net(ag.Tensor(np.ones((1, 2)))).shape == (1, 1)
    with pytest.raises(AttributeError) as caught:
        net.layer2  # noqa: B018
    assert str(caught.value) == "'Net' object has no attribute 'layer2'"
    twin = copy.deepcopy(net)
    np.testing.assert_array_equal(twin.layer.weight.data, net.layer.weight.data)
    linear = pickle.loads(pickle.dumps(nn.Linear(2, 1)))
    assert linear.weight.shape == (1, 2)
