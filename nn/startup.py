"""What ``import nn`` checks first, with the standard library only (before numpy loads).

- The engine: our top-level package ``autograd`` shares its name with the HIPS autograd package;
  when that one is what ``import autograd`` finds, say so in one line and what to do.
- Ctrl-C while one of our command-line tools is still starting (importing) or already shutting
  down: one line and exit code 130, not a traceback or "Exception ignored". ``nn.cli.run`` turns
  Ctrl-C back into KeyboardInterrupt while the tool does its work, so that it can save and
  clean up. The tools are recognised by their command line: ``python -m nn.train`` imports this
  package before its module runs, while ``sys.argv[0]`` is still "-m".
  A tool leaves from its last atexit callback, with the exit code ``nn.cli.run`` gave
  ``finished``, without the interpreter's teardown of every module: before that teardown Python
  puts SIGINT's default action back, so a Ctrl-C during it would kill the tool silently.
"""
import atexit
import contextlib
import os
import signal
import sys

INTERRUPTED = 130
CLI_MODULES = {"nn.train", "nn.evaluate"}
CLI_SCRIPTS = {"chainrule-train": "nn.train", "chainrule-evaluate": "nn.evaluate"}

_starting_cli = None
_exit_code = None
_swallowed_interrupt = False


def starting_cli():
    """The name of the command-line tool this process runs ("nn.train"...), or None when nn is
    imported by other code."""
    if not sys.argv:
        return None
    if sys.argv[0] == "-m":
        arguments = getattr(sys, "orig_argv", [])
        for index, argument in enumerate(arguments):
            if argument.startswith("-m"):
                module = argument[2:] or (arguments[index + 1] if index + 1 < len(arguments) else "")
                return module if module in CLI_MODULES else None
        return None
    return CLI_SCRIPTS.get(os.path.basename(sys.argv[0]))


def quiet_interrupts():
    """In a command-line tool, make Ctrl-C print one line and exit 130 from now on."""
    global _starting_cli
    _starting_cli = starting_cli()
    if _starting_cli is not None:
        _set_sigint(_exit_interrupted)
        atexit.register(_leave)  # the first registered: it runs after every other one


def finished(exit_code):
    """Record the exit code of a command-line tool's finished work (see ``_leave``)."""
    global _exit_code
    _exit_code = exit_code


@contextlib.contextmanager
def interruptible():
    """Inside, Ctrl-C raises KeyboardInterrupt as usual; after, a tool's quiet exit is back.

    A KeyboardInterrupt that lands in a finalizer or weakref callback (run by the garbage
    collector anywhere) is one Python swallows, printing "Exception ignored"; inside, a tool
    keeps it quiet and remembers it instead, for ``check_interrupted`` to raise.
    """
    if _starting_cli is None:
        yield
        return
    _set_sigint(signal.default_int_handler)
    previous_hook, sys.unraisablehook = sys.unraisablehook, _remember_interrupt
    try:
        yield
    finally:
        _set_sigint(_exit_interrupted)
        sys.unraisablehook = previous_hook


@contextlib.contextmanager
def deferred_interrupts():
    """In a tool, a Ctrl-C inside waits (SIGINT blocked) and is raised on the way out: for
    code that turns an interrupt into another error (matplotlib's drawing does)."""
    if _starting_cli is None:
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def check_interrupted():
    """Raise the KeyboardInterrupt that Python swallowed in a finalizer, if there was one."""
    global _swallowed_interrupt
    if _swallowed_interrupt:
        _swallowed_interrupt = False
        raise KeyboardInterrupt


def _remember_interrupt(unraisable):
    global _swallowed_interrupt
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        _swallowed_interrupt = True
    else:
        sys.__unraisablehook__(unraisable)


def check_engine():
    """Import our engine; if the ``autograd`` found is another package (it has no Tensor), stop
    with one line: exit 1 in a command-line tool, ImportError otherwise."""
    import autograd

    if hasattr(autograd, "Tensor"):
        return
    where = getattr(autograd, "__file__", None) or "an unknown place"
    message = (
        f"another package named autograd ({where}), probably HIPS autograd, shadows "
        "chainrule's engine: run 'pip uninstall autograd', then reinstall chainrule "
        "('pip install --force-reinstall -e .' in its directory), or keep the two in "
        "separate virtual environments"
    )
    if _starting_cli is not None:
        os.write(2, f"{_starting_cli}: error: {message}\n".encode())
        os._exit(1)
    raise ImportError(f"nn: {message}")


def _set_sigint(handler):
    """Switch the SIGINT handler with SIGINT blocked, so that no Ctrl-C falls between."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        signal.signal(signal.SIGINT, handler)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _leave():
    """A command-line tool's last atexit callback: flush and exit with its code, skipping the
    teardown of modules (nothing of ours is left to do; the files are written and flushed)."""
    if _exit_code is None:  # it did not finish (an uncaught error): Python's usual exit
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(_exit_code)


def _exit_interrupted(signum, frame):
    os.write(2, f"{_starting_cli}: interrupted\n".encode())
    os._exit(INTERRUPTED)
