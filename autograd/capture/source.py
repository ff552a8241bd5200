"""The replay of a captured step as one Python function: its text, and the function itself.

Each instruction of a Program writes its lines (`code(source)`, program.py) with the names
this `Source` gives: `a0, a1, ...` the step's arguments (arrays), `v3` the output of op 3,
`d3` the gradient pending for it, `l0` the gradient of leaf 0, `c3` op 3's ctx, and a name
bound to each object the lines use (a parameter's array, a constant, an op's forward or
backward, the optimizer's update). The function runs the same numpy calls as the eager step,
in the same order, without the per-call bookkeeping of an interpreter; `Program.source` is
its text (`print(compiled.programs[-1].source)`).
"""
import itertools
import linecache

import numpy as np

from ..function import unbroadcast

_numbers = itertools.count(1)  # tells the functions of programs with one signature apart


class Source:
    """Names and lines of one Program's replay function."""

    def __init__(self, program):
        self.program = program
        self.namespace = {"np": np, "unbroadcast": unbroadcast}
        self.bound = {}  # id(object) -> its name (each object bound once)
        self.kept = []  # the bound objects, so that their ids stay theirs

    def bind(self, prefix, value):
        """A name for `value` in the function's namespace."""
        name = self.bound.get(id(value))
        if name is None:
            name = self.bound[id(value)] = f"{prefix}_{len(self.kept)}"
            self.namespace[name] = value
            self.kept.append(value)
        return name

    def slot(self, slot):
        """The name of an argument, an op's output or a constant."""
        inputs, ops = self.program.input_count, self.program.op_count
        if slot.index < inputs:
            return f"a{slot.index}"
        if slot.index < inputs + ops:
            return self.value(slot.index - inputs)
        return self.bind("k", slot.value)

    @staticmethod
    def value(i):
        return f"v{i}"

    @staticmethod
    def grad(i):
        return f"d{i}"

    def function(self):
        """(the text, the function) of `replay(contexts, arguments, a0, a1, ...)`: `contexts`
        holds one ctx per op, `arguments` the step's arguments as given."""
        program = self.program
        inputs = "".join(f", a{k}" for k in range(program.input_count))
        lines = [f"def replay(contexts, arguments{inputs}):"]
        if program.forwards:
            names = "".join(f"c{forward.i}, " for forward in program.forwards)
            lines.append(f"    {names}= contexts")
        lines += ["    " + line for line in program.body(self)]
        text = "\n".join(lines) + "\n"
        filename = f"<captured step {program.signature} #{next(_numbers)}>"
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)  # tracebacks
        exec(compile(text, filename, "exec"), self.namespace)
        return text, self.namespace["replay"]
