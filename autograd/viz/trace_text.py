"""The words and numbers of the backward viewer: each step's chain-rule product written out,
e.g. `dC/dz = dC/da * sigma'(z) = -1.01 * 0.25 = -0.2525`."""
import numpy as np

SMALL = 6  # arrays up to this many elements are shown in full, larger ones by shape and norm


def value_text(array):
    """0.2525 for one element, [0.1, 0.2] for a few, 'shape (16, 784), norm 0.53' for more."""
    array = np.asarray(array)
    if array.size == 1:
        return f"{array.item():.4g}"
    if array.size <= SMALL:
        return np.array2string(array, separator=", ", formatter={"all": lambda v: f"{v:.4g}"})
    return f"shape {array.shape}, norm {np.linalg.norm(array.astype(np.float64)):.4g}"


def short_text(array):
    """For an edge label: the number, or the norm of an array."""
    array = np.asarray(array)
    if array.size == 1:
        return f"{array.item():.3g}"
    return f"|{np.linalg.norm(array.astype(np.float64)):.3g}|"


def _symbol(local):
    """The local derivative's name in a product: `sigma'(z)` of `sigma'(z) = a (1 - a)`."""
    head = local.split(" = ")[0]
    return head if " " not in head or head.startswith("(") else f"({head})"


def arriving(step, cost):
    start = " (where the walk starts)" if step.number == 0 else ""
    return f"d{cost}/d{step.output_name} = {value_text(step.grad)}{start}"


def product(step, send, cost):
    """`dC/dx = dC/dy * local = g * l = sent` when the local factor is known per element, else
    `dC/dx = sent` after the formula's name."""
    left = f"d{cost}/d{send.target_name}"
    sent = value_text(send.grad)
    if send.before is not None:
        left += " (this use)"
    if send.local_values is None or np.asarray(send.grad).size > SMALL:
        return f"{left} = {sent}"
    return (f"{left} = d{cost}/d{step.output_name} * {_symbol(send.local)} = "
            f"{value_text(step.grad)} * {value_text(send.local_values)} = {sent}")


def accumulation(send):
    if send.before is None:
        return None
    return (f"{send.target_name} is used twice: {value_text(send.before)} + "
            f"{value_text(send.grad)} = {value_text(send.after)}")
