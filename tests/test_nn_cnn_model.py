"""nn.CNN: the same logits and gradients as the same network built in PyTorch, its shapes and
parameter count, its config round trip, and clear errors for bad arguments and inputs."""

import numpy as np
import pytest
import torch

import autograd
import nn
from nn.plots import kernels_figure


def torch_twin(model):
    """The CNN as a torch.nn.Sequential with a copy of its parameters (float64)."""
    layers, in_channels = [], model.image_shape[0]
    for out_channels in model.channels:
        layers += [torch.nn.Conv2d(in_channels, out_channels, model.kernel_size),
                   torch.nn.ReLU(), torch.nn.MaxPool2d(2)]
        in_channels = out_channels
    layers += [torch.nn.Flatten(), torch.nn.Linear(int(np.prod(model.feature_shape)),
                                                   model.classes)]
    twin = torch.nn.Sequential(*layers).double()
    with torch.no_grad():
        for (name, ours), theirs in zip(model.named_parameters(), twin.parameters()):
            assert tuple(theirs.shape) == ours.shape, name
            theirs.copy_(torch.from_numpy(ours.data))
    return twin


@pytest.mark.parametrize("settings", [
    {},
    {"channels": [3], "kernel_size": 3, "image_shape": (2, 9, 11), "classes": 4},
    {"channels": [2, 3, 4], "kernel_size": 3, "image_shape": (1, 30, 30), "classes": 5},
])
def test_logits_and_gradients_equal_torchs_same_network(settings):
    model = nn.CNN(**settings, seed=1, dtype=np.float64)
    twin = torch_twin(model)
    rng = np.random.default_rng(2)
    x = rng.random((5, *model.image_shape))
    labels = rng.integers(0, model.classes, 5)
    loss = nn.cross_entropy(model(x), labels)
    loss.backward()
    expected = torch.nn.functional.cross_entropy(twin(torch.from_numpy(x)),
                                                 torch.from_numpy(labels))
    expected.backward()
    np.testing.assert_allclose(loss.item(), expected.item(), rtol=1e-12)
    for (name, ours), theirs in zip(model.named_parameters(), twin.parameters()):
        np.testing.assert_allclose(ours.grad, theirs.grad.numpy(), rtol=1e-9, atol=1e-12,
                                   err_msg=name)


def test_flat_rows_and_images_give_the_same_logits_in_the_parameters_dtype():
    model = nn.CNN(seed=0)
    images = np.random.default_rng(0).random((3, 1, 28, 28))
    from_images, from_rows = model(images), model(images.reshape(3, 784))
    assert from_images.shape == (3, 10) and from_images.dtype == np.float32
    np.testing.assert_array_equal(from_images.data, from_rows.data)
    np.testing.assert_array_equal(model.predict(images), np.argmax(from_images.data, axis=1))
    pixels = autograd.tensor((images * 255).astype(np.uint8))
    assert model(pixels).dtype == np.float32


def test_default_network_has_5994_parameters_named_by_stage():
    model = nn.CNN(seed=0)
    shapes = {name: p.shape for name, p in model.named_parameters()}
    assert shapes == {"features.0.weight": (8, 1, 5, 5), "features.0.bias": (8,),
                      "features.3.weight": (16, 8, 5, 5), "features.3.bias": (16,),
                      "classifier.weight": (10, 256), "classifier.bias": (10,)}
    assert model.num_parameters() == 5994 == nn.CNN.parameter_count(model.config())
    assert model.architecture() == ("conv 8@5x5 - relu - maxpool 2 - conv 16@5x5 - relu - "
                                    "maxpool 2 - linear 10")


@pytest.mark.parametrize("config", [
    {"channels": [4], "kernel_size": 3, "image_shape": [3, 16, 16], "classes": 2},
    {"channels": [6, 6, 6], "kernel_size": 3, "image_shape": [1, 40, 36], "classes": 7},
])
def test_parameter_count_is_counted_without_building(config):
    assert nn.CNN.parameter_count(config) == nn.CNN(**config).num_parameters()


def test_config_rebuilds_the_same_network_and_a_seed_the_same_weights(tmp_path):
    model = nn.CNN([4, 6], kernel_size=3, seed=3, dtype=np.float64)
    again = nn.CNN(**model.config(), seed=3)
    assert again.config() == model.config()
    for (name, a), (_, b) in zip(model.named_parameters(), again.named_parameters()):
        np.testing.assert_array_equal(a.data, b.data, err_msg=name)
    nn.save(model, tmp_path / "cnn.npz")
    loaded = nn.load(tmp_path / "cnn.npz")
    assert isinstance(loaded, nn.CNN) and loaded.dtype == np.float64
    np.testing.assert_array_equal(loaded.classifier.weight.data, model.classifier.weight.data)


def test_a_checkpoint_declaring_a_huge_cnn_is_refused_before_building(tmp_path):
    path = tmp_path / "huge.npz"
    model = nn.CNN(channels=[1, 1], kernel_size=3, image_shape=(1, 16, 16), classes=2, seed=0)
    nn.save(model, path)
    archive = dict(np.load(path))
    info = str(archive.pop(nn.checkpoint.INFO_KEY)).replace('"channels": [1, 1]',
                                                            '"channels": [100000, 100000]')
    np.savez(path, **archive, **{nn.checkpoint.INFO_KEY: np.array(info)})
    with pytest.raises(ValueError, match=r"unusable CNN config: 90,001,900,002 parameters, "
                                         r"more than the"):
        nn.load(path)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"channels": []}, ValueError, "CNN: channels must be a list of at least 1 positive"),
    ({"channels": 8}, TypeError, "CNN: channels must be a list"),
    ({"channels": [8, 0]}, ValueError, r"CNN: channels\[1\] must be a positive integer, got 0"),
    ({"kernel_size": 2.0}, TypeError, "CNN: kernel_size must be a positive integer"),
    ({"image_shape": (28, 28)}, ValueError, "CNN: image_shape must be a list of 3 positive"),
    ({"classes": 0}, ValueError, "CNN: classes must be a positive integer, got 0"),
    ({"kernel_size": 13}, ValueError, r"CNN: stage 2 of 2 \(conv 13x13, then maxpool 2\) "
                                      "leaves no pixel of the 1x28x28 images"),
    ({"dtype": np.int32}, TypeError, "CNN: dtype must be float32 or float64"),
    ({"seed": 1, "rng": np.random.default_rng()}, ValueError, "CNN: give seed or rng"),
])
def test_bad_arguments_are_named(kwargs, error, message):
    with pytest.raises(error, match=message):
        nn.CNN(**kwargs)


@pytest.mark.parametrize("shape", [(2, 28, 28), (2, 1, 28, 27), (2, 783), (784,)])
def test_an_input_of_another_shape_is_named(shape):
    with pytest.raises(ValueError, match=r"CNN: expected images of shape \(n, 1, 28, 28\) or "
                                         r"flat rows of shape \(n, 784\), got shape "
                                         + rf"\({', '.join(map(str, shape))},?\)"):
        nn.CNN(seed=0)(np.zeros(shape, np.float32))


def test_kernels_figure_draws_one_panel_per_kernel_and_input_channel():
    single = kernels_figure(np.zeros((8, 1, 5, 5)))
    assert sum(axes.images != [] for axes in single.axes if axes.images) == 8
    several = kernels_figure(np.ones((3, 2, 3, 3)))
    titles = [axes.get_title() for axes in several.axes if axes.images]
    assert titles == ["kernel 0, in 0", "kernel 0, in 1", "kernel 1, in 0", "kernel 1, in 1",
                      "kernel 2, in 0", "kernel 2, in 1"]
    with pytest.raises(ValueError, match=r"kernels_figure: expected a convolution weight of "
                                         r"shape \(out_channels, in_channels, kH, kW\), got "
                                         r"\(8, 25\)"):
        kernels_figure(np.zeros((8, 25)))
