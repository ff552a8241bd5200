"""Hypothesis strategies for the convolution and pooling tests: geometries (channels, groups,
kernel, stride, padding, dilation) with an input size the kernel fits, and the arrays."""
import numpy as np
from hypothesis import settings
from hypothesis import strategies as st

# gradcheck and gradgradcheck are the slow part: they take an eighth of the profile's examples
CHECK_EXAMPLES = max(1, settings.default.max_examples // 8)


@st.composite
def conv_cases(draw, dims=None, batch=(0, 2), strings=True):
    """A dict of conv arguments (torch's names) and float64 input, weight and bias arrays."""
    dims = draw(st.sampled_from((1, 2))) if dims is None else dims
    groups = draw(st.integers(1, 2))
    in_channels = groups * draw(st.integers(1, 2))
    out_channels = groups * draw(st.integers(1, 2))
    kernel = tuple(draw(st.lists(st.integers(1, 3), min_size=dims, max_size=dims)))
    dilation = tuple(draw(st.lists(st.integers(1, 2), min_size=dims, max_size=dims)))
    choice = draw(st.sampled_from(("int", "tuple", "valid", "same") if strings else ("tuple",)))
    stride = tuple(draw(st.lists(st.integers(1, 3), min_size=dims, max_size=dims)))
    if choice == "same":
        stride = (1,) * dims
        padding, pads = "same", [d * (k - 1) for k, d in zip(kernel, dilation)]
    elif choice == "valid":
        padding, pads = "valid", [0] * dims
    elif choice == "int":
        padding = draw(st.integers(0, 2))
        pads = [2 * padding] * dims
    else:
        padding = tuple(draw(st.lists(st.integers(0, 2), min_size=dims, max_size=dims)))
        pads = [2 * p for p in padding]
    size = tuple(max(1, d * (k - 1) + 1 - p) + draw(st.integers(0, 3))
                 for k, d, p in zip(kernel, dilation, pads))
    n = draw(st.integers(*batch))
    seed = draw(st.integers(0, 2**16))
    rng = np.random.default_rng(seed)
    return dict(
        input=rng.standard_normal((n, in_channels) + size),
        weight=rng.standard_normal((out_channels, in_channels // groups) + kernel),
        bias=rng.standard_normal(out_channels) if draw(st.booleans()) else None,
        stride=stride, padding=padding, dilation=dilation, groups=groups,
    )


@st.composite
def pool_cases(draw, dims=None, dilation=True, ties=True):
    """A dict of pooling arguments (torch's names) and a float64 input (N, C, *S) the
    windows fit; with `ties`, maybe equal values (else all distinct, for finite
    differences)."""
    dims = draw(st.sampled_from((1, 2))) if dims is None else dims
    kernel = tuple(draw(st.lists(st.integers(1, 3), min_size=dims, max_size=dims)))
    dilations = (tuple(draw(st.lists(st.integers(1, 2), min_size=dims, max_size=dims)))
                 if dilation else (1,) * dims)
    extents = [d * (k - 1) + 1 for k, d in zip(kernel, dilations)]
    padding = tuple(draw(st.integers(0, k // 2)) for k in kernel)
    stride = draw(st.one_of(st.none(), st.tuples(*[st.integers(1, 3)] * dims)))
    size = tuple(max(1, e - 2 * p, p + 1) + draw(st.integers(0, 3))
                 for e, p in zip(extents, padding))  # every window reaches inside the input
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    shape = (draw(st.integers(1, 2)), draw(st.integers(1, 2))) + size
    if ties and draw(st.booleans()):  # equal values in a window
        values = np.round(rng.standard_normal(shape))
    else:  # distinct values, at least 0.1 apart
        values = rng.permutation(np.prod(shape)).reshape(shape) / 10.0 - 1.0
    case = dict(input=values, kernel_size=kernel, stride=stride, padding=padding,
                ceil_mode=draw(st.booleans()))
    if dilation:
        case["dilation"] = dilations
    return case
