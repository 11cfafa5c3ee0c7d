"""How fast is a training step of nn_scratch, next to the matrix products it must do?

    python benchmarks/bench_nn_scratch.py [--repeats N] [--compare-torch] [--compare-sklearn]
                                          [--examples M] [--mnist {no,also,only}]

Prints one table. Whatever is compared is timed in turn, round after round
(interleaved), and a ratio is the median of the rounds' ratios: a burst of load
on a shared machine then hits both sides alike. Absolute times are medians too;
none of them is a pass or a fail.

  tiny step   XOR, [2, 4, 1], m = 4: forward_prop + back_prop + update_parameters, as
              train's loop runs them (check=False, as train checked all its data once,
              and the update in place), and called directly as the courses do (each
              function checks its arguments; the update makes new arrays)
  mid step    [784, 256, 128, 10], relu, softmax, cross-entropy, m = 2048, float64
  products    the same step's 8 matrix products alone, with np.matmul on the same
              shapes (W A forward; dZ A^T and W^T dZ backward, without dA[0])
  train()     overhead of train over the sum of its steps (a step there is what its
              loop runs: forward_prop + compute_loss + back_prop + update_parameters)
  memory      tracemalloc peak of one mid step, next to what it must return
  mini-batch  an epoch of mini-batch SGD on MNIST-shaped data (a learnable 10-class task,
              784 inputs, M examples), [784, 256, 128, 10], relu, softmax,
              cross-entropy, batch sizes 32 and 256, float64 and float32: an epoch as a
              longer run spends it, (time of 4 epochs - time of 1) / 3, for every
              library alike, all reading the same X_rows (nn_scratch as X_rows.T), next
              to the same epoch's matrix products alone, a plain PyTorch loop
              (randperm, index per batch, nn.Linear, F.cross_entropy, optim.SGD) and
              scikit-learn's MLPClassifier (solver="sgd", no momentum); then what a
              C-ordered (784, M) X adds once per train call (one column-ordered copy),
              and the peak memory of a train
  MNIST       with --mnist also (or only): the whole run on the real data, load_mnist's
              60,000 images, [784, 300, 10], relu, softmax, cross-entropy, plain SGD at
              rate 0.1, batches of 64, 10 epochs, float64 and float32, each library's
              test error on the 10,000 test images beside its time, next to the run's
              matrix products alone, the plain PyTorch loop and MLPClassifier
"""

import os

# Before NumPy is imported: idle OpenBLAS (and OpenMP) threads otherwise spin for a
# while after each call, stealing the core that the next call, or PyTorch, needs.
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "1")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import tracemalloc  # noqa: E402
import warnings  # noqa: E402
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
             with_loss=False, as_train=False):
    """One training step; returns (cache, grads, parameters after it).

    with_loss adds what train's loop also does per batch: compute_loss on the forward
    pass just made. as_train=True runs the step as train's loop does: check=False,
    and the update in place, in the arrays given; else as a direct call does.
    """
    check = not as_train
    Y_hat, cache = nn.forward_prop(X, parameters, activation, output_activation, check=check)
    if with_loss:
        nn.compute_loss(Y_hat, Y, loss, output_activation, check=check)
    grads = nn.back_prop(parameters, cache, Y, activation, output_activation, loss, check=check)
    return cache, grads, nn.update_parameters(parameters, grads, learning_rate,
                                              in_place=as_train, check=check)


def machine(with_torch):
    """The CPU, NumPy's BLAS (and the kernels it picked, if threadpoolctl is installed),
    and PyTorch's build: what the figures come from."""
    cpu = "unknown CPU"
    if os.path.exists("/proc/cpuinfo"):
        with open("/proc/cpuinfo") as file:
            cpu = next((line.split(":", 1)[1].strip() for line in file if "model name" in line),
                       cpu)
    try:
        blas = np.__config__.CONFIG["Build Dependencies"]["blas"]
        blas = f"{blas['name']} {blas['version']}"
    except (AttributeError, KeyError):  # NumPy before 1.25
        blas = "unknown"
    try:
        from threadpoolctl import threadpool_info

        kernels = [info["architecture"] for info in threadpool_info()
                   if info.get("internal_api") == "openblas"]
        blas += f", {kernels[0]} kernels" if kernels else ""  # the first: NumPy's, loaded first
    except ImportError:
        pass
    parts = [cpu, f"NumPy's BLAS {blas}"]
    if with_torch:
        try:
            import torch
        except ImportError:
            return "; ".join(parts)
        config = torch.__config__.show()
        found = [re.search(pattern, config) for pattern in (r"BLAS_INFO=(\w+)",
                                                            r"CPU capability usage: (\w+)")]
        build = ", ".join(match.group(1) if match else "?" for match in found)
        parts.append(f"PyTorch {torch.__version__} ({build})")
    return "; ".join(parts)


def chained_steps(parameters, *step_args, with_loss=False, as_train=False):
    """A function running one_step, each time from the parameters of the last.

    Chained as in training: a step whose new parameters were thrown away would
    free all of its memory at once, glibc would hand it back to the operating
    system, and the next step would time page faults rather than the step.
    """
    state = {"parameters": {key: value.copy() for key, value in parameters.items()}}

    def run():
        state["parameters"] = one_step(state["parameters"], *step_args, with_loss=with_loss,
                                       as_train=as_train)[2]

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
    cache, grads, new = one_step(parameters, X, Y, *MID_ARGS, 0.1)
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


MB_EPOCHS = 4  # an epoch is (time of MB_EPOCHS epochs - time of 1) / (MB_EPOCHS - 1)
MB_RATE = 0.05


def minibatch_data(m, seed=0):
    """A learnable 10-class task of MNIST's shape: X_rows (m, 784), X (784, m) C-ordered as
    np.array gives it, one-hot Y (10, m), and the labels."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, m)
    X_rows = rng.standard_normal((10, 784))[labels] + 2.0 * rng.standard_normal((m, 784))
    return X_rows, np.ascontiguousarray(X_rows.T), np.eye(10)[labels].T.copy(), labels


def nn_epochs(X, Y, batch, dtype, epochs):
    return lambda: nn.train(X, Y, MID_LAYERS, epochs=epochs, learning_rate=MB_RATE,
                            activation="relu", output_activation="softmax",
                            loss="cross_entropy", batch_size=batch, seed=0, print_every=0,
                            dtype=dtype)


def products_epochs(m, batch, dtype, layers=MID_LAYERS, epochs=1):
    """The epochs' matrix products, 3 per layer but 2 for the first, and nothing else."""
    rng = np.random.default_rng(0)
    Ws = [rng.standard_normal((n, n_prev)).astype(dtype)
          for n_prev, n in zip(layers[:-1], layers[1:])]
    sizes = [min(batch, m - k) for k in range(0, m, batch)] * epochs
    arrays = {b: [np.ones((n, b), dtype) for n in layers] for b in set(sizes)}

    def run():
        for b in sizes:
            As = arrays[b]
            for l in range(len(Ws)):
                np.matmul(Ws[l], As[l])  # forward: Z = W A
                np.matmul(As[l + 1], As[l].T)  # backward: dW = dZ A^T
                if l > 0:
                    np.matmul(Ws[l].T, As[l + 1])  # backward: dA = W^T dZ
    return run


def torch_epochs(X_rows, labels, batch, dtype_name, epochs, layers=MID_LAYERS, rate=MB_RATE):
    """A plain PyTorch loop of the same epochs, or None without torch; run() returns the
    model."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(2)
    dtype = getattr(torch, dtype_name)
    X = torch.tensor(X_rows, dtype=dtype)
    y = torch.tensor(labels)
    modules = []
    for n_in, n_out in zip(layers[:-1], layers[1:]):
        modules += [torch.nn.Linear(n_in, n_out, dtype=dtype), torch.nn.ReLU()]
    model = torch.nn.Sequential(*modules[:-1])
    optimizer = torch.optim.SGD(model.parameters(), lr=rate)

    def run():
        for _ in range(epochs):
            order = torch.randperm(len(y))
            for k in range(0, len(y), batch):
                examples = order[k:k + batch]
                optimizer.zero_grad(set_to_none=True)
                torch.nn.functional.cross_entropy(model(X[examples]), y[examples]).backward()
                optimizer.step()
        return model
    return run


def sklearn_epochs(X_rows, labels, batch, epochs, layers=MID_LAYERS, rate=MB_RATE):
    """scikit-learn's MLPClassifier on the same epochs, plain SGD, or None without it;
    run() returns the fitted classifier."""
    try:
        from sklearn.exceptions import ConvergenceWarning
        from sklearn.neural_network import MLPClassifier
    except ImportError:
        return None

    def run():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter is small on purpose
            return MLPClassifier(tuple(layers[1:-1]), solver="sgd", momentum=0.0, alpha=0.0,
                                 learning_rate_init=rate, batch_size=batch, max_iter=epochs,
                                 random_state=0).fit(X_rows, labels)
    return run


MNIST_LAYERS, MNIST_RATE, MNIST_BATCH, MNIST_EPOCHS = [784, 300, 10], 0.1, 64, 10


def mnist_rows(row, rounds, compare_torch, compare_sklearn):
    """The whole MNIST run of issue 19, timed for each library, float64 and float32: train
    [784, 300, 10] (relu, softmax, cross-entropy, plain SGD, rate 0.1, batches of 64) for
    10 epochs on the 60,000 training images, then the error on the 10,000 test images."""
    data = {dtype: (nn.load_mnist(dtype=dtype), nn.load_mnist(kind="test", dtype=dtype))
            for dtype in (np.float64, np.float32)}
    (X, Y), (X_test, Y_test) = data[np.float64]
    labels, test_labels = Y.argmax(axis=0), Y_test.argmax(axis=0)
    errors = {}

    def error_of(key, predict):
        """A run that keeps its test error: predict(the run's result) gives test answers."""
        def run_and_measure(run):
            errors[key] = float(np.mean(predict(run()) != test_labels))
        return run_and_measure

    def nn_run(dtype):
        (X, Y), (X_test, _) = data[dtype]
        return lambda: nn.train(X, Y, MNIST_LAYERS, epochs=MNIST_EPOCHS, learning_rate=MNIST_RATE,
                                activation="relu", output_activation="softmax",
                                loss="cross_entropy", batch_size=MNIST_BATCH, seed=0,
                                print_every=0, dtype=dtype)[0]

    runs = {"f64": (nn_run(np.float64), lambda p: nn.predict(X_test, p, "relu", "softmax")
                    .argmax(axis=0)),
            "f32": (nn_run(np.float32), lambda p: nn.predict(data[np.float32][1][0], p, "relu",
                                                              "softmax").argmax(axis=0))}
    if compare_torch:
        for key, name in (("torch64", "float64"), ("torch32", "float32")):
            run = torch_epochs(X.T, labels, MNIST_BATCH, name, MNIST_EPOCHS, MNIST_LAYERS,
                               MNIST_RATE)
            if run is not None:
                import torch

                def answers(model, name=name):
                    with torch.no_grad():
                        return model(torch.tensor(X_test.T, dtype=getattr(torch, name))
                                     ).argmax(dim=1).numpy()
                runs[key] = (run, answers)
    if compare_sklearn:
        run = sklearn_epochs(X.T, labels, MNIST_BATCH, MNIST_EPOCHS, MNIST_LAYERS, MNIST_RATE)
        if run is not None:
            runs["sklearn"] = (run, lambda classifier: classifier.predict(X_test.T))
    functions = {"products": (products_epochs(X.shape[1], MNIST_BATCH, np.float64, MNIST_LAYERS,
                                              MNIST_EPOCHS), 1)}
    for key, (run, predict) in runs.items():
        measure = error_of(key, predict)
        functions[key] = (lambda run=run, measure=measure: measure(run), 1)
    t = interleaved(functions, rounds, warmup=0)
    row(f"MNIST, {MNIST_LAYERS}, {MNIST_EPOCHS} epochs of batch {MNIST_BATCH}",
        f"{median(t, 'f64'):8.1f} s", f"float64, test error {errors['f64']:.2%}; its matrix "
        f"products alone {median(t, 'products'):.1f} s: ratio {ratio(t, 'f64', 'products'):.2f}")
    names = {"torch64": ("PyTorch float64", "f64", 0.8), "sklearn": ("scikit-learn", "f64", 0.5),
             "f32": ("nn_scratch float32", None, None), "torch32": ("PyTorch float32", "f32", 0.7)}
    for key, (name, ours, target) in names.items():
        if key in t:
            note = f"test error {errors[key]:.2%}"
            if ours is not None:
                note += (f"; nn_scratch {'float32 ' * (ours == 'f32')}/ {name} = "
                         f"{ratio(t, ours, key):.2f}, target <= {target}")
            row(f"  {name}, same run", f"{median(t, key):8.1f} s", note)


def memory_of_training(X, Y):
    """The tracemalloc peak of a 3-epoch mini-batch train, above what the caller holds."""
    tracemalloc.start()
    nn.train(X, Y, MID_LAYERS, epochs=3, learning_rate=MB_RATE, activation="relu",
             output_activation="softmax", loss="cross_entropy", batch_size=256, seed=0,
             print_every=0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30, help="timed rounds per figure")
    parser.add_argument("--compare-torch", action="store_true",
                        help="also time the same work in PyTorch, if installed")
    parser.add_argument("--compare-sklearn", action="store_true",
                        help="also time the mini-batch epochs in scikit-learn, if installed")
    parser.add_argument("--mnist", choices=["no", "also", "only"], default="no",
                        help="also (or only) time the whole 10-epoch MNIST run, for each "
                             "library compared: about 3 minutes a round (default: no)")
    parser.add_argument("--mnist-rounds", type=int, default=3,
                        help="timed rounds of the MNIST run (default: %(default)s)")
    parser.add_argument("--examples", type=int, default=20000,
                        help="examples in the mini-batch data (default: %(default)s)")
    args = parser.parse_args()
    repeats = args.repeats
    rows = []

    def row(name, value, note=""):
        rows.append((name, value, note))

    if args.mnist != "no":
        mnist_rows(row, args.mnist_rounds, args.compare_torch, args.compare_sklearn)
        if args.mnist == "only":
            return report(rows, args)

    # Tiny: XOR. train's loop runs the step plus the loss of its forward pass.
    X, Y = nn.xor_data()
    p = nn.initialize_parameters(nn.XOR_LAYERS, seed=0)
    epochs = 2000
    xor_step = (p, X, Y, "sigmoid", "sigmoid", "mse", nn.LEARNING_RATE)
    t = interleaved({
        "step": (chained_steps(*xor_step, as_train=True), 200),
        "direct step": (chained_steps(*xor_step), 200),
        "loop step": (chained_steps(*xor_step, with_loss=True, as_train=True), epochs),
        "train": (lambda: nn.train(X, Y, nn.XOR_LAYERS, epochs=epochs, seed=0,
                                   print_every=0), 1),
    }, 2 * repeats)  # twice the rounds: a 3 % effect in 75 ms runs needs them
    row("tiny step, XOR [2, 4, 1], m = 4", f"{median(t, 'step') * 1e6:8.1f} us",
        "forward_prop + back_prop + update_parameters, as train runs them")
    row("  called directly, checks included", f"{median(t, 'direct step') * 1e6:8.1f} us",
        f"as the courses call them: / train's step = {ratio(t, 'direct step', 'step'):.2f}, "
        "target <= 2")
    row(f"train() on XOR, {epochs} epochs", f"{median(t, 'train') * 1e3:8.1f} ms",
        f"{epochs / median(t, 'train'):,.0f} epochs per second")
    row("  its overhead over its steps", f"{ratio(t, 'train', 'loop step') / epochs - 1:8.1%}",
        f"a step with its loss: {median(t, 'loop step') * 1e6:.1f} us; target <= 5 %")

    # Mid: the figures of issue 4.
    p, X, Y = mid_problem()
    functions = {"step": (chained_steps(p, X, Y, *MID_ARGS, 0.1, as_train=True), 1),
                 "direct step": (chained_steps(p, X, Y, *MID_ARGS, 0.1), 1),
                 "products": (products_only(p, X), 1)}
    torch_run = torch_step() if args.compare_torch else None
    if torch_run is not None:
        functions["torch"] = (torch_run, 1)
    t = interleaved(functions, repeats)
    row("mid step, [784, 256, 128, 10], m = 2048", f"{median(t, 'step') * 1e3:8.2f} ms",
        "relu, softmax, cross-entropy, float64, as train runs it")
    row("  called directly, checks included", f"{median(t, 'direct step') * 1e3:8.2f} ms",
        f"/ train's step = {ratio(t, 'direct step', 'step'):.2f}")
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
        "loop step": (chained_steps(p, X, Y, *MID_ARGS, 0.1, with_loss=True, as_train=True),
                      mid_epochs),
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

    # Mini-batch epochs on MNIST-shaped data, against the same epochs elsewhere. Each
    # library runs 1 and MB_EPOCHS epochs, in turn, round after round; an epoch is the
    # difference over MB_EPOCHS - 1, so one-time setup (checks, copies, initialisation)
    # falls out for all of them alike.
    m = args.examples
    X_rows, X, Y, labels = minibatch_data(m)
    # The same memory PyTorch and scikit-learn read: examples as rows, here X_rows.T.
    data = {np.float64: (X_rows.T, np.asfortranarray(Y))}
    data[np.float32] = tuple(np.asfortranarray(array, dtype=np.float32)
                             for array in data[np.float64])
    for batch in (32, 256):
        runs = {"f64": [nn_epochs(*data[np.float64], batch, np.float64, e)
                        for e in (1, MB_EPOCHS)],
                "f32": [nn_epochs(*data[np.float32], batch, np.float32, e)
                        for e in (1, MB_EPOCHS)]}
        labels_of = {}
        if args.compare_torch:
            for key, name in (("torch64", "float64"), ("torch32", "float32")):
                labels_of[key] = f"PyTorch {name}"
                runs[key] = [torch_epochs(X_rows, labels, batch, name, e) for e in (1, MB_EPOCHS)]
        if args.compare_sklearn:
            labels_of["sklearn"] = "scikit-learn"
            runs["sklearn"] = [sklearn_epochs(X_rows, labels, batch, e) for e in (1, MB_EPOCHS)]
        makers = {key: pair for key, pair in runs.items() if pair[0] is not None}  # installed
        functions = {"products": (products_epochs(m, batch, np.float64), 1)}
        for key, (one, n) in makers.items():
            functions[f"{key} 1"] = (one, 1)
            functions[f"{key} n"] = (n, 1)
        t = interleaved(functions, max(repeats // 10, 3), warmup=1)
        # Per round: one epoch of each, from that round's two runs.
        t.update({key: [(n - one) / (MB_EPOCHS - 1) for one, n in zip(t[f"{key} 1"],
                                                                      t[f"{key} n"])]
                  for key in makers})
        row(f"mini-batch epoch, batch {batch}, m = {m:,}", f"{median(t, 'f64') * 1e3:8.1f} ms",
            f"float64; its matrix products alone {median(t, 'products') * 1e3:.1f} ms: "
            f"ratio {ratio(t, 'f64', 'products'):.2f}, target <= 1.6")
        for key in ("torch64", "sklearn"):
            if key in labels_of:
                row(f"  {labels_of[key]}, same epoch", "     n/a" if key not in t else
                    f"{median(t, key) * 1e3:8.1f} ms", "not installed" if key not in t else
                    f"nn_scratch / {labels_of[key]} = {ratio(t, 'f64', key):.2f}; target <= "
                    f"{0.7 if key == 'torch64' else 0.8}")
        row("  in float32 (dtype=np.float32)", f"{median(t, 'f32') * 1e3:8.1f} ms",
            f"float32 / float64 = {ratio(t, 'f32', 'f64'):.2f}, target <= 0.65"
            + (f"; / PyTorch float32 = {ratio(t, 'f32', 'torch32'):.2f}"
               + (", target <= 1.0" if batch == 256 else "") if "torch32" in t else ""))
    t = interleaved({"C": (nn_epochs(X, Y, 256, np.float64, 1), 1),
                     "rows": (nn_epochs(*data[np.float64], 256, np.float64, 1), 1)},
                    max(repeats // 10, 3), warmup=1)
    copy = statistics.median(c - rows for c, rows in zip(t["C"], t["rows"]))
    row("  a C-ordered (784, m) X instead, once", f"{copy * 1e3:8.1f} ms",
        "per train call: one column-ordered copy (fresh memory on this VM: 30 to 400 ms)")
    for layout, data in (("C-ordered X", X), ("X_rows.T", X_rows.T)):
        row(f"  memory of a 3-epoch train, {layout}",
            f"{memory_of_training(data, Y) / X.nbytes:8.2f} x", "the data's size, above it; "
            + ("target <= 0.25" if layout == "X_rows.T" else "one column-ordered copy"))

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

    report(rows, args)


def report(rows, args):
    print(f"nn_scratch benchmark: NumPy {np.__version__}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, {args.repeats} rounds"
          + (f" ({args.mnist_rounds} of MNIST)" if args.mnist != "no" else "") + ", medians")
    print(f"machine: {machine(args.compare_torch)}")
    width = max(len(name) for name, _, _ in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value}  {note}")


if __name__ == "__main__":
    main()
