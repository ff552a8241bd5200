"""Hostile checkpoints (sizes of 10^7 neurons, a header of 10^12 elements, a zip bomb, deeply
nested JSON) are refused in one line by nn.load, nn.checkpoint.read and nn.evaluate, and the
peak memory of a process refusing them (Linux's VmHWM) stays small."""

import subprocess
import sys

import pytest

import nn
from hostile_checkpoints import HOSTILE
from train_helpers import PROJECT_ROOT

MESSAGES = {
    "huge-config": "has an unusable MLP config: 7,950,000,010 parameters, more than",
    "huge-header": "declares shape (1000000, 1000000)",
    "deep-json": "nested too deeply",
    "zip-bomb": "(536870912,)",
}
# A process that imports nn and refuses the file: about 40 MiB here. Reading any of the files
# would take from 2 GiB (the bomb) to 58 GiB (the config).
PEAK_LIMIT_KIB = 200 * 1024
# VmHWM: the peak resident memory of this process image (ru_maxrss would also count the
# memory of the test process it was forked from).
MEASURE = """
import sys
import nn
from nn import evaluate
try:
    nn.load(sys.argv[1])
except ValueError as error:
    print(error)
print(evaluate.main([sys.argv[1]]))
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


@pytest.fixture(scope="module", params=HOSTILE)
def hostile(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / f"{request.param}.npz"
    HOSTILE[request.param](path)
    return request.param, path


def test_nn_load_and_evaluate_refuse_in_one_line_with_bounded_memory(hostile):
    name, path = hostile
    completed = subprocess.run([sys.executable, "-c", MEASURE, str(path)], cwd=PROJECT_ROOT,
                               capture_output=True, text=True, timeout=120)
    load_message, exit_code, peak_kib = completed.stdout.splitlines()
    assert load_message.startswith(f"load: {path} ") and MESSAGES[name] in load_message
    assert exit_code == "1"
    assert completed.stderr.startswith(f"nn.evaluate: error: {path} ")
    assert completed.stderr.count("\n") == 1 and MESSAGES[name] in completed.stderr
    assert int(peak_kib) < PEAK_LIMIT_KIB, f"peak {int(peak_kib) / 1024:.0f} MiB"


def test_checkpoint_read_refuses_hostile_entries_and_builds_nothing(hostile):
    name, path = hostile
    if name == "huge-config":  # only its config is hostile, and read builds no model
        assert nn.checkpoint.read(path).config["sizes"] == [784, 10**7, 10]
        return
    with pytest.raises(ValueError) as caught:
        nn.checkpoint.read(path)
    assert "\n" not in str(caught.value) and str(path) in str(caught.value)
