"""What `python -m bench` prints, as pure functions of the figures: cells, tables (plain or
markdown) and the verdicts on the targets. A figure that was not measured (a runtime not
installed) is None: its cell prints as "-" and a target on it is reported as not measured,
never as met."""
from typing import NamedTuple

NOT_MEASURED = "not measured"


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


def cell(value, spec):
    """`value` formatted with `spec`; "-" when not measured."""
    return "-" if value is None else format(value, spec)


def spread_cell(spread, spec=".4f"):
    """"0.1234 (0.1200-0.1300)": a median and its min-max; "-" when not measured."""
    if spread is None:
        return "-"
    return f"{spread.median:{spec}} ({spread.low:{spec}}-{spread.high:{spec}})"


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


def table(header, rows, markdown=False):
    """The lines of a table: columns right-aligned to their widest cell, or a markdown table."""
    if markdown:
        return ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)] + [
            "| " + " | ".join(row) + " |" for row in rows]
    widths = [max(len(line[k]) for line in [header] + rows) for k in range(len(header))]
    return ["  ".join(text.rjust(width) for text, width in zip(line, widths)).rstrip()
            for line in [header] + rows]
