"""What `python -m bench` prints, as pure functions of the figures: table cells, rows and the
verdicts on the targets. A figure that was not measured (PyTorch not installed) is None: its
cell prints as "-" and a target on it is reported as not measured, never as met."""
from typing import NamedTuple

NOT_MEASURED = "not measured (PyTorch not installed)"
EPOCH_HEADER = (f"{'batch':>6} {'ours':>9} {'floor':>9} {'torch':>9} {'ours/floor':>11} "
                f"{'ours/torch':>11}  target")


class Target(NamedTuple):
    """The check `value <= limit` (`value < limit` when strict) on the figure called `label`;
    `value` None when it was not measured."""

    label: str
    value: float | None
    limit: float
    strict: bool = False
    unit: str = ""

    def bound(self):
        return f"{self.label} {'<' if self.strict else '<='} {self.limit:g}{self.unit}"

    def met(self):
        return self.value < self.limit if self.strict else self.value <= self.limit

    def miss(self):
        return (f"{self.label} {self.value:.3g}{self.unit} {'>=' if self.strict else '>'} "
                f"{self.limit:g}{self.unit}")


def ratio(numerator, denominator):
    """numerator / denominator, or None when either was not measured."""
    if numerator is None or denominator is None:
        return None
    return numerator / denominator


def cell(value, width, spec):
    """`value` formatted with `spec`, right-aligned to `width`; "-" when not measured."""
    return f"{'-' if value is None else format(value, spec):>{width}}"


def verdict(targets):
    """"meets target", or "MISSES target: " and each miss with its figure; the targets whose
    figure was not measured are named as such, and never counted as met."""
    measured = [target for target in targets if target.value is not None]
    unmeasured = [target.label for target in targets if target.value is None]
    missed = [target.miss() for target in measured if not target.met()]
    parts = []
    if missed:
        parts.append("MISSES target: " + ", ".join(missed))
    elif measured and unmeasured:
        labels = [target.label for target in measured]
        parts.append(f"{', '.join(labels)} {'meets' if len(labels) == 1 else 'meet'} target")
    elif measured:
        parts.append("meets target")
    if unmeasured:
        parts.append(f"{', '.join(unmeasured)} {NOT_MEASURED}" if measured else NOT_MEASURED)
    return "; ".join(parts)


def target_line(targets):
    """The targets' bounds, then the verdict: "ours < 2 s: meets target"."""
    return f"{', '.join(target.bound() for target in targets)}: {verdict(targets)}"


def epoch_row(batch_size, seconds, floor_ratio_target):
    """A row of the epoch table; `seconds` maps ours, floor and (if measured) torch to the
    median seconds per epoch."""
    ours, floor, torch = seconds["ours"], seconds["floor"], seconds.get("torch")
    targets = [Target("ours/floor", ours / floor, floor_ratio_target),
               Target("ours/torch", ratio(ours, torch), 1, strict=True)]
    cells = [cell(batch_size, 6, "d"), cell(ours, 9, ".4f"), cell(floor, 9, ".4f"),
             cell(torch, 9, ".4f"), cell(ours / floor, 11, ".2f"),
             cell(ratio(ours, torch), 11, ".2f")]
    return " ".join(cells) + "  " + target_line(targets)


def captured_row(seconds, target):
    """The captured step's line under its batch size's row: its seconds and ratio to the floor."""
    captured = Target("compiled/floor", seconds["compiled"] / seconds["floor"], target)
    return f"{'':>6} compiled {seconds['compiled']:.4f} s  " + target_line([captured])


def per_op_line(shape, microseconds, target_us):
    """The per-op figures of one shape; `microseconds` maps ours and (if measured) torch."""
    ours, torch = microseconds["ours"], microseconds.get("torch")
    return (f"shape {shape}: ours {ours:.2f} us, torch {cell(torch, 0, '.2f')} us "
            f"(ours/torch {cell(ratio(ours, torch), 0, '.2f')})  "
            + target_line([Target("ours", ours, target_us, unit=" us")]))
