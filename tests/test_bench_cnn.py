"""bench/cnn.py: ours and PyTorch train the same CNN (same start, same steps), and the timing
and memory sections run and print their figures (on a few digits, to stay quick)."""
import numpy as np

import nn
from bench import cnn


def test_ours_and_torch_take_the_same_steps_from_the_same_start():
    x, y = cnn.training_data(96)
    model = nn.CNN(seed=4)
    twin = cnn.torch_twin(model)
    order = np.random.default_rng(0).permutation(len(x))
    cnn.make_ours(model)(x, y, order)
    cnn.make_torch(twin)(x, y, order)
    for (name, ours), theirs in zip(model.named_parameters(), twin.parameters()):
        assert not np.allclose(ours.data, nn.CNN(seed=4).state_dict()[name]), name
        np.testing.assert_allclose(ours.data, theirs.detach().numpy(), atol=2e-5, err_msg=name)


def test_epoch_seconds_times_each_contender_once_per_round():
    times = cnn.epoch_seconds(2, with_torch=True, digits=32)
    assert sorted(times) == ["ours", "torch"]
    assert all(len(seconds) == 2 and min(seconds) > 0 for seconds in times.values())


def test_memory_is_measured_after_every_epoch():
    figures = cnn.memory_in_this_process(epochs=2, digits=32)
    assert len(figures["rss_after_epoch"]) == len(figures["traced_peak_per_epoch"]) == 2
    assert figures["peak_rss"] >= max(figures["rss_after_epoch"]) > 0


def test_the_cnn_section_prints_both_contenders_and_their_ratio(monkeypatch, capsys):
    all_digits = cnn.training_data
    monkeypatch.setattr(cnn, "training_data", lambda digits=None: all_digits(32))
    cnn.report(1, skip_memory=True)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("One epoch of nn.CNN (4,000 digits, float32, mini-batch 32, Adam)")
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["ours", "torch", "ours / torch"]
    assert float(lines[3].split(":")[1]) > 0
