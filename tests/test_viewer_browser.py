"""The backward viewer in a real browser (Debian's chromium, headless, driven by Playwright):
next N times shows step N (its node highlighted, its numbers), play runs to the end, where the
page shows the leaves' .grad; the same works inside the iframe that Jupyter, VS Code and
exported notebooks show; any JavaScript error fails the test. `./dev.sh test` installs
chromium when it is missing."""
import re
import shutil

import numpy as np
import pytest
from playwright.sync_api import sync_playwright

import autograd as ag
import nn
from autograd.viz import trace_backward

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM, "chromium is not installed: ./dev.sh test installs it (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    yield page
    page.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"


def numbers(text):
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text)]


def neuron_trace():
    w = ag.tensor(0.8, requires_grad=True, name="w")
    b = ag.tensor(-0.5, requires_grad=True, name="b")
    x = ag.tensor([0.6, -0.3], requires_grad=True, name="x")
    z = (w * x + b * x * x).sum()
    z.name = "z"
    cost = (z.sigmoid() - 1.0) ** 2
    cost.name = "C"
    return trace_backward(cost), {"w": w, "b": b, "x": x}


def check_steps(frame, trace, leaves, shots):
    for n, step in enumerate(trace.steps):
        assert frame.locator("#step-title").inner_text().startswith(f"Step {n + 1} of {len(trace)}")
        highlighted = frame.locator("g.node.current").evaluate_all("nodes => nodes.map(n => n.id)")
        assert sorted(highlighted) == sorted([step.op, step.output])
        arriving = numbers(frame.locator(".formula.arriving").inner_text().split("=", 1)[1])
        np.testing.assert_allclose(arriving[:np.size(step.grad)],
                                   np.ravel(step.grad), rtol=1e-3)
        products = frame.locator(".formula.send").all_inner_texts()
        assert len(products) == len(step.sends)
        for text, send in zip(products, step.sends):
            shown = numbers(text.rsplit("=", 1)[1])
            np.testing.assert_allclose(shown, np.ravel(send.grad), rtol=1e-3)
        frame.locator("#next").click()
    if shots:
        frame.locator("body").screenshot(path=shots)
    leaf_lines = frame.locator(".formula.leaf").all_inner_texts()
    for line in leaf_lines:
        name, value = line.split(".grad = ")
        np.testing.assert_allclose(numbers(value), np.ravel(leaves[name].grad), rtol=1e-3)
    assert len(leaf_lines) == len(leaves)


def test_stepping_through_the_saved_page_shows_each_step_and_the_final_gradients(page, tmp_path):
    trace, leaves = neuron_trace()
    path = trace.save_html(tmp_path / "viewer.html")
    page.goto(f"file://{path}")
    check_steps(page, trace, leaves, tmp_path / "viewer.png")
    assert (tmp_path / "viewer.png").stat().st_size > 10_000


def test_play_runs_to_the_end_and_the_slider_jumps(page, tmp_path):
    trace, leaves = neuron_trace()
    page.goto(f"file://{trace.save_html(tmp_path / 'viewer.html')}")
    page.evaluate("() => { window.setInterval = ((original) => (f, ms) => original(f, 10))(window.setInterval); }")
    page.locator("#play").click()
    page.wait_for_function(f"document.body.dataset.frame === '{len(trace)}'", timeout=10_000)
    assert page.locator("#step-title").inner_text().startswith("Done")
    page.locator("#slider").fill("2")
    assert page.locator("#step-title").inner_text().startswith("Step 3 of")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#step-title").inner_text().startswith("Step 2 of")


def test_the_inline_iframe_of_notebooks_works_without_a_kernel(page):
    trace, leaves = neuron_trace()
    page.set_content("<html><body><h1>exported notebook</h1>" + trace._repr_html_() + "</body></html>")
    frame = page.frame_locator("iframe")
    check_steps(frame, trace, leaves, None)


def test_the_seeds_network_steps_show_shapes_and_norms(page, tmp_path):
    net = nn.MLP([784, 16, 16, 10], seed=0)
    x = ag.tensor(np.random.default_rng(0).random((10, 784), dtype=np.float32), name="x")
    cost = nn.quadratic_cost(net(x), ag.tensor(np.eye(10, dtype=np.float32), name="y"))
    trace = trace_backward(cost)
    page.goto(f"file://{trace.save_html(tmp_path / 'network.html')}")
    for _ in range(4):
        page.locator("#next").click()
    assert page.locator("#step-title").inner_text() == "Step 5 of 7: linear"
    assert "shape (16, 16), norm" in page.locator("#step-body").inner_text()
    assert page.locator("g.edge.carried").count() >= 8
    page.screenshot(path=tmp_path / "network.png")


def test_a_graph_too_big_to_draw_whole_is_collapsed_by_module_with_a_note(page, tmp_path):
    net = nn.MLP([784] + [16] * 60 + [10], seed=0)
    x = ag.tensor(np.random.default_rng(0).random((10, 784), dtype=np.float32), name="x")
    cost = nn.quadratic_cost(net(x), ag.tensor(np.eye(10, dtype=np.float32), name="y"))
    trace = trace_backward(cost)
    assert len(trace.items) > 300
    page.goto(f"file://{trace.save_html(tmp_path / 'deep.html')}")
    assert "each module call nested more than 2 level(s) deep is drawn as one box" in \
        page.locator("#collapse-note").inner_text()
    for _ in range(60):
        page.locator("#next").click()
    assert page.locator("#step-title").inner_text() == f"Step 61 of {len(trace)}: linear"
    (box,) = page.locator("g.node.current").all()
    assert "Linear(in_features=16, out_features=16, bias=True)" in box.inner_html()
    assert page.locator("#diagram").evaluate("d => d.classList.contains('natural-size')")
