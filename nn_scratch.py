r"""nn_scratch: a multi-layer perceptron built from scratch with NumPy alone.

Read this file top to bottom, like a chapter. Each section builds on the ones
above it, in the order the mathematics is taught:

    1. activations and their derivatives      7. updating the parameters
    2. checking inputs (friendly errors)      8. the training loop
    3. initialising the parameters            9. prediction
    4. forward propagation                   10. gradient checking
    5. the loss                              11. saving and loading
    6. backward propagation                  12. the NeuralNetwork class
                                             13. data sets, lessons and pictures
                                             14. the command line

Every function states the equation it implements and the shapes that go in and
out. Nothing runs on import; ``python nn_scratch.py`` trains a network on XOR.
The ``# %%`` markers make the file open as a notebook in Jupyter or VS Code.

Notation (the one used by popular deep-learning courses)
--------------------------------------------------------
Examples are *columns*: one column of ``X`` is one example.

    m           number of examples
    L           number of layers with weights; the input is layer 0
    n[l]        number of units in layer l; n[0] = n_x inputs, n[L] = n_y outputs
    X  = A[0]   (n_x, m)          the inputs
    Y           (n_y, m)          the targets
    W[l]        (n[l], n[l-1])    weights of layer l,  parameters["W{l}"]
    b[l]        (n[l], 1)         biases of layer l,   parameters["b{l}"]
    Z[l]        (n[l], m)         pre-activation       Z[l] = W[l] A[l-1] + b[l]
    A[l]        (n[l], m)         activation           A[l] = g(Z[l]);  Y_hat = A[L]
    J                             the loss, a number: the mean over the m examples
    dW[l], db[l]                  dJ/dW[l], dJ/db[l], the same shapes as W[l], b[l]
    dZ[l], dA[l]                  the gradients of the per-example losses with
                                  respect to Z[l], A[l] (so dW[l] = dZ[l] A[l-1]^T / m)

Everything is float64. ``parameters``, ``cache`` and ``grads`` are plain dicts,
and no function changes the arrays or dicts it is given.
"""

import argparse
import math
import numbers
import sys
from pathlib import Path

import numpy as np

# %% 1. Activations and their derivatives
# Each activation g is followed by its derivative g'. The derivatives take the
# activation's output `a` as an optional second argument: back_prop already has
# A = g(Z) in its cache, and sigmoid' and tanh' are cheapest written through it.


def sigmoid(z):
    r"""Logistic sigmoid, elementwise: sigma(z) = 1 / (1 + e^{-z}).

    Parameters
    ----------
    z : ndarray of any shape (or a number)

    Returns
    -------
    ndarray of the same shape, every value in [0, 1].

    Notes
    -----
    Written as above, ``1 / (1 + np.exp(-z))`` overflows at z = -1000 (e^{1000}
    is too large for a float) and NumPy warns. This function computes instead

        sigma(z) = e^{min(z, 0)} / (1 + e^{-|z|})

    For z >= 0 that is the definition; for z < 0 it is the definition with
    top and bottom multiplied by e^{z}. No exponent is ever positive, so
    nothing overflows, and the result is accurate to the last digit or so
    even where sigma(z) is tiny.
    """
    return np.exp(np.minimum(z, 0.0)) / (1.0 + np.exp(-np.abs(z)))


def sigmoid_derivative(z, a=None):
    r"""sigma'(z) = sigma(z) (1 - sigma(z)), elementwise.

    Parameters
    ----------
    z : ndarray of any shape
    a : ndarray of the same shape, optional
        sigma(z), if already known (back_prop has it in the cache): saves
        computing the sigmoid a second time.

    Returns
    -------
    ndarray of the same shape as z, values in [0, 1/4].
    """
    s = sigmoid(z) if a is None else a
    return s * (1.0 - s)


def tanh(z):
    r"""Hyperbolic tangent, elementwise: tanh(z) = (e^z - e^{-z}) / (e^z + e^{-z}).

    A rescaled sigmoid, tanh(z) = 2 sigma(2z) - 1, with values in [-1, 1]:
    centred on zero, which often makes the next layer learn faster.
    """
    return np.tanh(z)


def tanh_derivative(z, a=None):
    r"""tanh'(z) = 1 - tanh(z)^2, elementwise (pass a = tanh(z) if known)."""
    t = np.tanh(z) if a is None else a
    return 1.0 - t * t


def relu(z):
    r"""Rectified linear unit, elementwise: relu(z) = max(z, 0)."""
    return np.maximum(z, 0.0)


def relu_derivative(z, a=None):
    r"""relu'(z) = 1 where z > 0, else 0 (the step function; 0 at the kink z = 0).

    Returned as booleans, which multiply like 1 and 0: ``dA * relu_derivative(Z)``
    is the chain rule, and a boolean array takes an eighth of the memory of
    floats. ``a`` is accepted for a uniform signature and not needed.
    """
    return np.greater(z, 0)


def linear(z):
    r"""Identity, g(z) = z: a layer without a non-linearity (returns z itself)."""
    return z


def linear_derivative(z, a=None):
    r"""g'(z) = 1, elementwise."""
    return np.ones_like(z, dtype=float)


def softmax(z):
    r"""Softmax over each column: a_i = e^{z_i} / sum_k e^{z_k}.

    Parameters
    ----------
    z : ndarray of shape (n, m)
        One column of n scores per example.

    Returns
    -------
    ndarray of shape (n, m)
        Each column is a probability distribution: values in [0, 1], sum 1.

    Notes
    -----
    Subtracting the column's maximum first changes nothing (the factor
    e^{-max} cancels between numerator and denominator) but keeps every
    exponent <= 0, so e^{z} cannot overflow.
    """
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)


def softmax_backward(dA, a):
    r"""Back-propagate through softmax: dZ = A * (dA - sum_i A_i dA_i), per column.

    Softmax is not elementwise: every output depends on every input of its
    column, with Jacobian da_i/dz_j = a_i (delta_ij - a_j). Multiplying dA by
    it gives dz_j = sum_i dA_i a_i (delta_ij - a_j) = a_j (dA_j - sum_i a_i dA_i),
    which never builds the (n, n) Jacobian.

    Parameters
    ----------
    dA : ndarray of shape (n, m), gradient with respect to the softmax output
    a : ndarray of shape (n, m), the softmax output

    Returns
    -------
    dZ : ndarray of shape (n, m)
    """
    return a * (dA - np.sum(a * dA, axis=0, keepdims=True))


# Lookup tables: the names that `activation=` and `output_activation=` accept.
ACTIVATIONS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "linear": linear}
DERIVATIVES = {
    "sigmoid": sigmoid_derivative,
    "tanh": tanh_derivative,
    "relu": relu_derivative,
    "linear": linear_derivative,
}
OUTPUT_ACTIVATIONS = {"sigmoid": sigmoid, "softmax": softmax, "linear": linear}
LOSSES = ("mse", "cross_entropy")


def activation_backward(dA, Z, A, activation):
    r"""dZ = dA * g'(Z): the chain rule through A = g(Z), for any activation name.

    For an elementwise g each unit depends only on its own z, so the chain
    rule is an elementwise product; softmax couples a column's units and goes
    through :func:`softmax_backward`.

    Parameters
    ----------
    dA, Z, A : ndarrays of shape (n, m)
        dA is overwritten with the result: back_prop has just made it, and
        nothing else refers to it, so this saves allocating a new (n, m) array.
    activation : str, a key of ACTIVATIONS or OUTPUT_ACTIVATIONS

    Returns
    -------
    dZ : ndarray of shape (n, m)
    """
    if activation == "softmax":
        return softmax_backward(dA, A)
    dA *= DERIVATIVES[activation](Z, A)
    return dA


# %% 3. Initialising the parameters


def initialize_parameters(layer_dims, seed=None):
    r"""Small random weights and zero biases for a network of the given sizes.

        W[l] ~ Normal(0, 1 / n[l-1]),   b[l] = 0,   for l = 1..L

    Parameters
    ----------
    layer_dims : list of int, length L + 1
        [n_x, n[1], ..., n_y], for example [2, 4, 1].
    seed : int or numpy.random.Generator, optional
        The same seed gives the same parameters.

    Returns
    -------
    parameters : dict
        "W{l}" of shape (n[l], n[l-1]) and "b{l}" of shape (n[l], 1).

    Notes
    -----
    Why random: if all weights started equal, every unit of a layer would
    compute the same thing and receive the same gradient, forever.
    Why the scale 1/sqrt(n[l-1]): each z is a sum of n[l-1] terms w a, so with
    Var(w) = 1/n[l-1] the variance of z stays about that of a, layer after
    layer, instead of growing or shrinking geometrically with depth; that is
    what lets deep networks train. Biases can start at zero: the random
    weights already break the symmetry.
    """
    layer_dims = _check_layer_dims(layer_dims)
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)  # (n[l], n[l-1])
        parameters[f"b{l}"] = np.zeros((n, 1))  # (n[l], 1)
    return parameters


# %% 4. Forward propagation


def forward_prop(X, parameters, activation="sigmoid", output_activation="sigmoid"):
    r"""Run the network on X, keeping every intermediate result for back_prop.

    For l = 1..L:

        Z[l] = W[l] A[l-1] + b[l]       (n[l], n[l-1]) (n[l-1], m) + (n[l], 1) -> (n[l], m)
        A[l] = g(Z[l])                  g = activation, or output_activation when l = L

    with A[0] = X. The bias (n[l], 1) is broadcast: added to each of the m columns.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    parameters : dict of "W{l}", "b{l}", as made by initialize_parameters
    activation : {"sigmoid", "tanh", "relu", "linear"}
        Hidden layers' activation.
    output_activation : {"sigmoid", "softmax", "linear"}

    Returns
    -------
    Y_hat : ndarray of shape (n_y, m)
        A[L], the network's output.
    cache : dict
        "A0" (= X) and "Z{l}", "A{l}" for l = 1..L, each (n[l], m).
    """
    L = len(parameters) // 2
    _check_names(activation, output_activation, n_outputs=parameters[f"W{L}"].shape[0])
    X = _check_X(X, parameters["W1"].shape[1])
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        g = ACTIVATIONS[activation] if l < L else OUTPUT_ACTIVATIONS[output_activation]
        Z = parameters[f"W{l}"] @ A  # (n[l], n[l-1]) @ (n[l-1], m) -> (n[l], m)
        Z += parameters[f"b{l}"]  # + (n[l], 1) on every column; in place, Z is new
        A = g(Z)
        cache[f"Z{l}"] = Z
        cache[f"A{l}"] = A
    return A, cache


# %% 5. The loss
# Every loss is an average over the m examples (the columns), so its size does
# not depend on how many examples there are.


def mean_squared_error(Y_hat, Y):
    r"""J = 1/(n_y m) sum_{i,j} (y_hat_ij - y_ij)^2, the mean over every entry."""
    return float(((Y_hat - Y) ** 2).sum() / Y.size)


def mean_squared_error_derivative(Y_hat, Y):
    r"""dA[L] = (2 / n_y) (Y_hat - Y), (n_y, m): the per-example gradient of the MSE."""
    return (2.0 / Y.shape[0]) * (Y_hat - Y)


# Probabilities are clipped this far from 0 and 1 before taking logarithms, so a
# confidently wrong prediction (y_hat rounded to exactly 0 or 1) costs
# -log(eps) ~ 36 instead of infinity.
_EPS = np.finfo(float).eps


def binary_cross_entropy(Y_hat, Y):
    r"""J = -(1/m) sum_{i,j} [y log y_hat + (1 - y) log(1 - y_hat)].

    Each output unit answers its own yes/no question; an example's loss is the
    sum over its units, and J the mean over examples.
    """
    P = np.clip(Y_hat, _EPS, 1.0 - _EPS)
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(P) + (1.0 - Y) * np.log(1.0 - P)) / m)


def categorical_cross_entropy(Y_hat, Y):
    r"""J = -(1/m) sum_{i,j} y_ij log y_hat_ij, for one-hot (or probability) columns Y."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(np.clip(Y_hat, _EPS, 1.0))) / m)


def compute_loss(Y_hat, Y, loss="mse", output_activation="sigmoid"):
    r"""The loss J of predictions Y_hat against targets Y, a number.

    loss="mse":            J = 1/(n_y m) sum (y_hat - y)^2
    loss="cross_entropy":  binary, J = -(1/m) sum [y log y_hat + (1-y) log(1-y_hat)],
                           with a sigmoid output; categorical,
                           J = -(1/m) sum y log y_hat, with a softmax output.

    Parameters
    ----------
    Y_hat : ndarray of shape (n_y, m), the network's output
    Y : ndarray of shape (n_y, m), the targets (a 1-D y is read as (1, m))
    loss : {"mse", "cross_entropy"}
    output_activation : {"sigmoid", "softmax", "linear"}
        Decides which cross-entropy applies.

    Returns
    -------
    float

    Raises
    ------
    FloatingPointError
        If the loss is NaN or infinite.
    """
    Y_hat = _as_matrix(Y_hat, "Y_hat")
    if Y_hat.ndim == 1:
        Y_hat = Y_hat.reshape(1, -1)
    _check_output(output_activation, loss, n_outputs=Y_hat.shape[0])
    Y = _check_Y(Y, *Y_hat.shape)
    if loss == "mse":
        J = mean_squared_error(Y_hat, Y)
    elif output_activation == "softmax":
        J = categorical_cross_entropy(Y_hat, Y)
    else:
        J = binary_cross_entropy(Y_hat, Y)
    if not math.isfinite(J):  # never hand back a NaN loss to be averaged or plotted
        raise FloatingPointError(
            f"the loss is {J}: Y_hat or Y holds NaN or infinity (NaN in the data, or "
            f"parameters that diverged: try a smaller learning rate)"
        )
    return J


# %% 6. Backward propagation


def back_prop(parameters, cache, Y, activation="sigmoid", output_activation="sigmoid", loss="mse"):
    r"""The exact gradient of compute_loss with respect to every parameter.

    The chain rule, from the output back to the first layer. Output layer:

        dZ[L] = Y_hat - Y                         cross-entropy (sigmoid or softmax)
        dZ[L] = dA[L] * g'(Z[L]),  dA[L] = (2/n_y)(Y_hat - Y)      MSE

    then for l = L..1:

        dW[l]   = (1/m) dZ[l] A[l-1]^T    (n[l], m) (m, n[l-1]) -> (n[l], n[l-1])
        db[l]   = (1/m) sum_columns dZ[l]                      -> (n[l], 1)
        dA[l-1] = W[l]^T dZ[l]            (n[l-1], n[l]) (n[l], m) -> (n[l-1], m)
        dZ[l-1] = dA[l-1] * g'(Z[l-1])    elementwise

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    cache : dict, from forward_prop with the same parameters and activations
    Y : ndarray of shape (n_y, m), the targets
    activation, output_activation, loss : str
        The same names given to forward_prop and compute_loss.

    Returns
    -------
    grads : dict
        "dW{l}" and "db{l}", the same shapes as "W{l}" and "b{l}".
    """
    _check_names(activation, output_activation, loss)
    L = len(parameters) // 2
    A_L = cache[f"A{L}"]
    Y = _check_Y(Y, *A_L.shape)
    m = Y.shape[1]

    if loss == "cross_entropy":
        # With a sigmoid output and binary cross-entropy, per unit
        #   dl/da = (a - y) / (a (1 - a))   and   da/dz = a (1 - a),
        # so their product is simply a - y. With softmax and categorical
        # cross-entropy, dl/dz_j = sum_i (-y_i / a_i) a_i (delta_ij - a_j)
        # = a_j sum_i y_i - y_j = a_j - y_j, as each column of Y sums to 1.
        # Either way the divisions by a, which can underflow to 0, cancel out.
        dZ = A_L - Y
    else:
        dZ = activation_backward(
            mean_squared_error_derivative(A_L, Y), cache[f"Z{L}"], A_L, output_activation
        )

    grads = {}
    for l in range(L, 0, -1):
        # Z[l] = W[l] A[l-1] + b[l]: each weight W[l]_jk meets input k of every
        # example, so its gradient sums dZ_j * A_k over the m examples; as a
        # matrix product, that sum over examples is the product with A[l-1]^T.
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T / m  # (n[l], m) @ (m, n[l-1])
        # b[l] is added to every column, so its gradient sums dZ over the
        # columns (axis 1, the examples).
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m  # (n[l], 1)
        if l > 1:  # dA[0] would be the gradient for X itself, which nothing uses
            # Each A[l-1]_k feeds every unit j of layer l through W[l]_jk, so its
            # gradient collects sum_j W[l]_jk dZ_j: a product with W[l]^T.
            dA = parameters[f"W{l}"].T @ dZ  # (n[l-1], n[l]) @ (n[l], m)
            dZ = activation_backward(dA, cache[f"Z{l - 1}"], cache[f"A{l - 1}"], activation)
    return grads


# %% 7. Updating the parameters


def update_parameters(parameters, grads, learning_rate):
    r"""One step of gradient descent: W := W - alpha dW,  b := b - alpha db.

    The gradient points uphill; a small step against it lowers the loss.

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    grads : dict of "dW{l}", "db{l}" of the same shapes
    learning_rate : float, alpha > 0

    Returns
    -------
    dict
        New parameters; the dicts and arrays passed in are not changed.
    """
    _check_learning_rate(learning_rate)
    try:
        return {key: value - learning_rate * grads[f"d{key}"] for key, value in parameters.items()}
    except KeyError as missing:
        raise ValueError(f"grads has no {missing}: pass the dict back_prop returned") from None


# %% 8. The training loop
# The defaults solve XOR (see README, "Why these defaults"): a sigmoid network
# trained on the mean squared error starts on a plateau where every prediction
# is near 0.5 and the gradients are tiny (two sigmoid' <= 1/4 factors multiply
# them), so it needs large steps to leave it. With 4 hidden units, learning
# rate 5 and 2000 epochs, XOR is solved for every seed from 0 to 999.
XOR_LAYERS = [2, 4, 1]
EPOCHS = 2000
LEARNING_RATE = 5.0
PRINT_EVERY = 200



def _batches(X, Y, batch_size, rng):
    """One epoch's (X, Y) batches: the whole set, or a new shuffle cut into slices."""
    m = X.shape[1]
    if batch_size is None or batch_size >= m:
        return [(X, Y)]
    order = rng.permutation(m)
    X, Y = X[:, order], Y[:, order]  # (n, m), columns shuffled together
    return [(X[:, k:k + batch_size], Y[:, k:k + batch_size]) for k in range(0, m, batch_size)]


def _gradient_descent(parameters, X, Y, rng, epochs, learning_rate, activation,
                      output_activation, loss, batch_size, print_every):
    """The loop of `train`, from given parameters; returns (parameters, losses)."""
    m = X.shape[1]
    losses = []
    # Overflow or 0/0 anywhere in a step means the training is diverging: turn
    # NumPy's warnings into errors, so that it stops at once, with the epoch.
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for epoch in range(1, epochs + 1):
            epoch_loss = 0.0
            try:
                for X_batch, Y_batch in _batches(X, Y, batch_size, rng):
                    Y_hat, cache = forward_prop(X_batch, parameters, activation, output_activation)
                    # The epoch's loss comes free from the forward passes already made:
                    # the batches' losses, weighted by their share of the examples.
                    share = Y_batch.shape[1] / m
                    epoch_loss += share * compute_loss(Y_hat, Y_batch, loss, output_activation)
                    grads = back_prop(parameters, cache, Y_batch, activation,
                                      output_activation, loss)
                    parameters = update_parameters(parameters, grads, learning_rate)
            except FloatingPointError as error:  # from NumPy, or a NaN loss
                raise _diverged(epoch, learning_rate, error) from None
            losses.append(epoch_loss)
            if print_every and (epoch == 1 or epoch % print_every == 0 or epoch == epochs):
                print(f"epoch {epoch:>{len(str(epochs))}}/{epochs}   loss {epoch_loss:.6f}")
    if not all(np.all(np.isfinite(value)) for value in parameters.values()):
        raise _diverged(epochs, learning_rate, "the parameters became infinite")
    return parameters, losses


def _diverged(epoch, learning_rate, reason):
    return FloatingPointError(
        f"training diverged at epoch {epoch} ({reason}): the steps are too large. "
        f"Try a smaller learning_rate than {learning_rate:g}, say {learning_rate / 10:g}."
    )


def train(X, Y, layer_dims, epochs=EPOCHS, learning_rate=LEARNING_RATE, activation="sigmoid",
          output_activation="sigmoid", loss="mse", batch_size=None, seed=None,
          print_every=PRINT_EVERY):
    r"""Train a network by gradient descent: initialise, then repeat

        Y_hat, cache = forward_prop(X, parameters)
        J            = compute_loss(Y_hat, Y)
        grads        = back_prop(parameters, cache, Y)
        parameters   = update_parameters(parameters, grads, learning_rate)

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    Y : ndarray of shape (n_y, m); a 1-D y of length m when n_y = 1
    layer_dims : list of int, [n_x, n[1], ..., n_y]
    epochs : int
        Passes over the whole data set.
    learning_rate : float
        The step size alpha.
    activation : {"sigmoid", "tanh", "relu", "linear"}
    output_activation : {"sigmoid", "softmax", "linear"}
    loss : {"mse", "cross_entropy"}
    batch_size : int, optional
        None: full-batch gradient descent, one step per epoch. An int: each
        epoch shuffles the examples and takes one step per mini-batch of
        that many examples (the last one may be smaller).
    seed : int, optional
        Fixes the initial parameters and the shuffles.
    print_every : int
        Print the loss every this many epochs (and at the first and last);
        0 prints nothing.

    Returns
    -------
    parameters : dict of "W{l}", "b{l}"
    losses : list of float, length epochs
        The loss of each epoch, measured on the forward passes of that epoch
        (before its last update).

    Raises
    ------
    ValueError, TypeError
        For invalid arguments, before any training starts.
    FloatingPointError
        If the training diverges (the loss becomes NaN or infinite).
    """
    layer_dims = _check_layer_dims(layer_dims)
    X, Y = _check_training(X, Y, layer_dims, epochs, learning_rate, activation,
                           output_activation, loss, batch_size, print_every)
    rng = np.random.default_rng(seed)  # one generator: first the weights, then the shuffles
    parameters = initialize_parameters(layer_dims, seed=rng)
    return _gradient_descent(parameters, X, Y, rng, epochs, learning_rate, activation,
                             output_activation, loss, batch_size, print_every)


# %% 9. Prediction


def predict(X, parameters, activation="sigmoid", output_activation="sigmoid"):
    r"""The trained network's output, Y_hat = A[L], for new inputs X.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    parameters : dict of "W{l}", "b{l}"
    activation, output_activation : str, as used in training

    Returns
    -------
    Y_hat : ndarray of shape (n_y, m)
        Probabilities for sigmoid and softmax outputs: threshold at 0.5
        (``Y_hat > 0.5``) or take ``Y_hat.argmax(axis=0)`` to get classes.
    """
    L = _check_parameters(parameters)
    _check_names(activation, output_activation, n_outputs=parameters[f"W{L}"].shape[0])
    X = _check_X(X, parameters["W1"].shape[1])
    _check_finite(X, "X")
    return forward_prop(X, parameters, activation, output_activation)[0]


# %% 10. Gradient checking


def gradient_check(parameters, X, Y, activation="sigmoid", output_activation="sigmoid",
                   loss="mse", epsilon=1e-7):
    r"""Compare back_prop's gradient with centred finite differences.

    For every parameter theta_i, with J the loss as a function of all of them,

        g_approx_i = (J(theta + eps e_i) - J(theta - eps e_i)) / (2 eps)

    which differs from the true derivative by O(eps^2). The result is

        ||g - g_approx|| / (||g|| + ||g_approx||)

    Below about 1e-7 the gradient is right; a mistake in back_prop typically
    gives 1e-2 or more.

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    X : ndarray of shape (n_x, m)
    Y : ndarray of shape (n_y, m)
    activation, output_activation, loss : str
    epsilon : float
        The step eps. Much smaller and rounding errors in J dominate.

    Returns
    -------
    float
        The relative difference (0.0 when both gradients are zero).

    Notes
    -----
    It computes J twice per parameter, so use it on small networks and a few
    examples. Near a kink of relu (some z within eps of 0) the difference is
    not the derivative, and the check can fail without a bug.
    """
    L = _check_parameters(parameters)
    X, Y = _check_data(X, Y, parameters["W1"].shape[1], parameters[f"W{L}"].shape[0],
                       output_activation, loss)
    _check_names(activation, output_activation, loss, n_outputs=Y.shape[0])

    def J(params):
        return compute_loss(forward_prop(X, params, activation, output_activation)[0], Y, loss,
                            output_activation)

    grads = back_prop(parameters, forward_prop(X, parameters, activation, output_activation)[1],
                      Y, activation, output_activation, loss)
    analytic, numeric = [], []
    for key, value in parameters.items():
        theta = np.array(value, dtype=float)  # a copy: the caller's arrays stay untouched
        shifted = {**parameters, key: theta}
        for i in np.ndindex(theta.shape):
            original = theta[i]
            theta[i] = up = original + epsilon
            J_up = J(shifted)
            theta[i] = down = original - epsilon
            J_down = J(shifted)
            theta[i] = original
            # Divide by the step actually taken: theta +- eps is rounded to a float.
            numeric.append((J_up - J_down) / (up - down))
        analytic.append(np.ravel(grads[f"d{key}"]))
    g, g_approx = np.concatenate(analytic), np.array(numeric)
    denominator = np.linalg.norm(g) + np.linalg.norm(g_approx)
    return float(np.linalg.norm(g - g_approx) / denominator) if denominator else 0.0


# %% 11. Saving and loading


def save_parameters(parameters, path):
    """Save parameters to an .npz file (".npz" is appended if missing); return its path."""
    _check_parameters(parameters)
    path = Path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    np.savez(path, **parameters)
    return path


def load_parameters(path):
    """Load parameters saved by save_parameters.

    Never unpickles: an .npz can hold pickled Python objects, and unpickling
    can run arbitrary code, so a file holding any is refused (ValueError).
    """
    try:
        with np.load(path, allow_pickle=False) as data:
            parameters = {key: np.asarray(data[key], dtype=float) for key in data.files}
    except (ValueError, TypeError, AttributeError, OSError) as error:
        raise ValueError(
            f"{path} is not a parameters file written by save_parameters "
            f"(load_parameters reads only .npz files of plain arrays and never unpickles): "
            f"{error}"
        ) from None
    _check_parameters(parameters)
    return parameters


# %% 12. The NeuralNetwork class


class NeuralNetwork:
    r"""A thin object wrapper around the functions above, for those who prefer one.

    >>> nn = NeuralNetwork(layers=[2, 4, 1], seed=0)
    >>> X, Y = xor_data()
    >>> losses = nn.train(X, Y, print_every=0)
    >>> (nn.predict(X) > 0.5).astype(int)
    array([[0, 1, 1, 0]])

    Parameters
    ----------
    layers : list of int, [n_x, n[1], ..., n_y]
    activation : {"sigmoid", "tanh", "relu", "linear"}
    output_activation : {"sigmoid", "softmax", "linear"}
    loss : {"mse", "cross_entropy"}
    seed : int, optional
        Fixes the initial parameters and the mini-batch shuffles.

    Attributes
    ----------
    parameters : dict of "W{l}", "b{l}", initialised at construction
    losses : list of float, the loss of every epoch trained so far
    """

    def __init__(self, layers, activation="sigmoid", output_activation="sigmoid", loss="mse",
                 seed=None):
        self.layers = _check_layer_dims(layers)
        _check_names(activation, output_activation, loss, n_outputs=self.layers[-1])
        self.activation = activation
        self.output_activation = output_activation
        self.loss = loss
        self._rng = np.random.default_rng(seed)
        self.parameters = initialize_parameters(self.layers, seed=self._rng)
        self.losses = []

    def train(self, X, y, epochs=EPOCHS, learning_rate=LEARNING_RATE, batch_size=None,
              print_every=PRINT_EVERY):
        """Train from the current parameters (so calls add up); return this call's losses.

        The keywords mean what they mean for :func:`train`, with the same defaults.
        """
        X, Y = _check_training(X, y, self.layers, epochs, learning_rate, self.activation,
                               self.output_activation, self.loss, batch_size, print_every)
        self.parameters, losses = _gradient_descent(
            self.parameters, X, Y, self._rng, epochs, learning_rate, self.activation,
            self.output_activation, self.loss, batch_size, print_every)
        self.losses.extend(losses)
        return losses

    def predict(self, X):
        """Y_hat, of shape (n_y, m), for inputs X of shape (n_x, m)."""
        return predict(X, self.parameters, self.activation, self.output_activation)

    def __repr__(self):
        return (f"NeuralNetwork(layers={self.layers}, activation={self.activation!r}, "
                f"output_activation={self.output_activation!r}, loss={self.loss!r})")


# %% 13. Data sets, lessons and pictures
# matplotlib is imported inside the functions that draw, so that importing this
# module needs NumPy only. The pictures use matplotlib's Figure directly, not
# pyplot: nothing opens a window, and no display is needed.


def xor_data():
    r"""The four XOR examples as columns: X of shape (2, 4), Y of shape (1, 4).

    y = x1 XOR x2 is 1 when exactly one input is 1. No straight line separates
    the 1s from the 0s, so a network without a hidden non-linearity cannot learn it.
    """
    X = np.array([[0, 0, 1, 1],
                  [0, 1, 0, 1]], dtype=float)
    Y = np.array([[0, 1, 1, 0]], dtype=float)
    return X, Y


def spiral_data(points_per_class=100, classes=3, noise=0.2, seed=0):
    r"""Interleaved spiral arms in the plane, one class per arm.

    Point i of arm k sits at radius r_i = i / (points_per_class - 1) and angle
    2 pi k / classes + 4 r_i + noise * N(0, 1), so each arm winds most of a
    turn around the origin, between the others.

    Returns
    -------
    X : ndarray of shape (2, classes * points_per_class)
    Y : ndarray of shape (classes, classes * points_per_class), one-hot columns
    """
    rng = np.random.default_rng(seed)
    r = np.tile(np.linspace(0.0, 1.0, points_per_class), classes)
    label = np.repeat(np.arange(classes), points_per_class)
    angle = 2 * np.pi * label / classes + 4 * r + noise * rng.standard_normal(r.shape)
    X = np.stack([r * np.cos(angle), r * np.sin(angle)])  # (2, m)
    Y = np.eye(classes)[label].T  # (classes, m): column i is one-hot for label[i]
    return X, Y


def _figure(width, height):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _draw_losses(ax, curves, title):
    """Loss against epoch, log scale, one line per entry of `curves` (label -> losses)."""
    for label, losses in curves.items():
        ax.plot(np.arange(1, len(losses) + 1), losses, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss (log scale)")
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    if len(curves) > 1:
        ax.legend()


def _draw_decisions(ax, parameters, X, Y, activation, output_activation, title, colorbar=True):
    """The network's output over the input plane, with the examples on top."""
    margin = 0.25 * (X.max(axis=1) - X.min(axis=1))
    low, high = X.min(axis=1) - margin, X.max(axis=1) + margin
    x1, x2 = np.meshgrid(np.linspace(low[0], high[0], 200), np.linspace(low[1], high[1], 200))
    grid = np.stack([x1.ravel(), x2.ravel()])  # (2, 200 * 200): every pixel is an example
    P = predict(grid, parameters, activation, output_activation)
    extent = (low[0], high[0], low[1], high[1])
    if P.shape[0] == 1:  # one probability: blue for 0, red for 1, a line at 0.5
        image = ax.imshow(P.reshape(x1.shape), origin="lower", extent=extent, cmap="coolwarm",
                          vmin=0, vmax=1, aspect="auto")
        ax.contour(x1, x2, P.reshape(x1.shape), levels=[0.5], colors="k", linewidths=1)
        if colorbar:
            ax.figure.colorbar(image, ax=ax, label="network output")
        colors = np.where(Y[0] > 0.5, "tab:red", "tab:blue")
    else:  # one colour per class, mixed in proportion to the predicted probabilities
        palette = np.array([[0.12, 0.47, 0.71], [1.0, 0.5, 0.05], [0.17, 0.63, 0.17],
                            [0.84, 0.15, 0.16], [0.58, 0.4, 0.74], [0.55, 0.34, 0.29]])
        rgb = (P.T @ palette[:P.shape[0]]).reshape(*x1.shape, 3)  # (200, 200, 3)
        ax.imshow(0.45 + 0.55 * rgb, origin="lower", extent=extent, aspect="auto")
        colors = palette[Y.argmax(axis=0)]
    ax.scatter(X[0], X[1], c=colors, edgecolors="k", s=60 if X.shape[1] < 20 else 18, zorder=3)
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title)


def plot_loss_curve(losses, path, title="Training loss"):
    """Save the loss against the epoch (log scale) as a PNG at `path`."""
    fig = _figure(6, 4)
    _draw_losses(fig.add_subplot(), {"loss": losses}, title)
    fig.savefig(path, dpi=100)


def plot_decision_boundary(parameters, X, Y, path, activation="sigmoid",
                           output_activation="sigmoid", title="What the network learnt"):
    """Save the network's output over the plane of 2-D inputs X (2, m), with the examples."""
    fig = _figure(6, 5)
    _draw_decisions(fig.add_subplot(), parameters, X, Y, activation, output_activation, title)
    fig.savefig(path, dpi=100)


def accuracy(Y_hat, Y):
    """The fraction of examples classified right: by 0.5 for one output, else by argmax."""
    if Y.shape[0] == 1:
        return float(np.mean((Y_hat > 0.5) == (Y > 0.5)))
    return float(np.mean(Y_hat.argmax(axis=0) == Y.argmax(axis=0)))


def run_xor(layer_dims=XOR_LAYERS, epochs=EPOCHS, learning_rate=LEARNING_RATE,
            activation="sigmoid", seed=0, plots_dir="plots", quiet=False):
    """The main run: train on XOR, print what the network predicts, save two pictures."""
    X, Y = xor_data()
    layer_dims = _check_layer_dims(layer_dims)
    if layer_dims[0] != 2 or layer_dims[-1] != 1:
        raise ValueError(
            "XOR has 2 inputs and 1 output, so the layer sizes must start with 2 and end "
            f"with 1, for example 2 4 1; got {' '.join(map(str, layer_dims))}"
        )
    _check_training(X, Y, layer_dims, epochs, learning_rate, activation, "sigmoid", "mse",
                    None, 0)
    if not quiet:
        print(f"Training a {layer_dims} network on XOR: {activation} hidden layer, "
              f"sigmoid output, MSE loss, learning rate {learning_rate:g}, {epochs} epochs, "
              f"seed {seed}")
    parameters, losses = train(X, Y, layer_dims, epochs=epochs, learning_rate=learning_rate,
                               activation=activation, seed=seed,
                               print_every=0 if quiet else max(epochs // 10, 1))
    Y_hat = predict(X, parameters, activation)
    plots_dir = Path(plots_dir)
    plots_dir.mkdir(parents=True, exist_ok=True)
    plot_loss_curve(losses, plots_dir / "loss_curve.png",
                    title=f"XOR, {list(layer_dims)} {activation} network, learning rate "
                          f"{learning_rate:g}")
    plot_decision_boundary(parameters, X, Y, plots_dir / "decision_boundary.png", activation,
                           title="XOR: the network's output over the plane")
    if not quiet:
        print("\n x1  x2  target  prediction")
        for x, y, y_hat in zip(X.T, Y[0], Y_hat[0]):
            print(f"{x[0]:3.0f} {x[1]:3.0f} {y:7.0f} {y_hat:11.4f}")
        right = int(np.sum((Y_hat > 0.5) == (Y > 0.5)))
        print(f"\nfinal loss {losses[-1]:.6f}; {right} of 4 predictions on the right side of 0.5")
        print(f"saved {plots_dir / 'loss_curve.png'} and {plots_dir / 'decision_boundary.png'}")
    return parameters, losses


def lesson_nonlinearity(plots_dir="plots", seed=0, quiet=False):
    """Lesson 1: the same XOR network with each hidden activation; only linear fails.

    A network whose layers are all linear is itself linear: W2 (W1 x + b1) + b2
    = W x + b, one straight boundary, and no straight line separates XOR.
    Returns the final loss of each activation.
    """
    X, Y = xor_data()
    fig = _figure(12, 6.5)
    names = list(ACTIVATIONS)
    axes = fig.subplot_mosaic([["loss"] * len(names), names],
                              gridspec_kw={"height_ratios": [1.2, 1]})
    curves = {}
    for activation in names:
        parameters, losses = train(X, Y, [2, 8, 1], activation=activation, seed=seed,
                                   print_every=0)
        curves[f"{activation} hidden layer"] = losses
        _draw_decisions(axes[activation], parameters, X, Y, activation, "sigmoid",
                        f"{activation}: final loss {losses[-1]:.2g}", colorbar=False)
    _draw_losses(axes["loss"], curves, "XOR with a [2, 8, 1] network: only a non-linear "
                                       "hidden layer can learn it")
    fig.savefig(Path(plots_dir) / "nonlinearity.png", dpi=100)
    final = {name.split()[0]: losses[-1] for name, losses in curves.items()}
    if not quiet:
        print("lesson nonlinearity: final loss by hidden activation: "
              + ", ".join(f"{name} {value:.4f}" for name, value in final.items()))
    return final


def lesson_learning_rate(plots_dir="plots", seed=0, quiet=False):
    """Lesson 2: too small a learning rate crawls, too large a one overshoots.

    Returns the final loss for each learning rate tried.
    """
    X, Y = xor_data()
    rates = {0.1: "too small", 1.0: "slow", LEARNING_RATE: "good", 500.0: "too large"}
    fig = _figure(7, 4.5)
    curves = {}
    for rate, verdict in rates.items():
        _, losses = train(X, Y, XOR_LAYERS, learning_rate=rate, seed=seed, print_every=0)
        curves[f"learning rate {rate:g} ({verdict})"] = losses
    _draw_losses(fig.add_subplot(), curves, f"XOR, {XOR_LAYERS} sigmoid network: the step size")
    fig.savefig(Path(plots_dir) / "learning_rate.png", dpi=100)
    final = {rate: losses[-1] for rate, losses in zip(rates, curves.values())}
    if not quiet:
        print("lesson learning rate: final loss by learning rate: "
              + ", ".join(f"{rate:g} -> {value:.4f}" for rate, value in final.items()))
    return final


def lesson_spiral(plots_dir="plots", seed=0, quiet=False):
    """Lesson 3: three interleaved spirals, softmax output, cross-entropy, mini-batches.

    Returns the training accuracy.
    """
    X, Y = spiral_data(seed=seed)
    parameters, losses = train(X, Y, [2, 64, 3], epochs=500, learning_rate=0.3,
                               activation="relu", output_activation="softmax",
                               loss="cross_entropy", batch_size=32, seed=seed, print_every=0)
    train_accuracy = accuracy(predict(X, parameters, "relu", "softmax"), Y)
    fig = _figure(12, 5)
    left, right = fig.subplots(1, 2)
    _draw_decisions(left, parameters, X, Y, "relu", "softmax",
                    f"Decision regions, training accuracy {train_accuracy:.1%}")
    _draw_losses(right, {"cross-entropy": losses},
                 "[2, 64, 3] relu network, softmax, mini-batches of 32")
    fig.savefig(Path(plots_dir) / "spiral.png", dpi=100)
    if not quiet:
        print(f"lesson spiral: training accuracy {train_accuracy:.1%} on {X.shape[1]} points, "
              f"final loss {losses[-1]:.4f}")
    return train_accuracy


# %% 14. The command line

LESSONS = {
    "nonlinearity": lesson_nonlinearity,
    "learning-rate": lesson_learning_rate,
    "spiral": lesson_spiral,
}


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def main(argv=None):
    """Parse the command line, run what it asks for; return the exit status."""
    parser = _ArgumentParser(
        prog="nn_scratch.py",
        description="Train a neural network, written from scratch in NumPy, on XOR and watch "
                    "it learn; pictures go to the plots folder.",
        epilog="examples:  python nn_scratch.py --activation tanh --layers 2 8 1\n"
               "           python nn_scratch.py --lesson all",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--layers", type=int, nargs="+", default=XOR_LAYERS, metavar="N",
                        help="layer sizes from inputs to output (default: %(default)s)")
    parser.add_argument("--epochs", type=int, default=EPOCHS,
                        help="passes over the data (default: %(default)s)")
    parser.add_argument("--learning-rate", "--lr", type=float, default=LEARNING_RATE,
                        help="gradient-descent step size (default: %(default)s)")
    parser.add_argument("--activation", choices=list(ACTIVATIONS), default="sigmoid",
                        help="hidden-layer activation (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0,
                        help="random seed for the weights (default: %(default)s)")
    parser.add_argument("--plots-dir", type=Path, default=Path("plots"),
                        help="where to write the PNG pictures (default: %(default)s)")
    parser.add_argument("--lesson", choices=["xor", *LESSONS, "all"], default="xor",
                        help="what to run: the XOR demo (default), a lesson, or all of them; "
                             "--layers, --epochs, --learning-rate and --activation apply to "
                             "the XOR demo")
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    try:
        if args.seed < 0:
            raise ValueError(f"--seed must be a non-negative integer; got {args.seed}")
        if args.lesson in ("xor", "all"):
            run_xor(args.layers, args.epochs, args.learning_rate, args.activation, args.seed,
                    args.plots_dir, args.quiet)
        args.plots_dir.mkdir(parents=True, exist_ok=True)
        for name, lesson in LESSONS.items():
            if args.lesson in (name, "all"):
                lesson(args.plots_dir, seed=args.seed, quiet=args.quiet)
    except (ValueError, TypeError) as error:
        parser.exit(2, f"{parser.prog}: error: {error}\n")
    except (FloatingPointError, OSError) as error:
        parser.exit(1, f"{parser.prog}: error: {error}\n")
    return 0


# %% 2. Checking inputs
# The public functions check what a learner passes in, once, at the door, and
# say what is wrong and how to fix it. The mathematics further down stays free
# of checks.


def _check_choice(value, choices, what):
    """Raise unless `value` is one of the names in `choices`."""
    if isinstance(value, str) and value in choices:
        return
    listed = ", ".join(repr(name) for name in choices)
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a string, one of {listed}; got {value!r}")
    raise ValueError(f"unknown {what} {value!r}; choose one of {listed}")


def _check_output(output_activation, loss="mse", n_outputs=None):
    """Check the output activation and the loss, and that they make sense together."""
    _check_choice(output_activation, OUTPUT_ACTIVATIONS, "output_activation")
    _check_choice(loss, LOSSES, "loss")
    if loss == "cross_entropy" and output_activation == "linear":
        raise ValueError(
            "loss='cross_entropy' needs probabilities, but a linear output can be any "
            "number: use output_activation='sigmoid' (yes/no outputs) or 'softmax' "
            "(one class out of several), or loss='mse' for regression"
        )
    if output_activation == "softmax" and n_outputs == 1:
        raise ValueError(
            "a softmax over a single output unit always gives 1: use "
            "output_activation='sigmoid' for a yes/no output, or give the last layer "
            "one unit per class"
        )


def _check_names(activation, output_activation, loss="mse", n_outputs=None):
    _check_choice(activation, ACTIVATIONS, "activation")
    _check_output(output_activation, loss, n_outputs)


def _check_positive_int(value, what, minimum=1):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{what} must be a whole number; got {value!r}")
    if value < minimum:
        raise ValueError(f"{what} must be at least {minimum}; got {value}")
    return int(value)


def _check_layer_dims(layer_dims):
    """Return layer_dims as a list of ints, or raise with an example of a valid one."""
    example = "for example [2, 4, 1]: 2 inputs, 4 hidden units, 1 output"
    if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__"):
        raise TypeError(f"layer_dims must be a list of layer sizes, {example}; got {layer_dims!r}")
    if len(layer_dims) < 2:
        raise ValueError(
            f"layer_dims needs at least two sizes, the inputs and the outputs, {example}; "
            f"got {list(layer_dims)}"
        )
    return [_check_positive_int(n, f"every size in layer_dims ({example})") for n in layer_dims]


def _check_learning_rate(learning_rate):
    if isinstance(learning_rate, bool) or not isinstance(learning_rate, numbers.Real):
        raise TypeError(f"learning_rate must be a number such as 0.1; got {learning_rate!r}")
    if not (math.isfinite(learning_rate) and learning_rate > 0):
        raise ValueError(
            f"learning_rate must be a finite positive number such as 0.1; got {learning_rate}"
        )


def _as_matrix(data, name):
    """`data` as a float64 array, without a copy when it already is one."""
    try:
        return np.asarray(data, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be an array of numbers; got {type(data).__name__}") from None


def _check_X(X, n_x):
    """Return X as a float64 (n_x, m) array, or say how to reshape it."""
    X = _as_matrix(X, "X")
    if X.ndim != 2:
        raise ValueError(
            f"X must be 2-D with shape (n_x, m) = ({n_x}, m), one example per column; "
            f"got shape {X.shape}. For a single example use x.reshape(-1, 1)."
        )
    if X.shape[0] != n_x:
        hint = (
            f" It looks transposed: examples are columns, so pass X.T (shape {X.T.shape})."
            if X.shape[1] == n_x
            else ""
        )
        raise ValueError(
            f"X has {X.shape[0]} rows but the network has {n_x} inputs (layer_dims[0] = {n_x}): "
            f"X must have shape ({n_x}, m), one example per column.{hint}"
        )
    return X


def _check_Y(Y, n_y, m):
    """Return Y as a float64 (n_y, m) array; a 1-D y is taken as one row when n_y = 1."""
    Y = _as_matrix(Y, "Y")
    if Y.ndim == 1 and n_y == 1:
        Y = Y.reshape(1, -1)
    if Y.ndim != 2:
        raise ValueError(f"Y must be 2-D with shape (n_y, m) = ({n_y}, {m}); got shape {Y.shape}")
    if Y.shape == (m, n_y) and Y.shape != (n_y, m):
        raise ValueError(
            f"Y has shape {Y.shape} but must be ({n_y}, {m}): it looks transposed. "
            f"Examples are columns, so pass Y.T."
        )
    if Y.shape[1] != m:
        raise ValueError(
            f"Y has {Y.shape[1]} columns but X has {m}: Y needs one column (target) "
            f"per column (example) of X"
        )
    if Y.shape[0] != n_y:
        hint = (
            f" To train on class labels, one-hot encode them: Y = np.eye({n_y})[labels].T"
            if Y.shape[0] == 1
            else ""
        )
        raise ValueError(
            f"Y has {Y.shape[0]} rows but the output layer has {n_y} units.{hint}"
        )
    return Y


def _check_finite(array, name):
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity; clean or impute the data first")


def _check_targets(Y, output_activation, loss):
    """Targets a sigmoid or softmax output can reach, and one-hot columns for softmax."""
    if output_activation in ("sigmoid", "softmax") and (Y.min() < 0 or Y.max() > 1):
        raise ValueError(
            f"a {output_activation} output lies in [0, 1] but Y has values from "
            f"{Y.min():g} to {Y.max():g}: rescale Y to [0, 1], or use "
            f"output_activation='linear' with loss='mse' for regression"
        )
    if output_activation == "softmax" and loss == "cross_entropy":
        if not np.allclose(Y.sum(axis=0), 1.0):
            raise ValueError(
                "softmax with cross-entropy needs each column of Y to be a probability "
                "distribution (one-hot for class labels: Y = np.eye(n_classes)[labels].T)"
            )


def _check_parameters(parameters):
    """Check that `parameters` holds W1, b1, ..., WL, bL of matching shapes; return L."""
    if not isinstance(parameters, dict) or not parameters:
        raise TypeError(
            "parameters must be the dict returned by initialize_parameters or train, "
            f"with keys 'W1', 'b1', ...; got {type(parameters).__name__}"
        )
    L = len(parameters) // 2
    expected = {f"{kind}{l}" for l in range(1, L + 1) for kind in "Wb"}
    if set(parameters) != expected:
        raise ValueError(
            f"parameters must have keys 'W1', 'b1', ..., 'W{L}', 'b{L}'; "
            f"got {sorted(parameters)}"
        )
    for l in range(1, L + 1):
        W, b = np.asarray(parameters[f"W{l}"]), np.asarray(parameters[f"b{l}"])
        n_prev = W.shape[1] if W.ndim == 2 else None
        if W.ndim != 2 or (l > 1 and n_prev != parameters[f"W{l - 1}"].shape[0]):
            raise ValueError(
                f"W{l} has shape {W.shape}; it must be (n[{l}], n[{l - 1}]), with n[{l - 1}] "
                f"the number of rows of W{l - 1}"
            )
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"b{l} has shape {b.shape}; it must be ({W.shape[0]}, 1)")
        _check_finite(W, f"W{l}")
        _check_finite(b, f"b{l}")
    return L


def _check_data(X, Y, n_x, n_y, output_activation, loss):
    """Full check of a data set (shapes, finite values, reachable targets)."""
    X = _check_X(X, n_x)
    Y = _check_Y(Y, n_y, X.shape[1])
    _check_finite(X, "X")
    _check_finite(Y, "Y")
    _check_targets(Y, output_activation, loss)
    return X, Y


def _check_training(X, Y, layer_dims, epochs, learning_rate, activation, output_activation,
                    loss, batch_size, print_every):
    """Check everything `train` is given, before any work starts; return X, Y as arrays."""
    _check_names(activation, output_activation, loss, n_outputs=layer_dims[-1])
    _check_positive_int(epochs, "epochs")
    _check_learning_rate(learning_rate)
    if batch_size is not None:
        _check_positive_int(batch_size, "batch_size (or None for full-batch gradient descent)")
    _check_positive_int(print_every, "print_every (0 for silence)", minimum=0)
    return _check_data(X, Y, layer_dims[0], layer_dims[-1], output_activation, loss)


if __name__ == "__main__":
    if "ipykernel" in sys.modules:  # run as notebook cells: the kernel's argv is not ours
        main([])
    else:
        sys.exit(main())
