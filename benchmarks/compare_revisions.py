"""Is the working tree's nn_scratch as fast as an earlier revision's? train() side by side.

    python benchmarks/compare_revisions.py REV [--rounds N] [--examples M]

Loads nn_scratch.py as it is in git revision REV and as it is in the working tree,
into one process, and times the same train() calls of both in turn, round after
round: an epoch as a longer run spends it, (time of 3 epochs - time of 1) / 2, on
MNIST-shaped data (as bench_nn_scratch.py), for mini-batches of 32 and 256 in
float64 and float32, Adam at batch 32, full-batch epochs of the mid-sized network,
and XOR. Prints, for each, the median over the rounds of new / old, and the rounds'
range: on a shared machine single rounds vary by 10 % and more. Only train's public
arguments are used, so any two revisions since momentum and Adam compare.
"""

import os

os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "1")  # before NumPy: see bench_nn_scratch.py
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse  # noqa: E402
import importlib.util  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
from bench_nn_scratch import MB_RATE, MID_LAYERS, ROOT, mid_problem, minibatch_data  # noqa: E402

CLASSIFIER = dict(activation="relu", output_activation="softmax", loss="cross_entropy",
                  seed=0, print_every=0)


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def cases(nn, m):
    """{name: run(epochs)} for one version of the module."""
    X_rows, _, Y, _ = minibatch_data(m)  # the data bench_nn_scratch.py times
    runs = {}
    for dtype in (np.float64, np.float32):
        X, Y_typed = np.asfortranarray(X_rows.T, dtype=dtype), np.asfortranarray(Y, dtype=dtype)
        for batch in (32, 256):
            runs[f"batch {batch}, {np.dtype(dtype).name}"] = (
                lambda e, X=X, Y=Y_typed, batch=batch, dtype=dtype: nn.train(
                    X, Y, MID_LAYERS, epochs=e, learning_rate=MB_RATE, batch_size=batch,
                    dtype=dtype, **CLASSIFIER))
    X = np.asfortranarray(X_rows.T)
    runs["Adam, batch 32"] = lambda e: nn.train(X, Y, MID_LAYERS, epochs=e, learning_rate=0.001,
                                                batch_size=32, optimizer="adam", **CLASSIFIER)
    _, X_mid, Y_mid = mid_problem()
    runs["full batch, m = 2048 (10 epochs)"] = lambda e: nn.train(
        X_mid, Y_mid, MID_LAYERS, epochs=10 * e, learning_rate=0.1, **CLASSIFIER)
    X_xor, Y_xor = nn.xor_data()
    runs["XOR (500 epochs)"] = lambda e: nn.train(X_xor, Y_xor, [2, 4, 1], epochs=500 * e, seed=0,
                                                  print_every=0)
    return runs


def epoch(run):
    start = time.perf_counter()
    run(1)
    one = time.perf_counter() - start
    start = time.perf_counter()
    run(3)
    return (time.perf_counter() - start - one) / 2


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision", help="the git revision to compare with, such as HEAD~3")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--examples", type=int, default=20000)
    args = parser.parse_args()
    source = subprocess.run(["git", "show", f"{args.revision}:nn_scratch.py"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as folder:
        old_path = Path(folder) / "nn_scratch_old.py"
        old_path.write_text(source, encoding="utf-8")
        old, new = load("nn_scratch_old", old_path), load("nn_scratch_new", ROOT / "nn_scratch.py")
        old_runs, new_runs = cases(old, args.examples), cases(new, args.examples)
        print(f"new (working tree) / old ({args.revision}), train() epochs, {args.rounds} rounds")
        for name in old_runs:
            ratios = []
            for round_ in range(args.rounds):  # in turn, each first every other round
                pair = (old_runs[name], new_runs[name])[::1 if round_ % 2 else -1]
                first, second = epoch(pair[0]), epoch(pair[1])
                ratios.append(second / first if round_ % 2 else first / second)
            print(f"  {name:34s} {statistics.median(ratios):.3f}  "
                  f"(rounds {min(ratios):.3f} to {max(ratios):.3f})", flush=True)


if __name__ == "__main__":
    main()
