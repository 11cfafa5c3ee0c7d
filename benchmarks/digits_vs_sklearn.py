"""Held-out accuracy on the digits: nn_scratch's lesson next to scikit-learn's MLPClassifier.

    python benchmarks/digits_vs_sklearn.py [--seeds N]

For each seed, one stratified split (train_test_split, a quarter held out) and the
same pixels, standardised by the training digits, go to both: nn_scratch's lesson
network ([64, 200, 10], relu, softmax, cross-entropy, mini-batches of 16, learning
rate 0.05, 80 epochs, plain SGD) and an MLPClassifier set to train the same way
(one hidden layer of 200 relu units, solver="sgd" without momentum, no L2, the same
batch size, learning rate and number of epochs). Their initialisations differ: each
library draws its own. Prints each seed's test accuracy and training time, then the
mean and the range. Needs scikit-learn, installed by hand (`pip install scikit-learn`):
it is never a dependency of nn_scratch.
"""

import argparse
import sys
import time
import warnings
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import nn_scratch as nn  # noqa: E402

EPOCHS, LEARNING_RATE, BATCH_SIZE = 80, 0.05, 16


def nn_scratch_accuracy(X_train, Y_train, X_test, Y_test, seed):
    network = nn.NeuralNetwork(nn.DIGITS_LAYERS, "relu", "softmax", "cross_entropy", seed=seed)
    network.train(X_train, Y_train, epochs=EPOCHS, learning_rate=LEARNING_RATE,
                  batch_size=BATCH_SIZE, print_every=0)
    return nn.accuracy(network.predict(X_test), Y_test)


def sklearn_accuracy(X_train, Y_train, X_test, Y_test, seed):
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPClassifier

    classifier = MLPClassifier(
        hidden_layer_sizes=tuple(nn.DIGITS_LAYERS[1:-1]), activation="relu", solver="sgd",
        momentum=0.0, alpha=0.0, learning_rate_init=LEARNING_RATE, batch_size=BATCH_SIZE,
        max_iter=EPOCHS, tol=0.0, n_iter_no_change=EPOCHS, random_state=seed)
    with warnings.catch_warnings():  # it warns that 80 epochs did not "converge"
        warnings.simplefilter("ignore", ConvergenceWarning)
        classifier.fit(X_train.T, Y_train.argmax(axis=0))  # sklearn: examples as rows
    return float(np.mean(classifier.predict(X_test.T) == Y_test.argmax(axis=0)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="seeds 0 to N-1 (default: 10)")
    args = parser.parse_args()
    X, Y = nn.load_digits()
    results = {"nn_scratch": [], "scikit-learn": []}
    print("seed   nn_scratch            scikit-learn")
    for seed in range(args.seeds):
        X_train, X_test, Y_train, Y_test = nn.train_test_split(X, Y, test_size=0.25, seed=seed)
        data = (nn.standardise(X_train), Y_train, nn.standardise(X_train, X_test), Y_test, seed)
        line = f"{seed:>4}"
        for name, run in (("nn_scratch", nn_scratch_accuracy), ("scikit-learn", sklearn_accuracy)):
            start = time.perf_counter()
            results[name].append(run(*data))
            line += f"   {results[name][-1]:6.1%} in {time.perf_counter() - start:4.1f} s    "
        print(line.rstrip())
    for name, accuracies in results.items():
        print(f"{name:>12}: mean {np.mean(accuracies):.1%}, from {min(accuracies):.1%} "
              f"to {max(accuracies):.1%}, on {Y.shape[1] - X_train.shape[1]} test digits")


if __name__ == "__main__":
    main()
