"""Lesson 9's batch-normalised networks with a small last batch and without: what README's
"Batch normalisation" quotes. The digits' 1348 training examples make 26 batches of 50 and
one of 48, or 21 batches of 64 and one of 4. About 10 s.

    python benchmarks/batchnorm_last_batch.py
"""
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import nn_scratch as nn  # noqa: E402

X, Y = nn.load_digits()
warnings.simplefilter("ignore")  # the warning that batch_size=64 draws is what is measured
for seed in (0, 1, 2):
    X_train, X_test, Y_train, Y_test = nn.train_test_split(X, Y, 0.25, seed)
    X_train, X_test = nn.standardise(X_train), nn.standardise(X_train, X_test)
    for activation in ("sigmoid", "relu"):
        for batch_size in (50, 64):
            start = nn.initialize_parameters(nn.BATCHNORM_LAYERS, seed, activation,
                                             batch_norm=True)
            settings = {**nn.BATCHNORM_SETTINGS, "batch_size": batch_size}
            parameters, losses = nn.train(X_train, Y_train, nn.BATCHNORM_LAYERS,
                                          activation=activation, output_activation="softmax",
                                          loss="cross_entropy", seed=seed, print_every=0,
                                          parameters=start, **settings)
            score = nn.accuracy(nn.predict(X_test, parameters, activation, "softmax"), Y_test)
            print(f"seed {seed}, {activation}, batch_size {batch_size} (last batch "
                  f"{X_train.shape[1] % batch_size}): loss {losses[-1]:.3f}, test accuracy "
                  f"{score:.1%}")
