# %% [markdown]
# # nn_scratch: a neural network from scratch, in NumPy
#
# This file is a notebook too (Jupyter opens it with jupytext; VS Code runs its
# cells). Run the cells in order: the last trains a network on XOR and shows it.

# %%
r"""nn_scratch: a multi-layer perceptron built from scratch with NumPy alone.

Read it top to bottom, like a chapter, in the order the mathematics is taught:

     1. activations and their derivatives      8. prediction
     2. initialising the parameters            9. gradient checking
     3. forward propagation                   10. saving and loading
     4. the loss                              11. the NeuralNetwork class
     5. backward propagation                  12. data sets, lessons and pictures
     6. updating the parameters               13. the command line
     7. the training loop                     Appendix: checking inputs

Every function states the equation it implements and the shapes in and out.
Nothing runs on import; ``python nn_scratch.py`` trains a network on XOR.

Every public function checks its inputs, turning a mistake into an error that
says how to fix it, with one line marked ``# check`` that calls into the
appendix at the end. The checks come last so that the reader meets the
mathematics first; that works because Python looks a name up when a function
runs, not when it is defined. To copy a function into coursework, copy it and
the maths it names, and delete its ``# check`` line.

Notation (the one used by popular deep-learning courses): examples are columns.

    m          number of examples; i = 1..m indexes them (the columns)
    L          number of layers with weights; the input is layer 0
    n[l]       number of units in layer l; j and k index units (the rows)
    n_x, n_y   n[0], the number of inputs, and n[L], the number of outputs
    X = A[0]   (n_x, m)         the inputs
    Y          (n_y, m)         the targets; y_ji is unit j's target for example i
    W[l]       (n[l], n[l-1])   weights, parameters["W{l}"]; w_jk joins unit k of
                                layer l-1 to unit j of layer l
    b[l]       (n[l], 1)        biases, parameters["b{l}"]
    Z[l]       (n[l], m)        pre-activations, Z[l] = W[l] A[l-1] + b[l]
    A[l]       (n[l], m)        activations, A[l] = g(Z[l]); Y_hat = A[L]
    g, g'                       an activation function and its derivative
    J                           the loss, a number: the mean over the m examples
    dW[l], db[l]                dJ/dW[l] and dJ/db[l], shaped like W[l] and b[l]
    dZ[l], dA[l]                column i: the gradient of example i's own loss with
                                respect to column i of Z[l], A[l]
    alpha                       the learning rate
    theta_p, epsilon            one parameter (an entry of a W[l] or b[l]), and the
                                step by which gradient checking nudges it

Everything is float64. ``parameters``, ``cache`` and ``grads`` are plain dicts,
and no function changes the arrays or dicts it is given.
"""

import argparse
import math
import numbers
import sys
from pathlib import Path

import numpy as np

# %% [markdown]
# ## 1. Activations and their derivatives
#
# A layer takes weighted sums of its inputs and bends each with a non-linear
# function g, its *activation*: without it, a stack of layers is one linear map,
# which cannot learn XOR (lesson 1). Each g is followed by its derivative g', for
# backward propagation, which can pass a = g(z) from its cache: sigmoid' and
# tanh' are cheapest written through it. Tables then map names to functions.

# %%
def sigmoid(z):
    r"""sigma(z) = 1 / (1 + e^{-z}), elementwise.

    Parameters
    ----------
    z : ndarray of any shape, or a number

    Returns
    -------
    ndarray of the same shape, values in [0, 1]

    Notes
    -----
    As written, e^{-z} overflows for z = -1000. Computed as
    e^{min(z, 0)} / (1 + e^{-|z|}), the definition for z >= 0 and for z < 0 the
    definition times e^{z} / e^{z}, no exponent is positive: nothing overflows.
    """
    return np.exp(np.minimum(z, 0.0)) / (1.0 + np.exp(-np.abs(z)))


def sigmoid_derivative(z, a=None):
    r"""sigma'(z) = sigma(z) (1 - sigma(z)), elementwise.

    Parameters
    ----------
    z : ndarray of any shape
    a : ndarray of the same shape, optional: sigma(z) if known (back_prop has it)

    Returns
    -------
    ndarray of the same shape, values in [0, 1/4]
    """
    a = sigmoid(z) if a is None else a
    return a * (1.0 - a)


def tanh(z):
    r"""tanh(z) = (e^z - e^{-z}) / (e^z + e^{-z}) = 2 sigma(2z) - 1, elementwise.

    Parameters
    ----------
    z : ndarray of any shape

    Returns
    -------
    ndarray of the same shape, values in [-1, 1]: centred on 0, unlike sigma
    """
    return np.tanh(z)


def tanh_derivative(z, a=None):
    r"""tanh'(z) = 1 - tanh(z)^2, elementwise.

    Parameters
    ----------
    z : ndarray of any shape
    a : ndarray of the same shape, optional: tanh(z) if known (back_prop has it)

    Returns
    -------
    ndarray of the same shape, values in [0, 1]
    """
    a = np.tanh(z) if a is None else a
    return 1.0 - a * a


def relu(z):
    r"""relu(z) = max(z, 0), elementwise.

    Parameters
    ----------
    z : ndarray of any shape

    Returns
    -------
    ndarray of the same shape, values >= 0
    """
    return np.maximum(z, 0.0)


def relu_derivative(z, a=None):
    r"""relu'(z) = 1 where z > 0, else 0 (at the kink z = 0 we take 0), elementwise.

    Parameters
    ----------
    z : ndarray of any shape
    a : not needed; accepted so that every derivative is called alike

    Returns
    -------
    ndarray of bool, the same shape: True and False multiply as 1 and 0
    """
    return np.greater(z, 0)  # booleans, not floats: an eighth of the memory to write


def linear(z):
    r"""g(z) = z: a layer without a non-linearity.

    Parameters
    ----------
    z : ndarray of any shape

    Returns
    -------
    z itself: nothing changes an activation in place, so a copy would only cost
    """
    return z


def linear_derivative(z, a=None):
    r"""g'(z) = 1, elementwise.

    Parameters
    ----------
    z : ndarray of any shape
    a : not needed; accepted so that every derivative is called alike

    Returns
    -------
    ndarray of ones, the same shape
    """
    return np.ones_like(z, dtype=float)


def softmax(z):
    r"""a_j = e^{z_j} / sum_k e^{z_k}, over the units j of each column (example).

    Parameters
    ----------
    z : ndarray of shape (n, m), one column of n scores per example

    Returns
    -------
    ndarray of shape (n, m), each column a probability distribution (sum 1)

    Notes
    -----
    The column's maximum is subtracted first: the factor e^{-max} cancels
    between top and bottom, and with every exponent <= 0, e^{z} cannot overflow.
    """
    exp_z = np.exp(z - np.max(z, axis=0, keepdims=True))  # (n, m) - (1, m) -> (n, m)
    return exp_z / np.sum(exp_z, axis=0, keepdims=True)  # (n, m) / (1, m) -> (n, m)


def softmax_backward(dA, a):
    r"""dz_j = a_j (da_j - sum_k a_k da_k), for each column: the chain rule through softmax.

    Softmax is not elementwise: each a_k depends on every z_j of its column,
    with da_k/dz_j = a_k (delta_kj - a_j). Multiplying dA by that Jacobian
    gives the formula above, without building the (n, n) matrix.

    Parameters
    ----------
    dA : ndarray of shape (n, m), the gradient with respect to the softmax output
    a : ndarray of shape (n, m), the softmax output

    Returns
    -------
    dZ : ndarray of shape (n, m)
    """
    return a * (dA - np.sum(a * dA, axis=0, keepdims=True))  # (n, m) - (1, m) -> (n, m)


# Lookup tables: the names that `activation=` and `output_activation=` accept.
ACTIVATIONS = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu, "linear": linear}
DERIVATIVES = {"sigmoid": sigmoid_derivative, "tanh": tanh_derivative,
               "relu": relu_derivative, "linear": linear_derivative}
OUTPUT_ACTIVATIONS = {"sigmoid": sigmoid, "softmax": softmax, "linear": linear}


# %% [markdown]
# ## 2. Initialising the parameters
#
# Before training, the weights are drawn at random and the biases set to zero:
# random, so that the units of a layer start out different; scaled by the number
# of inputs each unit sums, so that its sum starts neither huge nor vanishing.

# %%
def initialize_parameters(layer_dims, seed=None):
    r"""W[l] ~ Normal(0, 1/n[l-1]) and b[l] = 0, for l = 1..L.

    Parameters
    ----------
    layer_dims : list of int, [n_x, n[1], ..., n_y], for example [2, 4, 1]
    seed : int or numpy.random.Generator, optional
        The same seed gives the same parameters.

    Returns
    -------
    parameters : dict
        "W{l}" of shape (n[l], n[l-1]) and "b{l}" of shape (n[l], 1), l = 1..L.

    Notes
    -----
    Units that started equal would compute the same thing and get the same
    gradient forever; random weights tell them apart, so biases can start at 0.
    With Var(w) = 1/n[l-1] (LeCun's scale), z = sum_k w_jk a_k has
    Var(z) = n[l-1] Var(w) E[a^2] = E[a^2], whatever the width n[l-1].
    """
    layer_dims = _check_layer_dims(layer_dims)  # check
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)  # (n[l], n[l-1])
        parameters[f"b{l}"] = np.zeros((n, 1))  # (n[l], 1)
    return parameters


# %% [markdown]
# ## 3. Forward propagation
#
# Running the network: each layer multiplies the activations of the layer below
# by its weights, adds its biases and applies its activation. With the examples
# as columns, one matrix product runs a layer on all m examples at once. What is
# computed on the way is kept in a `cache`, for backward propagation.

# %%
def forward_prop(X, parameters, activation="sigmoid", output_activation="sigmoid"):
    r"""Z[l] = W[l] A[l-1] + b[l] and A[l] = g(Z[l]), for l = 1..L, from A[0] = X.

    g is `activation` in the hidden layers and `output_activation` in layer L.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    parameters : dict of "W{l}" of shape (n[l], n[l-1]) and "b{l}" of shape (n[l], 1)
    activation : {"sigmoid", "tanh", "relu", "linear"}
    output_activation : {"sigmoid", "softmax", "linear"}

    Returns
    -------
    Y_hat : ndarray of shape (n_y, m)
        A[L], the network's output.
    cache : dict
        "A0" (= X), and "Z{l}" and "A{l}" of shape (n[l], m) for l = 1..L.
    """
    X = _check_forward_prop(X, parameters, activation, output_activation)  # check
    L = len(parameters) // 2  # a W and a b per layer
    cache = {"A0": X}
    A = X
    for l in range(1, L + 1):
        g = ACTIVATIONS[activation] if l < L else OUTPUT_ACTIVATIONS[output_activation]
        Z = parameters[f"W{l}"] @ A  # (n[l], n[l-1]) @ (n[l-1], m) -> (n[l], m)
        # The bias is broadcast, added to each of the m columns; in place, into
        # the Z just made, which saves allocating another (n[l], m) array.
        Z += parameters[f"b{l}"]  # (n[l], m) + (n[l], 1) -> (n[l], m)
        A = g(Z)
        cache[f"Z{l}"] = Z
        cache[f"A{l}"] = A
    return A, cache


# %% [markdown]
# ## 4. The loss
#
# The loss J says, in one number, how far the predictions Y_hat are from the
# targets Y. It is an average over the m examples, so that its size does not
# depend on how many there are. The mean squared error suits any output; the
# cross-entropy, the negative log-likelihood of the targets, suits probabilities
# (a sigmoid or softmax output). `compute_loss` picks one by name.

# %%
LOSSES = ("mse", "cross_entropy")


def mean_squared_error(Y_hat, Y):
    r"""J = 1/(n_y m) sum_{j,i} (y_hat_ji - y_ji)^2, the mean over every entry.

    Parameters
    ----------
    Y_hat, Y : ndarray of shape (n_y, m)

    Returns
    -------
    float
    """
    return float(np.sum((Y_hat - Y) ** 2) / Y.size)


def mean_squared_error_derivative(Y_hat, Y):
    r"""dA[L] = (2/n_y) (Y_hat - Y): column i is the gradient of example i's own squared error.

    Parameters
    ----------
    Y_hat, Y : ndarray of shape (n_y, m)

    Returns
    -------
    ndarray of shape (n_y, m)
    """
    return (2.0 / Y.shape[0]) * (Y_hat - Y)


# A logarithm of 0 is minus infinity. Probabilities are clipped to
# [CLIP, 1 - CLIP] first, so a confidently wrong prediction (y_hat rounded to
# exactly 0 or 1) costs -log(CLIP), about 36, instead of infinity.
CLIP = np.finfo(float).eps


def binary_cross_entropy(Y_hat, Y):
    r"""J = -(1/m) sum_{j,i} [y_ji log y_hat_ji + (1 - y_ji) log(1 - y_hat_ji)].

    Each output unit answers its own yes/no question; an example's loss is the
    sum over its units, and J the mean over the examples.

    Parameters
    ----------
    Y_hat : ndarray of shape (n_y, m), probabilities (a sigmoid output)
    Y : ndarray of shape (n_y, m), targets in [0, 1]

    Returns
    -------
    float
    """
    Y_hat = np.clip(Y_hat, CLIP, 1.0 - CLIP)  # a new array: the caller's is not changed
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(Y_hat) + (1.0 - Y) * np.log(1.0 - Y_hat)) / m)


def categorical_cross_entropy(Y_hat, Y):
    r"""J = -(1/m) sum_{j,i} y_ji log y_hat_ji, for one-hot (or probability) columns of Y.

    Parameters
    ----------
    Y_hat : ndarray of shape (n_y, m), columns that are probability distributions
        (a softmax output)
    Y : ndarray of shape (n_y, m), one-hot columns

    Returns
    -------
    float
    """
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(np.clip(Y_hat, CLIP, 1.0))) / m)


def compute_loss(Y_hat, Y, loss="mse", output_activation="sigmoid"):
    r"""J(Y_hat, Y): the mean squared error, or the cross-entropy that fits the output.

    loss="mse" is mean_squared_error, for any output. loss="cross_entropy" is
    binary_cross_entropy for a sigmoid output and categorical_cross_entropy for
    a softmax one.

    Parameters
    ----------
    Y_hat : ndarray of shape (n_y, m), the network's output
    Y : ndarray of shape (n_y, m), the targets (a 1-D y is read as (1, m))
    loss : {"mse", "cross_entropy"}
    output_activation : {"sigmoid", "softmax", "linear"}

    Returns
    -------
    float

    Raises
    ------
    FloatingPointError
        If Y_hat or Y holds NaN or infinity (or values beyond 1e150 in size,
        whose squares can overflow), where the loss would not be a number.
    """
    Y_hat, Y = _check_compute_loss(Y_hat, Y, loss, output_activation)  # check
    if loss == "mse":
        return mean_squared_error(Y_hat, Y)
    if output_activation == "softmax":
        return categorical_cross_entropy(Y_hat, Y)
    return binary_cross_entropy(Y_hat, Y)


# %% [markdown]
# ## 5. Backward propagation
#
# Training needs the gradient of J with respect to every weight and bias.
# The chain rule gives it, layer by layer from the output back to the first,
# reusing what forward propagation kept in the cache; each transpose mirrors a
# product of the forward pass. README derives every line. As in the courses,
# column i of dZ[l] is the gradient of example i's own loss, and the factor 1/m
# of the average appears once, in dW and db.

# %%
def activation_backward(dA, Z, A, activation):
    r"""dZ = dA * g'(Z): the chain rule through A = g(Z), for an activation named by a string.

    Elementwise for every g but softmax, whose units are coupled
    (softmax_backward).

    Parameters
    ----------
    dA, Z, A : ndarray of shape (n, m)
    activation : str, a key of ACTIVATIONS or OUTPUT_ACTIVATIONS

    Returns
    -------
    dZ : ndarray of shape (n, m), a new array
    """
    if activation == "softmax":
        return softmax_backward(dA, A)
    return dA * DERIVATIVES[activation](Z, A)


def back_prop(parameters, cache, Y, activation="sigmoid", output_activation="sigmoid", loss="mse"):
    r"""dW[l] = (1/m) dZ[l] A[l-1]^T and db[l] = (1/m) sum_i dZ[l], for l = L down to 1.

    The output layer starts the chain rule:

        dZ[L] = Y_hat - Y                                          cross-entropy
        dZ[L] = dA[L] * g'(Z[L]),  dA[L] = (2/n_y) (Y_hat - Y)     mean squared error

    then, for l = L, ..., 1:

        dW[l]   = (1/m) dZ[l] A[l-1]^T    (n[l], m) @ (m, n[l-1]) -> (n[l], n[l-1])
        db[l]   = (1/m) sum_i dZ[l]       (n[l], m) -> (n[l], 1), a sum over the columns
        dA[l-1] = W[l]^T dZ[l]            (n[l-1], n[l]) @ (n[l], m) -> (n[l-1], m)
        dZ[l-1] = dA[l-1] * g'(Z[l-1])    elementwise

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    cache : dict, from forward_prop with the same parameters and activations
    Y : ndarray of shape (n_y, m), the targets
    activation, output_activation, loss : str
        The names given to forward_prop and compute_loss.

    Returns
    -------
    grads : dict
        "dW{l}" and "db{l}": the gradient of compute_loss, the same shapes as
        "W{l}" and "b{l}".
    """
    Y = _check_back_prop(parameters, cache, Y, activation, output_activation, loss)  # check
    L = len(parameters) // 2
    m = Y.shape[1]
    Y_hat = cache[f"A{L}"]
    if loss == "cross_entropy":
        # With a sigmoid output and binary cross-entropy, per unit
        #   dl/da = (a - y) / (a (1 - a))   and   da/dz = a (1 - a),
        # so their product is simply a - y. With softmax and categorical
        # cross-entropy, dl/dz_j = sum_k (-y_k / a_k) a_k (delta_kj - a_j)
        # = a_j sum_k y_k - y_j = a_j - y_j, as each column of Y sums to 1.
        # Either way the divisions by a, which can underflow to 0, cancel out.
        dZ = Y_hat - Y
    else:
        dA = mean_squared_error_derivative(Y_hat, Y)
        dZ = activation_backward(dA, cache[f"Z{L}"], Y_hat, output_activation)

    grads = {}
    for l in range(L, 0, -1):
        # Z[l] = W[l] A[l-1] + b[l]: weight w_jk meets input k of every example,
        # so its gradient sums dz_ji a_ki over the examples i; as a matrix
        # product, that sum over the examples is the product with A[l-1]^T.
        grads[f"dW{l}"] = dZ @ cache[f"A{l - 1}"].T / m  # (n[l], m) @ (m, n[l-1]) -> (n[l], n[l-1])
        # b[l] was added to every column, so its gradient sums dZ over the
        # columns: axis 1, the examples.
        grads[f"db{l}"] = dZ.sum(axis=1, keepdims=True) / m  # (n[l], m) -> (n[l], 1)
        if l > 1:  # dA[0] would be the gradient for X itself, which nothing uses
            # Activation a_ki feeds every unit j of layer l through w_jk, so its
            # gradient collects sum_j w_jk dz_ji: a product with W[l]^T.
            dA = parameters[f"W{l}"].T @ dZ  # (n[l-1], n[l]) @ (n[l], m) -> (n[l-1], m)
            g_prime = DERIVATIVES[activation](cache[f"Z{l - 1}"], cache[f"A{l - 1}"])
            # dZ[l-1] = dA[l-1] * g'(Z[l-1]), written into dA: it was just made
            # and nothing else refers to it, so no new (n[l-1], m) array is needed.
            dZ = np.multiply(dA, g_prime, out=dA)
    return grads


# %% [markdown]
# ## 6. Updating the parameters
#
# The gradient points in the direction in which J grows fastest; a small step
# against it, of size alpha (the learning rate), lowers J. That is gradient
# descent.

# %%
def update_parameters(parameters, grads, learning_rate):
    r"""W[l] := W[l] - alpha dW[l] and b[l] := b[l] - alpha db[l]: one step of gradient descent.

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    grads : dict of "dW{l}", "db{l}", the same shapes
    learning_rate : float, alpha > 0

    Returns
    -------
    dict
        New parameters; the dicts and arrays passed in are not changed.
    """
    _check_update_parameters(parameters, grads, learning_rate)  # check
    return {key: value - learning_rate * grads[f"d{key}"] for key, value in parameters.items()}


# %% [markdown]
# ## 7. The training loop
#
# Training repeats the four steps above: forward propagation, the loss, backward
# propagation, the update. One pass over the data is an *epoch*: one step on all
# m examples (full-batch gradient descent), or, with `batch_size`, one step per
# mini-batch of shuffled examples (mini-batch stochastic gradient descent).
#
# The defaults solve XOR (README, "Why these defaults"). A sigmoid network
# trained on the mean squared error starts on a plateau where every prediction
# is near 0.5 and the gradients are tiny (two factors sigma' <= 1/4 multiply
# them), so it needs large steps to leave it. With 4 hidden units, learning rate
# 5 and 2000 epochs, XOR is solved for every seed from 0 to 999.

# %%
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
    X, Y = X[:, order], Y[:, order]  # (n, m) -> (n, m), the columns shuffled together
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
    r"""Gradient descent: initialise the parameters, then repeat, for every epoch and batch,

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
    layer_dims, X, Y = _check_train(**locals())  # check
    rng = np.random.default_rng(seed)  # one generator: first the weights, then the shuffles
    parameters = initialize_parameters(layer_dims, seed=rng)
    return _gradient_descent(parameters, X, Y, rng, epochs, learning_rate, activation,
                             output_activation, loss, batch_size, print_every)


# %% [markdown]
# ## 8. Prediction
#
# A trained network is used by running forward propagation alone: no cache, no
# gradient.

# %%
def predict(X, parameters, activation="sigmoid", output_activation="sigmoid"):
    r"""Y_hat = A[L]: the trained network's output for new inputs X.

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
    X = _check_predict(X, parameters, activation, output_activation)  # check
    return forward_prop(X, parameters, activation, output_activation)[0]


# %% [markdown]
# ## 9. Gradient checking
#
# How do we know that back_prop is right? Compare it with the definition of the
# derivative: nudge one parameter by a small epsilon each way and see how much J
# changes. That costs two forward passes per parameter, so it is for small
# networks; the tests run it for every activation, output and loss.

# %%
def gradient_check(parameters, X, Y, activation="sigmoid", output_activation="sigmoid",
                   loss="mse", epsilon=1e-7):
    r"""||grad - grad_approx|| / (||grad|| + ||grad_approx||): back_prop against finite differences.

    grad is back_prop's gradient and grad_approx the centred differences, for
    every parameter theta_p, with J the loss as a function of all of them:

        grad_approx_p = (J(theta_p + epsilon) - J(theta_p - epsilon)) / (2 epsilon)

    which differs from the derivative by O(epsilon^2). Below about 1e-7 the
    gradient is right; a mistake in back_prop typically gives 1e-2 or more.

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    X : ndarray of shape (n_x, m)
    Y : ndarray of shape (n_y, m)
    activation, output_activation, loss : str
    epsilon : float
        The step. Much smaller, and rounding errors in J dominate.

    Returns
    -------
    float
        The relative difference (0.0 when both gradients are zero).

    Notes
    -----
    Near a kink of relu (some z within epsilon of 0) the difference is not the
    derivative, and the check can fail without a bug.
    """
    X, Y = _check_gradient_check(parameters, X, Y, activation, output_activation, loss)  # check

    def J(shifted):
        Y_hat = forward_prop(X, shifted, activation, output_activation)[0]
        return compute_loss(Y_hat, Y, loss, output_activation)

    _, cache = forward_prop(X, parameters, activation, output_activation)
    grads = back_prop(parameters, cache, Y, activation, output_activation, loss)
    grad, grad_approx = [], []  # both gradients as long vectors, parameter by parameter
    for key, value in parameters.items():
        theta = np.array(value, dtype=float)  # a copy: the caller's arrays stay untouched
        shifted = {**parameters, key: theta}
        for p in np.ndindex(theta.shape):
            original = theta[p]
            theta[p] = up = original + epsilon
            J_up = J(shifted)
            theta[p] = down = original - epsilon
            J_down = J(shifted)
            theta[p] = original
            # Divide by the step actually taken: theta_p +- epsilon is rounded to a float.
            grad_approx.append((J_up - J_down) / (up - down))
        grad.append(np.ravel(grads[f"d{key}"]))
    grad, grad_approx = np.concatenate(grad), np.array(grad_approx)
    denominator = np.linalg.norm(grad) + np.linalg.norm(grad_approx)
    return float(np.linalg.norm(grad - grad_approx) / denominator) if denominator else 0.0


# %% [markdown]
# ## 10. Saving and loading
#
# The parameters are plain arrays, so an `.npz` file (NumPy's zip of arrays)
# holds them. Loading never unpickles: a file from elsewhere cannot run code.

# %%
def save_parameters(parameters, path):
    """Save parameters to an .npz file (".npz" is appended if missing); return its path.

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    path : str or pathlib.Path

    Returns
    -------
    pathlib.Path, the file written
    """
    _check_parameters(parameters)  # check
    path = Path(path)
    if path.suffix != ".npz":
        path = path.with_name(path.name + ".npz")
    np.savez(path, **parameters)
    return path


def load_parameters(path):
    """Load parameters saved by save_parameters.

    An .npz file can hold pickled Python objects, and unpickling can run
    arbitrary code, so a file holding any is refused (ValueError).

    Parameters
    ----------
    path : str or pathlib.Path

    Returns
    -------
    parameters : dict of "W{l}", "b{l}", float64 arrays
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
    _check_parameters(parameters)  # check
    return parameters


# %% [markdown]
# ## 11. The NeuralNetwork class
#
# For those who prefer an object: `NeuralNetwork` keeps the parameters, the
# activations and the loss together, and its methods call the functions above.
# It departs from their names in one place: its constructor's first argument
# is `layers`, where the functions say `layer_dims`.

# %%
class NeuralNetwork:
    r"""A thin object wrapper around the functions above.

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
        self.layers = _check_network(layers, activation, output_activation, loss)  # check
        self.activation = activation
        self.output_activation = output_activation
        self.loss = loss
        self._rng = np.random.default_rng(seed)
        self.parameters = initialize_parameters(self.layers, seed=self._rng)
        self.losses = []

    def train(self, X, Y, epochs=EPOCHS, learning_rate=LEARNING_RATE, batch_size=None,
              print_every=PRINT_EVERY):
        """Train from the current parameters (so calls add up); return this call's losses.

        The arguments mean what they mean for :func:`train`, with the same defaults.
        """
        X, Y = _check_network_train(**locals())  # check
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


# %% [markdown]
# ## 12. Data sets, lessons and pictures
#
# Two data sets made in a few lines of NumPy, the pictures, and the lessons that
# the command line runs, each training networks and saving one picture into
# `plots/`. matplotlib is imported inside the functions that draw, so importing
# this module needs NumPy alone; they draw on matplotlib's `Figure` directly,
# not pyplot, so no window opens and no display is needed. In a notebook, each
# picture is also shown below the cell that made it.

# %%
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


def _save(fig, path):
    """Write the figure to `path` as a PNG; in a notebook, also show it below the cell."""
    fig.savefig(path, dpi=100)
    if "ipykernel" in sys.modules:
        from IPython.display import Image, display

        display(Image(filename=str(path)))


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
    Y_hat = predict(grid, parameters, activation, output_activation)  # (n_y, 200 * 200)
    extent = (low[0], high[0], low[1], high[1])
    if Y_hat.shape[0] == 1:  # one probability: blue for 0, red for 1, a line at 0.5
        image = ax.imshow(Y_hat.reshape(x1.shape), origin="lower", extent=extent,
                          cmap="coolwarm", vmin=0, vmax=1, aspect="auto")
        ax.contour(x1, x2, Y_hat.reshape(x1.shape), levels=[0.5], colors="k", linewidths=1)
        if colorbar:
            ax.figure.colorbar(image, ax=ax, label="network output")
        colors = np.where(Y[0] > 0.5, "tab:red", "tab:blue")
    else:  # one colour per class, mixed in proportion to the predicted probabilities
        palette = np.array([[0.12, 0.47, 0.71], [1.0, 0.5, 0.05], [0.17, 0.63, 0.17],
                            [0.84, 0.15, 0.16], [0.58, 0.4, 0.74], [0.55, 0.34, 0.29]])
        # (200 * 200, n_y) @ (n_y, 3) -> (200 * 200, 3) -> (200, 200, 3)
        rgb = (Y_hat.T @ palette[:Y_hat.shape[0]]).reshape(*x1.shape, 3)
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
    _save(fig, path)


def plot_decision_boundary(parameters, X, Y, path, activation="sigmoid",
                           output_activation="sigmoid", title="What the network learnt"):
    """Save the network's output over the plane of 2-D inputs X (2, m), with the examples."""
    fig = _figure(6, 5)
    _draw_decisions(fig.add_subplot(), parameters, X, Y, activation, output_activation, title)
    _save(fig, path)


def accuracy(Y_hat, Y):
    """The fraction of examples classified right: by 0.5 for one output, else by argmax."""
    if Y.shape[0] == 1:
        return float(np.mean((Y_hat > 0.5) == (Y > 0.5)))
    return float(np.mean(Y_hat.argmax(axis=0) == Y.argmax(axis=0)))


def run_xor(layer_dims=XOR_LAYERS, epochs=EPOCHS, learning_rate=LEARNING_RATE,
            activation="sigmoid", seed=0, plots_dir="plots", quiet=False):
    """The main run: train on XOR, print what the network predicts, save two pictures."""
    layer_dims = _check_run_xor(layer_dims, epochs, learning_rate, activation)  # check
    X, Y = xor_data()
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
    _save(fig, Path(plots_dir) / "nonlinearity.png")
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
    _save(fig, Path(plots_dir) / "learning_rate.png")
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
    _save(fig, Path(plots_dir) / "spiral.png")
    if not quiet:
        print(f"lesson spiral: training accuracy {train_accuracy:.1%} on {X.shape[1]} points, "
              f"final loss {losses[-1]:.4f}")
    return train_accuracy


# %% [markdown]
# ## 13. The command line
#
# `python nn_scratch.py` trains XOR; `python nn_scratch.py --help` lists the
# options and the lessons. Every mistake ends in one line that says what to fix.

# %%
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


# %% [markdown]
# ## Appendix: checking inputs
#
# Every public function above checks what it is given in one line, marked
# `# check`, that calls one of the first functions below; the rest are their
# building blocks. Each says what is wrong and how to fix it. The cheap checks
# (names, shapes) run in every call; the ones that read all the data (NaN or
# infinity, the range of the targets) run once, where data comes in: train,
# predict and gradient_check. They sit here, after everything else, so that a
# reader meets the mathematics first: Python looks a name up when a function
# runs, not when it is defined.

# %%
def _check_forward_prop(X, parameters, activation, output_activation):
    """forward_prop's arguments: the names, and X as a float64 (n_x, m) array."""
    L = len(parameters) // 2
    _check_names(activation, output_activation, n_outputs=parameters[f"W{L}"].shape[0])
    return _check_X(X, parameters["W1"].shape[1])


def _check_compute_loss(Y_hat, Y, loss, output_activation):
    """compute_loss's arguments: Y_hat and Y as float64 (n_y, m) arrays of usable numbers."""
    Y_hat = _as_matrix(Y_hat, "Y_hat")
    if Y_hat.ndim == 1:
        Y_hat = Y_hat.reshape(1, -1)
    _check_output(output_activation, loss, n_outputs=Y_hat.shape[0])
    Y = _check_Y(Y, *Y_hat.shape)
    for values in (Y_hat, Y):
        low, high = values.min(), values.max()  # two passes, no temporary; NaN if any is
        if not (math.isfinite(low) and math.isfinite(high)):
            J = "nan" if math.isnan(low) or math.isnan(high) else "inf"
            raise FloatingPointError(
                f"the loss is {J}: Y_hat or Y holds NaN or infinity (NaN in the data, or "
                f"parameters that diverged: try a smaller learning rate)"
            )
        if max(-low, high) > 1e150:  # squared and summed, such values can overflow to inf
            raise FloatingPointError(
                "the loss is too large to compute: Y_hat or Y holds values beyond 1e150 in "
                "size (parameters that diverged: try a smaller learning rate)"
            )
    return Y_hat, Y


def _check_back_prop(parameters, cache, Y, activation, output_activation, loss):
    """back_prop's arguments: the names, and Y as a float64 array shaped like the output."""
    _check_names(activation, output_activation, loss)
    L = len(parameters) // 2
    return _check_Y(Y, *cache[f"A{L}"].shape)


def _check_update_parameters(parameters, grads, learning_rate):
    """update_parameters' arguments: a valid learning rate, and a gradient for every parameter."""
    _check_learning_rate(learning_rate)
    for key in parameters:
        if f"d{key}" not in grads:
            raise ValueError(f"grads has no {'d' + key!r}: pass the dict back_prop returned")


def _check_train(X, Y, layer_dims, epochs, learning_rate, activation, output_activation, loss,
                 batch_size, seed, print_every):
    """All of train's arguments, before any work starts; return layer_dims, X, Y, checked."""
    layer_dims = _check_layer_dims(layer_dims)
    X, Y = _check_training(X, Y, layer_dims, epochs, learning_rate, activation,
                           output_activation, loss, batch_size, print_every)
    return layer_dims, X, Y


def _check_predict(X, parameters, activation, output_activation):
    """predict's arguments, NaN scan included; return X as a float64 (n_x, m) array."""
    L = _check_parameters(parameters)
    _check_names(activation, output_activation, n_outputs=parameters[f"W{L}"].shape[0])
    X = _check_X(X, parameters["W1"].shape[1])
    _check_finite(X, "X")
    return X


def _check_gradient_check(parameters, X, Y, activation, output_activation, loss):
    """gradient_check's arguments, NaN scan included; return X and Y as float64 arrays."""
    L = _check_parameters(parameters)
    X, Y = _check_data(X, Y, parameters["W1"].shape[1], parameters[f"W{L}"].shape[0],
                       output_activation, loss)
    _check_names(activation, output_activation, loss, n_outputs=Y.shape[0])
    return X, Y


def _check_network(layers, activation, output_activation, loss):
    """NeuralNetwork's arguments; return the layer sizes as a list of ints."""
    layers = _check_layer_dims(layers)
    _check_names(activation, output_activation, loss, n_outputs=layers[-1])
    return layers


def _check_network_train(self, X, Y, epochs, learning_rate, batch_size, print_every):
    """NeuralNetwork.train's arguments, against the network's own sizes and names."""
    return _check_training(X, Y, self.layers, epochs, learning_rate, self.activation,
                           self.output_activation, self.loss, batch_size, print_every)


def _check_run_xor(layer_dims, epochs, learning_rate, activation):
    """run_xor's arguments: layer sizes that fit XOR, and valid training settings."""
    layer_dims = _check_layer_dims(layer_dims)
    if layer_dims[0] != 2 or layer_dims[-1] != 1:
        raise ValueError(
            "XOR has 2 inputs and 1 output, so the layer sizes must start with 2 and end "
            f"with 1, for example 2 4 1; got {' '.join(map(str, layer_dims))}"
        )
    X, Y = xor_data()
    _check_training(X, Y, layer_dims, epochs, learning_rate, activation, "sigmoid", "mse",
                    None, 0)
    return layer_dims


# The building blocks.


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


# %% [markdown]
# ## Running it
#
# As a script, `python nn_scratch.py` trains a network on XOR, prints the loss as
# it falls, and saves two pictures into `plots/`. Run as a notebook, this last
# cell does the same, and shows the pictures below it.

# %%
if __name__ == "__main__":
    if "ipykernel" in sys.modules:  # in a notebook: the kernel's argv is not ours
        main([])
    else:
        sys.exit(main())
