"""nn.Module against torch.nn.Module: buffers, state_dict and load_state_dict, dtype
casts. The same small networks are built in both libraries and their answers compared:
names, order, values, dtypes.

Deliberate differences (named here, listed in the report):
- load_state_dict is all-or-nothing: a bad entry leaves every tensor unchanged (PyTorch copies
  the entries that fit before raising): test_a_failed_load_changes_nothing.
- Its errors are one line (the command-line tools print them as they are), and a size
  mismatch raises before anything is copied: test_load_errors_name_every_problem_in_one_line.
- state_dict() values are numpy copies (PyTorch's are detached tensors sharing memory);
  keep_vars=True gives the tensors themselves, as PyTorch's.
"""
import numpy as np
import pytest
import torch

import autograd as ag
import nn


class Counter(nn.Module):
    """A parameter, a floating buffer, an integer buffer and a non-persistent buffer."""

    def __init__(self):
        super().__init__()
        self.scale = nn.Parameter(np.ones(2))
        self.register_buffer("running", ag.Tensor(np.zeros(2)))
        self.register_buffer("steps", ag.Tensor(np.array(0)))
        self.register_buffer("scratch", ag.Tensor(np.ones(3)), persistent=False)


class TorchCounter(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.scale = torch.nn.Parameter(torch.ones(2, dtype=torch.float64))
        self.register_buffer("running", torch.zeros(2, dtype=torch.float64))
        self.register_buffer("steps", torch.tensor(0))
        self.register_buffer("scratch", torch.ones(3, dtype=torch.float64), persistent=False)


def _ours():
    return nn.Sequential(Counter(), nn.Sequential(Counter(), nn.Linear(2, 2, dtype=np.float64)))


def _theirs():
    return torch.nn.Sequential(
        TorchCounter(), torch.nn.Sequential(TorchCounter(), torch.nn.Linear(2, 2).double()))


def _dtypes(named):
    return [(name, str(np.dtype(t.dtype) if isinstance(t, ag.Tensor) else t.dtype)
             .replace("torch.", "")) for name, t in named]


# -- buffers -----------------------------------------------------------------------------------

def test_buffers_are_listed_and_saved_as_torch():
    ours, theirs = _ours(), _theirs()
    assert [n for n, _ in ours.named_buffers()] == [n for n, _ in theirs.named_buffers()]
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    assert len(list(ours.buffers())) == len(list(theirs.buffers())) == 6
    assert [n for n, _ in ours[0].named_buffers(recurse=False, prefix="top")] == [
        "top.running", "top.steps", "top.scratch"]


def test_a_buffer_is_an_attribute_and_not_a_parameter():
    counter = Counter()
    assert counter.running is counter._buffers["running"]
    assert not counter.running.requires_grad
    assert [name for name, _ in counter.named_parameters()] == ["scale"]


def test_assigning_to_a_buffer_name_replaces_the_buffer():
    ours, theirs = Counter(), TorchCounter()
    new = ag.Tensor([5.0, 6.0])
    ours.running = new
    theirs.running = torch.tensor([5.0, 6.0])
    assert ours._buffers["running"] is new and ours.running is new
    assert list(ours.state_dict()) == list(theirs.state_dict())
    ours.running = theirs.running = None  # None stays a (skipped) buffer, as torch
    assert "running" in ours._buffers and "running" in theirs._buffers
    assert list(ours.state_dict()) == list(theirs.state_dict()) == ["scale", "steps"]
    with pytest.raises(TypeError, match=r"cannot assign int 3 as buffer 'steps': expected a "
                                        r"Tensor or None"):
        ours.steps = 3


def test_a_parameter_or_module_assigned_to_a_buffer_name_takes_its_place():
    ours, theirs = Counter(), TorchCounter()
    ours.running = nn.Parameter(np.zeros(2))
    theirs.running = torch.nn.Parameter(torch.zeros(2))
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert [n for n, _ in ours.named_buffers()] == [n for n, _ in theirs.named_buffers()]
    del ours.steps
    del theirs.steps
    assert [n for n, _ in ours.named_buffers()] == [n for n, _ in theirs.named_buffers()] == [
        "scratch"]


def test_a_buffer_can_become_persistent_again():
    counter = Counter()
    counter.register_buffer("scratch", counter.scratch)
    assert list(counter.state_dict()) == ["scale", "running", "steps", "scratch"]


def test_a_shared_buffer_is_listed_once_and_saved_under_each_name():
    ours, theirs = _ours(), _theirs()
    ours[1][0].running = ours[0].running
    theirs[1][0].running = theirs[0].running
    assert [n for n, _ in ours.named_buffers()] == [n for n, _ in theirs.named_buffers()]
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert len(list(ours.named_buffers(remove_duplicate=False))) == len(
        list(theirs.named_buffers(remove_duplicate=False)))


@pytest.mark.parametrize("name, tensor, error, pattern", [
    (1, ag.zeros(1), TypeError, "the buffer name must be a string, got int 1"),
    ("a.b", ag.zeros(1), KeyError, "non-empty and without '.', got 'a.b'"),
    ("", ag.zeros(1), KeyError, "non-empty and without '.', got ''"),
    ("x", np.zeros(1), TypeError,
     r"cannot register ndarray .* as buffer 'x': expected a Tensor or None"),
    ("scale", ag.zeros(1), KeyError, "attribute 'scale' already exists"),
])
def test_register_buffer_refuses_what_torch_refuses(name, tensor, error, pattern):
    with pytest.raises(error, match=pattern):
        Counter().register_buffer(name, tensor)
    torch_tensor = torch.zeros(1) if isinstance(tensor, ag.Tensor) else tensor
    with pytest.raises(error):
        TorchCounter().register_buffer(name, torch_tensor)


def test_register_buffer_before_init_is_a_clear_error():
    class Early(nn.Module):
        def __init__(self):
            self.register_buffer("x", ag.zeros(1))

    with pytest.raises(AttributeError, match=r"Early.register_buffer: call super\(\).__init__"):
        Early()


def test_persistent_must_be_a_bool():
    with pytest.raises(TypeError, match="persistent must be True or False, got str"):
        Counter().register_buffer("x", ag.zeros(1), persistent="no")


# -- state_dict and load_state_dict -------------------------------------------------------------

def test_state_dict_matches_torch_in_names_values_and_dtypes():
    ours, theirs = _ours(), _theirs()
    theirs.load_state_dict({k: torch.tensor(v) for k, v in ours.state_dict().items()})
    state, torch_state = ours.state_dict(), theirs.state_dict()
    assert _dtypes(state.items()) == _dtypes(torch_state.items())
    for name, array in state.items():
        np.testing.assert_array_equal(array, torch_state[name].numpy(), err_msg=name)
    kept = ours.state_dict(keep_vars=True)
    assert kept["0.running"] is ours[0].running and kept["0.scale"] is ours[0].scale


def test_load_state_dict_loads_buffers_in_place_with_their_dtype():
    source, target = _ours(), _ours()
    source[0].running.data[...] = [1.5, 2.5]
    source[0].steps.data[...] = 7
    running = target[0].running
    result = target.load_state_dict(source.state_dict())
    assert target[0].running is running
    np.testing.assert_array_equal(running.data, [1.5, 2.5])
    assert target[0].steps.item() == 7 and target[0].steps.dtype == np.int64
    assert result == ([], [])
    assert repr(result) == repr(_theirs().load_state_dict(_theirs().state_dict()))


def test_non_strict_loading_returns_the_keys_torch_returns():
    ours, theirs = _ours(), _theirs()
    state = ours.state_dict()
    del state["1.0.steps"]
    state["extra"] = np.zeros(1)
    result = ours.load_state_dict(state, strict=False)
    expected = theirs.load_state_dict({k: torch.tensor(v) for k, v in state.items()},
                                      strict=False)
    assert result.missing_keys == expected.missing_keys == ["1.0.steps"]
    assert result.unexpected_keys == expected.unexpected_keys == ["extra"]
    assert repr(result) == repr(expected).removeprefix("_")  # torch's class is private
    assert result == tuple(expected)


def test_strict_loading_names_missing_and_unexpected_keys():
    state = _ours().state_dict()
    del state["1.0.steps"]
    state["extra"] = np.zeros(1)
    with pytest.raises(RuntimeError, match=r"^Error\(s\) in loading state_dict for Sequential: "
                       r"Missing key\(s\) in state_dict: '1.0.steps'; Unexpected key\(s\) in "
                       r"state_dict: 'extra'$"):
        _ours().load_state_dict(state)
    with pytest.raises(RuntimeError, match="Missing key"):
        _theirs().load_state_dict({k: torch.tensor(v) for k, v in state.items()})


def test_load_errors_name_every_problem_in_one_line():
    state = _ours().state_dict()
    state["0.running"] = np.zeros(3)
    state["1.1.bias"] = np.zeros((1, 2))
    with pytest.raises(RuntimeError) as caught:
        _ours().load_state_dict(state, strict=False)
    assert str(caught.value) == (
        "Error(s) in loading state_dict for Sequential: size mismatch for '0.running': shape "
        "(3,) in the state, (2,) in the module; size mismatch for '1.1.bias': shape (1, 2) in "
        "the state, (2,) in the module")
    with pytest.raises(RuntimeError, match="size mismatch for 0.running"):
        _theirs().load_state_dict({k: torch.tensor(v) for k, v in state.items()}, strict=False)


def test_a_failed_load_changes_nothing():
    model = _ours()
    before = model.state_dict()
    state = _ours().state_dict()
    state["0.running"][...] = 9.0
    state["1.1.bias"] = np.zeros(3)
    with pytest.raises(RuntimeError, match="size mismatch for '1.1.bias'"):
        model.load_state_dict(state)
    for name, array in model.state_dict().items():
        np.testing.assert_array_equal(array, before[name], err_msg=name)


def test_strict_must_be_a_bool():
    with pytest.raises(TypeError, match="Sequential.load_state_dict: strict must be True or "
                                        "False, got str"):
        _ours().load_state_dict(_ours().state_dict(), strict="yes")


# -- to(dtype), float(), double() -------------------------------------------------------------

@pytest.mark.parametrize("cast", [
    lambda m, lib: m.float(), lambda m, lib: m.double(),
    lambda m, lib: m.to(lib.float32), lambda m, lib: m.to("cpu", lib.float32),
    lambda m, lib: m.to(dtype=lib.float64), lambda m, lib: m.to("cpu"),
])
def test_casts_change_floating_parameters_and_buffers_as_torch(cast):
    ours, theirs = _ours(), _theirs()
    assert cast(ours, ag) is ours
    cast(theirs, torch)
    assert _dtypes(ours.named_parameters()) == _dtypes(theirs.named_parameters())
    assert _dtypes(ours.named_buffers()) == _dtypes(theirs.named_buffers())


def test_to_keeps_each_parameter_object_and_casts_its_grad():
    model = nn.Linear(3, 2, dtype=np.float64)
    weight = model.weight
    nn.quadratic_cost(model(np.ones((1, 3))), np.zeros((1, 2))).backward()
    model.float()
    assert model.weight is weight
    assert weight.dtype == np.float32 and weight.grad.dtype == np.float32
    assert model(np.ones((1, 3))).dtype == np.float32


def test_to_a_tensor_takes_its_dtype():
    model = _ours().to(ag.zeros(1, dtype=ag.float32))
    assert {p.dtype for p in model.parameters()} == {np.dtype(np.float32)}


@pytest.mark.parametrize("args, error, pattern", [
    (("cuda",), RuntimeError, "device 'cuda' is not available"),
    ((ag.int64,), TypeError, "floating point dtypes only .*, got int64"),
    ((ag.float32, ag.float64), TypeError, "give one dtype"),
])
def test_to_refuses_other_devices_and_integer_dtypes(args, error, pattern):
    with pytest.raises(error, match=r"Sequential.to: .*" + pattern):
        _ours().to(*args)


def test_a_checkpoint_saves_and_restores_buffers(tmp_path):
    source = _ours()
    source[1][0].running.data[...] = [3.0, 4.0]
    source[1][0].steps.data[...] = 12
    nn.save(source, tmp_path / "with_buffers.npz")
    target = nn.load(tmp_path / "with_buffers.npz", model=_ours())
    for name, array in source.state_dict().items():
        np.testing.assert_array_equal(target.state_dict()[name], array, err_msg=name)
    assert target[1][0].steps.dtype == np.int64
    source[1][0].running = ag.zeros(3, dtype=ag.float64)
    nn.save(source, tmp_path / "misfit.npz")
    with pytest.raises(ValueError, match=r"misfit.npz does not fit Sequential: .*size mismatch "
                                         r"for '1.0.running': shape \(3,\) in the state"):
        nn.load(tmp_path / "misfit.npz", model=_ours())
