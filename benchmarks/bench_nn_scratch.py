"""How fast is a training step of nn_scratch, next to the matrix products it must do?

    python benchmarks/bench_nn_scratch.py [--repeats N] [--compare-torch]

Prints one table. Whatever is compared is timed in turn, round after round
(interleaved), and a ratio is the median of the rounds' ratios: a burst of load
on a shared machine then hits both sides alike. Absolute times are medians too;
none of them is a pass or a fail.

  tiny step   XOR, [2, 4, 1], m = 4: forward_prop + back_prop + update_parameters,
              called directly (each checks its inputs), and as train's loop runs them
              (train checked everything once, so they skip their checks)
  mid step    [784, 256, 128, 10], relu, softmax, cross-entropy, m = 2048, float64
  products    the same step's 8 matrix products alone, with np.matmul on the same
              shapes (W A forward; dZ A^T and W^T dZ backward, without dA[0])
  train()     overhead of train over the sum of its steps (a step there is what its
              loop runs: forward_prop + compute_loss + back_prop + update_parameters)
  memory      tracemalloc peak of one mid step, next to what it must return
"""

import os

# Before NumPy is imported: idle OpenBLAS (and OpenMP) threads otherwise spin for a
# while after each call, stealing the core that the next call, or PyTorch, needs.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import nn_scratch as nn  # noqa: E402

MID_LAYERS = [784, 256, 128, 10]
MID_M = 2048
MID_ARGS = ("relu", "softmax", "cross_entropy")


def interleaved(functions, repeats, warmup=2):
    """Time several functions in turn, round after round, so that a burst of load
    on this shared machine hits all of them alike.

    functions: {name: (function, calls per timing)}. Returns {name: list of
    seconds per call}, one entry per round.
    """
    for function, number in functions.values():
        for _ in range(warmup * number):
            function()
    times = {name: [] for name in functions}
    for _ in range(repeats):
        for name, (function, number) in functions.items():
            start = time.perf_counter()
            for _ in range(number):
                function()
            times[name].append((time.perf_counter() - start) / number)
    return times


def ratio(times, top, bottom):
    """The median over rounds of top / bottom, each round's pair timed back to back."""
    return statistics.median(a / b for a, b in zip(times[top], times[bottom]))


def median(times, name):
    return statistics.median(times[name])


def mid_problem(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((MID_LAYERS[0], MID_M))
    Y = np.eye(MID_LAYERS[-1])[rng.integers(0, MID_LAYERS[-1], MID_M)].T
    return nn.initialize_parameters(MID_LAYERS, seed=seed), X, Y


def one_step(parameters, X, Y, activation, output_activation, loss, learning_rate,
             with_loss=False, checked=True):
    """One training step; returns (cache, grads, new parameters).

    with_loss adds what train's loop also does per batch: compute_loss on the
    forward pass just made. checked=False runs the step as train's loop does, with
    the functions' own checks off (train checks its arguments once, before).
    """
    # As train's loop does, but per step: set the switch its checks read, no context manager.
    token = nn._INSIDE_TRAINING_LOOP.set(not checked)
    try:
        Y_hat, cache = nn.forward_prop(X, parameters, activation, output_activation)
        if with_loss:
            nn.compute_loss(Y_hat, Y, loss, output_activation)
        grads = nn.back_prop(parameters, cache, Y, activation, output_activation, loss)
        return cache, grads, nn.update_parameters(parameters, grads, learning_rate)
    finally:
        nn._INSIDE_TRAINING_LOOP.reset(token)


def chained_steps(parameters, *step_args, with_loss=False, checked=True):
    """A function running one_step, each time from the parameters of the last.

    Chained as in training: a step whose new parameters were thrown away would
    free all of its memory at once, glibc would hand it back to the operating
    system, and the next step would time page faults rather than the step.
    """
    state = {"parameters": parameters}

    def run():
        state["parameters"] = one_step(state["parameters"], *step_args, with_loss=with_loss,
                                       checked=checked)[2]

    return run


def products_only(parameters, X):
    """The mid step's matrix products, and nothing else, on the same shapes."""
    L = len(parameters) // 2
    Ws = [parameters[f"W{l}"] for l in range(1, L + 1)]
    As = [X] + [np.ones((W.shape[0], X.shape[1])) for W in Ws]
    dZs = [np.ones_like(A) for A in As[1:]]

    def run():
        for l in range(L):
            np.matmul(Ws[l], As[l])  # forward: Z = W A
            np.matmul(dZs[l], As[l].T)  # backward: dW = dZ A^T
            if l > 0:
                np.matmul(Ws[l].T, dZs[l])  # backward: dA = W^T dZ

    return run


def memory_of_one_step(parameters, X, Y):
    """(peak bytes allocated during one step, bytes of what it must return)."""
    tracemalloc.start()
    cache, grads, new = one_step(parameters, X, Y, *MID_ARGS, 0.1, checked=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    kept = sum(value.nbytes for key, value in cache.items() if key != "A0")
    kept += sum(value.nbytes for value in grads.values())
    kept += sum(value.nbytes for value in new.values())
    return peak, kept


def torch_step():
    """The same mid step in PyTorch float64 (autograd + SGD), or None without torch."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(2)
    gen = torch.Generator().manual_seed(0)
    X = torch.randn(MID_M, MID_LAYERS[0], dtype=torch.float64, generator=gen)
    labels = torch.randint(0, MID_LAYERS[-1], (MID_M,), generator=gen)
    layers = []
    for n_in, n_out in zip(MID_LAYERS[:-1], MID_LAYERS[1:]):
        layers += [torch.nn.Linear(n_in, n_out, dtype=torch.float64), torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])  # no relu after the last layer
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_function = torch.nn.CrossEntropyLoss()  # log-softmax + cross-entropy

    def run():
        optimizer.zero_grad(set_to_none=True)
        loss_function(model(X), labels).backward()
        optimizer.step()

    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30, help="timed rounds per figure")
    parser.add_argument("--compare-torch", action="store_true",
                        help="also time the mid step in PyTorch float64, if installed")
    args = parser.parse_args()
    repeats = args.repeats
    rows = []

    def row(name, value, note=""):
        rows.append((name, value, note))

    # Tiny: XOR. train's loop runs the step plus the loss of its forward pass.
    X, Y = nn.xor_data()
    p = nn.initialize_parameters(nn.XOR_LAYERS, seed=0)
    epochs = 2000
    xor_step = (p, X, Y, "sigmoid", "sigmoid", "mse", nn.LEARNING_RATE)
    t = interleaved({
        "step": (chained_steps(*xor_step, checked=False), 200),
        "checked step": (chained_steps(*xor_step), 200),
        "loop step": (chained_steps(*xor_step, with_loss=True, checked=False), epochs),
        "train": (lambda: nn.train(X, Y, nn.XOR_LAYERS, epochs=epochs, seed=0,
                                   print_every=0), 1),
    }, 2 * repeats)  # twice the rounds: a 3 % effect in 75 ms runs needs them
    row("tiny step, XOR [2, 4, 1], m = 4", f"{median(t, 'step') * 1e6:8.1f} us",
        "forward_prop + back_prop + update_parameters, as train runs them")
    row("  called directly, checking their inputs", f"{median(t, 'checked step') * 1e6:8.1f} us",
        "what a loop written by hand pays for the friendly errors")
    row(f"train() on XOR, {epochs} epochs", f"{median(t, 'train') * 1e3:8.1f} ms",
        f"{epochs / median(t, 'train'):,.0f} epochs per second")
    row("  its overhead over its steps", f"{ratio(t, 'train', 'loop step') / epochs - 1:8.1%}",
        f"a step with its loss: {median(t, 'loop step') * 1e6:.1f} us; target <= 5 %")

    # Mid: the figures of issue 4.
    p, X, Y = mid_problem()
    functions = {"step": (chained_steps(p, X, Y, *MID_ARGS, 0.1, checked=False), 1),
                 "checked step": (chained_steps(p, X, Y, *MID_ARGS, 0.1), 1),
                 "products": (products_only(p, X), 1)}
    torch_run = torch_step() if args.compare_torch else None
    if torch_run is not None:
        functions["torch"] = (torch_run, 1)
    t = interleaved(functions, repeats)
    row("mid step, [784, 256, 128, 10], m = 2048", f"{median(t, 'step') * 1e3:8.2f} ms",
        "relu, softmax, cross-entropy, float64, as train runs it")
    row("  called directly, checking their inputs", f"{median(t, 'checked step') * 1e3:8.2f} ms",
        f"checks: {ratio(t, 'checked step', 'step') - 1:.1%} of the step")
    row("  its matrix products alone", f"{median(t, 'products') * 1e3:8.2f} ms",
        "np.matmul, same shapes")
    row("  products / step", f"{ratio(t, 'products', 'step'):8.1%}", "target >= 85 %")
    if args.compare_torch:
        if torch_run is None:
            row("  PyTorch float64, same step", "     n/a", "PyTorch is not installed")
        else:
            row("  PyTorch float64, same step", f"{median(t, 'torch') * 1e3:8.2f} ms",
                f"nn_scratch / PyTorch = {ratio(t, 'step', 'torch'):.2f}; "
                "PyTorch's products / its step = "
                f"{ratio(t, 'products', 'torch'):.1%}")

    mid_epochs = 30
    t = interleaved({
        "loop step": (chained_steps(p, X, Y, *MID_ARGS, 0.1, with_loss=True), mid_epochs),
        "train": (lambda: nn.train(X, Y, MID_LAYERS, epochs=mid_epochs, learning_rate=0.1,
                                   activation="relu", output_activation="softmax",
                                   loss="cross_entropy", seed=0, print_every=0), 1),
    }, max(repeats // 5, 3), warmup=1)
    row(f"train() on it, {mid_epochs} full-batch epochs", f"{median(t, 'train') * 1e3:8.1f} ms",
        f"overhead over its steps {ratio(t, 'train', 'loop step') / mid_epochs - 1:.1%}; "
        "target <= 5 %")

    peak, kept = memory_of_one_step(p, X, Y)
    row("  memory of one step (tracemalloc peak)", f"{peak / 2**20:8.1f} MiB",
        f"what it returns (cache, grads, new parameters): {kept / 2**20:.1f} MiB")

    # Import and the command line, in fresh processes.
    code = "import time; t = time.perf_counter(); import nn_scratch; print(time.perf_counter() - t)"
    imports = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                                    capture_output=True, text=True).stdout) for _ in range(5)]
    row("import nn_scratch", f"{statistics.median(imports) * 1e3:8.1f} ms",
        "target well under 200 ms (NumPy's own import included)")
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "nn_scratch.py", "--quiet", "--plots-dir",
                        str(Path(os.environ.get("TMPDIR", "/tmp")) / "nn_scratch_bench")],
                       cwd=ROOT, check=True)
        runs.append(time.perf_counter() - start)
    row("python nn_scratch.py (quiet)", f"{statistics.median(runs):8.2f} s", "target < 2 s")

    print(f"nn_scratch benchmark: NumPy {np.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, {repeats} rounds, medians")
    width = max(len(name) for name, _, _ in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value}  {note}")


if __name__ == "__main__":
    main()
