"""Tests for nn_scratch: each one fails if the mathematics or the behaviour is wrong.

Run with ``python -m pytest`` (warnings are errors, see pyproject.toml): under a
minute. ``-m slow`` runs the long ones, which a learner need not wait for, and
``-m torch`` the comparisons with PyTorch, where it is installed; CI runs them all.
They start with a small network worked out by hand, then check every gradient
against finite differences, then the behaviour a learner relies on; the tests of the
file's shape (copying a function, the notebook) and of README come last.
"""

import ast
import collections
import contextlib
import copy
import functools
import gc
import inspect
import io
import math
import os
import pickle
import re
import signal
import subprocess
import sys
import textwrap
import traceback
import tracemalloc
import warnings
import zipfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import Phase, assume, given, settings
from hypothesis import strategies as st

import nn_scratch as nn

HERE = Path(__file__).resolve().parent


# Runs that several tests read, each made once per session.

Run = collections.namedtuple("Run", "result printed folder")


@pytest.fixture(scope="session")
def lesson(tmp_path_factory):
    """lesson(name, seed=0): `python nn_scratch.py --lesson NAME --seed SEED` in this
    process, run once per session: what the lesson returned, what it printed, and the
    folder of its pictures, which did not exist before (the lesson makes it)."""
    runs = {}

    def run(name, seed=0):
        if (name, seed) not in runs:
            function, returned = nn.LESSONS[name], []

            @functools.wraps(function)  # main prints the docstring's first paragraph
            def recorded(*args, **kwargs):
                returned.append(function(*args, **kwargs))

            folder = tmp_path_factory.mktemp("lessons") / name
            printed, complaints = io.StringIO(), io.StringIO()
            with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(printed), \
                    contextlib.redirect_stderr(complaints):
                patch.setitem(nn.LESSONS, name, recorded)
                try:
                    status = nn.main(["--lesson", name, "--seed", str(seed), "--plots-dir",
                                      str(folder)])
                except SystemExit as exit_status:
                    status = exit_status.code
            assert status == 0 and complaints.getvalue() == "", complaints.getvalue()
            runs[name, seed] = Run(returned[0], printed.getvalue(), folder)
        return runs[name, seed]

    return run


@pytest.fixture(scope="session")
def torch():
    """PyTorch, where it is installed: the tests marked `torch` compare with it (CI
    installs it; a learner's requirements-dev.txt does not)."""
    return pytest.importorskip("torch")

# --------------------------------------------------------------------------------------
# A small network worked by hand: read these first
#
# One example x = (1, 2)^T; a hidden relu layer of two units; a linear output unit;
# the target y = 0.5 and the mean squared error. Every number below can be checked
# with pencil and paper, and the code must give exactly these.

HAND_PARAMETERS = {"W1": np.array([[1.0, -1.0], [2.0, 0.0]]), "b1": np.array([[0.0], [-1.0]]),
                   "W2": np.array([[3.0, -2.0]]), "b2": np.array([[0.5]])}
HAND_X, HAND_Y = np.array([[1.0], [2.0]]), np.array([[0.5]])


def test_forward_pass_by_hand():
    # Z1 = W1 x + b1 = (1 - 2 + 0, 2 + 0 - 1) = (-1, 1), and A1 = relu(Z1) = (0, 1).
    # Z2 = W2 A1 + b2 = 3 * 0 - 2 * 1 + 0.5 = -1.5, and the linear output A2 = Z2.
    Y_hat, cache = nn.forward_prop(HAND_X, HAND_PARAMETERS, "relu", "linear")
    np.testing.assert_array_equal(cache["Z1"], [[-1.0], [1.0]])
    np.testing.assert_array_equal(cache["A1"], [[0.0], [1.0]])
    np.testing.assert_array_equal(cache["Z2"], [[-1.5]])
    np.testing.assert_array_equal(Y_hat, [[-1.5]])


def test_loss_by_hand():
    # J = (y_hat - y)^2 = (-1.5 - 0.5)^2 = 4, for one output and one example.
    assert nn.compute_loss(np.array([[-1.5]]), HAND_Y, "mse", "linear") == 4.0


def test_backward_pass_by_hand():
    # dZ2 = dA2 = 2 (y_hat - y) = -4 (a linear output has g' = 1);
    # dW2 = dZ2 A1^T = -4 (0, 1) = (0, -4); db2 = -4;
    # dA1 = W2^T dZ2 = (3, -2)^T (-4) = (-12, 8); dZ1 = dA1 * relu'(Z1) = (0, 8);
    # dW1 = dZ1 x^T = ((0, 0), (8, 16)); db1 = (0, 8).
    _, cache = nn.forward_prop(HAND_X, HAND_PARAMETERS, "relu", "linear")
    grads = nn.back_prop(HAND_PARAMETERS, cache, HAND_Y, "relu", "linear", "mse")
    np.testing.assert_array_equal(grads["dW2"], [[0.0, -4.0]])
    np.testing.assert_array_equal(grads["db2"], [[-4.0]])
    np.testing.assert_array_equal(grads["dW1"], [[0.0, 0.0], [8.0, 16.0]])
    np.testing.assert_array_equal(grads["db1"], [[0.0], [8.0]])


def test_update_by_hand():
    # With learning rate 0.5: W2 = (3, -2) - 0.5 (0, -4) = (3, 0); b1 = (0, -1) - 0.5 (0, 8).
    _, cache = nn.forward_prop(HAND_X, HAND_PARAMETERS, "relu", "linear")
    grads = nn.back_prop(HAND_PARAMETERS, cache, HAND_Y, "relu", "linear", "mse")
    updated = nn.update_parameters(HAND_PARAMETERS, grads, 0.5)
    np.testing.assert_array_equal(updated["W2"], [[3.0, 0.0]])
    np.testing.assert_array_equal(updated["b2"], [[2.5]])
    np.testing.assert_array_equal(updated["W1"], [[1.0, -1.0], [-2.0, -8.0]])
    np.testing.assert_array_equal(updated["b1"], [[0.0], [-5.0]])


# --------------------------------------------------------------------------------------
# Gradients: back_prop against finite differences, for every combination


# Every (output activation, loss) pair that makes mathematical sense.
OUTPUTS_AND_LOSSES = [
    ("sigmoid", "mse"),
    ("sigmoid", "cross_entropy"),
    ("softmax", "mse"),
    ("softmax", "cross_entropy"),
    ("linear", "mse"),
]
COMBINATIONS = [(a, o, loss) for a in nn.ACTIVATIONS for o, loss in OUTPUTS_AND_LOSSES]


def random_problem(rng, layer_dims, m, output_activation):
    """Parameters a little away from their initial values, and data X, Y that fit them."""
    parameters = {key: value + 0.3 * rng.standard_normal(value.shape)
                  for key, value in nn.initialize_parameters(layer_dims, seed=rng).items()}
    X = rng.standard_normal((layer_dims[0], m))
    n_y = layer_dims[-1]
    if output_activation == "softmax":
        Y = np.eye(n_y)[rng.integers(0, n_y, size=m)].T
    elif output_activation == "sigmoid":
        Y = rng.random((n_y, m))
    else:
        Y = rng.standard_normal((n_y, m))
    return parameters, X, Y


def numerical_gradient(parameters, X, Y, activation, output_activation, loss, lambd=0.0,
                       epsilon=1e-6):
    """The test's own centred differences of compute_loss, independent of gradient_check."""
    def J(shifted):
        Y_hat, _ = nn.forward_prop(X, shifted, activation, output_activation)
        return nn.compute_loss(Y_hat, Y, loss, output_activation, shifted, lambd)

    grads = {}
    for key, value in parameters.items():
        grad = np.zeros_like(value)
        for p in np.ndindex(value.shape):
            up, down = value.copy(), value.copy()
            up[p] += epsilon
            down[p] -= epsilon
            grad[p] = (J({**parameters, key: up}) - J({**parameters, key: down})) / (2 * epsilon)
        grads[f"d{key}"] = grad
    return grads


def rounding_floor(J, grads, epsilon):
    """The relative difference that rounding alone causes in gradient_check: each centred
    difference divides the rounding errors of two losses, a few eps |J| each, by
    2 epsilon, whatever the gradient's size; relative to a small gradient, that is a lot
    (a saturated softmax's gradient of 1e-4 gives 2e-7, with no mistake anywhere)."""
    vector = np.concatenate([value.ravel() for value in grads.values()])
    noise = np.sqrt(vector.size) * 4 * np.finfo(float).eps * abs(J) / epsilon
    return noise / (2 * np.linalg.norm(vector))


def near_relu_kink(parameters, X, activation, output_activation):
    """True if some hidden pre-activation is so close to 0 that relu's kink spoils differences."""
    if activation != "relu":
        return False
    _, cache = nn.forward_prop(X, parameters, activation, output_activation)
    L = len(parameters) // 2
    return any(np.min(np.abs(cache[f"Z{l}"])) < 1e-4 for l in range(1, L))


# Without shrinking: a wrong gradient fails most combinations at once, and shrinking
# each failure to its smallest network would keep a learner waiting a minute longer for
# the verdict; the first example that fails is reported as it was found.
@pytest.mark.parametrize("activation, output_activation, loss", COMBINATIONS)
@settings(max_examples=15, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(depth=st.integers(1, 3), widths=st.lists(st.integers(1, 5), min_size=4, max_size=4),
       m=st.integers(1, 6), seed=st.integers(0, 2**32 - 1), lambd=st.sampled_from([0.0, 0.7]))
def test_back_prop_matches_finite_differences(activation, output_activation, loss, depth,
                                              widths, m, seed, lambd):
    layer_dims = widths[:depth + 1]
    if output_activation == "softmax":
        layer_dims[-1] = max(layer_dims[-1], 2)
    rng = np.random.default_rng(seed)
    parameters, X, Y = random_problem(rng, layer_dims, m, output_activation)
    assume(not near_relu_kink(parameters, X, activation, output_activation))

    relative = nn.gradient_check(parameters, X, Y, activation, output_activation, loss,
                                 epsilon=1e-6, lambd=lambd)
    Y_hat, cache = nn.forward_prop(X, parameters, activation, output_activation)
    grads = nn.back_prop(parameters, cache, Y, activation, output_activation, loss, lambd)
    J = nn.compute_loss(Y_hat, Y, loss, output_activation, parameters, lambd)
    assert relative < 1e-7 + rounding_floor(J, grads, epsilon=1e-6)

    # And entry by entry, against the test's own finite differences.
    expected = numerical_gradient(parameters, X, Y, activation, output_activation, loss, lambd)
    assert grads.keys() == expected.keys()
    for key in expected:
        np.testing.assert_allclose(grads[key], expected[key], rtol=1e-5, atol=1e-8, err_msg=key)


@pytest.mark.torch
@pytest.mark.parametrize("activation, output_activation, loss", COMBINATIONS)
def test_back_prop_agrees_with_pytorch_autograd(torch, activation, output_activation, loss):
    # With every term back_prop knows: L2, L1 and dropout, whose masks PyTorch reuses.
    rng = np.random.default_rng(12)
    parameters, X, Y = random_problem(rng, [3, 5, 4, 2], 6, output_activation)
    terms = dict(lambd=0.3, lambd_l1=0.2)
    Y_hat, cache = nn.forward_prop(X, parameters, activation, output_activation, 0.75, seed=4)
    grads = nn.back_prop(parameters, cache, Y, activation, output_activation, loss,
                         keep_prob=0.75, **terms)
    g = {"sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu,
         "linear": lambda z: z, "softmax": lambda z: torch.softmax(z, dim=0)}
    tensors = {key: torch.tensor(value, requires_grad=True) for key, value in parameters.items()}
    A = torch.tensor(X)
    for l in (1, 2):
        A = g[activation](tensors[f"W{l}"] @ A + tensors[f"b{l}"])
        A = A * torch.tensor(cache[f"D{l}"]) / 0.75
    Z, T, m = tensors["W3"] @ A + tensors["b3"], torch.tensor(Y), X.shape[1]
    if loss == "mse":
        J = ((g[output_activation](Z) - T) ** 2).mean()
    elif output_activation == "softmax":
        J = -(T * torch.log_softmax(Z, dim=0)).sum() / m
    else:
        J = torch.nn.functional.binary_cross_entropy_with_logits(Z, T, reduction="sum") / m
    weights = [tensors[f"W{l}"] for l in (1, 2, 3)]
    J = (J + terms["lambd"] / (2 * m) * sum((W ** 2).sum() for W in weights)
         + terms["lambd_l1"] / m * sum(W.abs().sum() for W in weights))
    J.backward()
    assert J.item() == pytest.approx(nn.compute_loss(Y_hat, Y, loss, output_activation,
                                                     parameters, **terms), rel=1e-12)
    for key, tensor in tensors.items():
        np.testing.assert_allclose(grads[f"d{key}"], tensor.grad.numpy(), rtol=1e-10,
                                   atol=1e-13, err_msg=key)


@pytest.mark.parametrize("activation, output_activation, loss", COMBINATIONS)
def test_gradient_check_with_default_epsilon(activation, output_activation, loss):
    rng = np.random.default_rng(7)
    parameters, X, Y = random_problem(rng, [3, 4, 3, 2], 5, output_activation)
    assert not near_relu_kink(parameters, X, activation, output_activation)
    assert nn.gradient_check(parameters, X, Y, activation, output_activation, loss) < 1e-7


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "linear"])
def test_gradient_check_catches_a_wrong_derivative(monkeypatch, name):
    rng = np.random.default_rng(3)
    parameters, X, Y = random_problem(rng, [2, 3, 1], 4, "sigmoid")
    assert nn.gradient_check(parameters, X, Y, name) < 1e-7
    right = nn.DERIVATIVES[name]
    monkeypatch.setitem(nn.DERIVATIVES, name, lambda z, a=None: 1.1 * right(z, a))
    assert nn.gradient_check(parameters, X, Y, name) > 1e-3


def test_gradient_check_catches_a_missing_average(monkeypatch):
    rng = np.random.default_rng(4)
    parameters, X, Y = random_problem(rng, [2, 3, 2], 5, "softmax")
    right = nn.back_prop

    def summed_not_averaged(*args, **kwargs):  # forgets the 1/m
        return {key: 5 * value for key, value in right(*args, **kwargs).items()}

    monkeypatch.setattr(nn, "back_prop", summed_not_averaged)
    assert nn.gradient_check(parameters, X, Y, "tanh", "softmax", "cross_entropy") > 0.5


def test_gradient_check_leaves_parameters_alone():
    rng = np.random.default_rng(5)
    parameters, X, Y = random_problem(rng, [2, 3, 1], 4, "sigmoid")
    before = copy.deepcopy(parameters)
    nn.gradient_check(parameters, X, Y)
    for key in before:
        np.testing.assert_array_equal(parameters[key], before[key])


# --------------------------------------------------------------------------------------
# Activations and their derivatives


@pytest.mark.parametrize("name", list(nn.ACTIVATIONS))
def test_derivatives_match_finite_differences(name):
    g, g_prime = nn.ACTIVATIONS[name], nn.DERIVATIVES[name]
    z = np.linspace(-4, 4, 81) + 0.013  # avoids relu's kink at exactly 0
    h = 1e-6
    numeric = (g(z + h) - g(z - h)) / (2 * h)
    np.testing.assert_allclose(g_prime(z), numeric, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(g_prime(z, g(z)), numeric, rtol=1e-7, atol=1e-9)


def test_sigmoid_is_stable_and_exact_at_the_extremes():
    z = np.array([-1000.0, -745.0, -40.0, 0.0, 40.0, 1000.0])
    s = nn.sigmoid(z)  # pytest turns any overflow warning into an error
    assert s[0] == 0.0 and s[-1] == 1.0 and s[3] == 0.5
    assert np.all((s >= 0) & (s <= 1))
    assert s[2] == pytest.approx(np.exp(-40.0) / (1 + np.exp(-40.0)), rel=1e-15)
    assert float(nn.sigmoid(1000)) == 1.0 and float(nn.sigmoid(-1000)) == 0.0


def test_sigmoid_matches_its_definition():
    z = np.linspace(-30, 30, 601)
    np.testing.assert_allclose(nn.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-15, atol=0)


def test_sigmoid_derivative_by_hand():
    assert nn.sigmoid_derivative(0.0) == 0.25
    assert np.all(nn.sigmoid_derivative(np.array([-1000.0, 1000.0])) == 0.0)


def test_relu_derivative_at_its_kink_is_zero():
    # A convention, not calculus: README's dead units and its XOR seed counts rest on it.
    np.testing.assert_array_equal(nn.relu_derivative(np.array([-1.0, 0.0, 1e-300, 2.0])),
                                  [0, 0, 1, 1])
    assert nn.relu_derivative(np.array([0.0]), np.array([0.0]))[0] == 0


def test_softmax_columns_are_distributions_and_stable():
    z = np.array([[1000.0, 1.0, -1000.0], [999.0, 2.0, -1000.0], [0.0, 3.0, -1000.0]])
    a = nn.softmax(z)
    np.testing.assert_allclose(a.sum(axis=0), 1.0)
    e = np.exp(z[:, 1])
    np.testing.assert_allclose(a[:, 1], e / e.sum())
    np.testing.assert_allclose(a[:, 2], 1 / 3)
    np.testing.assert_allclose(a[:2, 0], [1 / (1 + np.exp(-1)), 1 / (1 + np.exp(1))])


def test_softmax_backward_is_the_jacobian_product():
    rng = np.random.default_rng(0)
    z, dA = rng.standard_normal((4, 1)), rng.standard_normal((4, 1))
    a = nn.softmax(z)[:, 0]
    jacobian = np.diag(a) - np.outer(a, a)  # da_i/dz_j = a_i (delta_ij - a_j)
    np.testing.assert_allclose(nn.softmax_backward(dA, a[:, None])[:, 0], jacobian.T @ dA[:, 0])


# --------------------------------------------------------------------------------------
# The losses


def test_losses_by_hand():
    half = np.full((1, 2), 0.5)
    assert nn.compute_loss(half, np.array([[0.0, 1.0]])) == 0.25
    assert nn.compute_loss(half, np.array([[0.0, 1.0]]), "cross_entropy") == pytest.approx(
        np.log(2), rel=1e-15)
    third = np.full((3, 2), 1 / 3)
    one_hot = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    assert nn.compute_loss(third, one_hot, "cross_entropy", "softmax") == pytest.approx(
        np.log(3), rel=1e-15)
    # MSE is the mean over every entry: ((1-0)^2 + 0 + (2-0)^2 + 0) / 4.
    assert nn.compute_loss(np.array([[1.0, 0.0], [2.0, 0.0]]), np.zeros((2, 2)), "mse",
                           "linear") == 1.25


def test_a_nan_loss_is_an_error_not_a_number():
    with pytest.raises(FloatingPointError, match="Y_hat contains NaN or infinity; so would"):
        nn.compute_loss(np.array([[0.5, np.nan]]), np.array([[0.0, 1.0]]))


def test_cross_entropy_of_a_certain_wrong_prediction_is_large_but_finite():
    loss = nn.compute_loss(np.array([[0.0, 1.0]]), np.array([[1.0, 0.0]]), "cross_entropy")
    assert np.isfinite(loss) and loss > 30


def test_cross_entropy_from_the_logits_is_exact_where_the_probabilities_saturate():
    z, y = np.array([[60.0, -60.0, 1000.0, 0.3]]), np.array([[0.0, 1.0, 0.0, 1.0]])
    y_hat = nn.sigmoid(z)
    J = nn.compute_loss(y_hat, y, "cross_entropy", logits=z)
    # log(1 + e^z) - y z per unit: 60, 60, 1000 and log(1 + e^-0.3), over m = 4.
    assert J == pytest.approx((60 + 60 + 1000 + np.log1p(np.exp(-0.3))) / 4, rel=1e-14)
    clipped = nn.compute_loss(y_hat, y, "cross_entropy")  # from Y_hat alone: about 36 at most
    assert clipped < 3 * 36.1 / 4 + 1
    # Softmax: log-sum-exp; column 1 a gap of 1000 against the target.
    Z = np.array([[0.0, -500.0], [2.0, 500.0]])
    Y = np.array([[1.0, 1.0], [0.0, 0.0]])
    J = nn.compute_loss(nn.softmax(Z), Y, "cross_entropy", "softmax", logits=Z)
    assert J == pytest.approx((np.log1p(np.exp(2.0)) + 1000.0) / 2, rel=1e-14)
    # Where nothing saturates, both forms agree.
    Z = np.random.default_rng(0).standard_normal((3, 6))
    Y = np.eye(3)[[0, 1, 2, 0, 1, 2]].T
    assert nn.compute_loss(nn.softmax(Z), Y, "cross_entropy", "softmax", logits=Z) == \
        pytest.approx(nn.compute_loss(nn.softmax(Z), Y, "cross_entropy", "softmax"), rel=1e-13)


@pytest.mark.parametrize("output_activation", ["sigmoid", "softmax"])
@pytest.mark.parametrize("z", [60.0, -60.0])
def test_gradient_check_agrees_with_back_prop_on_confidently_wrong_outputs(output_activation, z):
    # One input of 1 and weights +-z: the output's logits are +-z, the targets the other way.
    if output_activation == "sigmoid":
        parameters = {"W1": np.array([[z]]), "b1": np.zeros((1, 1))}
        Y = np.array([[0.0 if z > 0 else 1.0]])
    else:
        parameters = {"W1": np.array([[z], [-z]]), "b1": np.zeros((2, 1))}
        Y = np.array([[0.0], [1.0]]) if z > 0 else np.array([[1.0], [0.0]])
    assert nn.gradient_check(parameters, np.ones((1, 1)), Y, "sigmoid", output_activation,
                             "cross_entropy") < 1e-7


def test_compute_loss_is_a_numpy_float_with_a_shape():
    J = nn.compute_loss(np.full((1, 2), 0.5), np.array([[0.0, 1.0]]), "cross_entropy")
    assert type(J) is np.float64 and J.shape == ()


# --------------------------------------------------------------------------------------
# Shapes, purity, reproducibility


def test_shapes_of_parameters_cache_and_gradients():
    layer_dims, m = [5, 4, 3, 2], 7
    parameters = nn.initialize_parameters(layer_dims, seed=0)
    assert sorted(parameters) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    for l in range(1, 4):
        assert parameters[f"W{l}"].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters[f"b{l}"].shape == (layer_dims[l], 1)
        assert parameters[f"W{l}"].dtype == np.float64
        np.testing.assert_array_equal(parameters[f"b{l}"], 0.0)
    X = np.random.default_rng(0).standard_normal((5, m))
    Y_hat, cache = nn.forward_prop(X, parameters, "tanh", "softmax")
    assert Y_hat.shape == (2, m)
    assert sorted(cache) == ["A0", "A1", "A2", "A3", "Z1", "Z2", "Z3"]
    assert cache["A0"] is X
    assert cache["A3"] is Y_hat
    for l in range(1, 4):
        assert cache[f"Z{l}"].shape == cache[f"A{l}"].shape == (layer_dims[l], m)
    grads = nn.back_prop(parameters, cache, np.eye(2)[[0, 1, 1, 0, 0, 1, 0]].T, "tanh",
                         "softmax", "cross_entropy")
    assert sorted(grads) == ["dW1", "dW2", "dW3", "db1", "db2", "db3"]
    for key, value in parameters.items():
        assert grads[f"d{key}"].shape == value.shape


def signal_through_depth(activation, init_activation, depth=10, width=200):
    """The root mean square of z at the last of `depth` layers over that at the first,
    for inputs of spread 1, with weights drawn for `init_activation`."""
    X = np.random.default_rng(1).standard_normal((width, 500))
    parameters = nn.initialize_parameters([width] * (depth + 1), 2, init_activation)
    _, cache = nn.forward_prop(X, parameters, activation, "linear")
    return np.sqrt(np.mean(cache[f"Z{depth}"] ** 2) / np.mean(cache["Z1"] ** 2))


def test_initial_weights_keep_the_signal_size_through_depth():
    # Var(z[l]) = n[l-1] Var(w) E[a[l-1]^2]: with Var(w) = 1/n[l-1], a linear layer
    # passes E[z^2] on unchanged; relu zeroes half of it, and He's 2/n[l-1] makes up.
    assert 0.8 < signal_through_depth("linear", None) < 1.25
    assert 0.8 < signal_through_depth("relu", "relu") < 1.25
    # With 1/n[l-1], relu halves E[z^2] at every layer: 9 halvings, (1/2)^(9/2) = 0.044.
    assert 0.03 < signal_through_depth("relu", "tanh") < 0.06


@pytest.mark.parametrize("activation, scale", [(None, 1.0), ("tanh", 1.0), ("relu", 2.0)])
def test_initial_weights_are_scaled_by_the_fan_in(activation, scale):
    # Layers of very different widths: the variance of W[l] is scale / n[l-1], the inputs'
    # count, whatever n[l] is (a fan-out or fan-in-plus-out scale would differ tenfold).
    layer_dims = [400, 40, 4000, 10]
    parameters = nn.initialize_parameters(layer_dims, seed=0, activation=activation)
    for l in range(1, 4):
        variance = parameters[f"W{l}"].var() * layer_dims[l - 1] / scale
        assert 0.9 < variance < 1.1, (l, variance)
    # tanh's slope is below 1 away from 0, so even 1/n[l-1] lets it shrink, slowly.
    assert 0.15 < signal_through_depth("tanh", "tanh") < 0.35


def test_he_weights_are_lecun_weights_times_root_2_and_other_names_change_nothing():
    lecun = nn.initialize_parameters([30, 20, 10], seed=5)
    for name in ("sigmoid", "tanh", "linear"):
        same = nn.initialize_parameters([30, 20, 10], seed=5, activation=name)
        for key in lecun:
            np.testing.assert_array_equal(same[key], lecun[key])
    he = nn.initialize_parameters([30, 20, 10], seed=5, activation="relu")
    for key in lecun:
        np.testing.assert_allclose(he[key], np.sqrt(2) * lecun[key], rtol=1e-15)
    big = nn.initialize_parameters([1000, 1000], seed=0, activation="relu")["W1"]
    assert big.var() == pytest.approx(2 / 1000, rel=0.01)  # 10^6 draws: 0.14% spread


def test_train_and_the_class_start_from_weights_for_their_hidden_activation():
    X, Y = nn.xor_data()
    for activation in ("relu", "tanh"):
        expected = nn.initialize_parameters([2, 4, 1], np.random.default_rng(3), activation)
        start, _ = nn.train(X, Y, [2, 4, 1], epochs=1, learning_rate=1e-300,
                            activation=activation, seed=3, print_every=0)
        network = nn.NeuralNetwork([2, 4, 1], activation, seed=3)
        for key in expected:  # a step of 1e-300 leaves W as it is, b within 1e-299 of 0
            np.testing.assert_allclose(start[key], expected[key], rtol=1e-15, atol=1e-299)
            np.testing.assert_array_equal(network.parameters[key], expected[key])


def test_same_seed_same_result_and_different_seed_different_result():
    a = nn.initialize_parameters([3, 5, 2], seed=42)
    b = nn.initialize_parameters([3, 5, 2], seed=42)
    c = nn.initialize_parameters([3, 5, 2], seed=43)
    for key in a:
        np.testing.assert_array_equal(a[key], b[key])
    assert not np.array_equal(a["W1"], c["W1"])
    X, Y = nn.spiral_data(points_per_class=20)
    kwargs = dict(epochs=5, learning_rate=0.1, activation="relu", output_activation="softmax",
                  loss="cross_entropy", batch_size=8, seed=3, print_every=0)
    p1, l1 = nn.train(X, Y, [2, 6, 3], **kwargs)
    p2, l2 = nn.train(X, Y, [2, 6, 3], **kwargs)
    assert l1 == l2
    for key in p1:
        np.testing.assert_array_equal(p1[key], p2[key])


def test_forward_back_and_update_do_not_change_their_inputs():
    rng = np.random.default_rng(0)
    parameters, X, Y = random_problem(rng, [3, 4, 2], 5, "sigmoid")
    originals = copy.deepcopy((parameters, X, Y))
    _, cache = nn.forward_prop(X, parameters, "relu")
    cache_before = copy.deepcopy(cache)
    grads = nn.back_prop(parameters, cache, Y, "relu")
    grads_before = copy.deepcopy(grads)
    new = nn.update_parameters(parameters, grads, 0.1)
    for before, after in zip(originals[0].values(), parameters.values()):
        np.testing.assert_array_equal(before, after)
    np.testing.assert_array_equal(originals[1], X)
    np.testing.assert_array_equal(originals[2], Y)
    for key in cache:
        np.testing.assert_array_equal(cache[key], cache_before[key])
    for key in grads:
        np.testing.assert_array_equal(grads[key], grads_before[key])
    assert new is not parameters and all(new[key] is not parameters[key] for key in new)
    assert not np.array_equal(new["W1"], parameters["W1"])


# --------------------------------------------------------------------------------------
# Training


def unsolved_xor_seeds(seeds):
    """The seeds for which train's defaults leave a prediction on the wrong side of 0.5."""
    X, Y = nn.xor_data()
    unsolved = []
    for seed in seeds:
        parameters, _ = nn.train(X, Y, nn.XOR_LAYERS, seed=seed, print_every=0)
        if not np.array_equal(nn.predict(X, parameters, "sigmoid", "sigmoid") > 0.5, Y > 0.5):
            unsolved.append(seed)
    return unsolved


def test_the_defaults_solve_xor_for_every_seed_from_0_to_19():
    assert unsolved_xor_seeds(range(20)) == []


@pytest.mark.slow
def test_the_defaults_solve_xor_for_every_seed_from_0_to_999():
    assert unsolved_xor_seeds(range(1000)) == []  # as README says


def test_the_original_example_runs_and_stays_on_the_plateau(capsys):
    X = np.array([[0, 0, 1, 1], [0, 1, 0, 1]])
    y = np.array([[0, 1, 1, 0]])
    nn_ = nn.NeuralNetwork(layers=[2, 3, 1])
    losses = nn_.train(X, y, epochs=1000, learning_rate=0.1)
    assert len(losses) == 1000 and nn_.losses == losses
    assert "epoch 1000/1000" in capsys.readouterr().out
    assert nn_.predict(X).shape == (1, 4)
    # What README says: lr 0.1 for 1000 epochs leaves the loss near 0.25, for every seed.
    for seed in range(10):
        final = nn.NeuralNetwork([2, 3, 1], seed=seed).train(X, y, epochs=1000,
                                                             learning_rate=0.1, print_every=0)
        assert 0.23 < final[-1] < 0.26


def test_neural_network_continues_training_across_calls():
    X, Y = nn.xor_data()
    net = nn.NeuralNetwork([2, 4, 1], seed=0)
    first = net.train(X, Y, epochs=300, print_every=0)
    second = net.train(X, Y, epochs=300, print_every=0)
    assert len(net.losses) == 600 and second[0] < first[0]
    _, losses = nn.train(X, Y, [2, 4, 1], epochs=600, seed=0, print_every=0)
    np.testing.assert_allclose(net.losses, losses)  # the same as one call of 600
    assert repr(net).startswith("NeuralNetwork(layers=[2, 4, 1]")


def test_train_prints_every_print_every_epochs(capsys):
    X, Y = nn.xor_data()
    nn.train(X, Y, [2, 4, 1], epochs=300, print_every=100, seed=0)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == ["1/300", "100/300", "200/300", "300/300"]
    nn.train(X, Y, [2, 4, 1], epochs=300, print_every=0, seed=0)
    assert capsys.readouterr().out == ""


class Clock:
    """A stand-in for the time module whose clock moves `step` seconds at every reading."""

    def __init__(self, step):
        self.now, self.step = 0.0, step

    def perf_counter(self):
        self.now += self.step
        return self.now


@pytest.mark.parametrize("terminal", [False, True])
def test_a_long_epoch_shows_its_progress(capsys, monkeypatch, terminal):
    # Every batch "takes" 2 s: after the first second, how far the epoch has got.
    monkeypatch.setattr(nn, "time", Clock(2.0))
    monkeypatch.setattr(sys.stdout, "isatty", lambda: terminal)
    X, Y = nn.spiral_data(points_per_class=20)  # 60 examples, batches of 10: 6 an epoch
    arguments = dict(learning_rate=0.5, activation="relu", output_activation="softmax",
                     loss="cross_entropy", batch_size=10, seed=0)  # a rate that learns
    nn.train(X, Y, [2, 8, 3], epochs=2, print_every=2, **arguments)
    out = capsys.readouterr().out
    progress = re.findall(r"epoch (\d)/2: (\d+) of 60 examples, (\d+) a second, (\d+) s left",
                          out)
    # On a terminal, after every batch (2 s apart, more than its 0.25 s); in a log, after
    # every second one (4 s apart, more than its 3 s).
    done = [10, 20, 30, 40, 50, 60] if terminal else [20, 40, 60]
    assert progress == [(epoch, str(n), "5", str((60 - n) // 5)) for epoch in "12"
                        for n in done]
    if terminal:  # one line, rewritten in place, and cleared before the epoch's own line
        assert "\n" not in out.split("epoch 1/2   ")[0]
        assert out.count("\r\x1b[K") == 2 and out.count("\n") == 2
    else:
        assert "\r" not in out and len(out.splitlines()) == 2 * len(done) + 2
    assert "epoch 1/2   loss" in out and "epoch 2/2   loss" in out  # the epochs' own lines
    nn.train(X, Y, [2, 8, 3], epochs=2, print_every=0, **arguments)
    assert capsys.readouterr().out == ""  # print_every=0: nothing, progress included


def test_the_loss_goes_down_with_mini_batches():
    X, Y = nn.spiral_data(points_per_class=50)
    _, losses = nn.train(X, Y, [2, 32, 3], epochs=100, learning_rate=0.3, activation="relu",
                         output_activation="softmax", loss="cross_entropy", batch_size=16,
                         seed=0, print_every=0)
    assert len(losses) == 100
    assert losses[-1] < 0.5 * losses[0]


def test_mini_batch_epoch_loss_is_the_weighted_mean_of_the_batches():
    # With a vanishing learning rate the parameters do not move, so the epoch's loss
    # must equal the loss of the whole data set, whatever the (uneven) batches.
    X, Y = nn.spiral_data(points_per_class=10)
    _, losses = nn.train(X, Y, [2, 5, 3], epochs=1, learning_rate=1e-300,
                         output_activation="softmax", loss="cross_entropy", batch_size=7,
                         seed=0, print_every=0)
    start = nn.initialize_parameters([2, 5, 3], seed=np.random.default_rng(0))
    expected = nn.compute_loss(nn.predict(X, start, "sigmoid", "softmax"), Y, "cross_entropy",
                               "softmax")
    assert losses[0] == pytest.approx(expected, rel=1e-12)


def test_a_batch_larger_than_the_data_is_full_batch():
    X, Y = nn.xor_data()
    _, full = nn.train(X, Y, [2, 4, 1], epochs=50, seed=1, print_every=0)
    _, big = nn.train(X, Y, [2, 4, 1], epochs=50, seed=1, print_every=0, batch_size=10)
    assert full == big


def test_a_1d_y_is_accepted_for_a_single_output():
    X, Y = nn.xor_data()
    _, from_1d = nn.train(X, Y[0], [2, 4, 1], epochs=20, seed=0, print_every=0)
    _, from_2d = nn.train(X, Y, [2, 4, 1], epochs=20, seed=0, print_every=0)
    assert from_1d == from_2d


@pytest.mark.parametrize("activation, output", [("relu", "linear"), ("linear", "linear")])
def test_divergence_stops_with_the_epoch_and_advice(activation, output):
    X, Y = nn.xor_data()
    with pytest.raises(FloatingPointError, match=r"diverged at epoch \d+.*smaller learning_rate"):
        nn.train(X, Y, [2, 4, 1], learning_rate=1e6, activation=activation,
                 output_activation=output, seed=0, print_every=0)


def test_divergence_names_where_the_first_infinity_appeared():
    X, Y = nn.xor_data()
    with pytest.raises(FloatingPointError, match=re.escape(
            "at epoch 25, batch 1: the first infinity or NaN (overflow encountered in square) "
            "appeared in compute_loss, the mean squared error; the largest weights are layer "
            "1's (|w| up to 5.05e+23)")):
        nn.train(X, Y, [2, 4, 1], learning_rate=1e6, activation="relu", output_activation="linear",
                 seed=0, print_every=0)
    # Weights so large that layer 2's sums overflow: the layer and the operation are named.
    huge = {key: np.full_like(value, 1e200) if key[0] == "W" else value
            for key, value in nn.initialize_parameters([2, 3, 3, 1], seed=0).items()}
    with pytest.raises(FloatingPointError, match=re.escape(
            "epoch 1, batch 1: the first infinity or NaN (overflow encountered in matmul) appeared "
            "in forward_prop, Z[2] = W[2] A[1] + b[2]; the largest weights are layer 1's (|w| up "
            "to 1e+200). That is the first step, before any update: the data or the starting "
            "parameters are too large")):
        nn.train(np.ones((2, 6)), np.ones((1, 6)) / 2, [2, 3, 3, 1], 1, 1e-300,
                 "linear", "linear", batch_size=3, parameters=huge, print_every=0)


def test_a_diverging_regression_is_told_the_layer_whose_weights_grew():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((3, 50))
    with pytest.raises(FloatingPointError, match=re.escape(
            "appeared in compute_loss, the mean squared error; the largest weights are layer "
            "2's (|w| up to 4.07e+155)")):
        nn.train(X, 2 * X[:1] + X[1:2], [3, 8, 1], learning_rate=1e3, activation="tanh",
                 output_activation="linear", seed=0, print_every=0)


def test_a_huge_learning_rate_on_the_sigmoid_network_saturates_without_nan():
    X, Y = nn.xor_data()
    parameters, losses = nn.train(X, Y, [2, 4, 1], learning_rate=1e6, seed=0, print_every=0)
    assert np.all(np.isfinite(losses))
    assert all(np.all(np.isfinite(value)) for value in parameters.values())


# --------------------------------------------------------------------------------------
# Mini-batches and float32: the same training, faster, in bounded memory


def minibatch_problem(m=600, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, m)
    X = np.ascontiguousarray((rng.standard_normal((3, 20))[labels]
                              + rng.standard_normal((m, 20))).T)  # C-ordered (20, m)
    return X, np.eye(3)[labels].T.copy()


MINIBATCH = dict(epochs=3, learning_rate=0.1, activation="relu", output_activation="softmax",
                 loss="cross_entropy", batch_size=32, seed=4, print_every=0)


def test_batches_are_a_random_permutation_cut_into_slices():
    X, Y = minibatch_problem(m=100)
    batches = list(nn.mini_batches(X, Y, 32, np.random.default_rng(9)))
    order = np.random.default_rng(9).permutation(100)
    assert [batch.shape[1] for batch, _ in batches] == [32, 32, 32, 4]
    for k, (X_batch, Y_batch) in enumerate(batches):
        np.testing.assert_array_equal(X_batch, X[:, order[32 * k:32 * (k + 1)]])
        np.testing.assert_array_equal(Y_batch, Y[:, order[32 * k:32 * (k + 1)]])


def test_c_ordered_f_ordered_and_float32_data_train_alike():
    X, Y = minibatch_problem()
    from_c, losses_c = nn.train(X, Y, [20, 16, 3], **MINIBATCH)
    from_f, losses_f = nn.train(np.asfortranarray(X), np.asfortranarray(Y), [20, 16, 3],
                                **MINIBATCH)
    assert losses_c == losses_f
    for key in from_c:
        np.testing.assert_array_equal(from_c[key], from_f[key])
    # float32 data, not asked for: trained in float64, as on the same numbers in float64.
    X32 = X.astype(np.float32)
    from_32, losses_32 = nn.train(X32, Y, [20, 16, 3], **MINIBATCH)
    from_64, losses_64 = nn.train(X32.astype(np.float64), Y, [20, 16, 3], **MINIBATCH)
    assert losses_32 == losses_64
    assert all(from_32[key].dtype == np.float64 for key in from_32)


def test_float32_when_asked_stays_float32_and_close_to_float64():
    X, Y = minibatch_problem()
    parameters, losses = nn.train(X, Y, [20, 16, 3], dtype=np.float32, **MINIBATCH)
    expected, expected_losses = nn.train(X, Y, [20, 16, 3], **MINIBATCH)
    for key in parameters:
        assert parameters[key].dtype == np.float32
        # float32 keeps 7 digits; three epochs of 19 steps lose about one.
        np.testing.assert_allclose(parameters[key], expected[key], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(losses, expected_losses, rtol=1e-5)
    # Called directly on float32 data, the functions stay in float32 (on float64 data,
    # NumPy computes in float64: train converts its data once, for that).
    X32, Y32 = X.astype(np.float32), Y.astype(np.float32)
    Y_hat, cache = nn.forward_prop(X32, parameters, "relu", "softmax")
    grads = nn.back_prop(parameters, cache, Y32, "relu", "softmax", "cross_entropy")
    updated = nn.update_parameters(parameters, grads, 0.1)
    arrays = [Y_hat, *cache.values(), *grads.values(), *updated.values()]
    assert all(array.dtype == np.float32 for array in arrays)
    assert nn.initialize_parameters([3, 2], seed=0, dtype=np.float32)["W1"].dtype == np.float32
    net = nn.NeuralNetwork([20, 16, 3], "relu", "softmax", "cross_entropy", seed=4,
                           dtype=np.float32)
    net.train(X, Y, epochs=1, learning_rate=0.1, batch_size=32, print_every=0)
    assert net.parameters["W1"].dtype == np.float32 and net.predict(X32).dtype == np.float32


def test_float32_starts_from_the_float64_numbers_rounded():
    p64 = nn.initialize_parameters([5, 4, 2], seed=3)
    p32 = nn.initialize_parameters([5, 4, 2], seed=3, dtype=np.float32)
    for key in p64:
        np.testing.assert_array_equal(p32[key], p64[key].astype(np.float32))


def test_gradient_check_works_in_float64_for_float32_parameters():
    X, Y = minibatch_problem(m=8)
    parameters = nn.initialize_parameters([20, 4, 3], seed=0, dtype=np.float32)
    assert nn.gradient_check(parameters, X, Y, "tanh", "softmax", "cross_entropy") < 1e-7
    assert parameters["W1"].dtype == np.float32  # and left as it was


@pytest.mark.parametrize("dtype", [np.float16, np.int64, "complex", "nonsense"])
def test_only_float64_and_float32_are_float_types_to_train_in(dtype):
    with pytest.raises(ValueError, match=re.escape("dtype must be np.float64 (the default) or")):
        nn.initialize_parameters([2, 3, 1], dtype=dtype)
    # NumPy's own spellings of the two are fine, and None is NumPy's default, float64.
    for name, expected in [("float32", np.float32), (np.dtype("f8"), np.float64),
                           (None, np.float64)]:
        assert nn.initialize_parameters([2, 3, 1], dtype=name)["W1"].dtype == expected


def test_train_leaves_the_callers_data_and_parameters_alone():
    X, Y = minibatch_problem()
    X_before, Y_before = X.copy(), Y.copy()
    nn.train(X, Y, [20, 16, 3], **MINIBATCH)
    np.testing.assert_array_equal(X, X_before)
    np.testing.assert_array_equal(Y, Y_before)
    net = nn.NeuralNetwork([20, 16, 3], "relu", "softmax", "cross_entropy", seed=0)
    held = net.parameters
    before = copy.deepcopy(held)
    net.train(X, Y, epochs=2, learning_rate=0.1, batch_size=32, print_every=0)
    assert net.parameters is not held
    for key in before:
        np.testing.assert_array_equal(held[key], before[key])


def peak_memory_of_training(X, Y):
    """Bytes allocated at the peak of a 3-epoch mini-batch train, above what was held."""
    tracemalloc.start()
    try:
        nn.train(X, Y, [X.shape[0], 32, 3], epochs=3, learning_rate=0.1, activation="relu",
                 output_activation="softmax", loss="cross_entropy", batch_size=64, seed=0,
                 print_every=0)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_training_makes_no_copy_of_the_data_per_epoch():
    rng = np.random.default_rng(0)
    X_rows = rng.standard_normal((20000, 100))  # 16 MB, examples as rows
    Y = np.eye(3)[rng.integers(0, 3, 20000)].T
    # Examples as columns of X_rows.T: batches are gathered from X as it is.
    assert peak_memory_of_training(X_rows.T, Y) < 0.25 * X_rows.nbytes
    # A C-ordered X: one column-ordered copy for the whole run, not one per epoch.
    assert peak_memory_of_training(np.ascontiguousarray(X_rows.T), Y) < 1.25 * X_rows.nbytes


# --------------------------------------------------------------------------------------
# Bad input: a clear error, naming the problem and the fix


X_OK, Y_OK = nn.xor_data()

BAD_TRAINING_CALLS = [
    # (arguments to train, error type, a piece of the message)
    (dict(layer_dims=[2]), ValueError, "at least two sizes"),
    (dict(layer_dims=[]), ValueError, "at least two sizes"),
    (dict(layer_dims=[2, 0, 1]), ValueError, "at least 1"),
    (dict(layer_dims=[2, -3, 1]), ValueError, "at least 1"),
    (dict(layer_dims=[2, 2.5, 1]), TypeError, "whole number"),
    (dict(layer_dims=[2, True, 1]), TypeError, "whole number"),
    (dict(layer_dims="2,4,1"), TypeError, "list of layer sizes"),
    (dict(layer_dims=3), TypeError, "list of layer sizes"),
    (dict(X=X_OK.T), ValueError, "transposed: examples are columns, so pass X.T"),
    (dict(X=X_OK[:1]), ValueError, "X has 1 rows but the network has 2 inputs"),
    # 4 examples and 4 inputs: X is right, layer_dims[0] is not (pass X.T would mislead)
    (dict(layer_dims=[4, 1]), ValueError, "X's 4 columns match Y's 4 examples, so X is right "
     "and the network is not: make it with layer_dims[0] = 2"),
    (dict(X=X_OK[0]), ValueError, "X must be 2-D"),
    (dict(X="data"), TypeError, "X must be an array of numbers"),
    (dict(Y=Y_OK[:, :3]), ValueError, "Y has 3 columns but X has 4"),
    (dict(Y=Y_OK.T), ValueError, "looks transposed"),
    (dict(Y=np.vstack([Y_OK, Y_OK])), ValueError, "Y has 2 rows but the output layer has 1"),
    (dict(X=np.where(X_OK == 1, np.nan, X_OK)), ValueError, "X contains NaN or infinity"),
    (dict(X=np.where(X_OK == 1, np.inf, X_OK)), ValueError, "X contains NaN or infinity"),
    (dict(Y=np.array([[0, np.nan, 1, 0]])), ValueError, "Y contains NaN or infinity"),
    (dict(Y=np.array([[0, 2, 1, 0]])), ValueError, "rescale Y to [0, 1]"),
    (dict(learning_rate=0), ValueError, "finite positive number"),
    (dict(learning_rate=-0.1), ValueError, "finite positive number"),
    (dict(learning_rate=float("nan")), ValueError, "finite positive number"),
    (dict(learning_rate=float("inf")), ValueError, "finite positive number"),
    (dict(learning_rate="0.1"), TypeError, "learning_rate must be a number"),
    (dict(epochs=0), ValueError, "epochs must be at least 1"),
    (dict(epochs=10.5), TypeError, "epochs must be a whole number"),
    (dict(batch_size=0), ValueError, "batch_size"),
    (dict(print_every=-1), ValueError, "print_every"),
    (dict(activation="softplus"), ValueError,
     "unknown activation 'softplus'; choose one of 'sigmoid', 'tanh', 'relu', 'linear'"),
    (dict(activation=None), TypeError, "activation must be a string"),
    (dict(output_activation="tanh"), ValueError,
     "choose one of 'sigmoid', 'softmax', 'linear'"),
    (dict(loss="hinge"), ValueError, "choose one of 'mse', 'cross_entropy'"),
    (dict(output_activation="softmax"), ValueError, "softmax over a single output unit"),
    (dict(output_activation="linear", loss="cross_entropy"), ValueError,
     "needs probabilities"),
    (dict(optimizer="sgd"), ValueError,
     "unknown optimizer 'sgd'; choose one of 'gd', 'momentum', 'rmsprop', 'adam'"),
    (dict(optimizer=None), TypeError, "optimizer must be a string, one of 'gd', 'momentum'"),
    (dict(optimizer="momentum", beta=1), ValueError, "beta must be below 1"),
    (dict(optimizer="adam", beta2=1.5), ValueError, "beta2 must be below 1"),
    (dict(optimizer="adam", epsilon=0), ValueError, "epsilon must be a finite positive number"),
    (dict(decay_rate=-1), ValueError, "decay_rate must be a finite non-negative number"),
]


@pytest.mark.parametrize("changes, error, message", BAD_TRAINING_CALLS)
def test_bad_training_input_is_refused_clearly(changes, error, message, capsys):
    arguments = dict(X=X_OK, Y=Y_OK, layer_dims=[2, 4, 1], epochs=10, print_every=1)
    arguments.update(changes)
    with pytest.raises(error, match=re.escape(message)):
        nn.train(**arguments)
    assert capsys.readouterr().out == ""  # refused before any training started


def test_class_labels_for_softmax_get_the_one_hot_hint():
    X, Y = nn.spiral_data(points_per_class=5)
    labels = Y.argmax(axis=0)[None, :]
    for y in (labels, labels[0]):  # (1, m), and 1-D integer labels
        with pytest.raises(ValueError, match=re.escape("one-hot encode them: Y = one_hot(labels, "
                                                       "3)")):
            nn.train(X, y, [2, 4, 3], output_activation="softmax", loss="cross_entropy")
    nn.train(X, nn.one_hot(labels, 3), [2, 4, 3], epochs=2, output_activation="softmax",
             loss="cross_entropy", print_every=0)  # the fix the hint names works
    with pytest.raises(ValueError, match="each column of Y to be a probability distribution"):
        nn.train(X, Y * 0.5, [2, 4, 3], output_activation="softmax", loss="cross_entropy")


def test_the_functions_a_learner_calls_check_their_input():
    parameters = nn.initialize_parameters([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match="pass X.T"):
        nn.forward_prop(X_OK.T, parameters)
    with pytest.raises(ValueError, match="pass X.T"):
        nn.predict(X_OK.T, parameters, "sigmoid", "sigmoid")
    with pytest.raises(ValueError, match=r"if its columns are, the network was made for 4 "):
        # X.T or the network: both said
        nn.predict(X_OK, nn.initialize_parameters([4, 3, 1]), "sigmoid", "sigmoid")
    with pytest.raises(ValueError, match="unknown activation"):
        nn.forward_prop(X_OK, parameters, activation="Sigmoid")
    _, cache = nn.forward_prop(X_OK, parameters)
    with pytest.raises(ValueError, match="Y has 3 columns but X has 4"):
        nn.back_prop(parameters, cache, Y_OK[:, :3])
    with pytest.raises(ValueError, match="finite positive"):
        nn.update_parameters(parameters, nn.back_prop(parameters, cache, Y_OK), -1)
    with pytest.raises(ValueError, match="grads has no 'dW1'"):
        nn.update_parameters(parameters, {"db1": 0}, 0.1)
    with pytest.raises(ValueError, match="keys 'W1', 'b1'"):
        nn.predict(X_OK, {"W1": parameters["W1"]}, "sigmoid", "sigmoid")
    with pytest.raises(ValueError, match="b1 has shape"):
        nn.predict(X_OK, {**parameters, "b1": np.zeros(3)}, "sigmoid", "sigmoid")
    with pytest.raises(ValueError, match="needs probabilities"):
        nn.compute_loss(np.zeros((1, 4)), Y_OK, "cross_entropy", "linear")
    with pytest.raises(ValueError, match="X contains NaN"):
        nn.gradient_check(parameters, np.full((2, 4), np.nan), Y_OK)
    with pytest.raises(ValueError, match="unknown loss"):
        nn.NeuralNetwork([2, 3, 1], loss="mae")


# --------------------------------------------------------------------------------------
# Generalisation: real digits, held-out data, L2 regularisation, early stopping


def test_the_l2_penalty_by_hand():
    # W1 = (1, 2), W2 = (3): sum of squares 14; lambd = 0.5 and m = 2 add 0.5 / 4 * 14.
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[5.0]]),
                  "W2": np.array([[3.0]]), "b2": np.array([[7.0]])}
    Y_hat, Y = np.array([[0.5, 0.5]]), np.array([[0.0, 1.0]])
    assert nn.compute_loss(Y_hat, Y) == 0.25
    assert nn.compute_loss(Y_hat, Y, parameters=parameters, lambd=0.5) == 0.25 + 1.75
    assert nn.compute_loss(Y_hat, Y, parameters=parameters, lambd=0.0) == 0.25  # no penalty


@pytest.mark.parametrize("strength, gradient", [("lambd", lambda W: W),  # L2: (lambd/m) W
                                                ("lambd_l1", np.sign)])  # L1: (lambd_l1/m) sign W
def test_a_penalty_adds_its_gradient_over_m_to_dw_and_nothing_to_db(strength, gradient):
    rng = np.random.default_rng(2)
    parameters, X, Y = random_problem(rng, [3, 4, 2], 5, "sigmoid")
    _, cache = nn.forward_prop(X, parameters)
    plain = nn.back_prop(parameters, cache, Y)
    penalised = nn.back_prop(parameters, cache, Y, **{strength: 0.3})
    for l in (1, 2):
        np.testing.assert_allclose(penalised[f"dW{l}"],
                                   plain[f"dW{l}"] + 0.3 / 5 * gradient(parameters[f"W{l}"]),
                                   rtol=1e-13)
        np.testing.assert_array_equal(penalised[f"db{l}"], plain[f"db{l}"])


@pytest.mark.parametrize("batch_size", [None, 7, 16, 40])
def test_train_descends_the_l2_loss_of_the_training_set_for_every_batch_size(
        monkeypatch, batch_size):
    # An update that records the step's gradients and takes no step: an epoch's batches
    # then all see the same parameters, and their gradients, each weighted by its share
    # of the examples, must add up to the gradient of J + (lambd/2m) sum ||W||^2 on the
    # whole training set (m = 40; batches of 7 end in a short one of 5).
    rng = np.random.default_rng(5)
    parameters, X, Y = random_problem(rng, [3, 4, 2], 40, "sigmoid")
    recorded = []

    def no_step(parameters, grads, learning_rate, **keywords):
        recorded.append(({key: g.copy() for key, g in grads.items()}, keywords))
        return parameters

    monkeypatch.setattr(nn, "update_parameters", no_step)
    real_back_prop = nn.back_prop
    sizes = []
    monkeypatch.setattr(nn, "back_prop", lambda parameters, cache, Y, *args, **keywords: (
        sizes.append(Y.shape[1]) or real_back_prop(parameters, cache, Y, *args, **keywords)))
    nn.train(X, Y, [3, 4, 2], epochs=1, batch_size=batch_size, lambd=2.5, seed=0,
             print_every=0, parameters=parameters, lambd_l1=0.7)
    assert sum(sizes) == 40 and len(recorded) == len(sizes)
    _, cache = nn.forward_prop(X, parameters)
    expected = real_back_prop(parameters, cache, Y, lambd=2.5, lambd_l1=0.7)
    for key, value in expected.items():
        total = sum(grads[key] * B / 40 for (grads, _), B in zip(recorded, sizes))
        np.testing.assert_allclose(total, value, rtol=1e-12, atol=1e-15)


def test_the_l1_penalty_by_hand():
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[5.0]]),
                  "W2": np.array([[-3.0]]), "b2": np.array([[7.0]])}
    Y_hat, Y = np.array([[0.5, 0.5]]), np.array([[0.0, 1.0]])
    # sum |W| = 6; lambd_l1 = 0.5 and m = 2 add 0.5 / 2 * 6; with L2 as well, 1.75 more.
    assert nn.compute_loss(Y_hat, Y, parameters=parameters, lambd_l1=0.5) == 0.25 + 1.5
    assert nn.compute_loss(Y_hat, Y, parameters=parameters, lambd=0.5, lambd_l1=0.5) == 3.5


@pytest.mark.parametrize("activation, output_activation, loss", COMBINATIONS)
def test_l1_and_dropout_gradients_match_finite_differences(activation, output_activation, loss):
    # Away from |w|'s kink at 0, and with the same masks for every evaluation of J.
    rng = np.random.default_rng(11)
    parameters, X, Y = random_problem(rng, [3, 5, 4, 2], 6, output_activation)
    for extra in (dict(lambd_l1=0.4), dict(keep_prob=0.6, seed=3),
                  dict(keep_prob=0.75, seed=rng, lambd=0.2, lambd_l1=0.3)):
        assert nn.gradient_check(parameters, X, Y, activation, output_activation, loss,
                                 **extra) < 1e-7, extra


def test_inverted_dropout_masks_the_hidden_layers_and_keeps_the_expected_activation():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((10, 400))
    parameters = nn.initialize_parameters([10, 500, 30, 2], seed=1, activation="relu")
    _, plain = nn.forward_prop(X, parameters, "relu", "linear")
    Y_hat, cache = nn.forward_prop(X, parameters, "relu", "linear", keep_prob=0.8, seed=5)
    assert sorted(key for key in cache if key[0] == "D") == ["D1", "D2"]  # never the output
    D = cache["D1"]
    assert D.dtype == bool and abs(D.mean() - 0.8) < 0.005
    # A kept unit is scaled by 1/keep_prob, a dropped one is 0: layer 1's z are unchanged.
    np.testing.assert_array_equal(cache["Z1"], plain["Z1"])
    np.testing.assert_allclose(cache["A1"], np.where(D, plain["A1"] / 0.8, 0.0), rtol=1e-15)
    # So each activation keeps its expected value: over many masks, the mean is unchanged.
    means = [nn.forward_prop(X, parameters, "relu", "linear", 0.8, seed)[1]["A1"]
             for seed in range(200)]
    np.testing.assert_allclose(np.mean(means, axis=0).mean(axis=0), plain["A1"].mean(axis=0),
                               rtol=0.01)
    # The same seed, the same masks; predict never drops.
    np.testing.assert_array_equal(nn.forward_prop(X, parameters, "relu", "linear", 0.8, 5)[0],
                                  Y_hat)
    np.testing.assert_array_equal(nn.predict(X, parameters, "relu", "linear"), plain["A3"])
    # back_prop sends no gradient through a dropped unit.
    grads_cache = nn.back_prop(parameters, cache, np.zeros((2, 400)), "relu", "linear",
                               keep_prob=0.8)
    assert grads_cache["dW1"].shape == (500, 10)
    with pytest.raises(ValueError, match="give back_prop the keep_prob"):
        nn.back_prop(parameters, cache, np.zeros((2, 400)), "relu", "linear")


def test_train_and_a_network_train_with_dropout_and_l1():
    X, Y = nn.load_digits()
    settings = dict(epochs=15, learning_rate=0.2, batch_size=32, print_every=0, keep_prob=0.8,
                    lambd_l1=0.5)
    network = nn.NeuralNetwork([64, 32, 10], "relu", "softmax", "cross_entropy", seed=0)
    losses = network.train(X[:, :400], Y[:, :400], **settings)
    assert losses[-1] < 0.5 * losses[0]
    again = nn.NeuralNetwork([64, 32, 10], "relu", "softmax", "cross_entropy", seed=0)
    assert again.train(X[:, :400], Y[:, :400], **settings) == losses  # seeded masks


def test_load_digits_gives_the_1797_digits_scaled_to_0_1():
    X, Y = nn.load_digits()
    assert X.shape == (64, 1797) and Y.shape == (10, 1797)
    assert Y.sum(axis=1).tolist() == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]
    np.testing.assert_array_equal(Y.sum(axis=0), 1)
    assert X.min() == 0 and X.max() == 1
    np.testing.assert_array_equal(X * 16, np.round(X * 16))  # counts 0..16, over 16
    # The first digit is a 0; its top two rows of pixels, as counts from 0 to 16:
    assert Y[0, 0] == 1
    np.testing.assert_array_equal(16 * X[:16, 0], [0, 0, 5, 13, 9, 1, 0, 0,
                                                   0, 0, 13, 15, 10, 15, 5, 0])


def test_load_digits_names_a_missing_or_damaged_file(tmp_path, monkeypatch):
    monkeypatch.setattr(nn, "HERE", tmp_path)
    with pytest.raises(FileNotFoundError, match=re.escape(str(tmp_path / "data"))):
        nn.load_digits()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "digits.csv.gz").write_bytes(b"not gzip")
    with pytest.raises(ValueError, match="digits.csv.gz is damaged"):
        nn.load_digits()


# --------------------------------------------------------------------------------------
# Real data: MNIST, your own table


MNIST_README = (HERE / "data" / "mnist" / "README.md").read_text(encoding="utf-8")


def mnist_table():
    """{file: (sha256, md5 of the uncompressed file)}, as data/mnist/README.md lists them."""
    return {name: (sha, md5) for name, _, sha, md5 in
            re.findall(r"^\| (\S+\.gz) \| (\d+) \| ([0-9a-f]{64}) \| ([0-9a-f]{32}) \|$",
                       MNIST_README, re.MULTILINE)}


def test_the_shipped_mnist_files_are_the_original_ones():
    import gzip
    import hashlib
    table = mnist_table()
    assert len(table) == 4 and {name: sha for name, (sha, _) in table.items()} == nn.MNIST_SHA256
    for name, (sha, md5) in table.items():
        raw = (HERE / "data" / "mnist" / name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == sha
        # The well-known MNIST checksums are of the uncompressed files.
        assert hashlib.md5(gzip.decompress(raw)).hexdigest() == md5


@pytest.fixture(scope="module")
def mnist_test_set():
    return nn.load_mnist(kind="test")


def test_load_mnist_gives_columns_scaled_to_0_1_laid_out_for_train(mnist_test_set):
    import gzip
    X, Y = mnist_test_set
    assert X.shape == (784, 10000) and Y.shape == (10, 10000) and X.dtype == Y.dtype == np.float64
    # The grey levels of the file itself, over 255, image by image in columns.
    raw = gzip.decompress((HERE / "data/mnist/t10k-images.idx3-ubyte.gz").read_bytes())
    pixels = np.frombuffer(raw, np.uint8, offset=16).reshape(10000, 784)
    np.testing.assert_array_equal(X * 255, pixels.T)
    assert X.min() == 0 and X.max() == 1
    assert Y.sum(axis=1).tolist() == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    np.testing.assert_array_equal(Y.sum(axis=0), 1)
    assert Y[:, 0].argmax() == 7 and Y[:, 1].argmax() == 2  # the test set starts 7, 2, 1, 0
    # Each example one piece of memory, as mini-batches gather: train copies nothing.
    assert X.T.flags.c_contiguous and Y.T.flags.c_contiguous
    X_data, Y_data = nn._as_data(X, Y, np.float64, batch_size=64)
    assert X_data is X and Y_data is Y
    X32, Y32 = nn.load_mnist(kind="test", dtype=np.float32)
    assert X32.dtype == Y32.dtype == np.float32 and X32.T.flags.c_contiguous
    np.testing.assert_array_equal(X32, X.astype(np.float32))


def test_load_mnist_gives_the_60000_training_images():
    X, Y = nn.load_mnist()
    assert X.shape == (784, 60000) and X.T.flags.c_contiguous
    assert Y.sum(axis=1).tolist() == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert Y[:, 0].argmax() == 5  # the training set starts with a 5


def write_idx(path, array, gz):
    """An IDX file of unsigned bytes, as MNIST's files are."""
    import gzip
    data = bytes([0, 0, 8, array.ndim]) + np.array(array.shape, ">u4").tobytes() + \
        array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(data) if gz else data)


@pytest.mark.parametrize("gz, dot", [(True, "-"), (False, "-"), (False, ".")])
def test_load_mnist_reads_a_folder_of_idx_files_gzipped_or_not(tmp_path, gz, dot):
    # Fashion-MNIST's files are named as MNIST's: train-images-idx3-ubyte.gz, ...
    rng = np.random.default_rng(0)
    images, labels = rng.integers(0, 256, (5, 28, 28)), np.array([3, 1, 4, 1, 5])
    suffix = ".gz" if gz else ""
    write_idx(tmp_path / f"t10k-images{dot}idx3-ubyte{suffix}", images, gz)
    write_idx(tmp_path / f"t10k-labels{dot}idx1-ubyte{suffix}", labels, gz)
    X, Y = nn.load_mnist(tmp_path, kind="test", dtype=np.float32)
    np.testing.assert_allclose(X, images.reshape(5, 784).T / 255, rtol=1e-7)
    np.testing.assert_array_equal(Y.argmax(axis=0), labels)
    with pytest.raises(FileNotFoundError, match="train-images-idx3-ubyte"):
        nn.load_mnist(tmp_path, kind="train")


def test_load_mnist_names_a_damaged_truncated_or_foreign_file(tmp_path, monkeypatch):
    import gzip
    images = np.zeros((3, 28, 28))
    write_idx(tmp_path / "t10k-images-idx3-ubyte.gz", images, gz=True)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte.gz", np.array([1, 2, 3]), gz=True)
    assert nn.load_mnist(tmp_path, "test")[0].shape == (784, 3)
    labels = tmp_path / "t10k-labels-idx1-ubyte.gz"
    intact = labels.read_bytes()
    labels.write_bytes(intact[:-6])  # a download cut short
    with pytest.raises(ValueError, match=r"t10k-labels-idx1-ubyte.gz is damaged"):
        nn.load_mnist(tmp_path, "test")
    labels.write_bytes(gzip.compress(gzip.decompress(intact)[:-1]))  # one label short
    with pytest.raises(ValueError, match=r"t10k-labels-idx1-ubyte.gz is not an IDX file"):
        nn.load_mnist(tmp_path, "test")
    write_idx(labels, images, gz=True)  # images where the labels belong
    with pytest.raises(ValueError, match=r"t10k-labels-idx1-ubyte.gz is not an IDX file of 1-D"):
        nn.load_mnist(tmp_path, "test")
    labels.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))  # another file altogether
    with pytest.raises(ValueError, match=r"t10k-labels-idx1-ubyte.gz is not an IDX file"):
        nn.load_mnist(tmp_path, "test")
    write_idx(labels, np.array([1, 2, 3, 4]), gz=True)
    with pytest.raises(ValueError, match="do not belong together: 3 images, 4 labels"):
        nn.load_mnist(tmp_path, "test")
    write_idx(labels, np.array([1, 2, 26]), gz=True)  # EMNIST's letters, say
    with pytest.raises(ValueError, match="digits 0 to 9"):
        nn.load_mnist(tmp_path, "test")
    # The shipped copy is checked against its checksums: one byte changed is found.
    shipped = tmp_path / "shipped" / "data" / "mnist"
    shipped.mkdir(parents=True)
    for name in ("t10k-images.idx3-ubyte.gz", "t10k-labels.idx1-ubyte.gz"):
        (shipped / name).write_bytes((HERE / "data" / "mnist" / name).read_bytes())
    damaged = bytearray((shipped / "t10k-labels.idx1-ubyte.gz").read_bytes())
    damaged[2000] ^= 1
    (shipped / "t10k-labels.idx1-ubyte.gz").write_bytes(bytes(damaged))
    monkeypatch.setattr(nn, "HERE", tmp_path / "shipped")
    with pytest.raises(ValueError, match=r"t10k-labels.idx1-ubyte.gz is damaged: its sha256"):
        nn.load_mnist(kind="test")
    with pytest.raises(FileNotFoundError, match="comes with nn_scratch.py"):
        nn.load_mnist(kind="train")


def test_load_mnist_names_its_mistakes(tmp_path):
    with pytest.raises(ValueError, match="unknown kind 'validation'; choose one of 'train'"):
        nn.load_mnist(kind="validation")
    with pytest.raises(FileNotFoundError, match="nowhere holds no train-images-idx3-ubyte"):
        nn.load_mnist(tmp_path / "nowhere")
    with pytest.raises(ValueError, match="dtype must be"):
        nn.load_mnist(dtype=np.int8)


def test_training_on_a_few_thousand_mnist_images_reaches_90_percent(mnist_test_set):
    X, Y = nn.load_mnist(dtype=np.float32)
    X_test, Y_test = mnist_test_set
    parameters, losses = nn.train(X[:, :3000], Y[:, :3000], [784, 100, 10], epochs=5,
                                  learning_rate=0.1, activation="relu",
                                  output_activation="softmax", loss="cross_entropy",
                                  batch_size=32, seed=0, print_every=0, dtype=np.float32)
    test_accuracy = nn.accuracy(nn.predict(X_test, parameters, "relu", "softmax"), Y_test)
    assert test_accuracy >= 0.90, test_accuracy


def test_one_hot_gives_a_column_per_label():
    Y = nn.one_hot([2, 0, 1, 2])
    np.testing.assert_array_equal(Y, [[0, 1, 0, 0], [0, 0, 1, 0], [1, 0, 0, 1]])
    assert Y.dtype == np.float64 and Y.T.flags.c_contiguous
    assert nn.one_hot(np.array([[1.0, 0.0]]), n_classes=4).shape == (4, 2)
    np.testing.assert_array_equal(nn.one_hot(np.array([[3], [1]]), 4).argmax(axis=0), [3, 1])


@pytest.mark.parametrize("labels, n_classes, match", [
    ([0, 1, 3], 3, "n_classes=3 means labels from 0 to 2, but a label is 3"),
    ([0, -1], None, "not all whole and >= 0"),
    ([0, 1.5], None, "not all whole and >= 0"),
    (np.eye(3), None, "are they one-hot already"),
    ([], None, "labels is empty"),
    (["cat", "dog"], None, "it holds text"),
])
def test_one_hot_names_bad_labels(labels, n_classes, match):
    with pytest.raises((ValueError, TypeError), match=match):
        nn.one_hot(labels, n_classes)


def test_standardise_uses_the_training_statistics_alone():
    rng = np.random.default_rng(0)
    X_train = rng.normal(5, 3, (4, 50))
    X_train[3] = 7.0  # a feature constant over the training set
    X = rng.normal(5, 3, (4, 9))
    before = X.copy(), X_train.copy()
    Z_train, Z = nn.standardise(X_train), nn.standardise(X_train, X)
    np.testing.assert_allclose(Z_train[:3].mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(Z_train[:3].std(axis=1), 1)
    np.testing.assert_array_equal(Z_train[3], 0)  # shifted, not divided by 0
    mu, sigma = X_train[:3].mean(axis=1, keepdims=True), X_train[:3].std(axis=1, keepdims=True)
    np.testing.assert_allclose(Z[:3], (X[:3] - mu) / sigma)  # X_train's mu and sigma, not X's
    np.testing.assert_array_equal(Z[3], X[3] - 7)
    np.testing.assert_array_equal(X, before[0])  # nothing given is changed
    np.testing.assert_array_equal(X_train, before[1])
    assert nn.standardise(np.array([[1, 2, 3]])).dtype == np.float64  # integers too
    with pytest.raises(ValueError, match=r"X has shape \(3, 9\) but X_train \(4, 50\)"):
        nn.standardise(X_train, X[:3])
    with pytest.raises(ValueError, match="X contains NaN"):
        nn.standardise(X_train, np.full((4, 2), np.nan))


def write_csv(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_load_csv_reads_a_text_target_as_classes(tmp_path):
    path = write_csv(tmp_path / "flowers.csv", "length,width,species\n"
                     "5.1,3.5,setosa\n7.0,3.2,versicolor\n\n6.3,3.3,virginica\n4.9,3.0,setosa\n")
    X, Y, classes = nn.load_csv(path)
    np.testing.assert_array_equal(X, [[5.1, 7.0, 6.3, 4.9], [3.5, 3.2, 3.3, 3.0]])
    assert classes == ["setosa", "versicolor", "virginica"]
    np.testing.assert_array_equal(Y, [[1, 0, 0, 1], [0, 1, 0, 0], [0, 0, 1, 0]])
    assert X.T.flags.c_contiguous and Y.T.flags.c_contiguous  # ready for train, no copy
    for target in ("species", 2, -1):
        np.testing.assert_array_equal(nn.load_csv(path, target=target)[1], Y)
    # Another column as the target leaves the text among the features: an error says so.
    with pytest.raises(ValueError, match=r"flowers.csv, line 2, column 'species', holds "
                                         r"'setosa', not a number.*is this column the target"):
        nn.load_csv(path, target="length")


def test_load_csv_reads_a_numeric_target_and_whole_number_classes(tmp_path):
    path = write_csv(tmp_path / "houses.csv", "1.5,2,300.5\n2.5,3,410.25\n3.5,3,505\n")
    X, Y, classes = nn.load_csv(path)  # no header: the first line is numbers
    np.testing.assert_array_equal(X, [[1.5, 2.5, 3.5], [2, 3, 3]])
    np.testing.assert_array_equal(Y, [[300.5, 410.25, 505]])
    assert classes is None
    X, Y, classes = nn.load_csv(path, target=1)  # whole numbers of few values: classes
    assert classes == [2, 3]
    np.testing.assert_array_equal(Y, [[1, 0, 0], [0, 1, 1]])
    np.testing.assert_array_equal(X, [[1.5, 2.5, 3.5], [300.5, 410.25, 505]])
    lines = "".join(f"{i},{i * 7}\n" for i in range(nn.MOST_CLASSES + 1))
    path = write_csv(tmp_path / "counts.csv", "x,y\n" + lines)
    X, Y, classes = nn.load_csv(path, target="y")  # whole numbers of 21 values: a number
    assert classes is None and Y.shape == (1, nn.MOST_CLASSES + 1)
    assert nn.load_csv(path, target="y", header=True)[0].shape == (1, nn.MOST_CLASSES + 1)
    with pytest.raises(ValueError, match="line 1, column '0', holds 'x', not a number"):
        nn.load_csv(path, header=False)


@pytest.mark.parametrize("text, target, match", [
    ("a,b,y\n1,2,0\n3,,1\n", -1, r"line 3, column 'b', is missing its value"),
    ("a,b,y\n1,2,0\n3,NA,1\n", -1, r"line 3, column 'b', is missing its value"),
    ("a,b,y\n1,2,0\n3,4,?\n", -1, r"line 3, column 'y', is missing its value"),
    ("a,b,y\n1,two,0\n3,4,1\n", -1, r"line 2, column 'b', holds 'two', not a number"),
    ("a,b,y\n1,2,0\n", -1, "holds 1 example; training and testing need at least two"),
    ("a,b,y\n", -1, "holds 0 examples"),
    ("a,b,y\n1,2,0\n3,4\n", -1, "line 3 has 2 values, but the table has 3 columns"),
    # Blank lines are left out of the table, not out of the count: the file's own line.
    ("a,b,y\n\n1,2,0\n\n3,x,1\n", -1, r"line 5, column 'b', holds 'x'"),
    ("\na,b,y\n1,2,0\n3,4,?\n", -1, r"line 4, column 'y', is missing its value"),
    ("a,b,y\n1,2,0\n3,4,1\n", "label", "has no column 'label'; its columns are 'a', 'b', 'y'"),
    ("a,b,y\n1,2,0\n3,4,1\n", 3, "target must be from -3 to 2"),
    ("y\n1\n2\n", -1, "has 1 column: it needs features beside the target"),
    ("1;2;0\n3;4;1\n", -1, "has 1 column: it needs features beside the target, with commas"),
])
def test_load_csv_names_the_cell_that_is_wrong(tmp_path, text, target, match):
    path = write_csv(tmp_path / "table.csv", text)
    with pytest.raises(ValueError, match=match):
        nn.load_csv(path, target=target)


def test_load_csv_names_its_mistakes(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothing.csv"):  # open()'s error
        nn.load_csv(tmp_path / "nothing.csv")
    path = write_csv(tmp_path / "t.csv", "1,2\n3,4\n")
    with pytest.raises(ValueError, match="header must be 'auto', True or False"):
        nn.load_csv(path, header="yes")
    with pytest.raises(ValueError, match="has no column 'y'; its columns are '0', '1'"):
        nn.load_csv(path, target="y", header=False)


def test_train_test_split_is_a_stratified_shuffled_partition():
    X, Y = nn.load_digits()
    X_train, X_test, Y_train, Y_test = nn.train_test_split(X, Y, test_size=0.25, seed=3)
    assert X_test.shape == (64, 449) and X_train.shape == (64, 1348)
    # Every example exactly once, its image still with its label.
    joined = np.hstack([np.vstack([X_train, Y_train]), np.vstack([X_test, Y_test])])
    assert sorted(map(tuple, joined.T)) == sorted(map(tuple, np.vstack([X, Y]).T))
    # Each digit held out in its share, give or take one.
    assert np.all(np.abs(Y_test.sum(axis=1) - 0.25 * Y.sum(axis=1)) <= 1)
    # Shuffled, reproducible with the seed, different without it.
    assert not np.array_equal(Y_test.argmax(axis=0), np.sort(Y_test.argmax(axis=0)))
    np.testing.assert_array_equal(nn.train_test_split(X, Y, 0.25, seed=3)[1], X_test)
    assert not np.array_equal(nn.train_test_split(X, Y, 0.25, seed=4)[1], X_test)
    # A count instead of a share, and targets that are not classes.
    _, X_small, _, _ = nn.train_test_split(X, Y, test_size=20, seed=0)
    assert X_small.shape == (64, 20)
    _, _, _, y_test = nn.train_test_split(X[:, :10], np.linspace(0, 1, 10), test_size=0.3)
    assert y_test.shape == (1, 3)


def test_validation_while_training_and_the_history():
    X, Y = nn.load_digits()
    X_train, X_val, Y_train, Y_val = nn.train_test_split(X[:, :400], Y[:, :400], seed=0)
    history = {}
    parameters, losses = nn.train(X_train, Y_train, [64, 16, 10], epochs=3, learning_rate=0.3,
                                  activation="relu", output_activation="softmax",
                                  loss="cross_entropy", batch_size=32, seed=0, print_every=0,
                                  validation_data=(X_val, Y_val), history=history)
    assert sorted(history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    assert all(len(values) == 3 for values in history.values()) and history["loss"] == losses
    # The last epoch's figures are those of the parameters train returns.
    Y_hat = nn.predict(X_val, parameters, "relu", "softmax")
    assert history["val_loss"][-1] == pytest.approx(
        nn.compute_loss(Y_hat, Y_val, "cross_entropy", "softmax"), rel=1e-12)
    assert history["val_accuracy"][-1] == nn.accuracy(Y_hat, Y_val)
    assert history["accuracy"][-1] == nn.accuracy(
        nn.predict(X_train, parameters, "relu", "softmax"), Y_train)
    # Regression has no accuracy; no validation data, no val_ keys.
    history = {}
    nn.train(X_train, Y_train, [64, 4, 10], epochs=2, output_activation="linear",
             print_every=0, history=history)
    assert sorted(history) == ["loss"]


def test_accuracy_of_several_yes_no_outputs_counts_every_answer():
    Y = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0]])  # two independent yes/no targets
    assert nn.accuracy(np.array([[0.9, 0.2, 0.7], [0.6, 0.8, 0.1]]), Y) == 1.0
    # One of the six answers wrong: 5/6, told or inferred (the columns do not sum to 1).
    Y_hat = np.array([[0.9, 0.2, 0.4], [0.6, 0.8, 0.1]])
    assert nn.accuracy(Y_hat, Y) == nn.accuracy(Y_hat, Y, "sigmoid") == pytest.approx(5 / 6)
    # A softmax output: one answer per example, the argmax; told or inferred.
    Y_hat = np.array([[0.7, 0.4, 0.2], [0.3, 0.6, 0.8]])
    one_hot = np.array([[1.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    assert nn.accuracy(Y_hat, one_hot) == nn.accuracy(Y_hat, one_hot, "softmax") == \
        pytest.approx(2 / 3)
    # train's history and progress lines use the right one.
    X = np.array([[0.0, 0, 1, 1], [0, 1, 0, 1]])
    Y = X.copy()  # two yes/no targets, x1 and x2: all right, but not one class per example
    history = {}
    parameters, _ = nn.train(X, Y, [2, 4, 2], epochs=3000, seed=0, print_every=0,
                             history=history)
    Y_hat = nn.predict(X, parameters, "sigmoid", "sigmoid")
    assert history["accuracy"][-1] == nn.accuracy(Y_hat, Y, "sigmoid") == 1.0
    assert nn.accuracy(Y_hat, Y, "softmax") < 1.0  # so the history could tell them apart


def test_the_progress_lines_show_the_validation_figures(capsys):
    X, Y = nn.xor_data()
    nn.train(X, Y, [2, 4, 1], epochs=20, print_every=10, seed=0, validation_data=(X, Y))
    lines = capsys.readouterr().out.splitlines()  # then, at chance still: the finding says so
    assert len(lines) == 4 and lines[3].startswith("The loss ends at chance") and re.fullmatch(
        r"epoch 10/20   loss \d\.\d{6}   val_loss \d\.\d{6}   val_accuracy \d+\.\d%", lines[1])


def test_neural_network_keeps_a_history_across_calls():
    X, Y = nn.xor_data()
    net = nn.NeuralNetwork([2, 4, 1], seed=0)
    net.train(X, Y, epochs=5, print_every=0)
    net.train(X, Y, epochs=3, print_every=0, validation_data=(X, Y))
    assert len(net.history["loss"]) == len(net.history["accuracy"]) == 8
    assert len(net.history["val_loss"]) == 3 and net.history["loss"] == net.losses


def test_early_stopping_returns_the_best_epochs_parameters():
    X, Y = nn.load_digits()
    X_rest, X_val, Y_rest, Y_val = nn.train_test_split(X, Y, test_size=0.2, seed=0)
    X_small, _, Y_small, _ = nn.train_test_split(X_rest, Y_rest, test_size=1417, seed=0)
    history = {}
    parameters, losses = nn.train(X_small, Y_small, [64, 128, 10], epochs=1000,
                                  learning_rate=1.0, activation="relu",
                                  output_activation="softmax", loss="cross_entropy", seed=0,
                                  print_every=0, validation_data=(X_val, Y_val), patience=20,
                                  history=history)
    best = int(np.argmin(history["val_loss"]))
    assert len(losses) == len(history["val_loss"]) == best + 1 + 20 < 1000  # stopped early
    kept = nn.compute_loss(nn.predict(X_val, parameters, "relu", "softmax"), Y_val,
                           "cross_entropy", "softmax")
    assert kept == pytest.approx(history["val_loss"][best], rel=1e-12)


def test_early_stopping_takes_the_optimiser_back_with_the_parameters():
    X, Y = nn.load_digits()
    X_train, X_val, Y_train, Y_val = nn.train_test_split(X[:, :300], Y[:, :300], seed=0)
    settings = dict(layer_dims=[64, 32, 10], learning_rate=0.05, activation="relu",
                    output_activation="softmax", loss="cross_entropy", batch_size=25,
                    seed=0, print_every=0, optimizer="adam")
    state, history = {}, {}
    nn.train(X_train, Y_train, epochs=400, validation_data=(X_val, Y_val), patience=5,
             optimizer_state=state, history=history, **settings)
    best = int(np.argmin(history["val_loss"])) + 1
    assert best < len(history["val_loss"])  # it stopped after its best epoch
    # The same run, stopped at the best epoch: the same parameters' optimiser.
    rerun = {}
    nn.train(X_train, Y_train, epochs=best, optimizer_state=rerun, **settings)
    assert state["t"] == rerun["t"] and state["epochs"] == rerun["epochs"] == best
    for key in rerun["v"]:
        np.testing.assert_allclose(state["v"][key], rerun["v"][key], rtol=1e-12)
        np.testing.assert_allclose(state["s"][key], rerun["s"][key], rtol=1e-12)


@pytest.mark.parametrize("changes, error, message", [
    (dict(validation_data=(X_OK.T, Y_OK)), ValueError, "in validation_data: X has 4 rows"),
    (dict(validation_data=(X_OK, Y_OK[:, :3])), ValueError, "in validation_data: Y has 3 columns"),
    (dict(validation_data=X_OK), TypeError, "validation_data must be a pair (X_val, Y_val)"),
    (dict(validation_data=(X_OK, Y_OK), patience=0), ValueError, "patience"),
    (dict(patience=5), ValueError, "needs validation_data=(X_val, Y_val)"),
    (dict(lambd=-0.1), ValueError, "lambd must be a finite non-negative number"),
    (dict(lambd="0.1"), TypeError, "lambd must be a number"),
])
def test_bad_generalisation_settings_are_refused_clearly(changes, error, message):
    with pytest.raises(error, match=re.escape(message)):
        nn.train(X_OK, Y_OK, [2, 3, 1], epochs=2, print_every=0, **changes)


def test_a_softmax_output_is_not_taken_for_yes_no_answers():
    X, Y = nn.spiral_data(points_per_class=4)
    parameters = nn.initialize_parameters([2, 5, 3], seed=0)
    Y_hat = nn.predict(X, parameters, "relu", "softmax")
    with pytest.raises(ValueError, match="pass output_activation='softmax'"):
        nn.compute_loss(Y_hat, Y, "cross_entropy")  # the default output, sigmoid
    right = nn.compute_loss(Y_hat, Y, "cross_entropy", "softmax")
    assert right == pytest.approx(-np.mean(np.log(Y_hat[Y == 1])))
    # Several sigmoid units, each its own question, are what the default is for.
    sigmoids = nn.predict(X, nn.initialize_parameters([2, 5, 3], seed=0), "relu", "sigmoid")
    assert nn.compute_loss(sigmoids, Y, "cross_entropy") > right


def test_a_pandas_table_trains_as_its_arrays_do():
    pd = pytest.importorskip("pandas")
    X, Y = nn.spiral_data(points_per_class=10)
    table = pd.DataFrame(X.T, columns=["x1", "x2"])  # one example per row, as pandas has them
    labels = pd.Series(Y[0])  # a yes/no target: one value per example
    with pytest.raises(ValueError, match=re.escape("pass X.T (shape (2, 30))")):
        nn.train(table, labels, [2, 4, 1], epochs=2, print_every=0)
    with_pandas = nn.train(table.T, labels, [2, 4, 1], epochs=20, seed=0, print_every=0)
    with_numpy = nn.train(X, Y[:1], [2, 4, 1], epochs=20, seed=0, print_every=0)
    assert with_pandas[1] == with_numpy[1]
    assert nn.predict(table.T, with_pandas[0], "sigmoid", "sigmoid").shape == (1, 30)


def test_l2_needs_the_weights_it_penalises():
    with pytest.raises(ValueError, match=re.escape("lambd > 0 penalises the weights, so "
                                                   "compute_loss needs them: pass parameters")):
        nn.compute_loss(np.full((1, 4), 0.5), Y_OK, lambd=0.1)


# --------------------------------------------------------------------------------------
# Optimisers: momentum and Adam against their equations, and Adam against PyTorch


def gradient_sequence(parameters, steps, seed=0):
    """`steps` random gradients for `parameters`, each of a different size."""
    rng = np.random.default_rng(seed)
    return [{f"d{key}": rng.standard_normal(value.shape) * 10.0 ** rng.integers(-3, 2)
             for key, value in parameters.items()} for _ in range(steps)]


def test_initial_velocity_and_adam_averages_are_zeros_shaped_like_the_gradients():
    for dtype in (np.float64, np.float32):
        parameters = nn.initialize_parameters([3, 4, 2], seed=0, dtype=dtype)
        for average in (nn.initialize_velocity(parameters), *nn.initialize_adam(parameters)):
            assert sorted(average) == ["dW1", "dW2", "db1", "db2"]
            for key, value in parameters.items():
                assert average[f"d{key}"].shape == value.shape
                assert average[f"d{key}"].dtype == dtype and not average[f"d{key}"].any()
    v, s = nn.initialize_adam(P_OK)
    assert all(v[key] is not s[key] for key in v)  # two averages, not one


def test_momentum_follows_its_equations_step_by_step():
    # Entry by entry, in plain Python floats: v := beta v + (1 - beta) g, w := w - alpha v.
    beta, alpha = 0.8, 0.3
    parameters = nn.initialize_parameters([3, 2, 2], seed=1)
    w = {key: value.tolist() for key, value in parameters.items()}
    velocity = {f"d{key}": np.zeros_like(value).tolist() for key, value in parameters.items()}
    v = nn.initialize_velocity(parameters)
    for grads in gradient_sequence(parameters, steps=4):
        parameters, v = nn.update_parameters_with_momentum(parameters, grads, v, beta, alpha)
        for key in w:
            for j, k in np.ndindex(parameters[key].shape):
                g = float(grads[f"d{key}"][j, k])
                velocity[f"d{key}"][j][k] = beta * velocity[f"d{key}"][j][k] + (1 - beta) * g
                w[key][j][k] -= alpha * velocity[f"d{key}"][j][k]
            np.testing.assert_allclose(v[f"d{key}"], velocity[f"d{key}"], rtol=1e-14, atol=0)
            np.testing.assert_allclose(parameters[key], w[key], rtol=1e-14, atol=1e-16)


def test_momentum_under_a_constant_gradient_approaches_it_geometrically():
    # From v = 0, t steps of the same g give v = (1 - beta^t) g: the average's memory.
    beta, g = 0.9, {"dW1": np.array([[2.0, -1.0]]), "db1": np.array([[0.5]])}
    parameters, v = {"W1": np.zeros((1, 2)), "b1": np.zeros((1, 1))}, None
    v = nn.initialize_velocity(parameters)
    for t in range(1, 31):
        parameters, v = nn.update_parameters_with_momentum(parameters, g, v, beta, 0.1)
        for key in g:
            np.testing.assert_allclose(v[key], (1 - beta ** t) * g[key], rtol=1e-13)
    # beta = 0 is plain gradient descent.
    plain = nn.update_parameters(P_OK, GRADS_OK, 0.7)
    same, _ = nn.update_parameters_with_momentum(P_OK, GRADS_OK, nn.initialize_velocity(P_OK),
                                                 0.0, 0.7)
    for key in plain:
        np.testing.assert_array_equal(same[key], plain[key])


def test_adam_follows_its_equations_step_by_step():
    alpha, beta1, beta2, eps = 0.01, 0.8, 0.95, 1e-6
    parameters = nn.initialize_parameters([3, 2, 2], seed=2)
    w = {key: value.tolist() for key, value in parameters.items()}
    first = {key: np.zeros_like(value).tolist() for key, value in parameters.items()}
    second = {key: np.zeros_like(value).tolist() for key, value in parameters.items()}
    v, s = nn.initialize_adam(parameters)
    for t, grads in enumerate(gradient_sequence(parameters, steps=5, seed=1), start=1):
        parameters, v, s = nn.update_parameters_with_adam(parameters, grads, v, s, t, alpha,
                                                          beta1, beta2, eps)
        for key in w:
            for j, k in np.ndindex(parameters[key].shape):
                g = float(grads[f"d{key}"][j, k])
                first[key][j][k] = beta1 * first[key][j][k] + (1 - beta1) * g
                second[key][j][k] = beta2 * second[key][j][k] + (1 - beta2) * g * g
                v_hat = first[key][j][k] / (1 - beta1 ** t)
                s_hat = second[key][j][k] / (1 - beta2 ** t)
                w[key][j][k] -= alpha * v_hat / (math.sqrt(s_hat) + eps)
            np.testing.assert_allclose(v[f"d{key}"], first[key], rtol=1e-14, atol=0)
            np.testing.assert_allclose(s[f"d{key}"], second[key], rtol=1e-14, atol=0)
            np.testing.assert_allclose(parameters[key], w[key], rtol=1e-14, atol=1e-16)


def test_adams_bias_correction_makes_every_step_alpha_under_a_constant_gradient():
    # With g constant, v_hat = g and s_hat = g^2 exactly at every t, so each step is
    # alpha g / (|g| + epsilon): alpha, whatever the size of g. Without the correction
    # the first step would be alpha (1 - beta1) / sqrt(1 - beta2) = 3.2 alpha.
    g = {"dW1": np.array([[3e-4, -50.0]]), "db1": np.array([[1.0]])}
    parameters = {"W1": np.zeros((1, 2)), "b1": np.zeros((1, 1))}
    v, s = nn.initialize_adam(parameters)
    for t in range(1, 6):
        before = parameters
        parameters, v, s = nn.update_parameters_with_adam(parameters, g, v, s, t, 0.01)
        for key in parameters:
            step = before[key] - parameters[key]
            np.testing.assert_allclose(step, 0.01 * np.sign(g[f"d{key}"]), rtol=1e-4)


def test_rmsprop_follows_its_equations_step_by_step():
    alpha, beta2, eps = 0.01, 0.9, 1e-6
    parameters = nn.initialize_parameters([3, 2, 2], seed=2)
    w = {key: value.tolist() for key, value in parameters.items()}
    second = {key: np.zeros_like(value).tolist() for key, value in parameters.items()}
    s = nn.initialize_rmsprop(parameters)
    assert sorted(s) == ["dW1", "dW2", "db1", "db2"] and not any(a.any() for a in s.values())
    for grads in gradient_sequence(parameters, steps=5, seed=1):
        parameters, s = nn.update_parameters_with_rmsprop(parameters, grads, s, alpha, beta2, eps)
        for key in w:
            for j, k in np.ndindex(parameters[key].shape):
                g = float(grads[f"d{key}"][j, k])
                second[key][j][k] = beta2 * second[key][j][k] + (1 - beta2) * g * g
                w[key][j][k] -= alpha * g / (math.sqrt(second[key][j][k]) + eps)
            np.testing.assert_allclose(s[f"d{key}"], second[key], rtol=1e-14, atol=0)
            np.testing.assert_allclose(parameters[key], w[key], rtol=1e-14, atol=1e-16)


@pytest.mark.torch
@pytest.mark.parametrize("name", ["momentum", "rmsprop", "adam"])
def test_momentum_and_adam_agree_with_pytorch_given_the_same_gradients(torch, name):
    parameters = nn.initialize_parameters([4, 3, 2], seed=3)
    tensors = {key: torch.tensor(value, requires_grad=True) for key, value in parameters.items()}
    if name == "momentum":
        # PyTorch sums v := beta v + g, without the (1 - beta): README's lr = alpha (1 - beta).
        optimizer = torch.optim.SGD(tensors.values(), lr=0.5 * (1 - 0.8), momentum=0.8)
        state = (nn.initialize_velocity(parameters),)
        def step(parameters, grads, state, t):
            return nn.update_parameters_with_momentum(parameters, grads, *state, 0.8, 0.5)
    elif name == "rmsprop":
        optimizer = torch.optim.RMSprop(tensors.values(), lr=0.01, alpha=0.9, eps=1e-7)
        state = (nn.initialize_rmsprop(parameters),)
        def step(parameters, grads, state, t):
            return nn.update_parameters_with_rmsprop(parameters, grads, *state, 0.01, 0.9, 1e-7)
    else:
        optimizer = torch.optim.Adam(tensors.values(), lr=0.02, betas=(0.85, 0.99), eps=1e-7)
        state = nn.initialize_adam(parameters)
        def step(parameters, grads, state, t):
            return nn.update_parameters_with_adam(parameters, grads, *state, t, 0.02, 0.85,
                                                  0.99, 1e-7)
    for t, grads in enumerate(gradient_sequence(parameters, steps=20, seed=2), start=1):
        parameters, *state = step(parameters, grads, state, t)
        for key, tensor in tensors.items():
            tensor.grad = torch.tensor(grads[f"d{key}"])
        optimizer.step()
        for key, tensor in tensors.items():
            np.testing.assert_allclose(parameters[key], tensor.detach().numpy(), rtol=1e-12,
                                       atol=1e-15)


def test_the_optimisers_do_not_change_their_inputs():
    parameters, grads = P_OK, GRADS_OK
    v, s = nn.initialize_adam(parameters)
    v = {key: value + 0.5 for key, value in v.items()}
    s = {key: value + 0.25 for key, value in s.items()}
    given = copy.deepcopy((parameters, grads, v, s))
    results = [nn.update_parameters_with_momentum(parameters, grads, v, 0.9, 0.1),
               nn.update_parameters_with_rmsprop(parameters, grads, s),
               nn.update_parameters_with_adam(parameters, grads, v, s, 3)]
    for before, after in zip(given, (parameters, grads, v, s)):
        for key in before:
            np.testing.assert_array_equal(before[key], after[key])
    for result in results:
        for new, old in zip(result, (parameters, v, s)):
            assert new is not old
            assert not any(np.shares_memory(new[key], value) for key in new
                           for value in (*parameters.values(), *v.values(), *s.values()))




def by_hand(X, Y, layer_dims, epochs, learning_rate, batch_size, seed, optimizer, decay_rate,
            beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8):
    """train's loop written with the public update functions: what train must compute."""
    rng = np.random.default_rng(seed)
    parameters = nn.initialize_parameters(layer_dims, rng, "tanh")
    v = nn.initialize_velocity(parameters)
    _, s = nn.initialize_adam(parameters)
    t = 0
    for epoch in range(epochs):
        alpha = learning_rate / (1 + decay_rate * epoch)
        order = rng.permutation(X.shape[1])
        for k in range(0, X.shape[1], batch_size):
            batch = order[k:k + batch_size]
            _, cache = nn.forward_prop(X[:, batch], parameters, "tanh", "softmax")
            grads = nn.back_prop(parameters, cache, Y[:, batch], "tanh", "softmax",
                                 "cross_entropy")
            t += 1
            if optimizer == "momentum":
                parameters, v = nn.update_parameters_with_momentum(parameters, grads, v, beta,
                                                                   alpha)
            elif optimizer == "rmsprop":
                parameters, s = nn.update_parameters_with_rmsprop(parameters, grads, s, alpha,
                                                                  beta2, epsilon)
            elif optimizer == "adam":
                parameters, v, s = nn.update_parameters_with_adam(parameters, grads, v, s, t,
                                                                  alpha, beta1, beta2, epsilon)
            else:
                parameters = nn.update_parameters(parameters, grads, alpha)
    return parameters


@pytest.mark.parametrize("optimizer, learning_rate", [("gd", 0.5), ("momentum", 0.5),
                                                      ("rmsprop", 0.01), ("adam", 0.02)])
def test_train_takes_the_steps_of_the_update_functions(optimizer, learning_rate):
    X, Y = nn.spiral_data(points_per_class=10)
    settings = dict(beta=0.8, beta1=0.85, beta2=0.95, epsilon=1e-6)
    trained, _ = nn.train(X, Y, [2, 6, 3], epochs=4, learning_rate=learning_rate,
                          activation="tanh", output_activation="softmax",
                          loss="cross_entropy", batch_size=7, seed=4, print_every=0,
                          optimizer=optimizer, decay_rate=0.5, **settings)
    expected = by_hand(X, Y, [2, 6, 3], 4, learning_rate, 7, 4, optimizer, 0.5, **settings)
    for key in expected:  # in place or not, the update functions compute the same numbers
        np.testing.assert_array_equal(trained[key], expected[key])


@pytest.mark.parametrize("optimizer, name", [("gd", "update_parameters"),
                                             ("momentum", "update_parameters_with_momentum"),
                                             ("rmsprop", "update_parameters_with_rmsprop"),
                                             ("adam", "update_parameters_with_adam")])
def test_train_runs_the_update_function_of_the_module(monkeypatch, optimizer, name):
    # A learner who edits an update function changes what train does: train looks it up
    # in the module when it runs, and has no copy of its own.
    X, Y = nn.spiral_data(points_per_class=10)
    settings = dict(epochs=3, learning_rate=0.01, activation="tanh", output_activation="softmax",
                    loss="cross_entropy", batch_size=7, seed=4, print_every=0,
                    optimizer=optimizer)
    start = nn.initialize_parameters([2, 6, 3], np.random.default_rng(4), "tanh")
    right, calls = getattr(nn, name), []

    def counted(parameters, grads, *args, **kwargs):
        calls.append(kwargs.get("in_place"))
        return right(parameters, grads, *args, **kwargs)

    monkeypatch.setattr(nn, name, counted)
    trained, _ = nn.train(X, Y, [2, 6, 3], **settings)
    assert calls == [True] * (3 * 5)  # 3 epochs of 5 batches (30 examples, 7 a batch)

    def no_step(parameters, grads, *state, **kwargs):  # returns what it was given
        averages = [value for value in state if isinstance(value, dict)]  # v, s or both
        return (parameters, *averages) if averages else parameters

    monkeypatch.setattr(nn, name, no_step)
    unmoved, _ = nn.train(X, Y, [2, 6, 3], **settings)
    for key in start:
        np.testing.assert_array_equal(unmoved[key], start[key])
        assert not np.array_equal(trained[key], start[key])


@pytest.mark.parametrize("name", ["update_parameters", "update_parameters_with_momentum",
                                  "update_parameters_with_rmsprop", "update_parameters_with_adam"])
def test_an_update_in_place_is_the_same_step_where_the_arrays_are(name):
    parameters = nn.initialize_parameters([3, 4, 2], seed=1)
    grads = gradient_sequence(parameters, steps=1, seed=5)[0]
    s = {key: value + 0.01 for key, value in nn.initialize_rmsprop(parameters).items()}
    state = {"update_parameters": (),
             "update_parameters_with_momentum": (nn.initialize_velocity(parameters), 0.8),
             "update_parameters_with_rmsprop": (s,),
             "update_parameters_with_adam": (*nn.initialize_adam(parameters), 1)}[name]
    update = getattr(nn, name)
    pure = update(parameters, grads, *copy.deepcopy(state), learning_rate=0.1)
    pure = (pure,) if name == "update_parameters" else pure
    held = {key: value.copy() for key, value in parameters.items()}
    given = (held, *(value for value in state if isinstance(value, dict)))  # parameters, v, s
    result = update(held, copy.deepcopy(grads), *state, learning_rate=0.1, in_place=True)
    result = (result,) if name == "update_parameters" else result
    for new, old, expected in zip(result, given, pure):
        assert new is old  # the dicts it was given, changed where they are
        for key in expected:
            np.testing.assert_array_equal(new[key], expected[key])


def test_the_courses_mini_batches_and_decay_give_the_courses_results():
    # The course's documented test case: its batches, to the printed digits.
    course = np.random.RandomState(1)  # the course's np.random.seed(1), then randn
    X = course.randn(5, 7)
    Y = course.randn(1, 7) < 0.5
    before = np.random.get_state()[1].copy()  # noqa: NPY002 (the global state, to compare)
    batches = nn.random_mini_batches(X, Y, 2)
    np.testing.assert_array_equal(np.random.get_state()[1], before)  # noqa: NPY002 untouched
    assert [b[0].shape for b in batches] == [(5, 2), (5, 2), (5, 2), (5, 1)]
    np.testing.assert_allclose(batches[0][0], [[1.74481176, -0.52817175],
                                               [-0.38405435, -0.24937038],
                                               [-1.10061918, -0.17242821],
                                               [-0.93576943, 0.50249434],
                                               [-0.67124613, -0.69166075]], atol=5e-9)
    np.testing.assert_array_equal(batches[0][1], [[True, True]])
    np.testing.assert_allclose(batches[1][0][:2], [[-0.61175641, -1.07296862],
                                                   [0.3190391, 1.46210794]], atol=5e-9)
    np.testing.assert_array_equal(batches[1][1], [[True, False]])
    np.testing.assert_allclose(batches[2][0][:2], [[1.62434536, -2.3015387],
                                                   [-0.7612069, -0.3224172]], atol=5e-9)
    # Every example exactly once, with its target; the default seed is the course's 0.
    joined = np.vstack([np.hstack([b[0] for b in batches]), np.hstack([b[1] for b in batches])])
    assert sorted(map(tuple, joined.T)) == sorted(map(tuple, np.vstack([X, Y]).T))
    shuffled = np.hstack([b[0] for b in nn.random_mini_batches(X, Y, 64)])
    np.testing.assert_array_equal(shuffled, X[:, np.random.RandomState(0).permutation(7)])
    assert nn.update_lr(0.5, 2, 1) == 0.16666666666666666
    assert nn.schedule_lr_decay(0.5, 10, 0.3, 100) == 0.5
    assert nn.schedule_lr_decay(0.5, 100, 0.3, 100) == pytest.approx(0.3846153846153846)
    assert nn.schedule_lr_decay(0.3, 1000, 0.25, 100) == pytest.approx(0.085714285)
    assert nn.schedule_lr_decay(0.3, 100, 0.25, 100) == pytest.approx(0.24)
    assert nn.schedule_lr_decay(0.5, 999, 1) == 0.5 and nn.schedule_lr_decay(0.5, 1000, 1) == 0.25


def test_train_decays_its_learning_rate_with_update_lr(monkeypatch):
    X, Y = nn.xor_data()
    rates = []
    real = nn.update_lr
    monkeypatch.setattr(nn, "update_lr", lambda *args, **keywords: (
        rates.append(args) or real(*args, **keywords)))
    nn.train(X, Y, [2, 3, 1], epochs=3, learning_rate=2.0, decay_rate=0.5, print_every=0)
    assert rates == [(2.0, 0, 0.5), (2.0, 1, 0.5), (2.0, 2, 0.5)]


def test_gradient_check_per_parameter_names_the_layer_a_bug_breaks(monkeypatch):
    rng = np.random.default_rng(3)
    parameters, X, Y = random_problem(rng, [3, 4, 3, 2], 5, "sigmoid")
    clean = nn.gradient_check(parameters, X, Y, "tanh", per_parameter=True)
    assert list(clean) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert max(clean.values()) < 1e-7
    real = nn.back_prop

    def wrong_db2(*args, **keywords):  # the bug: db2 without its 1/m
        grads = real(*args, **keywords)
        return {**grads, "db2": grads["db2"] * 5}

    monkeypatch.setattr(nn, "back_prop", wrong_db2)
    broken = nn.gradient_check(parameters, X, Y, "tanh", per_parameter=True)
    assert [key for key, value in broken.items() if value > 1e-7] == ["b2"]
    assert nn.gradient_check(parameters, X, Y, "tanh") > 1e-7  # the single figure too


def test_train_goes_on_from_given_parameters_and_optimiser_state():
    X, Y = nn.spiral_data(points_per_class=10)
    settings = dict(learning_rate=0.02, activation="tanh", output_activation="softmax",
                    loss="cross_entropy", print_every=0, optimizer="adam", decay_rate=0.3)
    once, _ = nn.train(X, Y, [2, 6, 3], epochs=4, seed=4, **settings)
    rng, state = np.random.default_rng(4), {}
    half, _ = nn.train(X, Y, [2, 6, 3], epochs=2, seed=rng, optimizer_state=state, **settings)
    assert (state["t"], state["epochs"]) == (2, 2)
    assert sorted(state["v"]) == sorted(state["s"]) == ["dW1", "dW2", "db1", "db2"]
    before = copy.deepcopy(half)
    twice, _ = nn.train(X, Y, [2, 6, 3], epochs=2, seed=rng, parameters=half,
                        optimizer_state=state, **settings)
    for key in once:
        np.testing.assert_array_equal(twice[key], once[key])
        np.testing.assert_array_equal(half[key], before[key])  # not changed
    with pytest.raises(ValueError, match=r"the parameters are those of a \[2, 6, 3\] network"):
        nn.train(X, Y, [2, 5, 3], parameters=half)


def test_a_network_goes_on_with_its_optimiser_from_one_call_to_the_next():
    X, Y = nn.spiral_data(points_per_class=10)
    kwargs = dict(learning_rate=0.02, batch_size=7, print_every=0, optimizer="adam")
    once, twice = (nn.NeuralNetwork([2, 6, 3], "tanh", "softmax", "cross_entropy", seed=4)
                   for _ in range(2))
    once.train(X, Y, epochs=4, **kwargs)
    twice.train(X, Y, epochs=2, **kwargs)
    twice.train(X, Y, epochs=2, **kwargs)  # Adam's averages and step count carry on
    for key in once.parameters:
        np.testing.assert_array_equal(twice.parameters[key], once.parameters[key])
    restarted = nn.NeuralNetwork([2, 6, 3], "tanh", "softmax", "cross_entropy", seed=4)
    restarted.train(X, Y, epochs=2, **kwargs)
    restarted.train(X, Y, epochs=2, **{**kwargs, "beta2": 0.99})  # another Adam: anew
    assert not np.array_equal(restarted.parameters["W1"], once.parameters["W1"])


# --------------------------------------------------------------------------------------
# Batch normalisation: its equations, its backward pass, the network, prediction


def bn_problem(seed, n=3, m=7):
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((n, m)) * 3 + 2
    return Z, 1 + rng.standard_normal((n, 1)) * 0.5, rng.standard_normal((n, 1))


def test_batchnorm_forward_is_its_equations():
    Z, gamma, beta = bn_problem(0)
    Z_tilde, bn_cache = nn.batchnorm_forward(Z, gamma, beta)
    # Each unit over the batch: mean 0 and the biased variance (ddof=0), then scaled, shifted.
    mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
    Z_hat = (Z - mu) / np.sqrt(var + 1e-5)
    np.testing.assert_allclose(Z_tilde, gamma * Z_hat + beta, rtol=1e-14, atol=1e-14)
    np.testing.assert_allclose(bn_cache["Z_hat"].mean(axis=1), 0, atol=1e-15)
    np.testing.assert_allclose(bn_cache["Z_hat"].var(axis=1), var[:, 0] / (var[:, 0] + 1e-5))
    np.testing.assert_allclose(bn_cache["var"], var, rtol=1e-14)
    # Given statistics (prediction): each column is normalised alone, by them.
    one, _ = nn.batchnorm_forward(Z[:, 2:3], gamma, beta, mu=mu, var=var)
    np.testing.assert_allclose(one, Z_tilde[:, 2:3], rtol=1e-14, atol=1e-14)
    for passed, made in zip((Z, gamma, beta), bn_problem(0)):  # the inputs, unchanged
        np.testing.assert_array_equal(passed, made)


def staged_batchnorm_backward(dZ_tilde, Z, gamma, epsilon=1e-5):
    """The computation graph of batchnorm_forward, one node at a time, back from the top:
    the long form that README's three-term dZ condenses."""
    m = Z.shape[1]
    mu = Z.sum(axis=1, keepdims=True) / m
    centred = Z - mu
    var = (centred ** 2).sum(axis=1, keepdims=True) / m
    sigma = np.sqrt(var + epsilon)
    Z_hat = centred / sigma
    dgamma = (dZ_tilde * Z_hat).sum(axis=1, keepdims=True)
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dZ_hat = gamma * dZ_tilde
    dsigma = -(dZ_hat * centred).sum(axis=1, keepdims=True) / sigma ** 2
    dvar = dsigma / (2 * sigma)
    dcentred = dZ_hat / sigma + dvar * 2 * centred / m
    dmu = -dcentred.sum(axis=1, keepdims=True)
    return dcentred + dmu / m, dgamma, dbeta


def test_batchnorm_backward_matches_finite_differences_and_the_staged_graph():
    Z, gamma, beta = bn_problem(1)
    G = np.random.default_rng(2).standard_normal(Z.shape)  # L = sum(G * Z_tilde): dZ_tilde = G
    _, bn_cache = nn.batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = nn.batchnorm_backward(G, bn_cache)
    inputs = {"Z": Z, "gamma": gamma, "beta": beta}
    for name, analytic in (("Z", dZ), ("gamma", dgamma), ("beta", dbeta)):
        numeric = np.zeros_like(analytic)
        for p in np.ndindex(analytic.shape):
            values = []
            for step in (1e-6, -1e-6):
                shifted = {key: value.copy() for key, value in inputs.items()}
                shifted[name][p] += step
                values.append(np.sum(G * nn.batchnorm_forward(**shifted)[0]))
            numeric[p] = (values[0] - values[1]) / 2e-6
        np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)
    for actual, staged in zip((dZ, dgamma, dbeta), staged_batchnorm_backward(G, Z, gamma)):
        np.testing.assert_allclose(actual, staged, rtol=1e-12, atol=1e-13)
    # The mean and variance paths matter: without them dZ is the plain gamma G / sigma.
    assert not np.allclose(dZ, gamma * G / bn_cache["sigma"], atol=1e-3)


def bn_network(seed, layer_dims=(3, 5, 4, 3), activation="tanh"):
    """A batch-normalised network a little away from its start, gamma and beta too."""
    rng = np.random.default_rng(seed)
    start = nn.initialize_parameters(list(layer_dims), rng, activation, batch_norm=True)
    return {key: value if key.startswith("running") else
            value + 0.3 * rng.standard_normal(value.shape) for key, value in start.items()}


@pytest.mark.parametrize("activation, output_activation, loss", COMBINATIONS)
def test_a_batch_normalised_network_passes_gradient_checking(activation, output_activation,
                                                             loss):
    parameters = bn_network(4, activation=activation)
    _, X, Y = random_problem(np.random.default_rng(5), [3, 5, 4, 3], 6, output_activation)
    _, cache = nn.forward_prop(X, parameters, activation, output_activation)
    grads = nn.back_prop(parameters, cache, Y, activation, output_activation, loss)
    assert sorted(grads) == sorted(f"d{key}" for key in parameters if "running" not in key)
    differences = nn.gradient_check(parameters, X, Y, activation, output_activation, loss,
                                    epsilon=1e-6, per_parameter=True)
    assert set(differences) == {"W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"}
    if activation == "linear":  # beta1 shifts Z2 by a constant, which layer 2's mean cancels:
        np.testing.assert_allclose(grads["dbeta1"], 0, atol=1e-15)  # no gradient to compare
        del differences["beta1"]
    assert max(differences.values()) < 1e-6, differences
    # With dropout and L2 as well, as train combines them.
    assert nn.gradient_check(parameters, X, Y, activation, output_activation, loss, 1e-6,
                             lambd=0.3, keep_prob=0.7, seed=1) < 1e-6


def test_batch_normalisation_has_no_bias_and_the_same_weights_as_without():
    plain = nn.initialize_parameters([3, 5, 4, 2], seed=0, activation="relu")
    normalised = nn.initialize_parameters([3, 5, 4, 2], seed=0, activation="relu",
                                          batch_norm=True)
    assert list(normalised) == ["W1", "gamma1", "beta1", "running_mean1", "running_var1", "W2",
                                "gamma2", "beta2", "running_mean2", "running_var2", "W3", "b3"]
    for key in ("W1", "W2", "W3", "b3"):
        np.testing.assert_array_equal(normalised[key], plain[key])
    for key, start in (("gamma", 1), ("beta", 0), ("running_mean", 0), ("running_var", 1)):
        np.testing.assert_array_equal(normalised[f"{key}2"], np.full((4, 1), start))


@pytest.mark.torch
def test_batch_normalisation_agrees_with_pytorch_in_training(torch):
    Z, gamma, beta = bn_problem(6, n=4, m=9)
    layer = torch.nn.BatchNorm1d(4, dtype=torch.float64)  # momentum 0.1, eps 1e-5, training
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(gamma[:, 0]))
        layer.bias.copy_(torch.tensor(beta[:, 0]))
    Z_torch = torch.tensor(Z.T, requires_grad=True)  # PyTorch's examples are rows
    G = np.random.default_rng(7).standard_normal(Z.shape)
    out = layer(Z_torch)
    out.backward(torch.tensor(G.T))
    Z_tilde, bn_cache = nn.batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = nn.batchnorm_backward(G, bn_cache)
    np.testing.assert_allclose(Z_tilde, out.detach().numpy().T, rtol=1e-12, atol=1e-13)
    np.testing.assert_allclose(dZ, Z_torch.grad.numpy().T, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dgamma[:, 0], layer.weight.grad.numpy(), rtol=1e-12)
    np.testing.assert_allclose(dbeta[:, 0], layer.bias.grad.numpy(), rtol=1e-12)
    # The running averages, over three batches: PyTorch's momentum and unbiased variance.
    parameters = {"W1": np.eye(4), "gamma1": gamma, "beta1": beta,
                  "running_mean1": np.zeros((4, 1)), "running_var1": np.ones((4, 1)),
                  "W2": np.ones((1, 4)), "b2": np.zeros((1, 1))}
    for batch in (Z, Z[:, :5] * 2, Z[:, 3:] - 1):
        if batch is not Z:
            layer(torch.tensor(batch.T))
        _, cache = nn.forward_prop(batch, parameters, "linear", "linear")
        parameters = nn.update_running_averages(parameters, cache)
    np.testing.assert_allclose(parameters["running_mean1"][:, 0], layer.running_mean.numpy(),
                               rtol=1e-13)
    np.testing.assert_allclose(parameters["running_var1"][:, 0], layer.running_var.numpy(),
                               rtol=1e-13)
    layer.eval()  # and prediction with them
    np.testing.assert_allclose(nn.predict(Z, {**parameters, "W2": np.eye(4),
                                              "b2": np.zeros((4, 1))}, "linear", "linear"),
                               layer(torch.tensor(Z.T)).detach().numpy().T, rtol=1e-12,
                               atol=1e-13)


@pytest.mark.torch
def test_a_batch_normalised_network_agrees_with_pytorch_autograd(torch):
    parameters = bn_network(8, layer_dims=(3, 6, 5, 4), activation="relu")
    _, X, Y = random_problem(np.random.default_rng(9), [3, 6, 5, 4], 8, "softmax")
    _, cache = nn.forward_prop(X, parameters, "relu", "softmax")
    grads = nn.back_prop(parameters, cache, Y, "relu", "softmax", "cross_entropy")
    tensors = {key: torch.tensor(value, requires_grad=True) for key, value in parameters.items()
               if "running" not in key}
    A = torch.tensor(X)
    for l in (1, 2):
        Z = tensors[f"W{l}"] @ A
        Z_hat = (Z - Z.mean(1, keepdim=True)) / torch.sqrt(Z.var(1, unbiased=False, keepdim=True)
                                                            + 1e-5)
        A = torch.relu(tensors[f"gamma{l}"] * Z_hat + tensors[f"beta{l}"])
    logits = tensors["W3"] @ A + tensors["b3"]
    J = -(torch.tensor(Y) * torch.log_softmax(logits, 0)).sum() / X.shape[1]
    J.backward()
    for key, tensor in tensors.items():
        np.testing.assert_allclose(grads[f"d{key}"], tensor.grad.numpy(), rtol=1e-10,
                                   atol=1e-13)


def test_update_running_averages_is_its_equation_and_pure():
    parameters = bn_network(10)
    X = np.random.default_rng(11).standard_normal((3, 5))
    _, cache = nn.forward_prop(X, parameters, "tanh")
    given = copy.deepcopy(parameters)
    after = nn.update_running_averages(parameters, cache, momentum=0.25)
    assert_unchanged(given, parameters)
    for l in (1, 2):
        mu, var = cache[f"bn{l}"]["mu"], cache[f"bn{l}"]["var"]
        np.testing.assert_allclose(after[f"running_mean{l}"], 0.75 * 0 + 0.25 * mu, rtol=1e-15)
        np.testing.assert_allclose(after[f"running_var{l}"], 0.75 + 0.25 * var * 5 / 4,
                                   rtol=1e-15)
    for key in parameters:
        if "running" not in key:
            np.testing.assert_array_equal(after[key], parameters[key])


def test_train_with_batch_norm_is_the_functions_it_teaches():
    # train's loop, by hand: forward_prop, update_running_averages, back_prop, Adam.
    X, Y = nn.spiral_data(20, seed=3)
    parameters, losses = nn.train(X, Y, [2, 8, 6, 3], 3, 0.01, "relu", "softmax",
                                  "cross_entropy", batch_size=16, seed=12, print_every=0,
                                  optimizer="adam", batch_norm=True)
    rng = np.random.default_rng(12)
    mine = nn.initialize_parameters([2, 8, 6, 3], rng, "relu", batch_norm=True)
    v, s = nn.initialize_adam(mine)
    t = 0
    for _ in range(3):
        for X_batch, Y_batch in nn.mini_batches(np.asfortranarray(X), np.asfortranarray(Y), 16,
                                                rng):
            _, cache = nn.forward_prop(X_batch, mine, "relu", "softmax")
            mine = nn.update_running_averages(mine, cache)
            grads = nn.back_prop(mine, cache, Y_batch, "relu", "softmax", "cross_entropy")
            t += 1
            mine, v, s = nn.update_parameters_with_adam(mine, grads, v, s, t, 0.01)
    assert list(parameters) == list(mine)
    for key in mine:
        np.testing.assert_allclose(parameters[key], mine[key], rtol=1e-12, atol=1e-14)
    assert not np.allclose(parameters["running_var2"], 1)  # the averages did move


def test_prediction_uses_the_running_averages_one_example_as_in_a_batch():
    X, Y = nn.spiral_data(30, seed=1)
    network = nn.NeuralNetwork([2, 16, 16, 3], "relu", "softmax", "cross_entropy", seed=2,
                               batch_norm=True)
    network.train(X, Y, epochs=20, learning_rate=0.05, batch_size=32, print_every=0)
    assert "batch_norm=True" in repr(network)
    Y_hat = network.predict(X)
    for i in (0, 17, 89):
        np.testing.assert_allclose(network.predict(X[:, i:i + 1]), Y_hat[:, i:i + 1],
                                   rtol=1e-12, atol=1e-15)
    # ... which are the running averages: by hand, with batchnorm_forward given them.
    P, A = network.parameters, X
    for l in (1, 2):
        Z_tilde, _ = nn.batchnorm_forward(P[f"W{l}"] @ A, P[f"gamma{l}"], P[f"beta{l}"],
                                          mu=P[f"running_mean{l}"], var=P[f"running_var{l}"])
        A = nn.relu(Z_tilde)
    np.testing.assert_allclose(nn.softmax(P["W3"] @ A + P["b3"]), Y_hat, rtol=1e-12, atol=1e-15)
    # and not the batch's own statistics, which give other outputs
    assert not np.allclose(nn.forward_prop(X, P, "relu", "softmax")[0], Y_hat, atol=1e-3)
    assert nn.accuracy(Y_hat, Y) > 0.8


def test_a_batch_normalised_network_saves_and_loads_whole(tmp_path):
    X, Y = nn.xor_data()
    parameters, _ = nn.train(np.tile(X, 3), np.tile(Y, 3), [2, 6, 1], 30, 0.5, "tanh",
                             batch_size=4, seed=0, print_every=0, batch_norm=True)
    loaded = nn.load_parameters(nn.save_parameters(parameters, tmp_path / "bn"))
    assert list(loaded) == list(parameters)
    for key in parameters:
        np.testing.assert_array_equal(loaded[key], parameters[key])
    np.testing.assert_array_equal(nn.predict(X, loaded, "tanh", "sigmoid"),
                                  nn.predict(X, parameters, "tanh", "sigmoid"))


BN = bn_network(13)
BN_X = np.random.default_rng(14).standard_normal((3, 4))
BN_Y = np.full((3, 4), 0.5)


@pytest.mark.parametrize("call, match", [
    (lambda: nn.forward_prop(BN_X[:, :1], BN, "tanh"), "has one example, which has no "
     "variance: to predict, use predict"),
    (lambda: nn.train(BN_X, np.ones((3, 5)), [3, 5, 4, 3], batch_size=2, batch_norm=True),
     "Y has 5 columns"),
    (lambda: nn.train(np.ones((3, 5)), np.ones((3, 5)) / 3, [3, 5, 4, 3], batch_size=2,
                      batch_norm=True, output_activation="softmax", loss="cross_entropy"),
     r"batch_size=2 leaves a last batch of one of the 5 examples: try batch_size=3"),
    (lambda: nn.train(BN_X, BN_Y, [3, 5, 4, 3], batch_size=1, parameters=BN),
     "each batch has one example"),
    (lambda: nn.train(BN_X, BN_Y, [3, 5, 3], batch_norm=True,
                      parameters=nn.initialize_parameters([3, 5, 3])),
     "the parameters given have no batch normalisation"),
    (lambda: nn.back_prop(BN, nn.forward_prop(BN_X, BN, "tanh", training=False)[1], BN_X,
                          "tanh"), "forward_prop was given training=False"),
    (lambda: nn.batchnorm_forward(BN_X, np.ones(3), np.zeros((3, 1))),
     r"gamma must have shape \(n, 1\) = \(3, 1\)"),
    (lambda: nn.predict(BN_X, {**BN, "b1": np.zeros((5, 1))}, "tanh", "sigmoid"),
     "in place of 'b{l}'.*with 'b1' too"),
    (lambda: nn.predict(BN_X, without(BN, "running_var2"), "tanh", "sigmoid"),
     "without 'running_var2'"),
    (lambda: nn.gradient_check(BN, BN_X[:, :1], BN_Y[:, :1], "tanh"), "2 examples or more"),
])
def test_batch_normalisation_mistakes_get_errors_that_say_how_to_fix_them(call, match):
    given = copy.deepcopy(BN)
    with pytest.raises((ValueError, TypeError), match=match):
        call()
    assert_unchanged(given, BN)


# --------------------------------------------------------------------------------------
# Diagnosis: monitor=True's figures, diagnose's findings, planted failures


def test_monitor_records_each_layers_figures_from_the_step_it_takes():
    X, Y = nn.spiral_data(20, seed=1)
    start = nn.initialize_parameters([2, 8, 6, 3], 3, "relu")
    history = {}
    parameters, _ = nn.train(X, Y, [2, 8, 6, 3], 1, 0.5, "relu", "softmax", "cross_entropy",
                             print_every=0, history=history, monitor=True, parameters=start)
    # One full-batch epoch: the figures are those of one forward pass, gradient and step.
    _, cache = nn.forward_prop(X, start, "relu", "softmax")
    grads = nn.back_prop(start, cache, Y, "relu", "softmax", "cross_entropy")
    rms = lambda a: np.sqrt(np.mean(a ** 2))  # noqa: E731
    for l in (1, 2):
        assert history["activation_mean"][0][l - 1] == pytest.approx(cache[f"A{l}"].mean())
        assert history["activation_std"][0][l - 1] == pytest.approx(cache[f"A{l}"].std())
        never = np.mean(~(cache[f"Z{l}"] > 0).any(axis=1))
        assert history["dead"][0][l - 1] == pytest.approx(never)
    for l in (1, 2, 3):
        assert history["gradient_rms"][0][l - 1] == pytest.approx(rms(grads[f"dW{l}"]))
        step = start[f"W{l}"] - parameters[f"W{l}"]
        assert history["update_ratio"][0][l - 1] == pytest.approx(
            rms(step) / rms(parameters[f"W{l}"]))
    assert history["chance_loss"] == [pytest.approx(np.log(3))]  # three classes, equal shares
    assert "saturated" not in history  # relu has none; sigmoid and tanh do
    # Without monitor nothing changes: the same parameters, only the usual keys.
    plain = {}
    same, _ = nn.train(X, Y, [2, 8, 6, 3], 1, 0.5, "relu", "softmax", "cross_entropy",
                       print_every=0, history=plain, parameters=start)
    assert sorted(plain) == ["accuracy", "loss"]
    for key in same:
        np.testing.assert_array_equal(same[key], parameters[key])


def monitored(X, Y, layer_dims, **settings):
    history = {}
    nn.train(X, Y, layer_dims, seed=0, print_every=0, history=history, monitor=True,
             **settings)
    return nn.diagnose(history)


DIGITS_X, DIGITS_Y = nn.load_digits()
CLASSES = dict(output_activation="softmax", loss="cross_entropy")


def test_healthy_trainings_get_no_findings():
    X, Y = nn.xor_data()
    assert monitored(X, Y, [2, 4, 1]) == []  # train's defaults, on XOR
    assert monitored(X, Y, [2, 4, 1], activation="tanh", learning_rate=1.0) == []
    assert monitored(*nn.spiral_data(), nn.SPIRAL_LAYERS, **nn.SPIRAL_SETTINGS) == []
    assert monitored(nn.standardise(DIGITS_X), DIGITS_Y, [64, 200, 10], epochs=80,
                     learning_rate=0.05, activation="relu", batch_size=16, **CLASSES) == []


def test_mini_batch_noise_at_the_end_of_a_healthy_run_is_no_overshoot():
    # Adam on the spirals, 98% right: its loss ends 44% above its lowest, a wobble of a
    # few hundredths on a fall from 1.1; the rule of a rise alone called it an overshoot.
    X, Y = nn.spiral_data()
    history = {}
    _, losses = nn.train(X, Y, nn.SPIRAL_LAYERS, 150, 0.03, "relu", "softmax", "cross_entropy",
                         batch_size=32, seed=4, print_every=0, history=history,
                         optimizer="adam")
    assert losses[-1] > nn.ROSE * min(losses) and history["accuracy"][-1] > 0.98
    assert nn.diagnose(history) == []


def test_diagnose_advises_only_keywords_and_functions_that_exist():
    # Every finding, on a history that has them all, relu's and sigmoid's.
    failing = {"loss": [1.0, 0.1, 0.9], "chance_loss": [0.9], "update_ratio": [[1.0, 1e-7]],
               "gradient_rms": [[1e-6, 1.0]], "saturated": [[0.9, 0.9]]}
    findings = nn.diagnose(failing) + nn.diagnose({**failing, "dead": [[0.9, 0.1]]})
    assert len(findings) >= 8
    keywords = set(inspect.signature(nn.train).parameters)
    for finding in findings:
        for name in re.findall(r"\b(\w+)=", finding):
            assert name in keywords, (name, finding)
        for name in re.findall(r"\((\w+)\)", finding):
            assert callable(getattr(nn, name, None)), (name, finding)
    # A relu network is not told to try relu (He's start is already train's for relu).
    relu = nn.diagnose({**failing, "dead": [[0.9, 0.1]]})
    assert not any("activation='relu'" in finding for finding in relu)
    assert any("activation='relu'" in finding for finding in nn.diagnose(failing))


def test_each_planted_failure_gets_the_finding_that_names_it():
    X, Y = nn.xor_data()
    rose = monitored(X, Y, [2, 4, 1], learning_rate=100.0)  # lesson 2's overshoot
    assert any(f.startswith("The loss rose") for f in rose)
    assert any(f.startswith(("The loss ends above chance", "The loss ends at chance"))
               for f in rose)  # 0.5 with NumPy 2, 0.25 with NumPy 1.23: chaos either way
    # train's default rate, 5, on the digits: relu units die and the loss ends at chance
    chance = monitored(DIGITS_X, DIGITS_Y, [64, 32, 10], epochs=200, activation="relu",
                       **CLASSES)
    assert any(f.startswith("The loss ends at chance: 2.30") for f in chance)
    assert any(f.startswith("Dead units: 100% of layer 1's relu units") for f in chance)
    # A vanishing gradient, saturated units and steps too large or too small: the doctor
    # lesson's trainings (test_the_doctor_lesson_finds_what_readme_says).
    slow = monitored(DIGITS_X, DIGITS_Y, [64, 32, 10], epochs=200)  # sigmoid, mse, rate 5
    assert any("the network learns slowly" in f for f in slow)


def test_train_says_at_the_end_what_looks_wrong(capsys):
    X, Y = nn.xor_data()
    nn.train(X, Y, [2, 4, 1], learning_rate=100.0, seed=0, print_every=1000)
    assert "The loss rose" in capsys.readouterr().out  # without monitor: from the loss
    nn.train(X, Y, [2, 4, 1], learning_rate=100.0, seed=0, print_every=0)
    nn.train(X, Y, [2, 4, 1], seed=0, print_every=1000)  # healthy: nothing to say
    assert "The loss" not in capsys.readouterr().out


def test_the_monitor_makes_its_history_and_diagnose_refuses_what_it_cannot_use(capsys):
    # monitor=True without a history: train keeps one, to say what looks wrong at the end.
    nn.train(DIGITS_X, DIGITS_Y, [64, 32, 10], epochs=20, activation="relu", monitor=True,
             print_every=20, seed=0, **CLASSES)  # rate 5: the relu units die
    assert "Layer 1's steps are" in capsys.readouterr().out  # a finding of the monitor's
    with pytest.raises(ValueError, match="diagnose reads a training's history"):
        nn.diagnose([0.3, 0.2])


# --------------------------------------------------------------------------------------
# Which mistake is in my back_prop? check_back_prop against mistakes planted in a copy


def independent_back_prop(parameters, cache, Y, activation="sigmoid",
                          output_activation="sigmoid", loss="mse", lambd=0.0, *, keep_prob=1.0):
    """A back_prop written apart from the module, from README's equations."""
    L = len([key for key in parameters if key.startswith("W")])
    A, m = cache[f"A{L}"], Y.shape[1]
    derivative = {"sigmoid": lambda z: np.exp(-z) / (1 + np.exp(-z)) ** 2,
                  "tanh": lambda z: 1 / np.cosh(z) ** 2, "relu": lambda z: (z > 0) * 1.0,
                  "linear": np.ones_like}
    if loss == "cross_entropy":
        dZ = A - Y
    elif output_activation == "softmax":
        dA = 2 * (A - Y) / Y.shape[0]
        dZ = A * (dA - (A * dA).sum(axis=0))
    else:
        dZ = 2 * (A - Y) / Y.shape[0] * derivative[output_activation](cache[f"Z{L}"])
    grads = {}
    for l in range(L, 0, -1):
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T / m + lambd / m * parameters[f"W{l}"]
        grads[f"db{l}"] = dZ.mean(axis=1, keepdims=True)
        if l > 1:
            dA = parameters[f"W{l}"].T @ dZ
            if keep_prob < 1:
                dA = dA * cache[f"D{l - 1}"] / keep_prob
            dZ = dA * derivative[activation](cache[f"Z{l - 1}"])
    return grads


# Each mistake, planted in a copy of back_prop's source: (the text there, the text put instead).
PLANTED = {
    "no 1/m": [("np.divide(dZ, m, out=dZ)", "dZ")],
    "dW transposed": [('grads[f"dW{l}"] = dW', 'grads[f"dW{l}"] = dW.T')],
    "db without keepdims": [("dZ_over_m.sum(axis=1, keepdims=True)", "dZ_over_m.sum(axis=1)")],
    "db over the units": [("dZ_over_m.sum(axis=1, keepdims=True)",
                           "dZ_over_m.sum(axis=0, keepdims=True)")],
    "g' at A": [('DERIVATIVES[activation](Z_in, cache[f"A{l - 1}"] if keep_prob == 1 else None)',
                 'DERIVATIVES[activation](cache[f"A{l - 1}"])')],
    "output derivative twice": [("        dZ = Y_hat - Y\n", '        dZ = activation_backward('
                                 'Y_hat - Y, cache[f"Z{L}"], Y_hat, output_activation)\n')],
    "sign": [("dZ = Y_hat - Y", "dZ = Y - Y_hat"), ("mean_squared_error_derivative(Y_hat, Y,",
                                                    "mean_squared_error_derivative(Y, Y_hat,")],
    "no 2": [("mean_squared_error_derivative(Y_hat, Y, check=False)", "(Y_hat - Y) / len(Y)")],
    "L2 forgotten": [("dW += (lambd / m) * W", "dW += 0 * W")],
    "L2 without 1/m": [("dW += (lambd / m) * W", "dW += lambd * W")],
    "mask not applied": [('dA = dropout_backward(dA, cache[f"D{l - 1}"], keep_prob)', "pass")],
    "mask not divided": [('dA = dropout_backward(dA, cache[f"D{l - 1}"], keep_prob)',
                          'dA = dA * cache[f"D{l - 1}"]')],
}


def planted(mistake):
    """A copy of back_prop with the mistake made in it."""
    source = textwrap.dedent(inspect.getsource(nn.back_prop))
    for text, instead in PLANTED[mistake]:
        assert source.count(text) == 1, text
        source = source.replace(text, instead)
    namespace = dict(vars(nn))
    exec(source, namespace)
    return namespace["back_prop"]


@pytest.mark.parametrize("mistake", list(PLANTED))
def test_check_back_prop_names_each_mistake_planted_in_a_copy(mistake):
    assert set(PLANTED) == set(nn.MISTAKES)
    findings = nn.check_back_prop(planted(mistake))
    assert len(findings) == 1 and f"This is the mistake '{mistake}'" in findings[0], findings
    assert re.search(r"With activation='\w+', .*, (dW|db)\d ", findings[0])  # case, parameter


def test_check_back_prop_finds_nothing_wrong_in_right_ones_and_names_what_it_cannot_match():
    assert nn.check_back_prop(nn.back_prop) == []
    assert nn.check_back_prop(independent_back_prop) == []
    assert nn.check_back_prop(functools.partial(nn._back_prop_with, None)) == []  # the gallery's
    # Fewer arguments: checked on back_prop's defaults alone (a sigmoid network, mse); and
    # the courses' grads, which hold dA[l] too.
    assert nn.check_back_prop(lambda parameters, cache, Y: {
        **independent_back_prop(parameters, cache, Y), "dA1": cache["A1"]}) == []

    def twice_wrong(parameters, cache, Y, activation="sigmoid"):
        grads = independent_back_prop(parameters, cache, Y, activation)
        return {key: -3 * value for key, value in grads.items()}  # the sign and a factor

    (finding,) = nn.check_back_prop(twice_wrong)
    assert "dW3 is -3 times the right one" in finding and "none of the classic" in finding
    assert "(3 more cases show it.)" in finding  # four activations, one output and loss

    def broken(parameters, cache, Y, activation="sigmoid"):
        raise KeyError("dA0")

    (finding,) = nn.check_back_prop(broken)
    assert finding.startswith("With activation='sigmoid', output_activation='sigmoid', "
                              "loss='mse', it raised KeyError: 'dA0'.")


def test_a_monitor_in_a_loop_of_ones_own_finds_the_learning_rate_too_large():
    X, Y = nn.xor_data()
    parameters = nn.initialize_parameters([2, 4, 1], seed=0)
    monitor = nn.Monitor()
    for _ in range(2000):  # README's loop by hand, at learning rate 100
        Y_hat, cache = nn.forward_prop(X, parameters)
        J = nn.compute_loss(Y_hat, Y)
        grads = nn.back_prop(parameters, cache, Y)
        monitor.record(parameters, cache, grads, J)
        parameters = nn.update_parameters(parameters, grads, 100)
    assert monitor.activation == "sigmoid" and len(monitor.history["loss"]) == 2000
    assert len(monitor.history["gradient_rms"]) == 2000
    assert len(monitor.history["update_ratio"]) == 1999  # a step is seen at the next record
    (finding,) = nn.diagnose(monitor.history)
    assert "the steps overshoot. Try a learning rate 10 times smaller" in finding


def test_the_lesson_of_bugs_shows_each_mistake_beside_the_right_back_prop(lesson):
    results = lesson("bugs").result
    assert list(results) == ["the right back_prop", *nn.BUGS]
    right_losses, right_differences, right_findings = results["the right back_prop"]
    assert right_findings == [] and max(right_differences.values()) < 1e-12
    for mistake in nn.BUGS:
        losses, differences, findings = results[mistake]
        assert f"This is the mistake '{mistake}'" in findings[0]
        assert max(differences.values()) > 1e-4  # the gradient shows it at the start
    # README: the sign and the missing 1/m climb; the rest train, worse or no better.
    assert results["sign"][0][-1] > 100 and results["no 1/m"][0][-1] > 100
    assert right_losses[-1] < 0.35 < results["g' at A"][0][-1] < results[
        "output derivative twice"][0][-1] < 1 < results["L2 without 1/m"][0][-1]
    assert abs(results["L2 forgotten"][0][-1] - right_losses[-1]) < 0.05


# --------------------------------------------------------------------------------------
# Saving and loading


def test_save_and_load_round_trip(tmp_path):
    parameters = nn.initialize_parameters([3, 4, 2], seed=0)
    path = nn.save_parameters(parameters, tmp_path / "net")
    assert path == tmp_path / "net.npz" and path.exists()
    loaded = nn.load_parameters(path)
    assert loaded.keys() == parameters.keys()
    for key in parameters:
        np.testing.assert_array_equal(loaded[key], parameters[key])
        assert loaded[key].dtype == np.float64


def test_what_was_saved_under_a_name_loads_under_that_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    parameters = nn.initialize_parameters([2, 3, 1], seed=0)
    assert nn.save_parameters(parameters, "model") == Path("model.npz")
    for name in ("model", "model.npz", tmp_path / "model"):
        np.testing.assert_array_equal(nn.load_parameters(name)["W1"], parameters["W1"])
    nn.save_parameters(nn.initialize_parameters([2, 5, 1]), "model.v2")  # model.v2.npz
    assert nn.load_parameters("model.v2")["W1"].shape == (5, 2)
    with pytest.raises(FileNotFoundError, match="other"):
        nn.load_parameters("other")


def test_load_never_unpickles(tmp_path):
    pickled = tmp_path / "evil.npz"
    pickled.write_bytes(pickle.dumps({"W1": np.zeros((1, 1)), "b1": np.zeros((1, 1))}))
    with pytest.raises(ValueError, match="never unpickles"):
        nn.load_parameters(pickled)
    with_object = tmp_path / "object.npz"
    np.savez(with_object, W1=np.array([{"a": 1}], dtype=object), b1=np.zeros((1, 1)))
    with pytest.raises(ValueError, match="never unpickles"):
        nn.load_parameters(with_object)


def test_load_refuses_files_that_are_not_parameters(tmp_path):
    np.savez(tmp_path / "other.npz", weights=np.zeros(3))
    with pytest.raises(ValueError, match="keys 'W1', 'b1'"):
        nn.load_parameters(tmp_path / "other.npz")
    np.save(tmp_path / "array.npy", np.zeros(3))
    with pytest.raises(ValueError, match="not a parameters file"):
        nn.load_parameters(tmp_path / "array.npy")


# --------------------------------------------------------------------------------------
# One step by hand: explain_step's numbers are the functions' numbers


def answers(text):
    """explain_step(..., exercise=True)'s key: {name: the numbers, as rows of strings}."""
    key, name = {}, None
    for line in text.split("\nAnswers\n")[1].splitlines():
        heading = re.fullmatch(r"\((\d+)\) (.+) =", line)
        if heading:
            name = heading[2]
            key[name] = []
        else:
            key[name].append(line.strip().strip("[]").split())
    return key


def step_by_the_functions(parameters, X, Y, activation, output_activation, loss, alpha):
    """Every quantity of one step, by the module's functions and the chain rule's
    equations written out here: {explain_step's name: value}."""
    L = nn.count_layers(parameters)
    Y_hat, cache = nn.forward_prop(X, parameters, activation, output_activation)
    grads = nn.back_prop(parameters, cache, Y, activation, output_activation, loss)
    new = nn.update_parameters(parameters, grads, alpha)
    values = {"J": nn.compute_loss(Y_hat, Y, loss, output_activation)}
    for l in range(1, L + 1):
        values.update({f"Z[{l}]": cache[f"Z{l}"], f"A[{l}]": cache[f"A{l}"],
                       f"dW[{l}]": grads[f"dW{l}"], f"db[{l}]": grads[f"db{l}"],
                       f"W[{l}], updated": new[f"W{l}"], f"b[{l}], updated": new[f"b{l}"]})
    if loss == "mse":  # dA[L] = (2/n_y)(Y_hat - Y), dZ[L] = dA[L] g'(Z[L])
        dA = 2 * (Y_hat - Y) / Y.shape[0]
        values.update({"Y_hat - Y": Y_hat - Y, f"dA[{L}]": dA})
        dZ = dA * nn.DERIVATIVES[output_activation](cache[f"Z{L}"])
    else:
        dZ = Y_hat - Y
    for l in range(L, 0, -1):
        values[f"dZ[{l}]"] = dZ
        assert np.allclose(dZ @ cache[f"A{l - 1}"].T / X.shape[1], grads[f"dW{l}"])
        if l > 1:
            dA = parameters[f"W{l}"].T @ dZ
            values[f"dA[{l - 1}]"] = dA
            dZ = dA * nn.DERIVATIVES[activation](cache[f"Z{l - 1}"])
    return values


@pytest.mark.parametrize("network", [
    ([2, 2, 1], "sigmoid", "sigmoid", "mse", nn.xor_data()),
    ([2, 3, 3], "relu", "softmax", "cross_entropy",
     (np.array([[0.5, -1.0, 2.0], [1.5, 0.3, -0.7]]), np.eye(3)[:, [2, 0, 1]])),
])
def test_explain_step_shows_the_numbers_the_functions_compute(network):
    layer_dims, activation, output_activation, loss, (X, Y) = network
    parameters = nn.initialize_parameters(layer_dims, seed=3, activation=activation)
    names = dict(activation=activation, output_activation=output_activation, loss=loss)
    worksheet = nn.explain_step(parameters, X, Y, **names, learning_rate=0.5, exercise=True)
    expected = step_by_the_functions(parameters, X, Y, **names, alpha=0.5)
    key = answers(worksheet)
    assert set(key) == set(expected)
    for name, rows in key.items():  # shown to 4 significant digits
        np.testing.assert_allclose(np.array(rows, dtype=float), np.atleast_2d(expected[name]),
                                   rtol=5e-4, atol=1e-12, err_msg=name)
    text = nn.explain_step(parameters, X, Y, **names, learning_rate=0.5)
    for rows in key.values():  # the explanation shows the key's numbers, as the key does
        for row in rows:
            assert re.search(r"\[\s+" + r"\s+".join(map(re.escape, row)) + r"\s+\]", text) or (
                len(rows) == 1 and f"= {row[0]}" in text)
    assert max(map(len, text.splitlines())) <= 100
    assert "(1) ________" in worksheet and "(1)" not in text


def exact_step(parameters, X, Y, alpha):
    """One step of a relu network with a linear output on the mean squared error, in
    fractions, by plain Python loops, apart from the module."""
    F = Fraction
    W1, b1, W2, b2 = ([[F(int(x)) for x in row] for row in parameters[key]]
                      for key in ("W1", "b1", "W2", "b2"))
    X, Y = [[F(int(x)) for x in row] for row in X], [[F(int(x)) for x in row] for row in Y]
    m, n1 = len(X[0]), len(W1)
    Z1 = [[sum(W1[j][k] * X[k][i] for k in range(len(X))) + b1[j][0] for i in range(m)]
          for j in range(n1)]
    A1 = [[max(z, F(0)) for z in row] for row in Z1]
    Z2 = [[sum(W2[0][k] * A1[k][i] for k in range(n1)) + b2[0][0] for i in range(m)]]
    J = sum((Z2[0][i] - Y[0][i]) ** 2 for i in range(m)) / m
    dZ2 = [[2 * (Z2[0][i] - Y[0][i]) for i in range(m)]]
    dW2 = [[sum(dZ2[0][i] * A1[k][i] for i in range(m)) / m for k in range(n1)]]
    db2 = [[sum(dZ2[0]) / m]]
    dZ1 = [[W2[0][j] * dZ2[0][i] * (Z1[j][i] > 0) for i in range(m)] for j in range(n1)]
    dW1 = [[sum(dZ1[j][i] * X[k][i] for i in range(m)) / m for k in range(len(X))]
           for j in range(n1)]
    db1 = [[sum(dZ1[j]) / m] for j in range(n1)]
    step = {"W[1], updated": (W1, dW1), "b[1], updated": (b1, db1),
            "W[2], updated": (W2, dW2), "b[2], updated": (b2, db2)}
    new = {name: [[w - alpha * d for w, d in zip(*rows)] for rows in zip(*pair)]
           for name, pair in step.items()}
    return {"Z[1]": Z1, "A[1]": A1, "Z[2]": Z2, "A[2]": Z2, "J": [[J]], "dZ[2]": dZ2,
            "dA[2]": dZ2, "dW[2]": dW2, "db[2]": db2, "dW[1]": dW1, "db[1]": db1,
            "dZ[1]": dZ1, "Y_hat - Y": [[Z2[0][i] - Y[0][i] for i in range(m)]], **new}


@pytest.mark.parametrize("seed", range(4))
def test_the_exact_step_is_exact(seed):
    step = nn._exact_step(seed)
    key = answers(nn.explain_step(**step, exact=True, exercise=True))
    expected = exact_step(step["parameters"], step["X"], step["Y"], step["learning_rate"])
    del key["dA[1]"]  # W[2]^T dZ[2], in dZ[1] above
    assert {name: [[Fraction(x) for x in row] for row in rows]
            for name, rows in key.items()} == expected
    assert any("/" in x for rows in key.values() for row in rows for x in row)  # fractions


def test_explain_step_takes_fractions_and_refuses_what_is_not_exact():
    step = nn._exact_step(0)
    fractional = {**step, "X": step["X"] / 2, "learning_rate": 0.25}  # 0.5 and 0.25: exact
    assert "1/" in nn.explain_step(**fractional, exact=True)
    with pytest.raises(ValueError, match=r"X holds 0\.1, a float not exactly equal to 1/10"):
        nn.explain_step(**{**step, "X": np.full((2, 2), 0.1)}, exact=True)
    with pytest.raises(ValueError, match="activation='sigmoid' takes exponentials"):
        nn.explain_step(**{**step, "activation": "sigmoid"}, exact=True)
    with pytest.raises(ValueError, match=r"at most 4 units a layer and 4 examples.*\[2, 5, 1\]"):
        nn.explain_step(nn.initialize_parameters([2, 5, 1]), *nn.xor_data())
    with pytest.raises(ValueError, match="and 5 examples"):
        nn.explain_step(step["parameters"], np.ones((2, 5)), np.ones((1, 5)))


@pytest.mark.parametrize("argv", [["--explain"], ["--explain", "--exact", "--seed", "7"],
                                  ["--exercise"], ["--exercise", "--exact"]])
def test_the_command_line_explains_a_step(capsys, argv):
    assert nn.main(argv) == 0
    out = capsys.readouterr().out
    assert out.startswith("One step of gradient descent on a [2, 2, 1] network")
    assert ("Answers" in out) == ("--exercise" in argv)
    assert ("alpha = 1/10" in out) == ("--exact" in argv)
    assert max(map(len, out.splitlines())) <= 100
    with pytest.raises(SystemExit):
        nn.main(["--exact"])


# --------------------------------------------------------------------------------------
# The module and the command line. The tests run main() in this process, as
# `python nn_scratch.py ...` would, but where only a process of its own shows it: a
# learner's headless run, Ctrl-C, what the import needs, and the slow whole runs.


def run_script(*args, cwd=HERE):
    """Run nn_scratch.py as a learner would: headless, no display, no backend chosen."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DISPLAY", "WAYLAND_DISPLAY", "MPLBACKEND")}
    return subprocess.run([sys.executable, str(HERE / "nn_scratch.py"), *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=600)


def test_import_needs_numpy_only():
    code = "import sys, nn_scratch; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=HERE, capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip() == "False"


def test_python_nn_scratch_py_trains_xor_and_saves_pictures(tmp_path):
    result = run_script("--plots-dir", str(tmp_path / "plots"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no warnings
    out = result.stdout
    assert "epoch    1/2000" in out and "epoch 2000/2000" in out
    assert "4 of 4 predictions on the right side of 0.5" in out
    assert "has not learnt" not in out
    # The command line's defaults are train's: the same final loss, to the digit printed.
    _, losses = nn.train(*nn.xor_data(), nn.XOR_LAYERS, seed=0, print_every=0)
    assert f"final loss {losses[-1]:.6f};" in out
    for name in ("loss_curve.png", "decision_boundary.png", "hidden_units.png"):
        assert (tmp_path / "plots" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not (tmp_path / "plots" / "training.gif").exists()  # only with --animate


@pytest.mark.slow
def test_pip_install_e_lets_a_script_in_any_folder_import_the_module(tmp_path):
    # README's `pip install -e .`, in a fresh virtual environment, then README's training
    # loop by hand saved as a learner's script, in a folder of its own beside one named
    # nn_scratch (a clone, say), which Python would otherwise import as an empty package.
    subprocess.run([sys.executable, "-m", "venv", str(tmp_path / "venv")], check=True)
    python = str(tmp_path / "venv" / "bin" / "python")
    installed = subprocess.run([python, "-m", "pip", "install", "--quiet", "-e", str(HERE)],
                               capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr
    loop = next(code for _, _, code in README_EXAMPLES
                if "from nn_scratch import (initialize_parameters" in code)
    (tmp_path / "mine" / "nn_scratch").mkdir(parents=True)
    script = tmp_path / "mine" / "xor.py"
    script.write_text(loop + "import nn_scratch\nprint(nn_scratch.__file__)\n", encoding="utf-8")
    result = subprocess.run([python, str(script)], cwd=script.parent, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    printed = result.stdout.splitlines()
    assert printed[0].startswith("loss 0.000") and printed[-1] == str(HERE / "nn_scratch.py")


def gif_frames(path):
    """The durations of a GIF's frames, in ms: Pillow merges identical frames into one."""
    from PIL import Image

    with Image.open(path) as image:
        assert image.format == "GIF"
        durations = []
        for frame in range(image.n_frames):
            image.seek(frame)
            durations.append(image.info["duration"])
    return durations


@pytest.mark.slow
def test_the_animation_trains_as_train_does_and_spaces_its_frames_by_log_epoch(tmp_path):
    X, Y = nn.spiral_data(points_per_class=20)
    settings = dict(epochs=40, learning_rate=0.3, activation="relu",
                    output_activation="softmax", loss="cross_entropy", batch_size=16, seed=3)
    parameters, frames = nn._animate_training(tmp_path / "a.gif", X, Y, [2, 8, 3], "title",
                                              **settings)
    expected, _ = nn.train(X, Y, [2, 8, 3], print_every=0, **settings)
    for key in expected:  # in chunks between frames, with the same mini-batches
        np.testing.assert_array_equal(parameters[key], expected[key])
    # 50 steps of a factor 40^(1/49) = 1.078 from epoch 1 to 40, rounded: every epoch up
    # to 17, then 19, 20, 22, 24, 25, 27, 30, 32, 34, 37, 40; and the start.
    assert frames == 1 + 17 + 11
    durations = gif_frames(tmp_path / "a.gif")
    assert len(durations) == frames and durations[-1] > 9 * durations[0]  # the end, 10 frames


@pytest.mark.slow
def test_animate_writes_a_gif_of_the_xor_training(tmp_path):
    result = run_script("--animate", "--quiet", "--plots-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    gif = tmp_path / "training.gif"
    assert gif.stat().st_size < 3 * 2**20
    durations = gif_frames(gif)
    assert len(durations) == 44 and durations[-1] >= 5 * durations[0]  # as README says


@pytest.mark.parametrize("args, message", [
    (["--epochs", "0"], "epochs must be at least 1"),
    (["--learning-rate", "-1"], "finite positive number"),
    (["--learning-rate", "nan"], "learning_rate must be a finite positive number"),
    (["--learning-rate", "inf"], "learning_rate must be a finite positive number"),
    (["--layers", "0"], "must be at least 1"),
    (["--layers", "8", "0"], "must be at least 1"),
    (["--epochs", "many"], "invalid int value"),
    (["--activation", "swish"], "invalid choice"),
    (["--seed", "-2"], "--seed must be a non-negative integer"),
    (["--lesson", "digits", "--animate"], "--animate animates the XOR demo and --lesson spiral"),
    # Every option's value is checked, for every lesson, before anything starts.
    (["--lesson", "spiral", "--lr", "nan", "--epochs", "0"],
     "--epochs applies to the XOR demo (--lesson xor or all), not to --lesson spiral"),
    (["--lesson", "nonlinearity", "--activation", "relu"], "--activation applies to the XOR"),
    (["--lesson", "all", "--epochs", "-5"], "epochs must be at least 1"),
])
def test_command_line_errors_are_one_line(capsys, tmp_path, args, message):
    with pytest.raises(SystemExit) as exit_status:
        nn.main([*args, "--plots-dir", str(tmp_path)])
    assert exit_status.value.code == 2
    printed = capsys.readouterr()
    assert message in printed.err
    assert len(printed.err.strip().splitlines()) == 1 and "Traceback" not in printed.err
    assert printed.out == "" and not any(tmp_path.iterdir())  # refused before anything started


def test_layers_are_the_hidden_layers_for_xor_as_for_a_csv(monkeypatch, tmp_path):
    sizes = []
    monkeypatch.setattr(nn, "run_xor", lambda layer_dims, *args, **kwargs: sizes.append(
        layer_dims))
    for argv in (["--layers", "8"], ["--layers", "8,3"], ["--layers", "8", "3"], []):
        assert nn.main(argv + ["--plots-dir", str(tmp_path)]) == 0
    assert sizes == [[2, 8, 1], [2, 8, 3, 1], [2, 8, 3, 1], nn.XOR_LAYERS]


def test_command_line_help(capsys):
    with pytest.raises(SystemExit) as exit_status:
        nn.main(["--help"])
    assert exit_status.value.code == 0
    out = capsys.readouterr().out
    for option in ("--layers", "--epochs", "--learning-rate", "--activation", "--seed",
                   "--plots-dir", "--lesson", "--quiet"):
        assert option in out


# --------------------------------------------------------------------------------------
# The lessons, each run once (the fixture `lesson`), through the command line


def test_lesson_nonlinearity_shows_what_readme_says(lesson):
    final = lesson("nonlinearity").result
    assert final["linear"] > 0.24  # stuck: a linear network cannot separate XOR
    assert all(final[name] < 1e-3 for name in ("sigmoid", "tanh", "relu"))


def test_lesson_learning_rate_shows_what_readme_says(lesson):
    rates = lesson("learning-rate").result
    assert rates[0.1] > 0.2 and rates[500.0] > 0.45  # too small, too large
    assert rates[nn.LEARNING_RATE] < rates[1.0] < 0.01


def test_lesson_spiral_reaches_what_readme_says(lesson):
    assert lesson("spiral").result > 0.95


@pytest.mark.slow  # its network trains in the default suite too: a healthy training
def test_lesson_digits_reaches_what_readme_says(lesson):
    assert lesson("digits").result >= 0.96  # README: 96.7%


def test_lesson_overfitting_shows_what_readme_says(lesson):
    final = lesson("overfitting").result
    stopped, none, l2 = (final[key] for key in ("early stopping, patience 50",
                                                "no regularisation",
                                                "L2 regularisation, lambd = 0.05"))
    assert l2 < stopped < none  # README: 0.81, 0.90 and 1.00


@pytest.mark.slow
def test_lesson_regularization_shows_what_readme_says(lesson):
    final = lesson("regularization").result
    end = {name.split(",")[0]: value["val_loss"] for name, value in final.items()}
    assert end["L2"] < end["L1"] < end["no regularisation"] < end["dropout"]  # README
    small = {name.split(",")[0]: value["small_weights"] for name, value in final.items()}
    assert small["L1"] > 0.75 and small["L2"] < 0.05  # README: 82% and 1%


@pytest.mark.slow
def test_lesson_optimizers_shows_what_readme_says(lesson):
    final = lesson("optimizers").result
    neuron, spirals = final["neuron"], final["spirals"]
    # In the valley, momentum and Adam have reached the bottom; gradient descent has not.
    assert abs(neuron["momentum"] - neuron["adam"]) < 1e-4 < neuron["gd"] - neuron["adam"]
    # README: 0.054 at 1, 0.033 at 3, 0.018 at 0.03; each best rate inside its range.
    assert spirals["adam"][1] < spirals["momentum"][1] < spirals["gd"][1] < 0.1
    for name, (rate, _) in spirals.items():
        assert nn.SPIRAL_RATES[name][0] < rate < nn.SPIRAL_RATES[name][-1]


def test_lesson_initialization_shows_what_readme_says(lesson):
    ratios = lesson("initialization").result
    assert 0.8 < ratios["relu", "He: N(0, 2/n[l-1])"] < 1.25  # README: 1.0
    assert 0.03 < ratios["relu", "N(0, 1/n[l-1])"] < 0.07  # 0.049
    assert 0.15 < ratios["tanh", "N(0, 1/n[l-1])"] < 0.35  # 0.24
    assert max(ratios["relu", "too small: N(0, 0.01²)"],
               ratios["tanh", "too small: N(0, 0.01²)"]) < 1e-6  # 1e-9 and 2e-8


@pytest.mark.parametrize("seed", [0, pytest.param(1, marks=pytest.mark.slow)])
def test_batch_normalisation_trains_the_deep_network_as_readme_says(lesson, seed):
    results = lesson("batchnorm", seed).result
    plain, normalised = results["sigmoid", False], results["sigmoid", True]
    assert min(plain[0]) > 2.25 and plain[1] < 0.15  # stalls at chance: ln 10 = 2.303, 10 %
    assert normalised[0][-1] < 0.2 and normalised[1] > 0.93  # README: 0.08 to 0.13, 96 to 99 %
    plain, normalised = results["relu", False], results["relu", True]
    assert normalised[0][4] < plain[0][4] / 2  # faster: after 5 epochs, 0.20 to 0.26 vs 0.53 up
    assert normalised[1] > 0.93  # and the plain one may diverge (seed 1): the lesson goes on


def test_the_doctor_lesson_finds_what_readme_says(lesson):
    results = lesson("doctor").result
    too_large, die, vanish = (results[name] for name in (
        "A learning rate too large", "Relu units that die", "A gradient that vanishes"))
    # README: three findings, in this order, and a fourth first where the chaotic loss rises
    # far enough back, which turns on the rounding (NumPy 1.23 yes; 2.4's SkylakeX and
    # Haswell kernels no).
    steady = [f for f in too_large if not f.startswith("The loss rose,")]
    assert [f.split(" ")[:3] for f in steady] == [
        ["The", "loss", "ends"], ["Saturated", "units:", "from"], ["Layer", "2's", "steps"]]
    assert "above chance" in steady[0] and "too large" in steady[2]
    assert too_large in (steady, [too_large[0], *steady])  # the rise, if made, first
    assert [f.split(":")[0] for f in die] == ["The loss ends at chance", "Dead units"]
    assert "100% of layer 2's relu units" in die[1]
    assert [f.split(" ")[:4] for f in vanish] == [
        ["The", "loss", "ends", "at"], ["The", "gradient", "vanishes", "towards"],
        ["Layer", "1's", "steps", "are"]]
    # README: 2.6e-02 at the output, 3.2e-07 at layer 1. The last digit moves with the
    # rounding of the BLAS kernel that OpenBLAS picks for the processor; the orders of
    # magnitude do not: eight sigmoid layers, each with sigma' <= 1/4.
    output, first = map(float, re.search(r"its RMS is (\S+) at the output layer and (\S+) at "
                                          r"layer 1", vanish[1]).groups())
    assert 1e-2 < output < 1e-1 and 1e-7 < first < 1e-6
    assert "too small" in vanish[2]


def test_each_lesson_says_first_what_it_does_and_names_its_picture(lesson):
    for name in ("nonlinearity", "learning-rate", "spiral", "overfitting", "initialization",
                 "batchnorm", "doctor", "bugs"):
        run = lesson(name)
        assert run.printed.startswith("\n" + " ".join(nn.LESSONS[name].__doc__.split(
            "\n\n")[0].split()) + "\n")
        pictures = list(run.folder.iterdir())  # the lesson made its folder
        assert [path.suffix for path in pictures] == [".png"], name
        assert f"saved {pictures[0]}" in run.printed
        assert pictures[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.slow
def test_the_lessons_run_from_the_command_line(tmp_path):
    result = run_script("--lesson", "all", "--plots-dir", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert "lesson spiral: training accuracy" in result.stdout
    pictures = sorted((tmp_path / "out").glob("*.png"))
    assert len(pictures) == 15
    for picture in pictures:  # each one named as it is saved
        assert f"saved {picture}" in result.stdout or picture.name in result.stdout, picture
    for name, lesson in nn.LESSONS.items():  # each lesson says first what it does
        assert lesson.__doc__.splitlines()[0] in result.stdout, name
    # README's table of MNIST. A row moves by up to 0.04 points with NumPy and the BLAS
    # kernel that OpenBLAS picks (README); a mistake moves it further.
    readme = [2.44, 2.01, 1.97, 2.01, 2.01]
    rows = re.findall(r"^(\d-layer, [\d+]+ hidden) +([\d.]+)% +([\d.]+)% +[\d.]+$",
                      result.stdout, re.MULTILINE)
    assert len(rows) == len(nn.MNIST_TABLE) == len(readme)
    for (name, published, ours), expected in zip(rows, readme):
        assert abs(float(ours) - expected) <= 0.1, name
        assert float(ours) < float(published) or name == "2-layer, 800 hidden"  # not Simard


def test_data_trains_on_a_csv_file_from_the_command_line(tmp_path, capsys):
    # Three classes of points in the plane, named by text, with a header.
    rng = np.random.default_rng(0)
    centres = {"red": (0, 0), "green": (3, 0), "blue": (1.5, 2.5)}
    lines = ["x1,x2,colour"] + [f"{x + rng.normal(0, 0.5):.3f},{y + rng.normal(0, 0.5):.3f},{c}"
                                for c, (x, y) in centres.items() for _ in range(40)]
    path = write_csv(tmp_path / "points.csv", "\n".join(lines) + "\n")
    assert nn.main(["--data", str(path), "--epochs", "30", "--layers", "16,8",
                    "--plots-dir", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr()
    out = printed.out
    assert printed.err == ""
    assert "120 examples, 2 features, target 3 classes: blue, green, red" in out
    assert "training a [2, 16, 8, 3] network" in out
    held_out = float(re.search(r"held-out accuracy ([\d.]+)% on 30 examples", out)[1])
    assert held_out >= 90
    picture = tmp_path / "out" / "data_points.png"
    assert f"saved {picture}" in out and picture.stat().st_size > 0


def test_data_predicts_a_number_and_names_its_mistakes(tmp_path, capsys):
    rng = np.random.default_rng(1)
    x = rng.uniform(-2, 2, (200, 3))
    y = x @ [3.0, -2.0, 0.5] + 0.1 * rng.standard_normal(200)
    path = write_csv(tmp_path / "linear.csv", "a,b,c,y\n" + "".join(
        f"{a:.4f},{b:.4f},{c:.4f},{t:.4f}\n" for (a, b, c), t in zip(x, y)))
    assert nn.main(["--data", str(path), "--target", "y", "--epochs", "40", "--optimizer", "adam",
                    "--batch-size", "16", "--lr", "0.01", "--plots-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "target a number (regression)" in out
    assert float(re.search(r"held-out R\^2 ([\d.]+) on 50 examples", out)[1]) > 0.95
    assert (tmp_path / "data_linear.png").exists()
    for argv, message in [
        (["--data", str(tmp_path / "none.csv")], "No such file or directory"),
        (["--data", str(path), "--target", "z"], "has no column 'z'"),
        (["--data", str(path), "--lesson", "digits"], "--data trains on your file"),
        (["--target", "y"], "--target applies to --data FILE.csv"),
        (["--lesson", "digits", "--quick"], "--quick shortens --lesson mnist"),
        (["--data", str(path), "--layers", "16,x"], "layer sizes are whole numbers"),
    ]:
        with pytest.raises(SystemExit) as exit_status:
            nn.main(argv + ["--plots-dir", str(tmp_path)])
        assert exit_status.value.code in (1, 2)
        assert message in capsys.readouterr().err, argv


def test_pictures_make_their_folder(tmp_path):
    folder = tmp_path / "new" / "deeper"  # and so does each lesson (the fixture `lesson`)
    nn.plot_loss_curve([1.0, 0.5, 0.25], folder / "loss.png")
    assert [path.name for path in folder.iterdir()] == ["loss.png"]


@pytest.mark.parametrize("losses, plain", [([2.327, 2.31, 2.312], True),  # within a decade
                                            ([2.3, 0.5, 0.02], False)])  # over two
def test_a_loss_within_a_decade_reads_as_plain_numbers(losses, plain):
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    nn._draw_losses(ax, {"loss": losses}, "title")
    fig.canvas.draw()
    labels = [label.get_text() for label in ax.get_yticklabels(minor=True) if label.get_text()]
    # Within a decade matplotlib labels only minor ticks, by default as "2.31 x 10^0".
    assert bool(labels) == plain
    assert all(float(text) > 0 for text in labels)


def test_pictures_of_a_loss_that_reached_zero_and_of_seven_classes(tmp_path):
    # Warnings are errors here: a log scale given only zeros would warn.
    nn.plot_loss_curve([1.0, 0.5, 0.0, 0.0], tmp_path / "zero.png")
    nn.plot_loss_curve([0.0, 0.0], tmp_path / "zeros.png")
    X, Y = nn.spiral_data(points_per_class=10, classes=7)
    parameters = nn.initialize_parameters([2, 8, 7], seed=0)
    nn.plot_decision_boundary(parameters, X, Y, tmp_path / "seven.png", "relu", "softmax")
    assert all((tmp_path / name).stat().st_size > 0 for name in ("zero.png", "zeros.png",
                                                                  "seven.png"))


def test_a_network_trains_the_parameters_loaded_into_it_whatever_their_shape(tmp_path):
    X, Y = nn.xor_data()
    path = nn.save_parameters(nn.initialize_parameters([2, 8, 1], seed=1), tmp_path / "eight")
    network = nn.NeuralNetwork([2, 4, 1], seed=0)
    network.train(X, Y, epochs=3, print_every=0, optimizer="momentum")
    network.parameters = nn.load_parameters(path)
    assert network.layers == [2, 8, 1] and "layers=[2, 8, 1]" in repr(network)
    with pytest.raises(ValueError):  # NumPy's: the old averages are of the old shapes
        network.train(X, Y, epochs=3, print_every=0, optimizer="momentum")
    network.train(X, Y, epochs=3, print_every=0)  # another optimiser starts afresh
    assert network.parameters["W1"].shape == (8, 2) and len(network.losses) == 6


# --------------------------------------------------------------------------------------
# Odd, damaged and extreme inputs: a clear error of the library's own, or a right result


P_OK = nn.initialize_parameters([2, 3, 1], seed=0)
_, CACHE_OK = nn.forward_prop(X_OK, P_OK)
GRADS_OK = nn.back_prop(P_OK, CACHE_OK, Y_OK)
V_OK = nn.initialize_velocity(P_OK)
SOFTMAX_P = nn.initialize_parameters([2, 3, 3], seed=0)
SOFTMAX_Y = np.eye(3)[[0, 1, 2, 0]].T
_, SOFTMAX_CACHE = nn.forward_prop(X_OK, SOFTMAX_P, "tanh", "softmax")
_, RELU_CACHE = nn.forward_prop(X_OK, P_OK, "relu")


def without(dictionary, key):
    return {name: value for name, value in dictionary.items() if name != key}


ODD_CALLS = [
    # (what a learner did, the call, the error, a piece of its message)
    ("parameters through JSON: lists", lambda: nn.forward_prop(
        X_OK, {key: value.tolist() for key, value in P_OK.items()}),
     TypeError, "must be a NumPy array of real numbers (float64 or float32); got list"),
    ("parameters without b2", lambda: nn.forward_prop(X_OK, without(P_OK, "b2")),
     ValueError, "without 'b2'"),
    ("parameters with an extra W3", lambda: nn.forward_prop(X_OK, {**P_OK, "W3": np.ones((1, 1))}),
     ValueError, "without 'b3'"),
    ("parameters of mismatched shapes", lambda: nn.forward_prop(
        X_OK, {**P_OK, "W2": np.ones((1, 4))}),
     ValueError, "W2 has shape (1, 4); it must be (n[2], n[1])"),
    ("parameters holding NaN", lambda: nn.predict(
        X_OK, {**P_OK, "b1": np.full((3, 1), np.nan)}, "sigmoid", "sigmoid"),
     FloatingPointError, "b1 contains NaN or infinity; the parameters diverged"),
    ("a cache without Z2", lambda: nn.back_prop(P_OK, without(CACHE_OK, "Z2"), Y_OK),
     ValueError, "cache has no 'Z2'"),
    ("a cache from other parameters", lambda: nn.back_prop(SOFTMAX_P, CACHE_OK, SOFTMAX_Y),
     ValueError, "cache['Z2'] has shape (1, 4), but these parameters make (3, m)"),
    ("a cache from another activation", lambda: nn.back_prop(P_OK, RELU_CACHE, Y_OK),
     ValueError, "cache['A1'] is not sigmoid(cache['Z1']): the cache was made with another"),
    ("grads of the wrong shape", lambda: nn.update_parameters(
        P_OK, {**GRADS_OK, "dW1": np.ones(3)}, 0.1),
     ValueError, "grads['dW1'] has shape (3,) but parameters['W1'] has shape (3, 2)"),
    ("grads as a list", lambda: nn.update_parameters(P_OK, list(GRADS_OK.values()), 0.1),
     TypeError, "grads must be the dict back_prop returned"),
    ("softmax targets that are not distributions", lambda: nn.back_prop(
        SOFTMAX_P, SOFTMAX_CACHE, 0.5 * SOFTMAX_Y, "tanh", "softmax", "cross_entropy"),
     ValueError, "each column of Y to be a probability distribution"),
    ("Y_hat beyond [0, 1] in the cross-entropy", lambda: nn.compute_loss(
        np.array([[1.5, 0.5, 0.5, 0.5]]), Y_OK, "cross_entropy"),
     ValueError, "but Y_hat has values from 0.5 to 1.5"),
    ("Y = 2 in the cross-entropy", lambda: nn.compute_loss(
        np.full((1, 4), 0.5), np.array([[2.0, 0, 1, 0]]), "cross_entropy"),
     ValueError, "Y has values from 0 to 2: rescale Y to [0, 1]"),
    ("a 0-d Y_hat", lambda: nn.compute_loss(np.array(0.5), 0.5),
     ValueError, "Y_hat must be 2-D with shape (n_y, m)"),
    ("a 3-D Y_hat", lambda: nn.compute_loss(np.full((1, 1, 4), 0.5), Y_OK),
     ValueError, "got shape (1, 1, 4)"),
    ("Y_hat and Y of different shapes, the loss alone", lambda: nn.mean_squared_error(
        np.zeros((1, 4)), np.zeros((1, 3))),
     ValueError, "Y_hat and Y must have the same shape"),
    ("no examples, to train", lambda: nn.train(np.zeros((2, 0)), np.zeros((1, 0)), [2, 3, 1]),
     ValueError, "X and Y have no examples (shape (1, 0))"),
    ("no examples, for a loss", lambda: nn.compute_loss(np.zeros((1, 0)), np.zeros((1, 0))),
     ValueError, "no examples"),
    ("no examples, to check gradients", lambda: nn.gradient_check(
        P_OK, np.zeros((2, 0)), np.zeros((1, 0))),
     ValueError, "no examples"),
    ("complex inputs", lambda: nn.train(X_OK + 1j, Y_OK, [2, 3, 1]),
     TypeError, "X must be an array of numbers; it holds complex numbers"),
    ("numbers as text", lambda: nn.train(X_OK.astype(str), Y_OK, [2, 3, 1]),
     TypeError, "X must be an array of numbers; it holds text"),
    ("bytes", lambda: nn.predict(b"\x00\x01", P_OK, "sigmoid", "sigmoid"),
     TypeError, "X must be an array of numbers; it holds bytes"),
    ("layer sizes as a set", lambda: nn.train(X_OK, Y_OK, {2, 3, 1}),
     TypeError, "layer_dims must be a list of layer sizes"),
    ("keep_prob above 1", lambda: nn.forward_prop(X_OK, P_OK, keep_prob=1.5),
     ValueError, "keep_prob must be at most 1, such as 0.8: it is the share of hidden units kept"),
    ("keep_prob of 0", lambda: nn.train(X_OK, Y_OK, [2, 3, 1], keep_prob=0),
     ValueError, "keep_prob must be a finite positive number such as 0.8; got 0"),
    ("a negative L1 strength", lambda: nn.compute_loss(np.full((1, 4), 0.5), Y_OK,
                                                       parameters=P_OK, lambd_l1=-1),
     ValueError, "lambd_l1 must be a finite non-negative number such as 0.1; got -1"),
    ("L1 without the weights", lambda: nn.compute_loss(np.full((1, 4), 0.5), Y_OK, lambd_l1=1),
     ValueError, "lambd_l1 > 0 penalises the weights, so compute_loss needs them"),
    ("beta of 1 for momentum",
     lambda: nn.update_parameters_with_momentum(P_OK, GRADS_OK, V_OK, 1.0, 0.1),
     ValueError, "beta must be below 1, such as 0.9: it is the share of the old average kept"),
    ("a negative beta2 for Adam",
     lambda: nn.update_parameters_with_adam(P_OK, GRADS_OK, V_OK, V_OK, 1, beta2=-0.1),
     ValueError, "beta2 must be a finite non-negative number such as 0.9; got -0.1"),
    ("Adam's step counted from 0", lambda: nn.update_parameters_with_adam(
        P_OK, GRADS_OK, V_OK, V_OK, 0), ValueError, "t (the number of the step, from 1) must be"),
    ("a velocity missing a key", lambda: nn.update_parameters_with_momentum(
        P_OK, GRADS_OK, without(V_OK, "db2"), 0.9, 0.1),
     ValueError, "v has no 'db2': pass the dict initialize_velocity returned"),
    ("s of the wrong shape", lambda: nn.update_parameters_with_adam(
        P_OK, GRADS_OK, V_OK, {**V_OK, "dW1": np.ones((2, 3))}, 1),
     ValueError, "s['dW1'] has shape (2, 3) but parameters['W1'] has shape (3, 2): pass the s "
                 "initialize_adam returned"),
    ("an unknown activation to initialise for",
     lambda: nn.initialize_parameters([2, 3, 1], 0, "elu"),
     ValueError, "unknown activation 'elu'; choose one of 'sigmoid', 'tanh', 'relu', 'linear'"),
    ("epsilon = 0", lambda: nn.gradient_check(P_OK, X_OK, Y_OK, epsilon=0),
     ValueError, "epsilon must be a finite positive number such as 1e-7; got 0"),
    ("epsilon as text", lambda: nn.gradient_check(P_OK, X_OK, Y_OK, epsilon="1e-7"),
     TypeError, "epsilon must be a number"),
    ("a decision map for 3 inputs", lambda: nn.plot_decision_boundary(
        nn.initialize_parameters([3, 2, 1]), np.zeros((3, 4)), Y_OK, "x.png", "sigmoid",
        "sigmoid"), ValueError,
     "draws the plane of a network's 2 inputs, but this network has 3 inputs"),
    ("hidden units of a 3-input network", lambda: nn.plot_hidden_units(
        nn.initialize_parameters([3, 2, 1]), np.zeros((3, 4)), Y_OK, "x.png", "sigmoid",
        "sigmoid"), ValueError,
     "plot_hidden_units draws the plane of a network's 2 inputs and its one output, but"),
    ("hidden units of a softmax network", lambda: nn.plot_hidden_units(
        nn.initialize_parameters([2, 2, 3]), np.zeros((2, 3)), np.eye(3), "x.png", "sigmoid",
        "softmax"),
     ValueError, "this network has 2 inputs and 3 outputs"),
]


@pytest.mark.parametrize("what, call, error, message", ODD_CALLS,
                         ids=[case[0] for case in ODD_CALLS])
def test_odd_input_gets_a_clear_error(what, call, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call()


def test_what_numpy_would_do_wrong_is_right_instead():
    # A Fraction or a long double as the learning rate: plain float64 parameters.
    for rate in (Fraction(1, 10), np.longdouble(0.1), np.float32(0.1)):
        parameters, _ = nn.train(X_OK, Y_OK, [2, 3, 1], epochs=5, learning_rate=rate, seed=0,
                                 print_every=0)
        assert all(value.dtype == np.float64 for value in parameters.values())
    # Zero examples have a prediction: none.
    assert nn.predict(np.zeros((2, 0)), P_OK, "sigmoid", "sigmoid").shape == (1, 0)
    # Scores 2e308 apart: the larger one is certain, without an overflow warning.
    np.testing.assert_array_equal(nn.softmax(np.array([[1e308], [-1e308]])), [[1.0], [0.0]])
    # Booleans, integers and nested lists are numbers.
    np.testing.assert_array_equal(nn.predict(X_OK.astype(bool), P_OK, "tanh", "sigmoid"),
                                  nn.predict(X_OK, P_OK, "tanh", "sigmoid"))
    np.testing.assert_array_equal(nn.predict(X_OK.astype(int).tolist(), P_OK, "tanh", "sigmoid"),
                                  nn.predict(X_OK, P_OK, "tanh", "sigmoid"))
    assert nn.sigmoid(0.0) == 0.5 and nn.relu([-1.0, 2.0]).tolist() == [0.0, 2.0]


def test_a_cache_printed_to_8_decimals_is_accepted():
    # The courses print their test cases' caches rounded; back_prop takes them, and the
    # gradients are those of the rounded numbers.
    for activation in ("sigmoid", "relu", "tanh"):
        _, cache = nn.forward_prop(X_OK, P_OK, activation)
        rounded = {key: np.round(value, 8) for key, value in cache.items()}
        grads = nn.back_prop(P_OK, rounded, Y_OK, activation)
        for key, value in nn.back_prop(P_OK, cache, Y_OK, activation).items():
            np.testing.assert_allclose(grads[key], value, atol=1e-6)


def test_the_updates_take_parameters_of_any_shapes_that_match_their_gradients():
    # The courses' update test cases hold W2 (3, 3) after W1 (2, 3): no network, and no
    # need of one, as an update is elementwise.
    rng = np.random.default_rng(0)
    parameters = {"W1": rng.standard_normal((2, 3)), "b1": rng.standard_normal((2, 1)),
                  "W2": rng.standard_normal((3, 3)), "b2": rng.standard_normal((3, 1))}
    grads = {f"d{key}": rng.standard_normal(value.shape) for key, value in parameters.items()}
    new = nn.update_parameters(parameters, grads, 0.01)
    v = nn.initialize_velocity(parameters)
    new_momentum, v = nn.update_parameters_with_momentum(parameters, grads, v, 0.9, 0.01)
    v, s = nn.initialize_adam(parameters)
    new_adam, v, s = nn.update_parameters_with_adam(parameters, grads, v, s, 2, 0.01)
    for key in parameters:
        dW = grads[f"d{key}"]
        np.testing.assert_allclose(new[key], parameters[key] - 0.01 * dW, rtol=1e-15)
        np.testing.assert_allclose(new_momentum[key], parameters[key] - 0.01 * 0.1 * dW,
                                   rtol=1e-15)
        v_hat, s_hat = 0.1 * dW / (1 - 0.9 ** 2), 0.001 * dW ** 2 / (1 - 0.999 ** 2)
        np.testing.assert_allclose(new_adam[key], parameters[key] - 0.01 * v_hat / (
            np.sqrt(s_hat) + 1e-8), rtol=1e-13)


def test_a_tuple_or_an_array_of_sizes_is_a_list_of_sizes():
    for sizes in ((2, 3, 1), np.array([2, 3, 1]), range(2, 0, -1)):
        parameters = nn.initialize_parameters(sizes, seed=0)
        assert parameters["W1"].shape[1] == 2


def test_nothing_changes_what_it_is_given_even_when_it_refuses_it():
    parameters, grads = copy.deepcopy(P_OK), copy.deepcopy(GRADS_OK)
    for call in (lambda: nn.update_parameters(parameters, grads, Fraction(1, 2)),
                 lambda: nn.update_parameters(parameters, {**grads, "dW1": np.ones(3)}, 0.1),
                 lambda: nn.train(X_OK, Y_OK, [2, 3, 1], epochs=2, print_every=0)):
        with contextlib.suppress(ValueError, TypeError):  # a Fraction: NumPy's TypeError
            call()
        for key in P_OK:
            np.testing.assert_array_equal(parameters[key], P_OK[key])
            np.testing.assert_array_equal(grads[f"d{key}"], GRADS_OK[f"d{key}"])


def test_gradient_check_has_no_false_alarm_at_relus_kink():
    # With zero biases, the input (0, 0) puts every hidden z exactly on relu's kink.
    X, Y = nn.xor_data()
    for seed in range(10):
        parameters = nn.initialize_parameters([2, 4, 1], seed=seed)
        assert nn.gradient_check(parameters, X, Y, "relu") < 1e-7


def test_gradient_check_still_catches_a_wrong_relu_derivative(monkeypatch):
    X, Y = nn.xor_data()
    parameters = nn.initialize_parameters([2, 4, 1], seed=0)
    monkeypatch.setitem(nn.DERIVATIVES, "relu", lambda z, a=None: 1.2 * (z > 0))
    assert nn.gradient_check(parameters, X, Y, "relu") > 1e-3


# Saving and loading, when things go wrong


def test_a_failed_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = nn.save_parameters(P_OK, tmp_path / "net.npz")
    before = path.read_bytes()

    def disk_full(file, **arrays):
        file.write(b"PK\x03\x04 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(nn.np, "savez", disk_full)
    with pytest.raises(OSError, match=re.escape(f"could not save parameters to {path}: No space")):
        nn.save_parameters(nn.initialize_parameters([2, 3, 1], seed=1), path)
    assert path.read_bytes() == before
    assert [entry.name for entry in tmp_path.iterdir()] == ["net.npz"]  # no temporary left


def test_an_interrupted_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = nn.save_parameters(P_OK, tmp_path / "net")
    before = path.read_bytes()

    def interrupted(file, **arrays):
        file.write(b"PK")
        raise KeyboardInterrupt

    monkeypatch.setattr(nn.np, "savez", interrupted)
    with pytest.raises(KeyboardInterrupt):
        nn.save_parameters(P_OK, path)
    assert path.read_bytes() == before and len(list(tmp_path.iterdir())) == 1


def test_save_replaces_a_file_keeping_its_permissions(tmp_path):
    path = nn.save_parameters(P_OK, tmp_path / "net.npz")
    path.chmod(0o640)
    other = nn.initialize_parameters([2, 5, 1], seed=3)
    nn.save_parameters(other, path)
    assert (path.stat().st_mode & 0o777) == 0o640
    np.testing.assert_array_equal(nn.load_parameters(path)["W1"], other["W1"])


def test_save_into_a_missing_folder_names_the_path(tmp_path):
    with pytest.raises(OSError, match=re.escape(str(tmp_path / "no" / "net.npz"))):
        nn.save_parameters(P_OK, tmp_path / "no" / "net.npz")


def damaged_files(folder):
    """{what: path} of files that load_parameters must refuse with a ValueError."""
    good = nn.save_parameters(P_OK, folder / "good.npz").read_bytes()
    files = {"empty": b"", "truncated": good[: len(good) // 2], "cut short": good[:-30],
             "text": b"W1 = [[1, 2]]", "zip of other files": None, "single array": None,
             "huge array header": None}
    paths = {}
    for what, content in files.items():
        paths[what] = folder / f"{what.replace(' ', '_')}.npz"
        if content is not None:
            paths[what].write_bytes(content)
    with zipfile.ZipFile(paths["zip of other files"], "w") as archive:
        archive.writestr("readme.txt", "not parameters")
    np.save(paths["single array"], np.zeros(3))
    paths["single array"] = paths["single array"].with_suffix(".npz.npy")
    # An .npy header that promises 10^12 numbers, with 16 bytes of data behind it.
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "<f8", "fortran_order": False, "shape": (10**12,)})
    with zipfile.ZipFile(paths["huge array header"], "w") as archive:
        archive.writestr("W1.npy", b"\x93NUMPY\x01\x00" + header.getvalue() + bytes(16))
    np.savez(folder / "pickled.npz", W1=np.array([{"code": 1}], dtype=object), b1=np.zeros(1))
    paths["pickled"] = folder / "pickled.npz"
    np.savez(folder / "nan.npz", **{**P_OK, "W2": np.full((1, 3), np.nan)})
    paths["holding NaN"] = folder / "nan.npz"
    np.savez(folder / "complex.npz", **{**P_OK, "W2": np.ones((1, 3)) * 1j})
    paths["complex"] = folder / "complex.npz"
    return paths


def test_load_refuses_every_damaged_file_with_one_error_naming_it(tmp_path):
    paths = damaged_files(tmp_path)
    assert len(paths) == 10
    for what, path in paths.items():
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an unclosed file would warn (ResourceWarning)
            with pytest.raises(ValueError, match=re.escape(str(path))) as refused:
                nn.load_parameters(path)
            gc.collect()
        assert "save_parameters" in str(refused.value), what


def test_load_of_a_missing_file_is_an_os_error_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.npz"):
        nn.load_parameters(tmp_path / "missing.npz")
    with pytest.raises(OSError, match=re.escape(str(tmp_path))):
        nn.load_parameters(tmp_path)


# The command line and the lessons, when things go wrong


def test_a_run_that_does_not_learn_xor_says_so_and_what_to_try(tmp_path, capsys):
    # (The default run learns it and says nothing of the kind: see the script's test.)
    assert nn.main(["--activation", "relu", "--plots-dir", str(tmp_path)]) == 0
    printed = capsys.readouterr()
    assert printed.err == ""
    assert "2 of 4 predictions on the right side of 0.5" in printed.out  # seed 0 fails
    assert "The network has not learnt XOR. Try another seed (--seed 1)" in printed.out
    assert "hidden units can die" in printed.out
    # run_xor, as a notebook's cell calls it, returns the network: its repr is one line.
    network = nn.run_xor(activation="linear", plots_dir=tmp_path)
    assert "A linear hidden layer cannot learn it" in capsys.readouterr().out
    assert repr(network) == ("NeuralNetwork(layers=[2, 4, 1], activation='linear', "
                             "output_activation='sigmoid', loss='mse')")
    assert network.losses[-1] > 0.2  # stuck: no straight line separates XOR


def test_a_lesson_whose_network_fails_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(nn, "_solves_xor", lambda parameters, activation: activation != "relu")
    monkeypatch.setattr(nn, "train", functools.partial(nn.train, epochs=10))  # no matter
    nn.lesson_nonlinearity(tmp_path, seed=0)
    assert "the relu network has not learnt XOR either" in capsys.readouterr().out


def test_interrupting_the_command_line_ends_in_one_line_with_status_130(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "DISPLAY"}
    process = subprocess.Popen(
        [sys.executable, str(HERE / "nn_scratch.py"), "--epochs", "100000000", "--plots-dir",
         str(tmp_path)], cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True)
    assert process.stdout.readline().startswith("Training a [2, 4, 1] network")
    assert process.stdout.readline().startswith("epoch")  # training has started
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stderr == "nn_scratch.py: interrupted\n"


def test_running_out_of_memory_ends_in_one_line(capsys, monkeypatch, tmp_path):
    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(nn, "train", out_of_memory)
    with pytest.raises(SystemExit) as exit_status:
        nn.main(["--plots-dir", str(tmp_path), "--quiet"])
    assert exit_status.value.code == 1
    assert capsys.readouterr().err == "nn_scratch.py: error: out of memory\n"


def test_training_out_of_memory_says_what_to_do(monkeypatch):
    def out_of_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(nn, "back_prop", out_of_memory)
    with pytest.raises(MemoryError, match="out of memory at epoch 1: a step on 4 examples"):
        nn.train(X_OK, Y_OK, [2, 3, 1], print_every=0)


# A fuzz of the public functions. Given a learner's mistakes (MISTAKES), the functions
# with checks answer with a right result or an error of the library's own, raised by a
# check; given what no learner passes (EXOTIC), and in the activations, which have no
# checks, Python's or NumPy's own error is fine. Either way, nothing given is changed.


MISTAKES = [None, True, 0, -1, 2, 1.5, float("nan"), float("inf"), "abc", [], [[]],
            [[1.0, 2.0]], {}, (2, 3, 1), np.zeros((0, 0)), np.zeros((2, 0)),
            np.zeros((1, 1, 4)), np.full((2, 4), np.nan), np.eye(2), {"W1": np.ones((3, 2))},
            {"W1": [[1.0, 2.0]], "b1": [[0.0]]}, {**P_OK, "W2": np.ones((1, 3)) * np.inf},
            without(CACHE_OK, "A1"), {**GRADS_OK, "dW2": np.ones((3, 1))}]
EXOTIC = [1e308, 10**400, b"x", 1j, Fraction(1, 3), {1, 2}, np.full((2, 4), 1e200),
          np.ones((2, 4), dtype=complex), np.array(["1", "2"]),
          np.ma.masked_array([[1.0]], [[True]]), np.array([[1, 2]], dtype=object)]
VALID = {"z": np.linspace(-3, 3, 8).reshape(2, 4), "a": None, "dA": np.ones((1, 4)),
         "Z": CACHE_OK["Z2"], "A": CACHE_OK["A2"], "X": X_OK, "Y": Y_OK, "y": Y_OK,
         "Y_hat": CACHE_OK["A2"], "parameters": P_OK, "cache": CACHE_OK, "grads": GRADS_OK,
         "layer_dims": [2, 3, 1], "layers": [2, 3, 1], "epochs": 2,
         "learning_rate": 0.5, "activation": "sigmoid", "output_activation": "sigmoid",
         "loss": "mse", "batch_size": None, "print_every": 0, "epsilon": 1e-6,
         "points_per_class": 5, "classes": 3, "noise": 0.2, "lambd": 0.0, "patience": None,
         "validation_data": None, "history": None, "test_size": 0.25, "v": V_OK, "s": V_OK,
         "t": 1, "beta": 0.9, "beta1": 0.9, "beta2": 0.999, "optimizer": "adam",
         "decay_rate": 0.1, "mini_batch_size": 2, "learning_rate0": 0.5,
         "epoch_num": 3, "time_interval": 2, "per_parameter": False,
         "keep_prob": 0.8, "lambd_l1": 0.1}
UNCHECKED = ["sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative", "relu",
             "relu_derivative", "linear", "linear_derivative", "softmax", "softmax_backward",
             "spiral_data"]
FUZZED = [*UNCHECKED, "activation_backward", "initialize_parameters", "forward_prop",
          "mean_squared_error", "mean_squared_error_derivative", "binary_cross_entropy",
          "categorical_cross_entropy", "compute_loss", "back_prop", "update_parameters", "train",
          "predict", "gradient_check", "initialize_velocity", "update_parameters_with_momentum",
          "initialize_rmsprop", "update_parameters_with_rmsprop", "initialize_adam",
          "update_parameters_with_adam", "accuracy", "train_test_split", "random_mini_batches",
          "update_lr", "schedule_lr_decay", "NeuralNetwork"]
OWN_ERRORS = (ValueError, TypeError, FloatingPointError)


def assert_unchanged(before, after):
    if isinstance(before, dict):
        assert isinstance(after, dict) and before.keys() == after.keys()
        for key in before:
            assert_unchanged(before[key], after[key])
    elif isinstance(before, np.ndarray):
        assert type(after) is type(before)
        np.testing.assert_array_equal(after, before)  # NaN where NaN was
    elif isinstance(before, (list, tuple, set)):
        assert after == before


@pytest.mark.parametrize("name", FUZZED)
@settings(max_examples=60, deadline=None, derandomize=True)
@given(data=st.data())
def test_fuzz_every_input_gets_a_result_or_an_error_and_nothing_changes(name, data):
    function = getattr(nn, name)
    arguments = {}
    for parameter in inspect.signature(function).parameters:
        if parameter in VALID:
            arguments[parameter] = data.draw(st.one_of(
                st.just(VALID[parameter]), st.sampled_from(MISTAKES),
                st.sampled_from(EXOTIC)), label=parameter)
    if name in ("train", "NeuralNetwork") and not isinstance(arguments.get("epochs", 2), int):
        arguments["epochs"] = 2  # a valid but huge count of epochs would only take long
    if name in ("train", "NeuralNetwork") and isinstance(arguments.get("epochs"), int):
        arguments["epochs"] = min(arguments["epochs"], 3)
    given = copy.deepcopy(arguments)
    exotic = any(value is odd for value in arguments.values() for odd in EXOTIC)
    try:
        function(**arguments)
    except Exception as error:  # warnings are errors here, and so land here too
        if not exotic and name not in UNCHECKED:
            assert isinstance(error, OWN_ERRORS), f"{name}({arguments}) raised {error!r}"
            frame = traceback.extract_tb(error.__traceback__)[-1]
            # A check, or the training loop telling that it diverged.
            diverged = frame.name == "train" and "training diverged" in str(error)
            assert Path(frame.filename).name == "nn_scratch.py" and (
                frame.name.startswith("_check") or diverged), (
                f"{name}({arguments}) raised {error!r} from {frame.name}, not from a check")
    assert_unchanged(given, arguments)


# --------------------------------------------------------------------------------------
# The file's shape: read top to bottom, copied a function at a time, run as a notebook


SOURCE = (HERE / "nn_scratch.py").read_text(encoding="utf-8")
MODULE = ast.parse(SOURCE)
# What README promises a student can copy into coursework.
COPYABLE = ["sigmoid", "sigmoid_derivative", "initialize_parameters", "forward_prop",
            "compute_loss", "back_prop", "update_parameters", "random_mini_batches", "update_lr",
            "schedule_lr_decay", "initialize_velocity", "update_parameters_with_momentum",
            "initialize_rmsprop", "update_parameters_with_rmsprop", "initialize_adam",
            "update_parameters_with_adam", "batchnorm_forward", "batchnorm_backward",
            "update_running_averages", "one_hot", "standardise"]
# The functions that hold mathematics: no check logic inside them, only a '# check' line.
MATHS = [*nn.ACTIVATIONS, *(f"{name}_derivative" for name in nn.ACTIVATIONS), "softmax",
         "softmax_backward", "initialize_parameters", "forward_prop", "mean_squared_error",
         "mean_squared_error_derivative", "binary_cross_entropy", "categorical_cross_entropy",
         "compute_loss", "activation_backward", "back_prop", "update_parameters", "train",
         "predict", "gradient_check", "initialize_velocity", "update_parameters_with_momentum",
         "initialize_adam", "update_parameters_with_adam"]


def top_level_definitions():
    """{name: ast node} for each function, class and assignment of nn_scratch.py, in order."""
    definitions = {}
    for node in MODULE.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            definitions[node.name] = node
        elif isinstance(node, ast.Assign):
            definitions.update({target.id: node for target in node.targets})
    return definitions


SOURCE_LINES = SOURCE.splitlines(keepends=True)


def source_of(node):
    """ast.get_source_segment(SOURCE, node), which on Python 3.9 splits the whole file
    into lines again at each call (17 s for the copy kits' tests)."""
    lines = [line.encode() for line in SOURCE_LINES[node.lineno - 1:node.end_lineno]]
    lines[-1] = lines[-1][:node.end_col_offset]  # offsets count UTF-8 bytes
    lines[0] = lines[0][node.col_offset:]
    return b"".join(lines).decode()


def is_check_call(node):
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id.startswith("_check"))


def without_check_lines(code):
    """The code without its lines marked '# check', and the block under an `if check:  #
    check` (the call of the function's check, which train's loop skips)."""
    kept, block = [], None  # the indentation of the `if check:` whose block is left out
    for line in code.splitlines():
        indent = len(line) - len(line.lstrip())
        if block is not None and (indent > block or not line.strip()):
            continue
        block = indent if line.endswith(":  # check") else None
        if not line.endswith("# check"):
            kept.append(line)
    return "\n".join(kept)


def names_to_copy(name):
    """`name` and every module-level name it uses, transitively, once its '# check' lines
    are gone: what README tells a student to copy. In the file's order."""
    definitions = top_level_definitions()
    needed, waiting = set(), [name]
    while waiting:
        current = waiting.pop()
        if current not in needed:
            needed.add(current)
            code = without_check_lines(source_of(definitions[current]))
            waiting += [node.id for node in ast.walk(ast.parse(code))
                        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)
                        and node.id in definitions]
    return [definition for definition in definitions if definition in needed]


def copy_kit(name):
    """The code a student pastes: the imports it uses (`import numpy as np`), then the
    function and the names it uses, each as written in nn_scratch.py, minus its check."""
    definitions = top_level_definitions()
    code = [without_check_lines(source_of(definitions[needed]))
            for needed in names_to_copy(name)]
    used = {node.id for node in ast.walk(ast.parse("\n".join(code))) if isinstance(node, ast.Name)}
    imports = [source_of(node) for node in MODULE.body
               if isinstance(node, (ast.Import, ast.ImportFrom))
               and {(alias.asname or alias.name) for alias in node.names} & used]
    return "\n".join(imports) + "\n\n\n" + "\n\n\n".join(code) + "\n"


def call_copyable(name, functions):
    """Call the function `name`, looked up in `functions` (the module's or a kit's), on the
    same inputs each time; return everything it returned."""
    f = functions[name]
    z = np.linspace(-40, 40, 33).reshape(3, 11)
    if name == "sigmoid":
        return [f(z), f(-745.5)]
    if name == "sigmoid_derivative":
        return [f(z), f(z, nn.sigmoid(z))]
    if name == "initialize_parameters":
        return [f([3, 5, 2], seed=0), f([4, 1], seed=np.random.default_rng(1))]
    if name == "random_mini_batches":
        X = np.arange(21.0).reshape(3, 7)
        return [f(X, X[:1] > 9, 2, seed=1), f(X, X[:1] > 9)]
    if name == "one_hot":
        return [f([2, 0, 1, 2]), f(np.array([[1.0, 0.0]]), 4)]
    if name == "standardise":
        X_train = np.vstack([z[:2], np.full(11, 3.0)])  # a constant feature too
        return [f(X_train), f(X_train, z[:, ::-1] * 2), f(np.arange(6).reshape(2, 3))]
    if name.startswith("batchnorm"):
        gamma, beta = np.array([[1.5], [0.5], [-1.0]]), np.array([[0.1], [0.0], [2.0]])
        Z_tilde, bn_cache = nn.batchnorm_forward(z, gamma, beta)
        if name == "batchnorm_forward":
            return [f(z, gamma, beta), f(z, gamma, beta, 1e-3, mu=beta, var=gamma ** 2)]
        return [f(Z_tilde * z, bn_cache)]
    if name == "update_running_averages":
        parameters = nn.initialize_parameters([11, 3, 4, 1], seed=0, batch_norm=True)
        _, cache = nn.forward_prop(z.T, parameters)
        return [f(parameters, cache), f(parameters, cache, 0.5)]
    if name in ("update_lr", "schedule_lr_decay"):
        return [f(0.5, epoch, 0.3, *([100] if name == "schedule_lr_decay" else []))
                for epoch in (0, 10, 100, 250)]
    results = []
    for number, (activation, output_activation, loss) in enumerate(COMBINATIONS):
        parameters, X, Y = random_problem(np.random.default_rng(number), [3, 4, 3, 2], 5,
                                          output_activation)
        Y_hat, cache = nn.forward_prop(X, parameters, activation, output_activation)
        grads = nn.back_prop(parameters, cache, Y, activation, output_activation, loss)
        if name == "forward_prop":
            results.append(f(X, parameters, activation, output_activation))
        elif name == "compute_loss":
            results.append(f(Y_hat, Y, loss, output_activation))
        elif name == "back_prop":
            results.append(f(parameters, cache, Y, activation, output_activation, loss))
        elif name in ("initialize_velocity", "initialize_rmsprop", "initialize_adam"):
            results.append(f(parameters))
        elif name == "update_parameters_with_rmsprop":
            squares = {key: g * g for key, g in grads.items()}
            results.append(f(parameters, grads, squares, 0.01, 0.9, 1e-7))
        elif name == "update_parameters_with_momentum":
            results.append(f(parameters, grads, {key: -g for key, g in grads.items()}, 0.9, 0.1))
        elif name == "update_parameters_with_adam":
            squares = {key: g * g for key, g in grads.items()}
            results.append(f(parameters, grads, grads, squares, 3, 0.01, 0.8, 0.99, 1e-7))
        else:
            results.append(f(parameters, grads, 0.1))
    return results


def assert_identical(actual, expected):
    """Equal to the last bit, through nested tuples, lists and dicts of arrays and floats."""
    if isinstance(expected, dict):
        assert actual.keys() == expected.keys()
        for key in expected:
            assert_identical(actual[key], expected[key])
    elif isinstance(expected, (tuple, list)):
        assert len(actual) == len(expected)
        for a, e in zip(actual, expected):
            assert_identical(a, e)
    else:
        assert type(actual) is type(expected) and np.shape(actual) == np.shape(expected)
        assert np.asarray(actual).dtype == np.asarray(expected).dtype
        np.testing.assert_array_equal(actual, expected)


@pytest.mark.parametrize("name", COPYABLE)
def test_a_copied_function_runs_alone_and_gives_the_same_results(name):
    definitions = top_level_definitions()
    private = [needed for needed in names_to_copy(name)
               if needed.startswith("_") and isinstance(definitions[needed], ast.FunctionDef)]
    assert not private, f"copying {name} needs private helpers {private}"
    kit = copy_kit(name)
    assert "nn_scratch" not in kit and "_check" not in kit and "# check" not in kit
    namespace = {"__name__": "coursework"}  # a fresh namespace, as in a student's notebook
    exec(compile(kit, f"<{name} copied into coursework>", "exec"), namespace)
    assert_identical(call_copyable(name, namespace), call_copyable(name, vars(nn)))


def test_a_kit_without_its_maths_fails():
    # The kit test above can fail: leave out one name the function uses, and it does.
    kit = copy_kit("forward_prop").replace("def relu(z):", "def relu_renamed(z):")
    with pytest.raises(NameError, match="relu"):
        exec(compile(kit, "<an incomplete copy>", "exec"), {"__name__": "coursework"})


def test_the_file_reads_in_teaching_order_with_the_checks_last():
    definitions = top_level_definitions()
    order = ["sigmoid", "softmax", "initialize_parameters", "forward_prop", "compute_loss",
             "back_prop", "update_parameters", "train", "predict", "gradient_check",
             "save_parameters", "load_parameters", "NeuralNetwork", "update_parameters_with_adam",
             "accuracy", "dropout_forward", "batchnorm_forward", "diagnose", "xor_data",
             "load_digits", "load_mnist", "one_hot", "load_csv", "run_xor", "lesson_digits",
             "lesson_mnist", "run_csv", "main", "_check_scalars", "plot_decision_boundary"]
    lines = [definitions[name].lineno for name in order]
    assert lines == sorted(lines)
    assert definitions["forward_prop"].lineno < 300  # after the notes and sections 1, 2 alone
    headings = {line: number for number, line in enumerate(SOURCE.splitlines(), 1)
                if line.startswith("# ## Appendix")}
    appendix_a, appendix_b = (headings[f"# ## Appendix {part}"] for part in (
        "A: checking inputs", "B: drawing"))
    functions = [node for node in MODULE.body if isinstance(node, ast.FunctionDef)]
    checks = [node.lineno for node in functions if node.name.startswith("_check")]
    assert len(checks) > 10 and appendix_a < min(checks) and max(checks) < appendix_b
    assert all(node.name.startswith(("_", "plot_")) for node in functions
               if node.lineno > appendix_a)  # only drawing is public in the appendices
    assert "Appendix A" in nn.__doc__ and "# check" in nn.__doc__
    # Each function calls its check by its name: no lookup of one by a string.
    assert "globals()" not in SOURCE and not re.search(r"^import inspect", SOURCE, re.M)


def test_each_public_function_checks_its_input_in_one_marked_line():
    # A line marked '# check' calls the function's checks, or is an `if check:` whose
    # block does (train's loop gives check=False): what a copy into coursework leaves out.
    lines = SOURCE.splitlines()
    public = [node for node in ast.walk(MODULE) if isinstance(node, ast.FunctionDef)
              and (not node.name.startswith("_") or node.name == "__init__")]
    assert len(public) > 30
    for function in public:
        marked = [node for node in function.body if lines[node.lineno - 1].endswith("# check")]
        assert len(marked) <= 1, f"{function.name} has {len(marked)} '# check' lines"
        allowed = {line for node in marked for line in range(node.lineno, node.end_lineno + 1)}
        check_lines = {node.lineno for node in ast.walk(function) if is_check_call(node)}
        assert check_lines <= allowed, f"{function.name} checks outside its '# check' line"
        # train's decorator turns NumPy's overflow into an error, and train reports it.
        if function.name in MATHS and function.name != "train":
            logic = [node for node in ast.walk(function) if isinstance(node, (ast.Raise, ast.Try))]
            assert not logic, f"{function.name} has check logic inside its mathematics"
    assert {function.name for function in public} >= set(MATHS)
    # Each check called exists: a misspelt one would fail only when its line runs.
    for name in re.findall(r"\b(_check\w*)\(", SOURCE):
        assert callable(getattr(nn, name, None)), name


def test_check_false_skips_the_checks_and_nothing_else():
    parameters = nn.initialize_parameters([2, 3, 1], seed=0)
    with pytest.raises(ValueError, match="pass X.T"):  # the library's own error
        nn.forward_prop(X_OK.T, parameters)
    with pytest.raises(ValueError, match="matmul"):  # NumPy's
        nn.forward_prop(X_OK.T, parameters, check=False)
    Y_hat, cache = nn.forward_prop(X_OK, parameters, check=False)
    assert_identical((Y_hat, cache), nn.forward_prop(X_OK, parameters))


def test_activation_backward_leaves_its_arguments_alone():
    rng = np.random.default_rng(0)
    Z = rng.standard_normal((3, 4))
    for name in (*nn.ACTIVATIONS, "softmax"):
        A = nn.OUTPUT_ACTIVATIONS.get(name, nn.ACTIVATIONS.get(name))(Z)
        dA = rng.standard_normal((3, 4))
        originals = copy.deepcopy((dA, Z, A))
        dZ = nn.activation_backward(dA, Z, A, name)
        assert dZ is not dA
        for before, after in zip(originals, (dA, Z, A)):
            np.testing.assert_array_equal(before, after)


def notebook_cells(monkeypatch):
    """nn_scratch.py read as a notebook."""
    # Opt in to jupyter_core's new paths, which its older versions warn about on import.
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    import jupytext

    return jupytext.read(HERE / "nn_scratch.py", fmt="py:percent")


def test_notebook_cells_are_short(monkeypatch):
    # (The run a learner types into a cell returns the network, whose repr is one line:
    # see test_a_run_that_does_not_learn_xor_says_so_and_what_to_try.)
    code = [cell.source for cell in notebook_cells(monkeypatch).cells if cell.cell_type == "code"]
    assert len(code) > 30 and max(len(source.splitlines()) for source in code) <= 155


def test_the_file_runs_as_a_notebook_with_prose_and_pictures(tmp_path, monkeypatch):
    notebook = notebook_cells(monkeypatch)
    import nbformat
    from nbclient import NotebookClient

    # Every part in the map of the module's docstring opens with a heading and prose.
    parts = sorted((int(number), part) for number, part in
                   re.findall(r"(\d+)\. ([A-Za-z ,]+?)(?= {2,}|\n)", nn.__doc__))
    expected = [f"## {number}. {part[0].upper()}{part[1:]}" for number, part in parts]
    expected += ["## Appendix A: checking inputs", "## Appendix B: drawing"]
    headings = [cell.source.splitlines()[0] for cell in notebook.cells
                if cell.cell_type == "markdown" and cell.source.startswith("## ")]
    assert [number for number, _ in parts] == list(range(1, len(parts) + 1))
    assert len(parts) >= 18 and headings[:len(expected)] == expected
    # Cell by cell, in one kernel, with a cell of the learner's once the checks' cells have
    # run (the functions call them, in Appendix A): what the book defines works there.
    appendix_b = next(number for number, cell in enumerate(notebook.cells)
                      if cell.source.startswith("## Appendix B"))
    learners = nbformat.v4.new_code_cell(
        "parameters = initialize_parameters([2, 3, 1], seed=0)\n"
        "Y_hat, cache = forward_prop([[0.0, 1.0], [1.0, 0.0]], parameters, 'relu')\n"
        "print(sigmoid(0.0), Y_hat.shape, sorted(cache))")
    notebook.cells.insert(appendix_b, learners)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert [output["text"] for output in learners.outputs] == [
        "0.5 (1, 2) ['A0', 'A1', 'A2', 'Z1', 'Z2']\n"]
    outputs = [output for cell in notebook.cells if cell.cell_type == "code"
               for output in cell.outputs]
    assert not [output for output in outputs if output.get("output_type") == "error"]
    printed = "".join(output.text for output in outputs if output.get("name") == "stdout")
    assert "4 of 4 predictions on the right side of 0.5" in printed
    assert "One step of gradient descent on a [2, 2, 1] network" in printed  # explain_step's
    assert not [output for output in outputs if output.get("name") == "stderr"]  # no warnings
    pictures = [output for output in outputs if "image/png" in output.get("data", {})]
    assert len(pictures) == 3  # shown inline, and saved as well:
    assert {path.name for path in (tmp_path / "plots").iterdir()} == {
        "loss_curve.png", "decision_boundary.png", "hidden_units.png"}


# --------------------------------------------------------------------------------------
# README


README = (HERE / "README.md").read_text(encoding="utf-8")
CODE_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


# README's Python examples, numbered as they stand: (number, "python" or "pycon", code).
README_EXAMPLES = [(number, lang, code) for number, (lang, code) in enumerate(
    [block for block in CODE_BLOCK.findall(README) if block[0] in ("python", "pycon")], 1)]


def run_readme_examples(examples, folder, monkeypatch):
    """Run the examples in order, in one namespace; a `>>>` one must print what it shows."""
    import doctest

    monkeypatch.chdir(folder)  # examples may write files
    namespace = {"__name__": "readme"}
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, lang, code in examples:
        if lang == "python":
            exec(compile(code, f"README.md python block {number}", "exec"), namespace)
        else:
            test = doctest.DocTestParser().get_doctest(code, dict(namespace),
                                                       f"block {number}", "README.md", 0)
            runner.run(test, out=lambda text: pytest.fail(text), clear_globs=False)
            namespace.update(test.globs)
    assert runner.summarize(verbose=False).failed == 0


def test_every_python_example_in_readme_runs(tmp_path, monkeypatch):
    # But MNIST's, which trains on its 60,000 images: it runs with the slow tests.
    examples = [example for example in README_EXAMPLES if "load_mnist(" not in example[2]]
    assert len(examples) >= 4
    run_readme_examples(examples, tmp_path, monkeypatch)


@pytest.mark.slow
def test_readmes_mnist_example_runs(tmp_path, monkeypatch):
    examples = [example for example in README_EXAMPLES if "load_mnist(" in example[2]]
    assert len(examples) == 1
    run_readme_examples(examples, tmp_path, monkeypatch)


def math_spans(markdown):
    """(kind, tex, character before it) for every $$display$$ and $inline$ formula."""
    text = CODE_BLOCK.sub("", markdown)
    text = re.sub(r"`[^`\n]*`", "", text)
    spans = []
    for kind, pattern in (("display", r"\$\$(.+?)\$\$"), ("inline", r"\$(.+?)\$")):
        for match in re.finditer(pattern, text, re.DOTALL):
            spans.append((kind, match.group(1), text[match.start() - 1]))
        text = re.sub(pattern, " ", text, flags=re.DOTALL)
    return spans


def test_readme_shows_the_steps_by_hand_as_printed(capsys):
    shown = re.findall(r"```bash\npython nn_scratch.py (--e[^\n]*)\n```\n\n```text\n(.*?)```",
                       README, re.DOTALL)
    assert [args for args, _ in shown] == ["--explain", "--exercise --exact --seed 1"]
    for args, text in shown:
        assert nn.main(args.split()) == 0
        assert capsys.readouterr().out == text


def test_readme_math_avoids_what_github_renders_wrongly():
    # GitHub runs Markdown over the page before MathJax sees it: a backslash before
    # punctuation (\, \{ \\) is eaten as an escape, * and _ can turn into emphasis,
    # < starts HTML and ](...) a link; and $ right after a letter is not math.
    spans = math_spans(README)
    assert len(spans) > 80
    for kind, tex, before in spans:
        assert not re.search(r"\\[^A-Za-z]", tex), f"backslash before punctuation: {tex}"
        assert "*" not in tex and "<" not in tex and ">" not in tex and "](" not in tex, tex
        assert not re.search(r"(?<![A-Za-z0-9])_", tex), f"'_' after punctuation: {tex}"
        assert tex.count("{") == tex.count("}"), f"unbalanced braces: {tex}"
        assert not before.isalnum(), f"math right after a letter: {tex}"
        if kind == "inline":
            assert "\n" not in tex and tex == tex.strip(), f"inline math: {tex!r}"
    for line in README.splitlines():
        if "$$" in line:
            assert line.startswith("$$") and line.endswith("$$"), line


def test_readme_states_the_real_defaults_and_interface():
    assert "epochs=2000, learning_rate=5.0" in README
    assert (nn.EPOCHS, nn.LEARNING_RATE, nn.XOR_LAYERS) == (2000, 5.0, [2, 4, 1])
    for name in ("initialize_parameters", "sigmoid", "forward_prop", "compute_loss",
                 "back_prop", "update_parameters", "train", "predict", "gradient_check",
                 "NeuralNetwork", "save_parameters", "load_parameters"):
        assert re.search(rf"^\| [^|]*`{name}`", README, re.MULTILINE), name
    pictures = re.findall(r"\]\(([\w/.]+\.(?:png|gif))\)", README)
    assert len(pictures) == 17
    for picture in pictures:  # tracked, so not where runs write (plots/, ignored by git)
        assert picture.startswith("figures/") and (HERE / picture).exists(), picture


def test_readme_lists_exactly_what_each_copied_function_needs():
    section = README.split("### Copying a function into coursework")[1].split("\n## ")[0]
    assert "delete the line marked `# check` (an `if check:  # check` with the call" in section
    rows = re.findall(r"^\| `(\w+)` \| (.+) \|$", section, re.MULTILINE)
    listed = {name: re.findall(r"`(\w+)`", names) for name, names in rows}
    assert list(listed) == COPYABLE
    for name in COPYABLE:
        assert listed[name] == [needed for needed in names_to_copy(name) if needed != name], name
