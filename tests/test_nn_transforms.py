"""nn.transforms: the digits' transforms as plain functions: exact formulas (scale_pixels,
normalize), layouts (to_images, flatten_images), and the random ones (random_shift,
random_affine) by their properties: each image moved as a whole, nothing made up,
reproducible from a generator, the identity at zero settings."""
import numpy as np
import pytest
import torch

import autograd as ag
from nn import transforms
from nn.data import load_bundled


@pytest.fixture(scope="module")
def digits():
    return load_bundled().x_test[:20]  # uint8 rows of 784 pixels


def test_scale_pixels_and_normalize_follow_their_formulas(digits):
    scaled = transforms.scale_pixels(digits)
    assert scaled.dtype == np.float32
    np.testing.assert_allclose(scaled, digits / 255.0, rtol=1e-6)
    normalized = transforms.normalize(scaled)
    assert normalized.dtype == np.float32
    expected = (torch.tensor(scaled) - 0.1307) / 0.3081  # as torchvision's Normalize computes
    np.testing.assert_allclose(normalized, expected.numpy(), rtol=1e-6)
    np.testing.assert_allclose(transforms.normalize(np.float64(1.0), 0.5, 2.0), 0.25)
    assert transforms.normalize(np.array([3], dtype=np.uint8), 1.0, 2.0).dtype == np.float32


def test_normalize_refuses_a_non_positive_std():
    with pytest.raises(ValueError, match=r"normalize: std must be a number in \(0, inf\)"):
        transforms.normalize(np.zeros(3), 0.0, 0.0)


def test_to_images_and_flatten_images_undo_each_other(digits):
    images = transforms.to_images(digits)
    assert images.shape == (20, 1, 28, 28) and np.shares_memory(images, digits)
    np.testing.assert_array_equal(images[3, 0, 5], digits[3, 5 * 28:6 * 28])
    np.testing.assert_array_equal(transforms.flatten_images(images), digits)
    np.testing.assert_array_equal(transforms.flatten_images(images[:, 0]), digits)


@pytest.mark.parametrize("call, pattern", [
    (lambda: transforms.to_images(np.zeros((2, 783))), r"to_images: expected rows of 784"),
    (lambda: transforms.flatten_images(np.zeros((2, 3, 28, 28))), "flatten_images: expected"),
    (lambda: transforms.random_shift(np.zeros((2, 10))), r"random_shift: expected digits"),
    (lambda: transforms.random_shift(np.zeros((1, 784)), 28), "max_shift must be an int in"),
    (lambda: transforms.random_affine(np.zeros((1, 784)), scale=(1.2, 1.1)), "scale must be"),
    (lambda: transforms.random_affine(np.zeros((1, 784)), degrees=-1), "degrees must be"),
])
def test_bad_input_is_a_value_error_naming_the_function(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def _shift(image, down, across):
    """image (28x28) moved down and across by whole pixels, zeros moved in."""
    def span(step):
        return slice(max(step, 0), 28 + min(step, 0))

    moved = np.zeros_like(image)
    moved[span(down), span(across)] = image[span(-down), span(-across)]
    return moved


@pytest.mark.parametrize("layout", [lambda x: x, transforms.to_images,
                                    lambda x: transforms.to_images(x)[:, 0]])
def test_random_shift_moves_each_digit_as_a_whole(digits, layout):
    x = layout(digits)
    moved = transforms.random_shift(x, 3, generator=ag.Generator().manual_seed(0))
    assert moved.shape == x.shape and moved.dtype == x.dtype
    shifts = []
    for original, result in zip(digits.reshape(-1, 28, 28), moved.reshape(-1, 28, 28)):
        matches = [(d, a) for d in range(-3, 4) for a in range(-3, 4)
                   if np.array_equal(_shift(original, d, a), result)]
        assert matches, "each result is its digit shifted by at most 3 pixels"
        shifts.append(matches[0])
    assert len(set(shifts)) > 3  # shifts differ from digit to digit


def test_random_shift_is_reproducible_and_zero_shift_is_the_identity(digits):
    def shifted(seed):
        return transforms.random_shift(digits, 2, generator=np.random.default_rng(seed))

    np.testing.assert_array_equal(shifted(5), shifted(5))
    np.testing.assert_array_equal(transforms.random_shift(digits, 0), digits)


def test_random_affine_at_zero_settings_is_the_identity(digits):
    same = transforms.random_affine(digits, degrees=0, translate=0, scale=(1, 1))
    np.testing.assert_array_equal(same, digits)
    assert same.dtype == np.uint8


@pytest.mark.parametrize("dtype", [np.uint8, np.float32])
def test_random_affine_keeps_layout_dtype_range_and_roughly_the_ink(digits, dtype):
    x = transforms.to_images(digits).astype(dtype)
    moved = transforms.random_affine(x, degrees=15, translate=0.05, scale=(0.95, 1.05),
                                     generator=ag.Generator().manual_seed(1))
    assert moved.shape == x.shape and moved.dtype == dtype
    assert moved.min() >= 0 and moved.max() <= 255
    ink = moved.reshape(20, -1).astype(np.float64).sum(axis=1)
    np.testing.assert_allclose(ink, x.reshape(20, -1).astype(np.float64).sum(axis=1), rtol=0.2)
    assert not np.array_equal(moved, x)


def test_random_affine_is_reproducible(digits):
    def moved(seed):
        return transforms.random_affine(digits, generator=np.random.default_rng(seed))

    np.testing.assert_array_equal(moved(3), moved(3))
    assert not np.array_equal(moved(3), moved(4))


@pytest.mark.parametrize("settings, where", [
    (dict(angle=180), (24, 22)),                # a half turn about the centre (13.5, 13.5)
    (dict(angle=90), (22, 3)),                  # a quarter turn counter-clockwise
    (dict(translate=(2, 1)), (4, 7)),           # 2 across, 1 down
    (dict(angle=360, scale=1.0), (3, 5)),
])
def test_affine_moves_a_pixel_where_geometry_says(settings, where):
    image = np.zeros((1, 28, 28), dtype=np.float64)
    image[0, 3, 5] = 1.0
    moved = transforms.affine(image, **settings)
    assert moved[0][where] == pytest.approx(1.0, abs=1e-9)
    assert moved.sum() == pytest.approx(1.0, abs=1e-9)


def test_affine_scale_two_spreads_a_pixel_over_its_neighbours():
    image = np.zeros((1, 28, 28))
    image[0, 11:16, 11:16] = 1.0
    assert transforms.affine(image, scale=2.0).sum() == pytest.approx(4 * 25, rel=0.1)
