#!/usr/bin/env bash
# The project's one entry point on a fresh clone: it makes .venv, installs into it, then runs a task.
#   ./dev.sh train [flags]   train the seeds' 784-16-16-10 network (python -m nn.train)
#   ./dev.sh test            install graphviz's `dot` and chromium if missing, then run the whole test suite
#   ./dev.sh bench [flags]   run the benchmarks (python -m bench)
set -euo pipefail
cd "$(dirname "$0")"

say() {
    echo "dev.sh: $*" >&2
}

as_root_apt_install() {
    # Installs Debian packages when we are root; otherwise says what to run.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing $* with apt-get (about half a minute)..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    else
        say "missing Debian package(s) $*: run 'sudo apt-get install $*'"
        exit 1
    fi
}

ensure_venv() {
    if [ ! -x .venv/bin/python ]; then
        say "creating .venv (a few seconds)..."
        python3 -m venv .venv 2>/dev/null || { rm -rf .venv; as_root_apt_install python3-venv; python3 -m venv .venv; }
    fi
    # Reinstall only when the project's metadata changed since the last install.
    if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
        say "installing chainrule and its dependencies into .venv (under a minute with a warm" \
            "pip cache, longer when PyTorch for the tests must be downloaded; later only when" \
            "pyproject.toml changes)..."
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".[dev]"
        touch .venv/.installed
        say "installed."
    fi
}

task=${1:-}
shift || true
case "$task" in
    train)
        ensure_venv
        exec .venv/bin/python -m nn.train "$@" ;;
    test)
        command -v dot >/dev/null || as_root_apt_install graphviz
        command -v chromium >/dev/null || as_root_apt_install chromium  # the viewer's browser tests
        ensure_venv
        exec .venv/bin/python -m pytest "$@" ;;
    bench)
        ensure_venv
        if [ ! -f .venv/.installed-bench ] || [ pyproject.toml -nt .venv/.installed-bench ]; then
            say "installing the bench's peers (MyGrad, JAX) into .venv..."
            .venv/bin/python -m pip install -q -e ".[bench]"
            touch .venv/.installed-bench
        fi
        exec .venv/bin/python -m bench "$@" ;;
    *)
        echo "usage: ./dev.sh train|test|bench [args...]" >&2
        exit 2 ;;
esac
