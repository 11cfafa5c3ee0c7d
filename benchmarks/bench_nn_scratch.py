"""How fast is a training step of nn_scratch, next to the matrix products it must do?

    python benchmarks/bench_nn_scratch.py [--repeats N] [--compare-torch]

Prints one table; every time is the median of repeats after a warm-up, and the
verdicts are ratios taken within this one run (machines are shared and noisy:
no absolute time is a pass or a fail).

  tiny step   XOR, [2, 4, 1], m = 4: forward_prop + back_prop + update_parameters
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


def median_time(function, repeats, number=1, warmup=3):
    """Median over `repeats` of the time of `number` calls, per call, in seconds."""
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            function()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def mid_problem(seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((MID_LAYERS[0], MID_M))
    Y = np.eye(MID_LAYERS[-1])[rng.integers(0, MID_LAYERS[-1], MID_M)].T
    return nn.initialize_parameters(MID_LAYERS, seed=seed), X, Y


def chained_steps(parameters, X, Y, activation, output_activation, loss, learning_rate,
                  with_loss=False):
    """A function running one training step, each from the parameters of the last.

    Chained as in training: a step whose new parameters were thrown away would
    free all of its memory at once, glibc would hand it back to the operating
    system, and the next step would time page faults rather than the step.
    with_loss adds what train's loop also does per batch: compute_loss on the
    forward pass just made.
    """
    state = {"parameters": parameters}

    def run():
        params = state["parameters"]
        Y_hat, cache = nn.forward_prop(X, params, activation, output_activation)
        if with_loss:
            nn.compute_loss(Y_hat, Y, loss, output_activation)
        grads = nn.back_prop(params, cache, Y, activation, output_activation, loss)
        state["parameters"] = nn.update_parameters(params, grads, learning_rate)

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
    Y_hat, cache = nn.forward_prop(X, parameters, *MID_ARGS[:2])
    grads = nn.back_prop(parameters, cache, Y, *MID_ARGS)
    new = nn.update_parameters(parameters, grads, 0.1)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    kept = sum(value.nbytes for key, value in cache.items() if key != "A0")
    kept += sum(value.nbytes for value in grads.values())
    kept += sum(value.nbytes for value in new.values())
    return peak, kept


def torch_step_time(repeats):
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

    return median_time(run, repeats)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30, help="timed repeats per figure")
    parser.add_argument("--compare-torch", action="store_true",
                        help="also time the mid step in PyTorch float64, if installed")
    args = parser.parse_args()
    repeats = args.repeats
    rows = []

    def row(name, value, note=""):
        rows.append((name, value, note))

    # Tiny: XOR.
    X, Y = nn.xor_data()
    p = nn.initialize_parameters(nn.XOR_LAYERS, seed=0)
    tiny = median_time(chained_steps(p, X, Y, "sigmoid", "sigmoid", "mse", 5.0), repeats, 1000)
    row("tiny step, XOR [2, 4, 1], m = 4", f"{tiny * 1e6:8.1f} us",
        "forward_prop + back_prop + update_parameters")
    tiny_loop = median_time(chained_steps(p, X, Y, "sigmoid", "sigmoid", "mse", 5.0, True),
                            repeats, 1000)
    epochs = 2000
    tiny_train = median_time(lambda: nn.train(X, Y, nn.XOR_LAYERS, epochs=epochs, seed=0,
                                              print_every=0), max(repeats // 3, 5), 1, 1)
    row("train() on XOR, 2000 epochs", f"{tiny_train * 1e3:8.1f} ms",
        f"{epochs / tiny_train:,.0f} epochs per second")
    row("  its overhead over its steps", f"{(tiny_train / (epochs * tiny_loop) - 1):8.1%}",
        f"step with its loss {tiny_loop * 1e6:.1f} us; target <= 5 %")

    # Mid: the figures of issue 4.
    p, X, Y = mid_problem()
    mid = median_time(chained_steps(p, X, Y, *MID_ARGS, 0.1), repeats)
    products = median_time(products_only(p, X), repeats)
    row("mid step, [784, 256, 128, 10], m = 2048", f"{mid * 1e3:8.2f} ms",
        "relu, softmax, cross-entropy, float64")
    row("  its matrix products alone", f"{products * 1e3:8.2f} ms", "np.matmul, same shapes")
    row("  products / step", f"{products / mid:8.1%}", "target >= 85 %")
    mid_loop = median_time(chained_steps(p, X, Y, *MID_ARGS, 0.1, True), repeats)
    mid_epochs = 30
    mid_train = median_time(lambda: nn.train(X, Y, MID_LAYERS, epochs=mid_epochs,
                                             learning_rate=0.1, activation="relu",
                                             output_activation="softmax",
                                             loss="cross_entropy", seed=0, print_every=0),
                            max(repeats // 6, 3), 1, 1)
    row(f"train() on it, {mid_epochs} full-batch epochs", f"{mid_train * 1e3:8.1f} ms",
        f"overhead over its steps {mid_train / (mid_epochs * mid_loop) - 1:.1%}; "
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

    if args.compare_torch:
        torch_time = torch_step_time(repeats)
        if torch_time is None:
            row("PyTorch float64 mid step", "     n/a", "PyTorch is not installed")
        else:
            row("PyTorch float64 mid step", f"{torch_time * 1e3:8.2f} ms",
                f"nn_scratch / PyTorch = {mid / torch_time:.2f}")

    print(f"nn_scratch benchmark: NumPy {np.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, median of {repeats} repeats")
    width = max(len(name) for name, _, _ in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value}  {note}")


if __name__ == "__main__":
    main()
