# %% [markdown]
# # nn_scratch: a neural network from scratch, in NumPy
#
# Run the cells in order: the last one trains a network on XOR and shows it.

# %%
r"""nn_scratch: a multi-layer perceptron built from scratch with NumPy alone.

Read it top to bottom, like a book, in the order the mathematics is taught; every
function states the equation it implements and the shapes in and out.

    Part I, the network                       Part II, training better
     1. activations and their derivatives     12. better optimisers
     2. initialising the parameters           13. generalisation
     3. forward propagation                   14. batch normalisation
     4. the loss                              15. diagnosis
     5. backward propagation                  Part III, data and lessons
     6. updating the parameters               16. data sets
     7. the training loop                     17. one step by hand
     8. prediction                            18. lessons
     9. gradient checking                     19. the command line
    10. saving and loading                    Appendix A, checking inputs
    11. the NeuralNetwork class               Appendix B, drawing

Nothing runs on import; ``python nn_scratch.py`` trains a network on XOR. The
public functions turn mistakes into errors that say how to fix them, in one line
marked ``# check`` that calls their check in Appendix A, so that the reader meets
the mathematics first. Those that train's loop calls take ``check=False``, which
skips it: the loop checked its data once. To copy a function into coursework,
copy it and the maths it names, and delete its ``# check`` line.

Notation (the one used by popular deep-learning courses): examples are columns.

    m          number of examples; i = 1..m indexes them (the columns)
    L          number of layers with weights; the input is layer 0
    n[l]       units in layer l: n_x = n[0] inputs, n_y = n[L] outputs; j, k index units
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
    dZ[l], dA[l]                column i: d(loss of example i) / d(column i of Z[l], A[l])
                                (with batch normalisation, which couples them: d(mJ)/dZ[l])
    alpha                       the learning rate
    lambd                       the L2 strength lambda (lambda is a Python keyword)
    theta_p, epsilon            a parameter (one entry of a W[l] or b[l]); its nudge in
                                gradient checking (in Adam, the courses give the name
                                epsilon to the small number that keeps a division finite)
    v, s, beta, t               an optimiser's average of the gradients and of their
                                squares (the courses' names: Kingma and Ba, and CS231n,
                                write m and v), the share of the old average it keeps,
                                the number of the step
    gamma[l], beta[l]           batch normalisation's scale and shift, (n[l], 1); this
                                beta is not the optimisers' (the courses use it for both)
    Z_tilde[l] (n[l], m)        a normalised layer's gamma Z_hat + beta, the input of g

Everything is float64 (float32 on request). ``parameters``, ``cache`` and ``grads``
are plain dicts. The functions return new arrays and leave what they are given as
it was, with three exceptions, each asked for by name: ``in_place=True`` (the
updates, for train's loop, which made its arrays itself), train's ``history`` and
``optimizer_state``, and a Monitor's ``history``: dicts that they fill.
"""

import argparse
import copy
import csv
import functools
import gzip
import hashlib
import math
import numbers
import os
import re
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

# %% [markdown]
# # Part I, the network
#
# The network, its training and its use: what every learner reads.

# %% [markdown]
# ## 1. Activations and their derivatives
#
# A layer takes weighted sums of its inputs and bends each with a non-linear
# function g, its *activation*: without it, a stack of layers is one linear map,
# which cannot learn XOR (lesson 1). Each g is followed by its derivative g', for
# backward propagation, which can pass a = g(z) from its cache: sigmoid' and
# tanh' are cheapest written through it. Tables map the names to the functions.
# Each takes an array z of any shape (or a number) and returns one of that shape.

# %%
def sigmoid(z):
    r"""sigma(z) = 1 / (1 + e^{-z}), elementwise, in [0, 1].

    As written, e^{-z} overflows for z = -1000. Computed as
    e^{min(z, 0)} / (1 + e^{-|z|}), the definition for z >= 0 and for z < 0 the
    definition times e^{z} / e^{z}, no exponent is positive: nothing overflows.
    """
    return np.exp(np.minimum(z, 0.0)) / (1.0 + np.exp(-np.abs(z)))


def sigmoid_derivative(z, a=None):
    r"""sigma'(z) = sigma(z) (1 - sigma(z)), elementwise, in [0, 1/4]; a: sigma(z), if known."""
    a = sigmoid(z) if a is None else a
    return a * (1.0 - a)


def tanh(z):
    r"""tanh(z) = (e^z - e^{-z}) / (e^z + e^{-z}) = 2 sigma(2z) - 1, in [-1, 1]: centred on 0."""
    return np.tanh(z)


def tanh_derivative(z, a=None):
    r"""tanh'(z) = 1 - tanh(z)^2, elementwise, in [0, 1]; a: tanh(z), if known."""
    a = np.tanh(z) if a is None else a
    return 1.0 - a * a


# %%
def relu(z):
    r"""relu(z) = max(z, 0), elementwise."""
    return np.maximum(z, 0)  # 0, not 0.0: a fraction's relu stays a fraction (chapter 17)


def relu_derivative(z, a=None):
    r"""relu'(z) = 1 where z > 0, else 0 (at the kink z = 0 we take 0); a is not needed."""
    return np.greater(z, 0)  # booleans, not floats: an eighth of the memory to write


def linear(z):
    r"""g(z) = z: a layer without a non-linearity."""
    return z  # z itself: nothing changes an activation in place, so a copy would only cost


def linear_derivative(z, a=None):
    r"""g'(z) = 1, elementwise, of z's float type; a is not needed."""
    return np.ones_like(z)


# %%
def softmax(z):
    r"""a_j = e^{z_j} / sum_k e^{z_k}, over the units j of each column: (n, m) -> (n, m).

    Each column is a probability distribution (sum 1). The column's maximum is
    subtracted first: e^{-max} cancels between top and bottom, and with every
    exponent <= 0, nothing overflows.
    """
    with np.errstate(over="ignore"):  # a gap beyond 1.8e308 is -inf, and e^{-inf} = 0: right
        exp_z = np.exp(z - np.max(z, axis=0, keepdims=True))  # (n, m) - (1, m) -> (n, m)
    return exp_z / np.sum(exp_z, axis=0, keepdims=True)  # (n, m) / (1, m) -> (n, m)


def softmax_backward(dA, a):
    r"""dz_j = a_j (da_j - sum_k a_k da_k), for each column: the chain rule through softmax.

    Softmax is not elementwise: each a_k depends on every z_j of its column,
    with da_k/dz_j = a_k (delta_kj - a_j). Multiplying dA by that Jacobian
    gives the formula above, without building the (n, n) matrix.
    dA, a: (n, m), the gradient with respect to the output, and the output; returns dZ (n, m).
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
# The weights start random, because units that started equal would compute the
# same thing and get the same gradient forever (so zero biases are fine). Scaled,
# so that a unit's sum z = sum_k w_jk a_k keeps its size from layer to layer,
# however many inputs it sums: Var(z) = n[l-1] Var(w) E[a^2]. Near 0, tanh passes
# z on about as it is (E[a^2] ~ Var(z)), so Var(w) = 1/n[l-1] keeps Var(z) (LeCun's
# scale). sigmoid does not (sigma(0) = 1/2, sigma'(0) = 1/4): with this scale its
# gradients still fall about four-fold per layer towards the input (README). relu
# zeroes half of every z, so E[a^2] = Var(z)/2, and Var(w) = 2/n[l-1] makes up for
# it (He et al., 2015).

# %%
def initialize_parameters(layer_dims, seed=None, activation=None, *, dtype=np.float64,
                          batch_norm=False):
    r"""W[l] ~ Normal(0, 1/n[l-1]), or Normal(0, 2/n[l-1]) for relu, and b[l] = 0, l = 1..L.

    Parameters
    ----------
    layer_dims : list of int, [n_x, n[1], ..., n_y], for example [2, 4, 1]
    seed : int or numpy.random.Generator, optional: the same seed, the same parameters
    activation : str, optional
        The hidden activation: "relu" draws He's weights, variance 2/n[l-1];
        any other, or None, LeCun's, variance 1/n[l-1].
    dtype : np.float64 (the default) or np.float32, with 7 digits instead of 16: half
        the memory, and faster
    batch_norm : bool, True for batch normalisation (Part II): the hidden layers get
        gamma[l] = 1 and beta[l] = 0 in place of b[l], and running averages of mean 0
        and variance 1

    Returns
    -------
    parameters : dict
        "W{l}" of shape (n[l], n[l-1]) and "b{l}" of shape (n[l], 1), l = 1..L; batch_norm:
        "gamma{l}", "beta{l}", "running_mean{l}", "running_var{l}" (n[l], 1) for b[l], l < L.
    """
    _check_network(layer_dims, activation, dtype)  # check
    rng = np.random.default_rng(seed)
    gain = 2.0 if activation == "relu" else 1.0  # relu passes on half of E[z^2]
    parameters, L = {}, len(layer_dims) - 1
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        W = rng.standard_normal((n, n_prev)) / np.sqrt(n_prev / gain)  # (n[l], n[l-1]), float64
        parameters[f"W{l}"] = W.astype(dtype, copy=False)  # float32: the same numbers, rounded
        if batch_norm and l < L:  # the normalisation would cancel b[l]: beta[l] shifts instead
            ones, zeros = np.ones((n, 1), dtype), np.zeros((n, 1), dtype)
            parameters.update({f"gamma{l}": ones, f"beta{l}": zeros,  # PyTorch's start
                               f"running_mean{l}": zeros.copy(), f"running_var{l}": ones.copy()})
        else:
            parameters[f"b{l}"] = np.zeros((n, 1), dtype)  # (n[l], 1)
    return parameters


def count_layers(parameters):
    """L, the number of layers with weights: one W[l] each (whatever else a layer holds)."""
    return [key[0] for key in parameters].count("W")


# %% [markdown]
# ## 3. Forward propagation
#
# Running the network: each layer multiplies the activations of the layer below
# by its weights, adds its biases and applies its activation. With the examples
# as columns, one matrix product runs a layer on all m examples at once. What is
# computed on the way is kept in a `cache`, for backward propagation. Dropout
# and batch normalisation (Part II) are one line each in the loop.

# %%
def forward_prop(X, parameters, activation="sigmoid", output_activation="sigmoid", keep_prob=1.0,
                 seed=None, *, training=True, check=True):
    r"""Z[l] = W[l] A[l-1] + b[l] and A[l] = g(Z[l]), for l = 1..L, from A[0] = X.

    g is `activation` in the hidden layers and `output_activation` in layer L. With
    keep_prob < 1, each hidden layer's A[l] then goes through dropout_forward; with
    batch normalisation (parameters with "gamma{l}"), a hidden layer has no b[l], and
    A[l] = g(Z_tilde[l]), with Z_tilde[l] from batchnorm_forward.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    parameters : dict of "W{l}" of shape (n[l], n[l-1]) and "b{l}" of shape (n[l], 1)
    activation : {"sigmoid", "tanh", "relu", "linear"}
    output_activation : {"sigmoid", "softmax", "linear"}
    keep_prob : float in (0, 1], the share of hidden units kept (1: no dropout)
    seed : int or numpy.random.Generator, optional: draws the masks
    training : bool, for batch normalisation: True normalises with the batch's own mean and
        variance; False with the running averages, each example on its own (predict)

    Returns
    -------
    Y_hat : ndarray of shape (n_y, m), A[L], the network's output
    cache : dict
        "A0" (= X), and "Z{l}" and "A{l}" of shape (n[l], m) for l = 1..L; with dropout
        the masks "D{l}", and with batch normalisation "Z_tilde{l}" and, in training,
        batchnorm_forward's caches "bn{l}", for the hidden layers.
    """
    if check:  # check
        _check_forward_prop(X, parameters, activation, output_activation, keep_prob, training)
    L = count_layers(parameters)
    A = np.asarray(X)  # an array as it is; a list of lists made one
    cache = {"A0": A}
    rng = np.random.default_rng(seed) if keep_prob < 1 else None
    for l in range(1, L + 1):
        g = ACTIVATIONS[activation] if l < L else OUTPUT_ACTIVATIONS[output_activation]
        Z = parameters[f"W{l}"] @ A  # (n[l], n[l-1]) @ (n[l-1], m) -> (n[l], m)
        if f"gamma{l}" in parameters:  # batch normalisation, in place of the bias
            mu, var = ((None, None) if training else  # the batch's own statistics, or these
                       (parameters[f"running_mean{l}"], parameters[f"running_var{l}"]))
            Z_tilde, bn_cache = batchnorm_forward(Z, parameters[f"gamma{l}"],
                                                  parameters[f"beta{l}"], mu=mu, var=var,
                                                  check=False)
            cache[f"Z_tilde{l}"] = Z_tilde
            if training:  # back_prop needs the batch's statistics, the running averages too
                cache[f"bn{l}"] = bn_cache
            A = g(Z_tilde)
        else:
            # The bias is broadcast, added to each of the m columns; in place, into the
            # Z just made, which saves allocating another (n[l], m) array.
            Z += parameters[f"b{l}"]  # (n[l], m) + (n[l], 1) -> (n[l], m)
            A = g(Z)
        if keep_prob < 1 and l < L:
            A, cache[f"D{l}"] = dropout_forward(A, keep_prob, rng)
        cache[f"Z{l}"], cache[f"A{l}"] = Z, A
    return A, cache


# %% [markdown]
# ## 4. The loss
#
# The loss J says, in one number, how far the predictions Y_hat are from the
# targets Y. It is an average over the m examples, so that its size does not
# depend on how many there are. The mean squared error suits any output; the
# cross-entropy, the negative log-likelihood of the targets, suits probabilities
# (a sigmoid or softmax output). `compute_loss` picks one by name. Each loss takes
# Y_hat and Y of shape (n_y, m) and returns a number.

# %%
LOSSES = ("mse", "cross_entropy")
LOSS_NAMES = {"mse": "mean squared error", "cross_entropy": "cross-entropy"}  # for pictures


def mean_squared_error(Y_hat, Y, *, check=True):
    r"""J = 1/(n_y m) sum_{j,i} (y_hat_ji - y_ji)^2, the mean over every entry."""
    if check:  # check
        _check_loss(Y_hat, Y)
    return ((Y_hat - Y) ** 2).sum() / Y_hat.size


def mean_squared_error_derivative(Y_hat, Y, *, check=True):
    r"""dA[L] = (2/n_y) (Y_hat - Y), (n_y, m): column i is the gradient of example i's error."""
    if check:  # check
        _check_loss(Y_hat, Y)
    return 2 * (Y_hat - Y) / Y_hat.shape[0]


def binary_cross_entropy(Y_hat, Y, *, logits=None, check=True):
    r"""J = -(1/m) sum_{j,i} [y_ji log y_hat_ji + (1 - y_ji) log(1 - y_hat_ji)].

    Each output unit answers its own yes/no question; an example's loss is the
    sum over its units, and J the mean over the examples. Y_hat: probabilities (a
    sigmoid output); Y: targets in [0, 1]. Given the logits Z[L] (n_y, m), with
    Y_hat = sigma(Z[L]) (train's loop passes them), J is computed from them, exactly
    for every finite z:

        J = (1/m) sum_{j,i} [log(1 + e^{z_ji}) - y_ji z_ji]
    """
    if check:  # check
        _check_loss(Y_hat, Y, logits)
    m = Y_hat.shape[1]
    if logits is not None:  # log(1 + e^z) as logaddexp(0, z), which never overflows
        return float(np.sum(np.logaddexp(0.0, logits) - Y * logits) / m)
    # A logarithm of 0 is minus infinity: y_hat is clipped to [eps, 1 - eps] first, eps
    # the spacing of floats near 1 (2.2e-16 for float64), so that a confidently wrong
    # prediction (y_hat rounded to exactly 0 or 1) costs -log(eps), 36, not infinity:
    # beyond a logit gap of about 36 the loss no longer grows. The logits have no limit.
    eps = np.finfo(Y_hat.dtype).eps
    Y_hat = np.clip(Y_hat, eps, 1 - eps)  # a new array: the caller's is not changed
    return float(-np.sum(Y * np.log(Y_hat) + (1 - Y) * np.log(1 - Y_hat)) / m)


def categorical_cross_entropy(Y_hat, Y, *, logits=None, check=True):
    r"""J = -(1/m) sum_{j,i} y_ji log y_hat_ji, for one-hot (or probability) columns of Y.

    Y_hat: columns that are probability distributions (a softmax output). With
    Y_hat = softmax(Z), log y_hat_ji = z_ji - log sum_k e^{z_ki}: given the logits Z[L]
    (n_y, m), J is computed from them, exactly for every finite z, with columns of Y
    that sum to 1:

        J = (1/m) sum_i [log sum_k e^{z_ki} - sum_j y_ji z_ji]
    """
    if check:  # check
        _check_loss(Y_hat, Y, logits)
    m = Y_hat.shape[1]
    if logits is not None:  # log-sum-exp, shifted by each column's largest z: no overflow
        top = logits.max(axis=0, keepdims=True)
        log_sum = top + np.log(np.exp(logits - top).sum(axis=0, keepdims=True))
        return float(np.sum(Y * (log_sum - logits)) / m)
    eps = np.finfo(Y_hat.dtype).eps  # log(0) would be minus infinity (binary_cross_entropy)
    return float(-np.sum(Y * np.log(np.clip(Y_hat, eps, 1))) / m)


# %%
def compute_loss(Y_hat, Y, loss="mse", output_activation="sigmoid", parameters=None,
                 lambd=0.0, *, lambd_l1=0.0, logits=None, check=True):
    r"""J = the mean squared error or the fitting cross-entropy, + (lambd/2m) sum_l ||W[l]||^2
    + (lambd_l1/m) sum_l sum |W[l]|.

    loss="mse" is mean_squared_error, for any output. loss="cross_entropy" is
    binary_cross_entropy for a sigmoid output and categorical_cross_entropy for
    a softmax one. lambd > 0 adds L2 regularisation: large weights cost the sum of
    their squares, times lambd/2m; lambd_l1 > 0 adds L1, the sum of their sizes,
    times lambd_l1/m (the biases are not penalised).

    Parameters
    ----------
    Y_hat : ndarray of shape (n_y, m), the network's output
    Y : ndarray of shape (n_y, m), the targets (a 1-D y is read as (1, m))
    loss : {"mse", "cross_entropy"}
    output_activation : {"sigmoid", "softmax", "linear"}
    parameters : dict of "W{l}", "b{l}", needed when lambd or lambd_l1 > 0
    lambd, lambd_l1 : floats >= 0, the strengths of the L2 and L1 penalties
    logits : ndarray of shape (n_y, m), optional
        Z[L], from forward_prop's cache: a cross-entropy is then computed from it,
        exactly however confident the predictions (the loss of Y_hat alone stops
        growing at about 36 per unit; see binary_cross_entropy).

    Returns
    -------
    numpy.float64 (a float, with the .shape () that graders read)

    Raises
    ------
    FloatingPointError
        If Y_hat or Y holds NaN or infinity: the loss would not be a number.
    """
    if check:  # check
        _check_compute_loss(Y_hat, Y, loss, output_activation, parameters, lambd, lambd_l1,
                            logits)
    if loss == "mse":
        J = mean_squared_error(Y_hat, Y, check=False)
    elif output_activation == "softmax":
        J = categorical_cross_entropy(Y_hat, Y, logits=logits, check=False)
    else:
        J = binary_cross_entropy(Y_hat, Y, logits=logits, check=False)
    m = Y_hat.shape[1]
    weights = [W for key, W in parameters.items() if key[0] == "W"] if parameters else []
    if lambd:
        J += lambd / (2 * m) * sum(float(np.sum(W * W)) for W in weights)
    if lambd_l1:
        J += lambd_l1 / m * sum(float(np.abs(W).sum()) for W in weights)
    return np.float64(J)


# %% [markdown]
# ## 5. Backward propagation
#
# Training needs the gradient of J with respect to every weight and bias.
# The chain rule gives it, layer by layer from the output back to the first,
# reusing what forward propagation kept in the cache; each transpose mirrors a
# product of the forward pass. README derives every line. As in the courses,
# column i of dZ[l] is the gradient of example i's own loss, and the factor 1/m
# of the average appears in dW and db alone.

# %%
def activation_backward(dA, Z, A, activation, *, check=True):
    r"""dZ = dA * g'(Z): the chain rule through A = g(Z), for an activation named by a string.

    Elementwise for every g but softmax, whose units are coupled (softmax_backward).
    dA, Z, A: (n, m); returns dZ (n, m), a new array.
    """
    if check:  # check
        _check_activation_backward(dA, Z, A, activation)
    if activation == "softmax":
        return softmax_backward(dA, A)
    return dA * DERIVATIVES[activation](Z, A)


def back_prop(parameters, cache, Y, activation="sigmoid", output_activation="sigmoid", loss="mse",
              lambd=0.0, *, lambd_l1=0.0, keep_prob=1.0, check=True):
    r"""dW[l] = (1/m) dZ[l] A[l-1]^T + (lambd/m) W[l] and db[l] = (1/m) sum_i dZ[l], l = L..1.

    The output layer starts the chain rule:

        dZ[L] = Y_hat - Y                                          cross-entropy
        dZ[L] = dA[L] * g'(Z[L]),  dA[L] = (2/n_y) (Y_hat - Y)     mean squared error

    then, for l = L, ..., 1:

        dW[l]   = (1/m) dZ[l] A[l-1]^T    (n[l], m) @ (m, n[l-1]) -> (n[l], n[l-1])
                  + (lambd/m) W[l]        the gradient of the L2 penalty, if lambd > 0
                  + (lambd_l1/m) sign(W[l])             of the L1 penalty, if lambd_l1 > 0
        db[l]   = (1/m) sum_i dZ[l]       (n[l], m) -> (n[l], 1), a sum over the columns
        dA[l-1] = W[l]^T dZ[l]            (n[l-1], n[l]) @ (n[l], m) -> (n[l-1], m)
                  * D[l-1] / keep_prob    with dropout: dropout_backward
        dZ[l-1] = dA[l-1] * g'(Z[l-1])    elementwise

    With batch normalisation, a hidden layer l has no b[l]: g' is taken at Z_tilde[l],
    and batchnorm_backward turns that dZ_tilde[l] into dZ[l], m dgamma[l] and m dbeta[l].
    dZ[l] and dA[l] are gradients of the sum of the examples' losses, m J; the 1/m of
    the mean appears in dW, db, dgamma and dbeta alone, the gradients of J.

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    cache : dict, from forward_prop with the same parameters and activations
    Y : ndarray of shape (n_y, m), the targets (a 1-D y is read as (1, m))
    activation, output_activation, loss : str, as given to forward_prop and compute_loss
    lambd, lambd_l1 : floats >= 0, the penalties' strengths, as given to compute_loss
    keep_prob : float in (0, 1], as given to forward_prop: its masks are in the cache

    Returns
    -------
    grads : dict
        "dW{l}" and "db{l}" (and "dgamma{l}", "dbeta{l}"): the gradient of compute_loss,
        the same shapes as the parameters.
    """
    if check:  # check
        _check_back_prop(parameters, cache, Y, activation, output_activation, loss, lambd,
                         lambd_l1, keep_prob)
    L = count_layers(parameters)
    Y_hat = cache[f"A{L}"]
    m = Y_hat.shape[1]
    if loss == "cross_entropy":
        # With a sigmoid output and binary cross-entropy, per unit
        #   dloss/da = (a - y) / (a (1 - a))   and   da/dz = a (1 - a),
        # so their product is simply a - y. With softmax and categorical
        # cross-entropy, dloss/dz_j = sum_k (-y_k / a_k) a_k (delta_kj - a_j)
        # = a_j sum_k y_k - y_j = a_j - y_j, as each column of Y sums to 1.
        # Either way the divisions by a, which can underflow to 0, cancel out.
        dZ = Y_hat - Y
    else:
        dA = mean_squared_error_derivative(Y_hat, Y, check=False)
        dZ = activation_backward(dA, cache[f"Z{L}"], Y_hat, output_activation, check=False)
    grads = {}
    for l in range(L, 0, -1):
        W = parameters[f"W{l}"]
        if l > 1:  # dA[0] would be the gradient for X itself, which nothing uses
            # Activation a_ki feeds every unit j of layer l through w_jk, so its
            # gradient collects sum_j w_jk dz_ji: a product with W[l]^T.
            dA = W.T @ dZ  # (n[l-1], n[l]) @ (n[l], m) -> (n[l-1], m)
        # Z[l] = W[l] A[l-1] + b[l]: weight w_jk meets input k of every example, so its
        # gradient averages dz_ji a_ki over the examples i, a product with A[l-1]^T; and
        # b[l] was added to every column, so its gradient averages dZ over the columns.
        # The 1/m divides dZ, in its own memory (nothing needs dZ any more): with
        # mini-batches, dZ (n[l], m) is smaller than dW (n[l], n[l-1]).
        dZ_over_m = np.divide(dZ, m, out=dZ)
        dW = dZ_over_m @ cache[f"A{l - 1}"].T  # (n[l], m) @ (m, n[l-1]) -> (n[l], n[l-1])
        if lambd:  # the penalty (lambd/2m) ||W[l]||^2 has the gradient (lambd/m) W[l]
            dW += (lambd / m) * W
        if lambd_l1:  # (lambd_l1/m) sum |w| has the gradient (lambd_l1/m) sign(w), w != 0
            dW += (lambd_l1 / m) * np.sign(W)
        grads[f"dW{l}"] = dW
        if f"b{l}" in parameters:  # a batch-normalised layer has beta[l] in its place
            grads[f"db{l}"] = dZ_over_m.sum(axis=1, keepdims=True)  # (n[l], m) -> (n[l], 1)
        if l == 1:
            break
        if keep_prob < 1:  # a unit dropped in the forward pass sends no gradient back
            dA = dropout_backward(dA, cache[f"D{l - 1}"], keep_prob)
        # g' of the activation's input, and of its output if the cache has it as it was
        # (dropout scaled the cached A[l-1]).
        Z_in = cache.get(f"Z_tilde{l - 1}", cache[f"Z{l - 1}"])
        g_prime = DERIVATIVES[activation](Z_in, cache[f"A{l - 1}"] if keep_prob == 1 else None)
        # dZ[l-1] = dA[l-1] * g'(Z[l-1]), written into dA: it was just made and nothing
        # else refers to it, so no new (n[l-1], m) array is needed.
        dZ = np.multiply(dA, g_prime, out=dA)
        if f"bn{l - 1}" in cache:  # that was dZ_tilde[l-1]: on back through the normalisation
            dZ, dgamma, dbeta = batchnorm_backward(dZ, cache[f"bn{l - 1}"])
            grads[f"dgamma{l - 1}"], grads[f"dbeta{l - 1}"] = dgamma / m, dbeta / m
    return grads


# %% [markdown]
# ## 6. Updating the parameters
#
# The gradient points in the direction in which J grows fastest; a small step
# against it, of size alpha (the learning rate), lowers J. That is gradient
# descent.

# %%
def update_parameters(parameters, grads, learning_rate, *, in_place=False, check=True):
    r"""W[l] := W[l] - alpha dW[l] and b[l] := b[l] - alpha db[l]: one step of gradient descent.

    Parameters
    ----------
    parameters : dict of "W{l}", "b{l}"
    grads : dict of "dW{l}", "db{l}", the same shapes
    learning_rate : float, alpha > 0
    in_place : bool
        False (the default): the step is taken on copies, and the dicts and arrays
        passed in are not changed. True: the arrays of `parameters` are updated where
        they are, and those of `grads` serve as scratch space, for a loop that made
        them all itself, as train's does: new arrays at every step cost more than the
        step's arithmetic.

    Returns
    -------
    dict, the parameters after the step
    """
    if check:  # check
        _check_update(parameters, grads, learning_rate)
    if not in_place:  # float copies to work on (value * 1.0 makes integers floats)
        parameters = {key: value * 1.0 for key, value in parameters.items()}
        grads = {key: value * 1.0 for key, value in grads.items()}
    for key, dW in grads.items():  # each parameter that has a gradient: "dW1" is W1's
        W = parameters[key[1:]]
        dW *= learning_rate
        W -= dW  # W := W - alpha dW
    return parameters


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


def _as_data(X, Y, dtype=np.float64, batch_size=None):
    """X and Y as arrays of dtype (None: as they are), Y of shape (n_y, m) (a 1-D y of
    length m is one row); in column order for mini-batches, which gather examples, the
    columns: each is then one piece of memory (a copy, once, unless X is already so, as
    X_rows.T is)."""
    X, Y = np.asarray(X, dtype), np.asarray(Y, dtype)
    Y = Y.reshape(1, -1) if Y.ndim == 1 else Y
    if batch_size is not None:
        X, Y = np.asfortranarray(X), np.asfortranarray(Y)
    return X, Y


def mini_batches(X, Y, batch_size, rng):
    """One epoch's (X, Y) batches, one at a time: the whole set as it is (batch_size
    None), or the examples in a new random order, rng.permutation(m), cut into batches
    of batch_size (the last one may be smaller). rng: a numpy.random.Generator, as in
    train, or the legacy RandomState of random_mini_batches."""
    m = X.shape[1]
    if batch_size is None:
        yield X, Y
        return
    # train made X and Y column-ordered for this: each example, a column, is then
    # one piece of memory, a row of X.T, and gathering a batch is a plain copy.
    X_rows, Y_rows = X.T, Y.T  # (m, n): views, one example per row
    order = rng.permutation(m)
    for k in range(0, m, batch_size):
        examples = order[k:k + batch_size]
        # (batch, n) -> (n, batch); np.take is X_rows[examples], a little faster
        yield np.take(X_rows, examples, axis=0).T, np.take(Y_rows, examples, axis=0).T


# %%
# Overflow or 0/0 anywhere in a training means that it diverges: NumPy then raises at once
# (the decorator below), and train reports where (diagnosis, Part II).
@np.errstate(over="raise", invalid="raise", divide="raise")
def train(X, Y, layer_dims, epochs=EPOCHS, learning_rate=LEARNING_RATE, activation="sigmoid",
          output_activation="sigmoid", loss="mse", batch_size=None, seed=None,
          print_every=PRINT_EVERY, dtype=np.float64, validation_data=None, patience=None,
          lambd=0.0, history=None, optimizer="gd", beta=0.9, beta1=0.9, beta2=0.999,
          epsilon=1e-8, decay_rate=0.0, *, parameters=None, optimizer_state=None,
          keep_prob=1.0, lambd_l1=0.0, batch_norm=False, monitor=False):
    r"""Gradient descent: initialise the parameters, then repeat, for every epoch and batch,

        Y_hat, cache = forward_prop(X, parameters)
        J            = compute_loss(Y_hat, Y)
        grads        = back_prop(parameters, cache, Y)
        parameters   = update_parameters(parameters, grads, learning_rate)  (or optimizer's)

    Parameters
    ----------
    X : ndarray of shape (n_x, m); Y : ndarray of shape (n_y, m), or a 1-D y when n_y = 1
    layer_dims : list of int, [n_x, n[1], ..., n_y]
    epochs : int, passes over the whole data set; learning_rate : float, the step alpha
    activation, output_activation, loss : str, as for forward_prop and compute_loss
    batch_size : int, optional
        None: full-batch gradient descent, one step per epoch. An int: each epoch shuffles
        the examples and takes one step per mini-batch of that many (the last may be
        smaller); X is then copied once into column order, unless it is so already.
    seed : int or numpy.random.Generator, optional: the start, the shuffles, the masks
    print_every : int, print every this many epochs, and the first and last (0: never);
        a long epoch shows how far it has got; at the end, what looks wrong (diagnose)
    dtype : np.float64 or np.float32, of X and Y (converted once) and of all the training
    validation_data : (X_val, Y_val), optional: held-out examples, measured every epoch
    history : dict, optional, filled with per-epoch lists under Keras's keys: "loss", and
        "val_loss" with validation_data; for a sigmoid or softmax output also "accuracy"
        and "val_accuracy" (a forward pass over X per epoch)
    parameters : dict, optional: train on from these (they are left unchanged)
    Part II's: optimizer ("gd", "momentum" with beta, "rmsprop" with beta2 and epsilon,
        "adam" with beta1, beta2 and epsilon; its memory, filled, in optimizer_state, from
        which a call with the same optimizer goes on), decay_rate (epoch e steps with
        update_lr(learning_rate, e, decay_rate)), lambd and lambd_l1 (compute_loss's
        penalties, m the training set's size), keep_prob (dropout), patience (early
        stopping, with validation_data), batch_norm, and monitor (each layer's figures in
        history, for diagnose).

    Returns parameters, and losses: one per epoch run, the mean of its batches' losses
    (before their updates), without the penalties, to compare with the validation loss.
    Raises ValueError or TypeError for invalid arguments (before any training),
    FloatingPointError when the training diverges, MemoryError.
    """
    _check_train(**locals())  # check
    if batch_size is not None and batch_size >= np.shape(X)[1]:
        batch_size = None  # one batch of all the examples: full-batch gradient descent
    X, Y = _as_data(X, Y, dtype, batch_size)
    if validation_data is not None:
        validation_data = _as_data(*validation_data, dtype)
    rng = np.random.default_rng(seed)  # one generator: first the weights, then the shuffles
    if parameters is None:
        parameters = initialize_parameters(layer_dims, rng, activation, dtype=dtype,
                                           batch_norm=batch_norm)
    # The loop's own copy, changed in place (in_place=True): new arrays cost more.
    parameters = {key: np.array(value, dtype) for key, value in parameters.items()}
    state, step, memory = _optimizer(optimizer, optimizer_state, parameters, beta=beta,
                                     beta1=beta1, beta2=beta2, epsilon=epsilon)
    m, L, first_step = X.shape[1], count_layers(parameters), state["t"]
    history = {} if history is None and monitor else history  # the monitor's figures go there
    watch = Monitor(activation, history=history, chance=_chance_loss(Y, loss, output_activation),
                    on=monitor)
    losses, best = [], {"val_loss": math.inf, "epoch": 0}
    try:
        for epoch in range(1, epochs + 1):
            alpha = update_lr(learning_rate, state["epochs"], decay_rate, check=False)
            J = 0.0
            # All was checked above, once: the steps skip their checks (check=False).
            for batch, (X_batch, Y_batch) in enumerate(  # noqa: B007 (batch: for errors)
                    _batches(X, Y, batch_size, rng, epoch, epochs, print_every), 1):
                Y_hat, cache = forward_prop(X_batch, parameters, activation, output_activation,
                                            keep_prob, rng, check=False)
                # The epoch's loss, from the forward passes already made: the mean of the
                # batches' losses, weighted by their sizes (from the logits Z[L]: exact).
                B = Y_batch.shape[1]
                J += compute_loss(Y_hat, Y_batch, loss, output_activation,
                                  logits=cache[f"Z{L}"], check=False) * B / m
                # back_prop adds (lambd'/B) W[l] to dW[l]: with lambd' = lambd B / m, the
                # steps descend J + (lambd/2m) sum ||W||^2 for every B (README, "L2").
                grads = back_prop(parameters, cache, Y_batch, activation, output_activation,
                                  loss, lambd * B / m, lambd_l1=lambd_l1 * B / m,
                                  keep_prob=keep_prob, check=False)
                watch.record(parameters, cache, grads, epoch=False)  # with monitor=True
                state["t"] += 1  # the steps taken, which Adam's bias correction counts
                step(parameters, grads, *(state[name] for name in memory), learning_rate=alpha)
                # Batch normalisation's running averages, for predict (none without it).
                update_running_averages(parameters, cache, in_place=True, check=False)
            state["epochs"] += 1
            losses.append(J)
            record = _epoch_record(parameters, X, Y, J, activation, output_activation, loss,
                                   validation_data, history, watch)
            _print_progress(epoch, epochs, record, print_every)
            if patience and _early_stopping(best, record, epoch, patience, parameters, state,
                                            print_every):
                break
    except FloatingPointError as error:  # from NumPy: the training diverged
        raise _diverged(error, epoch, batch, state["t"] == first_step, X_batch, Y_batch,
                        parameters, activation, output_activation, loss, learning_rate,
                        lambd) from None
    except MemoryError:
        raise _out_of_memory(epoch, batch_size or m) from None
    if patience:  # back to the best epoch: its parameters, and the optimiser as it was then
        parameters = best["parameters"]
        state.update(best["state"])
    if print_every:  # a training that failed says why
        _print_findings(history, losses, Y, loss, output_activation)
    return parameters, losses


# %%
# train's helpers: its batches, an epoch's figures and its line.


def _batches(X, Y, batch_size, rng, epoch, epochs, print_every):
    """An epoch's mini_batches; and from the first second of a long epoch (several batches,
    with print_every), how far it has got: one line rewritten in place on a terminal, else
    a plain line every few seconds."""
    batches = mini_batches(X, Y, batch_size, rng)
    return _showing_progress(batches, X.shape[1], epoch, epochs) if (
        batch_size and print_every) else batches


def _showing_progress(batches, m, epoch, epochs):
    """The batches, passed on, and a line that says how far the epoch has got."""
    start = last = time.perf_counter()
    done, line, terminal = 0, "", sys.stdout.isatty()
    for X_batch, Y_batch in batches:
        yield X_batch, Y_batch
        done += X_batch.shape[1]
        now = time.perf_counter()
        if now - start > 1 and now - last > (0.25 if terminal else 3):
            rate = done / (now - start)
            line = (f"{_epoch(epoch, epochs)}: {done:,} of {m:,} examples, {rate:,.0f} a "
                    f"second, {(m - done) / rate:.0f} s left")
            print(f"\r{line}\x1b[K" if terminal else line, end="" if terminal else "\n",
                  flush=True)
            last = now
    if line and terminal:
        print("\r\x1b[K", end="", flush=True)  # the line goes: the epoch's own takes its place


def _epoch_record(parameters, X, Y, J, activation, output_activation, loss, validation_data,
                  history, watch):
    """What an epoch reports, added to the history if one is kept: its loss, and on the
    parameters it ends with, the validation loss and, for a classifier, the accuracies
    (the training accuracy only when a history is kept); and the monitor's figures."""
    record = {"loss": J}
    classifier = output_activation != "linear"  # outputs that are probabilities
    # As predict runs the network (training=False: batch normalisation's running averages).
    if history is not None and classifier:
        Y_hat = forward_prop(X, parameters, activation, output_activation, training=False,
                             check=False)[0]
        record["accuracy"] = accuracy(Y_hat, Y, output_activation, check=False)
    if validation_data is not None:
        X_val, Y_val = validation_data
        Y_hat, cache = forward_prop(X_val, parameters, activation, output_activation,
                                    training=False, check=False)
        record["val_loss"] = compute_loss(Y_hat, Y_val, loss, output_activation,
                                          logits=cache[f"Z{count_layers(parameters)}"],
                                          check=False)
        if classifier:
            record["val_accuracy"] = accuracy(Y_hat, Y_val, output_activation, check=False)
    for key, value in record.items() if history is not None else ():
        history.setdefault(key, []).append(value)
    watch.end_epoch(parameters)
    return record


def _epoch(epoch, epochs):
    """'epoch  200/2000', the number right-aligned so that lines stack."""
    return f"epoch {epoch:>{len(str(epochs))}}/{epochs}"


def _print_progress(epoch, epochs, record, print_every):
    """Every print_every epochs, the first and the last: 'epoch  200/2000   loss 0.014447'."""
    if print_every and (epoch == 1 or epoch % print_every == 0 or epoch == epochs):
        print(f"{_epoch(epoch, epochs)}   " + "   ".join(
            f"{key} {value:.1%}" if "accuracy" in key else f"{key} {value:.6f}"
            for key, value in record.items()))


def _out_of_memory(epoch, examples):
    return MemoryError(f"out of memory at epoch {epoch}: a step on {examples} examples needs "
                       f"more than is free; train on mini-batches (batch_size=64, say) or use "
                       f"smaller layers")


# %% [markdown]
# ## 8. Prediction
#
# A trained network is used by running forward propagation alone: no cache, no
# gradient; and a batch-normalised one normalises with the running averages that
# training kept, so that each example's prediction is its own.

# %%
def predict(X, parameters, activation, output_activation):
    r"""Y_hat = A[L]: the trained network's output for new inputs X.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    parameters : dict of "W{l}", "b{l}" (with batch normalisation, its running averages)
    activation, output_activation : str, the names the network was trained with: they are
        not in the parameters, and no default could be right for every network (a
        NeuralNetwork keeps its own)

    Returns
    -------
    Y_hat : ndarray of shape (n_y, m)
        Probabilities for sigmoid and softmax outputs: threshold at 0.5
        (``Y_hat > 0.5``) or take ``Y_hat.argmax(axis=0)`` to get classes.
    """
    _check_forward_prop(X, parameters, activation, output_activation, training=False)  # check
    return forward_prop(X, parameters, activation, output_activation, training=False,
                        check=False)[0]


# %% [markdown]
# ## 9. Gradient checking
#
# How do we know that back_prop is right? Compare it with the definition of the
# derivative: nudge one parameter by a small epsilon each way and see how much J
# changes. That costs two forward passes per parameter, so it is for small
# networks; the tests run it for every activation, output and loss.

# %%
def gradient_check(parameters, X, Y, activation="sigmoid", output_activation="sigmoid",
                   loss="mse", epsilon=1e-7, lambd=0.0, per_parameter=False, *, lambd_l1=0.0,
                   keep_prob=1.0, seed=None):
    r"""||grad - grad_approx|| / (||grad|| + ||grad_approx||): back_prop against finite differences.

    grad is back_prop's gradient and grad_approx the centred differences, for
    every parameter theta_p, with J the loss as a function of all of them:

        grad_approx_p = (J(theta_p + epsilon) - J(theta_p - epsilon)) / (2 epsilon)

    which differs from the derivative by O(epsilon^2). Below about 1e-7 the
    gradient is right; a mistake in back_prop typically gives 1e-2 or more.

    parameters, X (n_x, m), Y (n_y, m) and the names are as for back_prop, as are
    lambd and lambd_l1: J and back_prop's gradient both include the penalties. epsilon
    is the step: the quotient errs by O(epsilon^2) and by J's rounding over epsilon,
    which balance near 1e-5; at 1e-7, the courses' step, rounding leads, still far
    below a mistake's 1e-2. The check works in float64, whatever the parameters' type.
    With keep_prob < 1, every evaluation of J draws the same dropout masks (from seed),
    so that J is one function of the parameters; batch normalisation needs nothing (J
    uses the batch's statistics, as back_prop does; the running averages have no
    gradient). Returns the relative difference (0.0 when both gradients are zero), or
    with per_parameter=True one per parameter, {"W1": ..., "b1": ...}, so that a wrong
    gradient shows its layer.

    relu has no derivative at its kink, z = 0, nor |w| at w = 0 (L1): a parameter whose
    nudges put some hidden z (or the weight itself) on both sides of 0 (within epsilon
    of the kink, or exactly on it, as XOR's input (0, 0) is with zero biases) is left
    out of both vectors: there the difference is no derivative, and comparing it would
    be a false alarm.
    """
    _check_gradient_check(**locals())  # check
    parameters = {key: np.asarray(value, np.float64) for key, value in parameters.items()}
    X, Y = _as_data(X, Y)
    L = count_layers(parameters)
    # One seed for every forward pass: the same dropout masks each time.
    seed = int(np.random.default_rng(seed).integers(2**32)) if keep_prob < 1 else None

    def J(shifted):
        """The loss at the shifted parameters, and which hidden z are > 0 (relu's side)."""
        Y_hat, cache = forward_prop(X, shifted, activation, output_activation, keep_prob, seed,
                                    check=False)
        sides = [cache.get(f"Z_tilde{l}", cache[f"Z{l}"]) > 0 for l in range(1, L)
                 if activation == "relu"]  # the activation's input, normalised or not
        # From the logits: exact even where the predictions saturate, as back_prop is.
        return compute_loss(Y_hat, Y, loss, output_activation, shifted, lambd,
                            lambd_l1=lambd_l1, logits=cache[f"Z{L}"], check=False), sides

    _, cache = forward_prop(X, parameters, activation, output_activation, keep_prob, seed,
                            check=False)
    grads = back_prop(parameters, cache, Y, activation, output_activation, loss, lambd,
                      lambd_l1=lambd_l1, keep_prob=keep_prob, check=False)
    trained = [key for key in parameters if f"d{key}" in grads]  # not running averages
    grad, grad_approx = {}, {}  # both gradients, entry by entry, parameter by parameter
    for key in trained:
        grad[key], grad_approx[key] = [], []
        theta = np.array(parameters[key], dtype=float)  # a copy: the caller's stay untouched
        shifted = {**parameters, key: theta}
        for p in np.ndindex(theta.shape):
            original = theta[p]
            if lambd_l1 and key[0] == "W" and abs(original) <= epsilon:
                continue  # the nudges straddle |w|'s kink at 0: no derivative there
            theta[p] = up = original + epsilon
            J_up, sides_up = J(shifted)
            theta[p] = down = original - epsilon
            J_down, sides_down = J(shifted)
            theta[p] = original
            if not all(map(np.array_equal, sides_up, sides_down)):
                continue  # the nudges straddle relu's kink: no derivative to compare
            grad[key].append(grads[f"d{key}"][p])
            # Divide by the step actually taken: theta_p +- epsilon is rounded to a float.
            grad_approx[key].append((J_up - J_down) / (up - down))

    if per_parameter:
        return {key: _relative_difference(grad[key], grad_approx[key]) for key in trained}
    return _relative_difference(sum(grad.values(), []), sum(grad_approx.values(), []))


def _relative_difference(g, g_approx):
    """||g - g_approx|| / (||g|| + ||g_approx||), 0.0 when both are 0: gradient_check's measure."""
    denominator = np.linalg.norm(g) + np.linalg.norm(g_approx)
    return float(np.linalg.norm(np.subtract(g, g_approx)) / denominator) if denominator else 0.0


# %% [markdown]
# ## 10. Saving and loading
#
# The parameters are plain arrays, so an `.npz` file (NumPy's zip of arrays)
# holds them. Loading never unpickles: a file from elsewhere cannot run code.

# %%
def save_parameters(parameters, path):
    """Save parameters to an .npz file (".npz" is appended if missing); return its path.

    The file is written whole or not at all: an earlier file at `path` is
    replaced only once the new one is complete, so a full disk or an interrupted
    run never leaves a damaged file where a good one was. path: a str or pathlib.Path.
    """
    _check_parameters(parameters)  # check
    path = _npz(path)
    # Write a temporary file beside `path`, then rename it over `path`: a rename
    # within one folder is atomic, so `path` always holds the old file or the new.
    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")  # a fresh name
    try:
        with open(temporary, "xb") as file:
            np.savez(file, **parameters)
            file.flush()
            os.fsync(file.fileno())  # on the disk before the rename makes it `path`
        if path.exists():
            os.chmod(temporary, os.stat(path).st_mode)  # keep the old file's permissions
        os.replace(temporary, path)
    except BaseException as error:  # a full disk, no permission, Ctrl-C: leave no trace
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise OSError(error.errno, f"could not save parameters to {path}: "
                                       f"{error.strerror or error}") from None
        raise
    return path


def load_parameters(path):
    """Load parameters saved by save_parameters, under the name it was given (".npz" added
    if the file has no such suffix and `path` itself is not there).

    Returns the parameters, float64 arrays. An .npz file can hold pickled Python objects,
    and unpickling can run arbitrary code, so a file holding any is refused: OSError if
    the file cannot be opened (no such file, no permission), ValueError if it is not an
    .npz file of parameters (damaged, empty, truncated, too large for this machine's
    memory, pickled, or holding other arrays).
    """
    path = Path(path) if Path(path).exists() else _npz(path)
    arrays = _read_npz(path)
    _check_loaded(path, arrays)  # check
    return {key: value.astype(float) for key, value in arrays.items()}


def _npz(path):
    """The path with ".npz" appended, unless it ends so already: the name np.savez writes."""
    path = Path(path)
    return path if path.suffix == ".npz" else path.with_name(path.name + ".npz")


def _read_npz(path):
    """The arrays of the .npz file at `path`, by name; the file is always closed."""
    try:
        with open(path, "rb") as file:
            data = np.load(file, allow_pickle=False)  # never unpickle: it could run code
            if not isinstance(data, np.lib.npyio.NpzFile):
                raise ValueError("it holds a single array, not an .npz archive of named ones")
            with data:
                return {key: data[key] for key in data.files}
    except OSError:
        raise  # no such file, no permission: the error names the path already
    except Exception as error:  # any other failure to read it: not a file of ours, or damaged
        raise ValueError(
            f"{path} is not a parameters file written by save_parameters "
            f"(load_parameters reads only .npz files of plain arrays and never unpickles): "
            f"{error}"
        ) from None


# %% [markdown]
# ## 11. The NeuralNetwork class
#
# For those who prefer an object: `NeuralNetwork` keeps the parameters, the
# activations and the loss together, and its methods call the functions above.
# It departs from their names in one place: its constructor's first argument
# is `layers`, where the functions say `layer_dims`.

# %%
def _layer_dims(parameters):
    """[n_x, n[1], ..., n_y]: the layer sizes that parameters W1, b1, ..., WL, bL are of."""
    L = count_layers(parameters)
    return [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]


class NeuralNetwork:
    r"""A thin object wrapper around the functions above.

    >>> nn = NeuralNetwork(layers=[2, 4, 1], seed=0)
    >>> X, Y = xor_data()
    >>> losses = nn.train(X, Y, print_every=0)
    >>> (nn.predict(X) > 0.5).astype(int)
    array([[0, 1, 1, 0]])

    layers is [n_x, n[1], ..., n_y]; activation, output_activation, loss, dtype and
    batch_norm are as for initialize_parameters and train, and travel with the network:
    its methods pass them on. seed fixes the initial parameters and the shuffles.

    Attributes: parameters (initialised at construction); losses, the loss of every epoch
    trained so far; history, train's per-epoch lists ("loss", "accuracy" for a sigmoid or
    softmax output, "val_loss" and "val_accuracy" with validation_data); optimizer_state,
    the optimiser's memory, as train's.
    """

    def __init__(self, layers, activation="sigmoid", output_activation="sigmoid", loss="mse",
                 seed=None, dtype=np.float64, batch_norm=False):
        _check_network(layers, activation, dtype, output_activation, loss, "layers")  # check
        self.activation = activation
        self.output_activation = output_activation
        self.loss = loss
        self._rng = np.random.default_rng(seed)
        self.parameters = initialize_parameters([int(n) for n in layers], self._rng, activation,
                                                dtype=dtype, batch_norm=batch_norm)
        self.losses = []
        self.history = {}
        self.optimizer_state = {}  # the optimiser's averages and step count, kept across calls

    @property
    def layers(self):
        """[n_x, n[1], ..., n_y], read from the parameters: those of a network loaded into
        self.parameters, whatever the network was made with."""
        return _layer_dims(self.parameters)

    def train(self, X, Y, **settings):
        """Train from the current parameters (so calls add up); return this call's losses.

        `settings` are train's keywords, with its defaults (epochs, learning_rate, batch_size,
        validation_data, optimizer, ...; monitor=True, then diagnose(self.history) says what
        looks wrong); the layers, names, float type and random generator are the network's.
        Every epoch's figures go to self.history, and the optimiser goes on from where the
        last call left it, unless this call names another.
        """
        self.parameters, losses = train(
            X, Y, self.layers, activation=self.activation,
            output_activation=self.output_activation, loss=self.loss, seed=self._rng,
            dtype=self.parameters["W1"].dtype, history=self.history,
            parameters=self.parameters, optimizer_state=self.optimizer_state, **settings)
        self.losses.extend(losses)
        return losses

    def predict(self, X):
        """Y_hat, of shape (n_y, m), for inputs X of shape (n_x, m)."""
        return predict(X, self.parameters, self.activation, self.output_activation)

    def __repr__(self):
        return (f"NeuralNetwork(layers={self.layers}, activation={self.activation!r}, "
                f"output_activation={self.output_activation!r}, loss={self.loss!r}"
                + (", batch_norm=True)" if "gamma1" in self.parameters else ")"))


# %% [markdown]
# # Part II, training better
#
# Faster, further, deeper, and what to do when a training fails.

# %% [markdown]
# ## 12. Better optimisers
#
# Plain gradient descent steps along the gradient of one batch, so where
# the loss is a long narrow valley it zigzags across it and crawls along it.
# Momentum steps along an average of the recent gradients instead, in which the
# zigzags cancel. RMSprop divides each parameter's step by the typical size of its
# own gradients, so that every parameter moves at about the same pace; Adam does
# both. `train(..., optimizer="momentum")`, `"rmsprop"` or `"adam"` uses them
# (README, "Better optimisers", derives them).
#
# %%
def initialize_velocity(parameters):
    r"""v["dW{l}"] = 0 and v["db{l}"] = 0: momentum's average of the gradients, at rest.

    Returns v, zeros of the parameters' shapes and float type, keyed as the gradients.
    """
    _check_parameters(parameters, chained=False)  # check
    # Batch normalisation's running averages are not trained: they have no gradient.
    return {f"d{key}": np.zeros_like(value) for key, value in parameters.items()
            if not key.startswith("running")}


def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate, *, in_place=False,
                                    check=True):
    r"""v := beta v + (1 - beta) dW, then W := W - alpha v; the same for every W[l] and b[l].

    v is an exponentially weighted average of the gradients, over about the last
    1 / (1 - beta) steps: components that change sign from step to step (the
    zigzag across a valley) cancel in it, those that persist (along the valley)
    keep their full size (a constant gradient g gives v -> g). v, the velocity, is
    shaped like grads: from initialize_velocity, then from the previous step. beta in
    [0, 1), 0.9 say (0 is plain gradient descent). Returns (parameters, v) after the
    step; in_place as for update_parameters (True updates `v` where it is too).
    """
    if check:  # check
        _check_update(parameters, grads, learning_rate, v=v, beta=beta)
    if not in_place:  # float copies to work on (value * 1.0 makes integers floats)
        parameters, grads, v = ({key: value * 1.0 for key, value in dictionary.items()}
                                for dictionary in (parameters, grads, v))
    for key, dW in grads.items():  # each parameter that has a gradient
        W, v_dW = parameters[key[1:]], v[key]
        v_dW *= beta
        dW *= 1 - beta
        v_dW += dW  # v := beta v + (1 - beta) dW
        np.multiply(learning_rate, v_dW, out=dW)
        W -= dW  # W := W - alpha v
    return parameters, v


def initialize_rmsprop(parameters):
    r"""s = 0, shaped like the gradients: RMSprop's average of the squared gradients, at rest."""
    _check_parameters(parameters, chained=False)  # check
    return initialize_velocity(parameters)  # the same zeros


def update_parameters_with_rmsprop(parameters, grads, s, learning_rate=0.01, beta2=0.999,
                                   epsilon=1e-8, *, in_place=False, check=True):
    r"""s := beta2 s + (1 - beta2) dW^2, then W := W - alpha dW / (sqrt(s) + epsilon).

    Each parameter's step is its gradient over the root of its average squared
    gradient: large where the gradients have been small, small where they have
    been large. Adam is this with the average gradient v in place of dW, and both
    averages bias-corrected. The same as PyTorch's torch.optim.RMSprop(lr=alpha,
    alpha=beta2, eps=epsilon), step by step. s is shaped like grads: from
    initialize_rmsprop, then from the previous step; beta2 in [0, 1) is the share of the
    old average kept at each step; epsilon > 0 keeps the division finite where s is 0.
    Returns (parameters, s) after the step; in_place as for update_parameters.
    """
    if check:  # check
        _check_update(parameters, grads, learning_rate, s=s, beta2=beta2, epsilon=epsilon)
    if not in_place:  # float copies to work on (value * 1.0 makes integers floats)
        parameters, grads, s = ({key: value * 1.0 for key, value in dictionary.items()}
                                for dictionary in (parameters, grads, s))
    for key, dW in grads.items():  # each parameter that has a gradient
        W, s_dW = parameters[key[1:]], s[key]
        s_dW *= beta2
        s_dW += (1 - beta2) * dW * dW  # s := beta2 s + (1 - beta2) dW^2
        dW /= np.sqrt(s_dW) + epsilon
        dW *= learning_rate
        W -= dW  # W := W - alpha dW / (sqrt(s) + epsilon)
    return parameters, s


# %%
def initialize_adam(parameters):
    r"""v = 0 and s = 0, shaped like the gradients: Adam's two averages, at rest: (v, s)."""
    _check_parameters(parameters, chained=False)  # check
    return initialize_velocity(parameters), initialize_velocity(parameters)


def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8, *, in_place=False, check=True):
    r"""W := W - alpha v_hat / (sqrt(s_hat) + epsilon), for every W[l] and b[l], where

        v     = beta1 v + (1 - beta1) dW        the average gradient, as in momentum
        s     = beta2 s + (1 - beta2) dW^2      the average squared gradient, elementwise
        v_hat = v / (1 - beta1^t)               bias correction: v and s start at 0,
        s_hat = s / (1 - beta2^t)               so their first averages are too small

    Each parameter's step is its average gradient over the root of its average
    squared gradient: about alpha in size, whatever the scale of its gradients.
    v and s are the courses' names; Kingma and Ba (2015), and CS231n, call them m
    and v. v and s are shaped like grads: from initialize_adam, then from the previous
    step; t >= 1 is the number of this step; beta1, beta2 in [0, 1); epsilon > 0 keeps
    the division finite where s_hat is 0. Returns (parameters, v, s) after the step;
    in_place as for update_parameters.
    """
    if check:  # check
        _check_update(parameters, grads, learning_rate, v=v, s=s, t=t, beta1=beta1,
                      beta2=beta2, epsilon=epsilon)
    if not in_place:  # float copies to work on (value * 1.0 makes integers floats)
        parameters, grads, v, s = ({key: value * 1.0 for key, value in dictionary.items()}
                                   for dictionary in (parameters, grads, v, s))
    for key, dW in grads.items():  # each parameter that has a gradient
        W, v_dW, s_dW = parameters[key[1:]], v[key], s[key]
        v_dW *= beta1
        v_dW += (1 - beta1) * dW  # v := beta1 v + (1 - beta1) dW
        np.square(dW, out=dW)
        dW *= 1 - beta2
        s_dW *= beta2
        s_dW += dW  # s := beta2 s + (1 - beta2) dW^2
        # The step alpha v_hat / (sqrt(s_hat) + epsilon), built up in dW's memory:
        np.divide(s_dW, 1 - beta2 ** t, out=dW)  # s_hat
        np.sqrt(dW, out=dW)
        dW += epsilon
        np.divide(v_dW, dW, out=dW)
        dW *= learning_rate / (1 - beta1 ** t)  # with v_hat = v / (1 - beta1^t)
        W -= dW
    return parameters, v, s



# %%
OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")  # the names of train's optimizer=


def _optimizer(optimizer, state, parameters, **settings):
    """train's optimiser: its state (`state` if it is this optimiser's, to go on from, else
    a new one at rest: no steps, no epochs of decay, zero averages), its step function
    (the update rule, in place, with the settings it takes), and the names of the state
    the step takes after the gradients."""
    # The optimisers by name: each one's update rule, the state it takes after the gradients
    # (its averages, which start at zero, and Adam's step count t), and the settings it
    # takes. Made at each call: a rule edited in a notebook is the one train runs.
    update, memory, takes = {
        "gd": (update_parameters, (), ()),
        "momentum": (update_parameters_with_momentum, ("v",), ("beta",)),
        "rmsprop": (update_parameters_with_rmsprop, ("s",), ("beta2", "epsilon")),
        "adam": (update_parameters_with_adam, ("v", "s", "t"), ("beta1", "beta2", "epsilon")),
    }[optimizer]
    state = {} if state is None else state
    if state.get("optimizer") != optimizer:
        state.clear()
        state.update(optimizer=optimizer, t=0, epochs=0,
                     **{name: initialize_velocity(parameters) for name in memory if name != "t"})
    step = functools.partial(update, in_place=True, check=False,
                             **{name: settings[name] for name in takes})
    return state, step, memory


# %%
# The courses' mini-batches and learning-rate decay.


def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    r"""The examples, the columns of X and Y, shuffled and cut into mini-batches: the course's.

    The order is the permutation of NumPy's legacy generator seeded with `seed`,
    np.random.RandomState(seed).permutation(m), which is what the course's
    np.random.seed(seed) then np.random.permutation(m) gives: the course's own
    batches, without touching NumPy's global random state. train cuts its epochs
    with the same mini_batches, and its own generator. X (n_x, m), Y (n_y, m); returns
    a list of (mini_batch_X, mini_batch_Y), (n_x, b) and (n_y, b), b = mini_batch_size
    (the last batch may have fewer).
    """
    _check_random_mini_batches(X, Y, mini_batch_size, seed)  # check
    X, Y = np.asarray(X), np.asarray(Y)
    return list(mini_batches(X, Y, mini_batch_size, np.random.RandomState(seed)))


def update_lr(learning_rate0, epoch_num, decay_rate, *, check=True):
    r"""alpha = alpha0 / (1 + decay_rate epoch_num): learning-rate decay, as train's decay_rate.

    learning_rate0 is alpha0, the rate of epoch 0; epoch_num, the epochs done.
    """
    if check:  # check
        _check_scalars(**locals())
    return learning_rate0 / (1 + decay_rate * epoch_num)


def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    r"""alpha = alpha0 / (1 + decay_rate floor(epoch_num / time_interval)): decay in steps.

    The rate stays for time_interval epochs at a time, then drops, as the course's
    schedule does.
    """
    _check_scalars(**locals())  # check
    return learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))


# %% [markdown]
# ## 13. Generalisation
#
# A network is trained to do well on examples it has never seen, and
# the training loss cannot say how well it does, as a big enough network can
# learn its training examples by heart. So some examples are held out
# (`train_test_split`) and measured apart (`validation_data=` in `train`, and
# `accuracy`). When the loss on them rises while the training loss falls, the
# network is overfitting, and remedies are built in: L2 and L1 regularisation
# (`lambd=` and `lambd_l1=` in compute_loss, back_prop and train), dropout
# (`keep_prob=` in forward_prop, back_prop and train) and early stopping
# (`patience=` in train). README, "Generalisation", derives them.


# %%
def accuracy(Y_hat, Y, output_activation=None, *, check=True):
    r"""The fraction of answers that are right.

    A softmax output answers one question per example, which class: the argmax
    of its column, right when it is the argmax of Y's. A sigmoid output answers
    one yes/no question per unit: y_hat > 0.5, right when y > 0.5 too; the
    fraction is over all n_y m of these answers. Y_hat, Y: (n_y, m). output_activation,
    "sigmoid" or "softmax", says which of the two Y_hat is; None: softmax if every
    column of Y_hat sums to 1 (as a softmax output's do, to rounding), else sigmoid.
    Returns a float in [0, 1].
    """
    if check:  # check
        _check_accuracy(Y_hat, Y, output_activation)
    if output_activation is None:
        softmax = Y_hat.shape[0] > 1 and np.allclose(Y_hat.sum(axis=0), 1.0)
        output_activation = "softmax" if softmax else "sigmoid"
    if output_activation == "softmax":
        return float(np.mean(Y_hat.argmax(axis=0) == Y.argmax(axis=0)))
    return float(np.mean((Y_hat > 0.5) == (Y > 0.5)))


def _test_count(test_size, m):
    """How many of m examples test_size holds out: a count as it is, a share rounded."""
    return test_size if isinstance(test_size, numbers.Integral) else round(test_size * m)


def train_test_split(X, Y, test_size=0.25, seed=None):
    r"""A shuffled partition of the examples, the columns, into a training and a test set.

    With one-hot Y (class labels), every class is split in the same proportion
    (stratified), so that both sets hold each class in its share. test_size: the share
    of the examples to hold out, in (0, 1), or their number t. Returns X_train
    (n_x, m - t), X_test (n_x, t), Y_train (n_y, m - t), Y_test (n_y, t).
    """
    _check_train_test_split(X, Y, test_size)  # check
    X, Y = _as_data(X, Y, dtype=None)
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    n_test = _test_count(test_size, m)
    one_hot = Y.shape[0] > 1 and np.all((Y == 0) | (Y == 1)) and np.all(Y.sum(axis=0) == 1)
    classes = Y.argmax(axis=0) if one_hot else np.zeros(m, dtype=int)
    # Each class's share of the n_test: its size times n_test/m, rounded down, and the
    # examples left over go to the classes with the largest remainders.
    counts = np.bincount(classes)
    shares = counts * n_test / m
    quota = np.floor(shares).astype(int)
    quota[np.argsort(quota - shares)[:n_test - quota.sum()]] += 1
    test = np.concatenate([rng.permutation(np.flatnonzero(classes == c))[:quota[c]]
                           for c in range(len(counts))])
    test = rng.permutation(test)
    train = rng.permutation(np.setdiff1d(np.arange(m), test))
    return X[:, train], X[:, test], Y[:, train], Y[:, test]


# %%
def dropout_forward(A, keep_prob, rng):
    r"""A * D / keep_prob, with D a random mask: each entry 1 with probability keep_prob, else 0.

    Inverted dropout: a unit kept is scaled up by 1/keep_prob, so that each activation's
    expected value is what it is without dropout, and prediction (keep_prob = 1) needs no
    change. A: (n, m); rng: a numpy.random.Generator. Returns the new A (n, m) and D, a
    mask of booleans (n, m).
    """
    D = rng.random(A.shape) < keep_prob  # True where the unit is kept
    return A * D / keep_prob, D


def dropout_backward(dA, D, keep_prob):
    r"""dA * D / keep_prob: a unit dropped in the forward pass sends no gradient back; (n, m)."""
    return dA * D / keep_prob


def _early_stopping(best, record, epoch, patience, parameters, state, print_every):
    """Early stopping, after each epoch: keep in `best` the best epoch's parameters and the
    optimiser's state (copies: the loop goes on changing its own); True once patience
    epochs in a row have not beaten it."""
    if record["val_loss"] < best["val_loss"]:
        best.update(val_loss=record["val_loss"], epoch=epoch, state=copy.deepcopy(state),
                    parameters={key: W.copy() for key, W in parameters.items()})
    elif epoch - best["epoch"] >= patience:
        if print_every:
            print(f"stopped at epoch {epoch}: the validation loss has not improved for "
                  f"{patience} epochs; back to epoch {best['epoch']}'s parameters (val_loss "
                  f"{best['val_loss']:.6f})")
        return True
    return False


# %% [markdown]
# ## 14. Batch normalisation
#
# Deeper: in a deep network each layer's sums Z drift in scale as the layers below
# it learn, and with a sigmoid they sink into its flat tails, where the gradient
# vanishes (lesson 9). Batch normalisation (Ioffe and Szegedy, 2015) takes each
# hidden unit's z over the batch to mean 0 and variance 1, then lets the network
# scale and shift it back with parameters of its own, gamma[l] and beta[l], before
# the activation. `initialize_parameters(..., batch_norm=True)` makes such a
# network, and `forward_prop`, `back_prop`, `train`, `predict` and `NeuralNetwork`
# follow the parameters. A batch of one has no mean or variance of its own, so
# prediction uses averages kept during training instead (README, "Batch
# normalisation", derives the backward pass).

# %%
BN_EPSILON = 1e-5  # PyTorch's and the paper's epsilon
BN_MOMENTUM = 0.1  # PyTorch's: the share of the newest batch in the running averages


def batchnorm_forward(Z, gamma, beta, epsilon=BN_EPSILON, *, mu=None, var=None, check=True):
    r"""Z_tilde = gamma Z_hat + beta, with Z_hat = (Z - mu) / sqrt(var + epsilon), unit by unit,

    and mu and var the mean and (biased) variance of each unit over the m examples:

        mu  = (1/m) sum_i Z[:, i]               (n, m) -> (n, 1)
        var = (1/m) sum_i (Z[:, i] - mu)^2      (n, m) -> (n, 1)

    Z: (n, m), a layer's sums W[l] A[l-1] for a batch; gamma, beta: (n, 1), the scale and
    shift the network learns; epsilon > 0 keeps the division finite where var is 0. Given
    mu and var (n, 1) (the running averages, to predict), they take the place of the
    batch's own, and each example is normalised on its own. Returns Z_tilde (n, m) and
    bn_cache, for batchnorm_backward and the running averages: "Z_hat" (n, m), "gamma",
    "sigma" = sqrt(var + epsilon), "mu" and "var" (n, 1).
    """
    if check:  # check
        _check_batchnorm_forward(Z, gamma, beta, epsilon)
    if mu is None:  # training: the batch's own statistics
        mu = Z.mean(axis=1, keepdims=True)  # (n, m) -> (n, 1)
    Z_centred = Z - mu
    if var is None:
        var = np.mean(Z_centred * Z_centred, axis=1, keepdims=True)  # (n, m) -> (n, 1)
    sigma = np.sqrt(var + epsilon)
    # In place, into the arrays just made here: two fewer (n, m) arrays per layer.
    Z_hat = np.divide(Z_centred, sigma, out=Z_centred)
    Z_tilde = gamma * Z_hat  # (n, 1) * (n, m) -> (n, m)
    Z_tilde += beta
    return Z_tilde, {"Z_hat": Z_hat, "gamma": gamma, "sigma": sigma, "mu": mu, "var": var}


def batchnorm_backward(dZ_tilde, bn_cache):
    r"""dZ, dgamma, dbeta: the chain rule back through batchnorm_forward, in its compact form,

        dbeta  = sum_i dZ_tilde                                       (n, m) -> (n, 1)
        dgamma = sum_i dZ_tilde * Z_hat                               (n, m) -> (n, 1)
        dZ     = gamma / (m sigma) * (m dZ_tilde - dbeta - Z_hat dgamma)     (n, m)

    The three terms of dZ: the direct path through Z_hat, and the paths through
    mu and through var, which every example of the batch shares (README derives
    them). Like PyTorch's BatchNorm1d, dgamma and dbeta are sums over the
    examples: back_prop divides them by m, as it does dW and db. dZ_tilde: (n, m), the
    gradient with respect to Z_tilde; bn_cache: batchnorm_forward's, on the same batch.
    """
    Z_hat, gamma, sigma = bn_cache["Z_hat"], bn_cache["gamma"], bn_cache["sigma"]
    m = dZ_tilde.shape[1]
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_hat, axis=1, keepdims=True)
    dZ = m * dZ_tilde  # a new array, then built up in place
    dZ -= dbeta
    dZ -= Z_hat * dgamma
    dZ *= gamma / (m * sigma)
    return dZ, dgamma, dbeta


def update_running_averages(parameters, cache, momentum=BN_MOMENTUM, *, in_place=False,
                            check=True):
    r"""running_mean[l] := (1 - momentum) running_mean[l] + momentum mu[l], and the same for

    running_var[l] with (m / (m - 1)) var[l], the unbiased variance of the batch, for
    each batch-normalised layer l: PyTorch's running averages, for prediction.

    They live in `parameters` beside gamma[l] and beta[l], as PyTorch keeps its
    running_mean and running_var in a state_dict, so that predict and
    save_parameters find them; but they are not trained: back_prop gives them no
    gradient, and the optimisers update only what has one. Note that momentum is
    the share of the new batch, PyTorch's convention, where beta is the old's. cache:
    forward_prop's, in training, on a batch of m >= 2 examples (its "bn{l}"). Returns
    the parameters with the new averages; in_place as for update_parameters. A cache of
    a network without batch normalisation has no averages to update.
    """
    if check:  # check
        _check_scalars(momentum=momentum)
    if not in_place:
        parameters = {key: value * 1.0 for key, value in parameters.items()}
    for key, bn_cache in cache.items():
        if key.startswith("bn"):
            l, m = key[2:], bn_cache["Z_hat"].shape[1]
            unbiased = bn_cache["var"] * (m / (m - 1))  # as PyTorch's: the batch's var underrates
            for running, batch in ((parameters[f"running_mean{l}"], bn_cache["mu"]),
                                   (parameters[f"running_var{l}"], unbiased)):
                running *= 1 - momentum
                running += momentum * batch
    return parameters


# %% [markdown]
# ## 15. Diagnosis
#
# When a training fails, its loss rarely says why. `train(..., monitor=True)` keeps,
# epoch by epoch, what an expert watches in each layer: the spread of its
# activations, the share of its units that are saturated (sigmoid, tanh) or dead
# (relu), the size of its weight gradient, and the size of each step against the
# weights (Karpathy's lectures). `diagnose` reads them, with the loss, and says in
# plain words what looks wrong and what to try; `train` prints its findings at the
# end, unless `print_every=0`.

# %%
SATURATED_Z = {"sigmoid": math.log(199), "tanh": math.atanh(0.99)}  # |g(z)| at 99 % of its range
# What diagnose reports: a loss that ends this many times its lowest, and this share of the
# way back from its lowest to its first, has risen (less is the wobble of mini-batches);
# these shares of a layer's units dead, or of its activations saturated; a layer 1
# gradient under this share of the output layer's.
ROSE = 1.25
ROSE_BACK = 0.25
DEAD = 0.25
SATURATED = 0.3
VANISHED = 0.01
STEP_RATIOS = (1e-5, 1e-1)  # update-to-weight ratios outside these: too small, too large


def _rms(values):
    """sqrt(mean(values^2)), the root mean square: a typical size of the entries."""
    return float(np.sqrt(np.mean(np.square(values))))


class Monitor:
    """The figures diagnose reads: each hidden layer's activations, and each layer's gradient
    and step, from what a training loop computes anyway, one epoch of `history` per record.
    In a loop of one's own, record each step before its update:

        monitor = Monitor()
        for epoch in range(epochs):
            Y_hat, cache = forward_prop(X, parameters)
            J = compute_loss(Y_hat, Y)
            grads = back_prop(parameters, cache, Y)
            monitor.record(parameters, cache, grads, J)
            parameters = update_parameters(parameters, grads, learning_rate)
        print(diagnose(monitor.history))

    A step is measured from the weights of one record to those of the next (or to those
    given to end_epoch). activation: the hidden layers' (None: the one that gives the
    cache's A1 from its Z1). train(..., monitor=True) records each batch with epoch=False,
    ends each epoch itself and adds the loss of chance; with on=False it records nothing.
    """

    def __init__(self, activation=None, *, history=None, chance=None, on=True):
        self.activation, self.chance, self.on = activation, chance, on
        self.history = {} if history is None else history
        self.before = None  # the weights of the last record, whose step is still to measure
        self._start_epoch()

    def _start_epoch(self):
        self.sums, self.active = {}, None  # active: per hidden layer, the units ever > 0

    def _add(self, key, values):
        count, sums = self.sums.get(key, (0, [0.0] * len(values)))
        self.sums[key] = count + 1, [total + value for total, value in zip(sums, values)]

    def _measure_step(self, parameters):
        """The step since the last record: RMS of W after minus W before, over RMS of W."""
        if self.before is not None:
            self._add("update_ratio", [_rms(parameters[f"W{l}"] - W) / (
                _rms(parameters[f"W{l}"]) or 1) for l, W in enumerate(self.before, 1)])
        self.before = None

    def record(self, parameters, cache, grads, loss=None, *, epoch=True):
        """One step, before its update: its activations, gradients and weights, and its loss
        (into history["loss"]); epoch=False leaves the epoch open for more batches."""
        if not self.on:
            return
        self._measure_step(parameters)
        L = count_layers(parameters)
        Z = [cache.get(f"Z_tilde{l}", cache[f"Z{l}"]) for l in range(1, L)]  # g's input
        A = [cache[f"A{l}"] for l in range(1, L)]  # as the layer passes it on
        if self.activation is None and L > 1:
            self.activation = next((name for name, g in ACTIVATIONS.items()
                                    if np.allclose(g(Z[0]), A[0])), "unknown")
        self._add("activation_mean", [float(a.mean()) for a in A])
        self._add("activation_std", [float(a.std()) for a in A])
        if self.activation in SATURATED_Z:
            self._add("saturated", [float(np.mean(np.abs(z) > SATURATED_Z[self.activation]))
                                    for z in Z])
        if self.activation == "relu":
            live = [(z > 0).any(axis=1) for z in Z]
            self.active = live if self.active is None else [
                active | now for active, now in zip(self.active, live)]
        self._add("gradient_rms", [_rms(grads[f"dW{l}"]) for l in range(1, L + 1)])
        self.before = [parameters[f"W{l}"].copy() for l in range(1, L + 1)]
        if loss is not None:
            self.history.setdefault("loss", []).append(float(loss))
        if epoch:
            self.end_epoch()

    def end_epoch(self, parameters=None):
        """The epoch's figures, the means of its records, into the history; with the
        parameters after the epoch's last update, its step too."""
        if not self.on:
            return
        if parameters is not None:
            self._measure_step(parameters)
        figures = {key: [total / count for total in sums] for key, (count, sums)
                   in self.sums.items()}
        if self.active is not None:  # relu: a unit never active all epoch is dead
            figures["dead"] = [float(1 - np.mean(active)) for active in self.active]
        if self.chance is not None:
            figures["chance_loss"] = self.chance
        for key, values in figures.items():
            self.history.setdefault(key, []).append(values)
        self._start_epoch()


# %%
def _chance_loss(Y, loss, output_activation):
    """The loss of a network that ignores its input: the best constant answer, each output
    unit's mean target (for one-hot classes, their shares)."""
    Y_mean = np.broadcast_to(Y.mean(axis=1, keepdims=True), Y.shape)
    return float(compute_loss(Y_mean, Y, loss, output_activation, check=False))


def diagnose(history):
    r"""What looks wrong in a training, from its history: findings in plain words.

    history is as train fills it (a NeuralNetwork's .history). Returns a list of findings,
    each with its evidence and what to try, empty when nothing looks wrong; it prints
    nothing. From "loss" alone: a loss that rose to ROSE times its lowest and ROSE_BACK
    of the way back to its first. With "chance_loss", the loss of a network that answers
    every example with the targets' mean (train records it with monitor=True, and uses
    it for its own message): a loss that ends at chance, or, for a classifier (with
    "accuracy"), one still above half of it. From
    train(..., monitor=True)'s per-layer figures (each a list over the epochs of a list
    over the layers), when the loss shows that something failed:

        "dead"          at least DEAD of a relu layer's units never active in an epoch
        "saturated"     at least SATURATED of a sigmoid or tanh layer's activations
                        beyond 99 % of its range, in the first epoch
        "gradient_rms"  layer 1's weight gradient under VANISHED of the output layer's,
                        in the first epoch: the gradient vanishes towards the input
        "update_ratio"  RMS of the step over RMS of the weights, averaged over the
                        epochs, outside STEP_RATIOS (about 1e-3 is healthy)
    """
    _check_history(history)  # check
    losses, findings = history["loss"], []
    last, epochs, lowest = losses[-1], len(losses), int(np.argmin(losses))
    fit = ("an output and loss that fit the targets: softmax with cross_entropy for classes, "
           "sigmoid for yes or no, linear with mse for numbers")
    rose = (last > ROSE * losses[lowest]
            and last - losses[lowest] > ROSE_BACK * (losses[0] - losses[lowest]))
    if rose:
        findings.append(f"The loss rose, from {losses[lowest]:.4g} in epoch {lowest + 1} to "
                        f"{last:.4g} in epoch {epochs}: the steps overshoot. Try a learning "
                        f"rate 10 times smaller.")
    chance = history.get("chance_loss", [None])[-1]
    constant = f"answering every example with the targets' mean ({chance:.4g})" if chance else ""
    if chance and abs(last - chance) <= 0.02 * chance:
        findings.append(f"The loss ends at chance: {last:.4g} after {epochs} epochs, as "
                        f"much as {constant}: the network does not use its inputs. Try more "
                        f"epochs, other learning rates (10 and 100 times smaller), and {fit}.")
    elif chance and last > chance:
        findings.append(f"The loss ends above chance: {last:.4g} after {epochs} epochs, worse "
                        f"than {constant}. Try a smaller learning rate, and {fit}.")
    elif chance and "accuracy" in history and not rose and last > 0.5 * chance:
        findings.append(f"The loss is still {last / chance:.0%} of chance after {epochs} "
                        f"epochs ({last:.4g}, against {constant}): the network learns slowly. "
                        f"Try a larger learning rate, more epochs, and {fit}.")
    if not findings:  # the layers' figures explain a failure; in a training that works,
        return findings  # some saturated or dead units are no matter
    def worst(key, epoch, threshold):
        """The layer (from 1) with the largest share in that epoch, if it reaches threshold."""
        shares = history.get(key, [[]])[epoch]
        l = int(np.argmax(shares)) + 1 if shares else 0
        return (l, shares[l - 1], shares) if l and shares[l - 1] >= threshold else None

    if dead := worst("dead", -1, DEAD):
        l, share, shares = dead
        findings.append(f"Dead units: {share:.0%} of layer {l}'s relu units were never active "
                        f"in the last epoch (by layer: {', '.join(f'{s:.0%}' for s in shares)}). "
                        f"A unit whose z stays below 0 gets no gradient and never recovers. Try "
                        f"a smaller learning rate (learning_rate=), or activation='tanh', whose "
                        f"units cannot die.")
    if saturated := worst("saturated", 0, SATURATED):
        l, share, _ = saturated
        findings.append(f"Saturated units: from the start, {share:.0%} of layer "
                        f"{l}'s activations are beyond 99 % of their range, where the "
                        f"slope, and so the gradient, is nearly 0. Try standardised inputs "
                        f"(standardise), a smaller learning rate (learning_rate=), or batch "
                        f"normalisation (batch_norm=True).")
    gradients = history.get("gradient_rms", [[]])[0]
    if len(gradients) > 1 and gradients[0] < VANISHED * gradients[-1]:
        findings.append(f"The gradient vanishes towards the input: in the first epoch its RMS "
                        f"is {gradients[-1]:.1e} at the output layer and "
                        f"{gradients[0]:.1e} at layer 1 (by layer: "
                        f"{', '.join(f'{g:.0e}' for g in gradients)}), so the first layers "
                        f"barely learn. Try " + ("" if "dead" in history else
                                                 "activation='relu' (train starts it with He's "
                                                 "weights), or ") +
                        "batch normalisation (batch_norm=True).")
    ratios = np.mean(history["update_ratio"], axis=0) if "update_ratio" in history else []
    for l, ratio in enumerate(ratios, start=1):
        if not STEP_RATIOS[0] <= ratio <= STEP_RATIOS[1]:
            findings.append(f"Layer {l}'s steps are {ratio:.1e} of its weights, on average "
                            f"(about 1e-3 is healthy): "
                            + ("too large, try a smaller learning rate." if ratio > 1e-3 else
                               "too small to learn in a useful time, try a larger learning "
                               "rate, or see the gradients' finding."))
            break  # one layer says it
    return findings


# %% [markdown]
# ### Which mistake is in my back_prop?
#
# A back_prop written by hand goes wrong in a handful of classic ways. Each leaves
# its mark on the gradients, so that comparing a learner's back_prop with this
# file's on small networks, and with the same equations with each mistake made in
# them, names the mistake and its fix.

# %%
# The classic mistakes, as check_back_prop names them, each with what it does and its fix.
MISTAKES = {
    "no 1/m": "dW and db are sums over the examples, not means: divide them by m",
    "dW transposed": "dW[l] is transposed: dW = (1/m) dZ A_prev.T has W's shape (n[l], n[l-1])",
    "db without keepdims": "db[l] is 1-D, and b - alpha db would broadcast to a matrix: "
                           "db = (1/m) np.sum(dZ, axis=1, keepdims=True)",
    "db over the units": "db[l] sums dZ over its units (axis 0) instead of over the examples: "
                         "db = (1/m) np.sum(dZ, axis=1, keepdims=True)",
    "g' at A": "g' is taken at the activation A[l] instead of at Z[l]: dZ = dA * g'(Z), which "
               "for the sigmoid is a (1 - a) with a = A[l]",
    "output derivative twice": "with cross-entropy, dZ[L] = A[L] - Y already holds the output's "
                               "derivative, and g'(Z[L]) is applied again: leave it out",
    "sign": "every gradient points uphill: dZ[L] = A[L] - Y, not Y - A[L]",
    "no 2": "the squared error's 2 is missing: dA[L] = (2/n_y) (A[L] - Y)",
    "L2 forgotten": "the L2 penalty's gradient is missing: add (lambd/m) W[l] to dW[l]",
    "L2 without 1/m": "the L2 penalty's gradient lacks its 1/m: add (lambd/m) W[l], not lambd W[l]",
    "mask not applied": "dropout's mask is not applied again going back: dA = dA * D / keep_prob",
    "mask not divided": "dropout's mask is applied but not divided by keep_prob: dA = dA * D / "
                        "keep_prob",
}


def _back_prop_with(mistake, parameters, cache, Y, activation="sigmoid",
                    output_activation="sigmoid", loss="mse", lambd=0.0, *, keep_prob=1.0):
    """back_prop's equations (chapter 5, without batch normalisation or L1) with one of
    MISTAKES made in them, or none: the gallery of bugs."""
    L = count_layers(parameters)
    Y_hat, m = cache[f"A{L}"], Y.shape[1]
    if loss == "cross_entropy":
        dZ = Y_hat - Y
        if mistake == "output derivative twice":
            dZ = activation_backward(dZ, cache[f"Z{L}"], Y_hat, output_activation, check=False)
    else:
        dA = mean_squared_error_derivative(Y_hat, Y, check=False) / (2 if mistake == "no 2" else 1)
        dZ = activation_backward(dA, cache[f"Z{L}"], Y_hat, output_activation, check=False)
    dZ = -dZ if mistake == "sign" else dZ
    mean = 1 if mistake == "no 1/m" else m
    penalty = 0 if mistake == "L2 forgotten" else lambd / (1 if mistake == "L2 without 1/m" else m)
    grads = {}
    for l in range(L, 0, -1):
        W = parameters[f"W{l}"]
        dW = dZ @ cache[f"A{l - 1}"].T / mean + penalty * W
        grads[f"dW{l}"] = dW.T if mistake == "dW transposed" else dW
        grads[f"db{l}"] = np.sum(dZ, axis=0 if mistake == "db over the units" else 1,
                                 keepdims=mistake != "db without keepdims") / mean
        if l > 1:
            dA = W.T @ dZ
            if keep_prob < 1 and mistake != "mask not applied":
                dA = dropout_backward(dA, cache[f"D{l - 1}"],
                                      1 if mistake == "mask not divided" else keep_prob)
            at = cache[f"A{l - 1}"] if mistake == "g' at A" else cache[f"Z{l - 1}"]
            dZ = dA * DERIVATIVES[activation](at)
    return grads


def check_back_prop(candidate, *, seed=0):
    r"""Which mistake is in a back_prop of one's own: findings, [] when it agrees with back_prop.

    candidate takes back_prop's arguments, (parameters, cache, Y, activation,
    output_activation, loss, lambd, keep_prob), or the first of them: a name it does not
    take keeps back_prop's default. It runs on a random [3, 4, 5, 3] network and 6
    examples for every activation, output and loss it takes, then again with lambd=0.7 and
    with keep_prob=0.8 if it takes them, and each gradient is compared with back_prop's
    (which the tests check against finite differences and PyTorch). A gradient that
    differs is compared with those of the same equations with each of MISTAKES made in
    them (_back_prop_with). A finding names the case, the first gradient that differs, the
    evidence (its shape, or its ratio to the right one), the mistake it matches and the
    fix, and how many more cases show the same; an error the candidate raises is a finding.
    """
    code = getattr(candidate, "__code__", back_prop.__code__)  # a callable object: as back_prop
    takes = code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]
    defaults = {**dict(zip(("activation", "output_activation", "loss", "lambd"),
                           back_prop.__defaults__)), **back_prop.__kwdefaults__}
    fitting = (("sigmoid", "mse"), ("linear", "mse"), ("sigmoid", "cross_entropy"),
               ("softmax", "cross_entropy"), ("softmax", "mse"))  # outputs and their losses
    cases = [dict(activation=g, output_activation=output, loss=loss, **extra)
             for extra in ({}, {"lambd": 0.7}, {"keep_prob": 0.8})
             for g in ACTIVATIONS for output, loss in fitting]
    # What the candidate can be asked for: a name it does not take keeps back_prop's default.
    cases = [case for case in cases if all(key in takes or value == defaults[key]
                                           for key, value in case.items())]
    rng = np.random.default_rng(seed)
    parameters, X = initialize_parameters([3, 4, 5, 3], rng), rng.standard_normal((3, 6))
    targets = {"sigmoid": rng.integers(0, 2, (3, 6)) * 1.0, "linear": rng.standard_normal((3, 6)),
               "softmax": np.eye(3)[:, rng.integers(0, 3, 6)]}
    found = {}  # the mistake (or what differs) -> [its first finding, the cases that show it]
    for case in cases:
        Y = targets[case["output_activation"]]
        _, cache = forward_prop(X, parameters, case["activation"], case["output_activation"],
                                case.get("keep_prob", 1.0), rng, check=False)
        right = back_prop(parameters, cache, Y, **case, check=False)
        name = ", ".join(f"{key}={value!r}" for key, value in case.items())
        try:
            given = {key: value for key, value in case.items() if key in takes}
            got = candidate(copy.deepcopy(parameters), copy.deepcopy(cache), Y.copy(), **given)
        except Exception as error:  # whatever it raises is a finding, not passed on
            finding = found.setdefault(type(error), [f"With {name}, it raised "
                                                     f"{type(error).__name__}: {error}.", 0])
            finding[1] += 1
            continue
        difference = _first_difference(got, right)
        if difference:
            mistake = next((mistake for mistake in MISTAKES if _first_difference(
                got, _back_prop_with(mistake, parameters, cache, Y, **case)) is None), None)
            fix = (f"This is the mistake '{mistake}': {MISTAKES[mistake]}." if mistake else
                   "It matches none of the classic mistakes (MISTAKES).")
            finding = found.setdefault(mistake or difference.split()[0],
                                       [f"With {name}, {difference}. {fix}", 0])
            finding[1] += 1
    return [finding + (f" ({count - 1} more cases show it.)" if count > 1 else "")
            for finding, count in found.values()]


def _first_difference(grads, right):
    """How grads first differ from the right gradients, in back_prop's order, or None."""
    if not isinstance(grads, dict):
        return f"it returned a {type(grads).__name__}, not a dict of 'dW1', 'db1', ..."
    for key, value in right.items():
        got = np.asarray(grads.get(key, np.nan), dtype=float)
        if key not in grads or got.shape != value.shape:
            return (f"{key} is missing" if key not in grads else
                    f"{key} has shape {got.shape}, where {key[1:]}'s is {value.shape}")
        if not np.allclose(got, value, rtol=1e-6, atol=1e-12):
            ratio = got / np.where(value == 0, np.nan, value)
            steady = np.nanmax(ratio) - np.nanmin(ratio) <= 1e-6 * np.nanmax(np.abs(ratio))
            off = np.linalg.norm(got - value) / np.linalg.norm(value)
            return (f"{key} is {np.nanmedian(ratio):.4g} times the right one" if steady else
                    f"{key} differs from the right one by {off:.2g} of its size")
    return None


# %%
def _print_findings(history, losses, Y, loss, output_activation):
    """Print diagnose's findings on this call's epochs, with the chance loss train knows."""
    recent = {key: values[-len(losses):] for key, values in (history or {}).items()}
    chance = recent.get("chance_loss") or [_chance_loss(Y, loss, output_activation)]
    for finding in diagnose({**recent, "loss": losses, "chance_loss": chance}):
        print(finding)


def _where_it_diverged(parameters, X, Y, activation, output_activation, loss):
    """Where a training step on the batch (X, Y) first makes a value that is not a number:
    the step is taken again, one operation after another, on the parameters as the failing
    step left them. Returns that operation, in words."""
    L = count_layers(parameters)
    for key, value in parameters.items():  # an update that overflowed left them so
        if not np.isfinite(value).all():
            return f"the update of {key}, which overflowed"
    with np.errstate(all="ignore"):
        Y_hat, cache = forward_prop(X, parameters, activation, output_activation, check=False)
        for l in range(1, L + 1):
            if not np.isfinite(cache[f"Z{l}"]).all():
                return f"forward_prop, Z[{l}] = W[{l}] A[{l - 1}] + b[{l}]"
            if not np.isfinite(cache[f"A{l}"]).all():
                return f"forward_prop, A[{l}] = g(Z[{l}])"
        J = compute_loss(Y_hat, Y, loss, output_activation, logits=cache[f"Z{L}"], check=False)
        if not np.isfinite(J):
            return f"compute_loss, the {LOSS_NAMES[loss]}"
        grads = back_prop(parameters, cache, Y, activation, output_activation, loss,
                          check=False)
    for l in range(L, 0, -1):
        if not np.isfinite(grads[f"dW{l}"]).all():
            return f"back_prop, dW[{l}]"
    return "the update, or the epoch's measurements"


def _diverged(error, epoch, batch, first_step, X, Y, parameters, activation, output_activation,
              loss, learning_rate, lambd):
    """The error of a training that diverged at this epoch and batch (X, Y): where its first
    value that is not a number was born, and the layer whose weights had grown most."""
    where = _where_it_diverged(parameters, X, Y, activation, output_activation, loss)
    with np.errstate(all="ignore"):  # NaN counts as the largest
        sizes = {l: np.nan_to_num(np.abs(parameters[f"W{l}"]).max(), nan=np.inf)
                 for l in range(1, count_layers(parameters) + 1)}
    grown = max(sizes, key=sizes.get)
    return FloatingPointError(
        f"training diverged at epoch {epoch}, batch {batch}: the first infinity or NaN "
        f"({error}) appeared in {where}; the largest weights are layer {grown}'s (|w| up to "
        f"{sizes[grown]:.3g}). " + (
            "That is the first step, before any update: the data or the starting parameters "
            "are too large already (standardise X, or start afresh)." if first_step else
            f"The steps are too large, and the weights grow with them: try a smaller "
            f"learning_rate than {learning_rate:g}, say {learning_rate / 10:g}"
            + (f", or a smaller lambd than {lambd:g}." if lambd else ".")))


# %% [markdown]
# # Part III, data and lessons
#
# Real data, the lessons that use it, and the command line that runs them.

# %% [markdown]
# ## 16. Data sets
#
# Two data sets made in a few lines of NumPy, real ones read from `data/` (the UCI
# digits, MNIST) or from a CSV file of your own; then the lessons that the command
# line runs, each training networks and saving one picture into `plots/` (their
# drawing is Appendix B).

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


def load_digits():
    r"""The 1797 handwritten digits of the UCI "Optical Recognition of Handwritten Digits".

    Each column of X is an 8 x 8 image, row by row, with pixel values from 0 to
    16 scaled to [0, 1]: X[:, i].reshape(8, 8) draws digit i. The data, by E.
    Alpaydin and C. Kaynak, CC BY 4.0, are read from data/digits.csv.gz (see
    data/README.md): the same images scikit-learn ships as its digits.

    Returns
    -------
    X : ndarray of shape (64, 1797)
    Y : ndarray of shape (10, 1797), one-hot columns: Y[d, i] = 1 if image i shows d
    """
    table = _read_digits(HERE / "data" / "digits.csv.gz")  # (1797, 65): pixels, then digit
    X = table[:, :64].T / 16.0  # (1797, 64) -> (64, 1797), column-ordered like the rows
    Y = np.eye(10)[table[:, 64].astype(int)].T  # (1797, 10) -> (10, 1797)
    return X, Y


try:  # the folder of this file, where data/ is
    HERE = Path(__file__).resolve().parent
except NameError:  # run as a notebook, which has no __file__: the working folder
    HERE = Path.cwd()


def _read_digits(path):
    """The table of digits.csv.gz, or an error that names the file."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"{path} is missing: the data folder comes with nn_scratch.py, "
                                f"and belongs beside it")
    try:
        table = np.loadtxt(path, delimiter=",", ndmin=2)  # NumPy reads the gzip itself
    except (OSError, EOFError, ValueError) as error:  # not gzip, cut short, not numbers
        table, reason = None, str(error)
    if table is None or table.shape != (1797, 65):
        reason = reason if table is None else f"a table of shape {table.shape}"
        raise ValueError(f"{path} is damaged ({reason}): it should hold the 1797 digits, 64 "
                         f"pixels and a label each; take it again from the repository")
    return table


# %% [markdown]
# ### Real data: MNIST, and your own table
#
# MNIST's 70,000 handwritten digits ship in `data/mnist/`, in the original IDX files
# that every MNIST loader reads; `load_csv` reads a table of your own. `one_hot` and
# `standardise` prepare labels and features for train.

# %%
# The shipped copy's files and their sha256 checksums, as data/mnist/README.md lists them.
MNIST_SHA256 = {
    "train-images.idx3-ubyte.gz":
        "924787db232b395dded4b732060844096a713204ef05a94f56a2bbeb60a697fd",
    "train-labels.idx1-ubyte.gz":
        "9aa31969066b94f2325eaf63c885f63d2e1ab8611fc2221627cf9d61d280b362",
    "t10k-images.idx3-ubyte.gz":
        "4968ce9a197193717e614088dea3c35e5105ab470a04a02b55c86835a76e5fb5",
    "t10k-labels.idx1-ubyte.gz":
        "eca091c8a7ce6d0e70e98f8be2be0668968f9cc52c73f0d8098003cf8bff3e4d",
}


def load_mnist(path=None, kind="train", dtype=np.float64):
    r"""MNIST's handwritten digits, 28 x 28 pixels each, as columns: X (784, m) and one-hot Y.

    Grey levels 0 to 255 are scaled to [0, 1], and X[:, i].reshape(28, 28) draws
    image i. X is laid out example by example (X = X_rows.T, each column one piece
    of memory), as train's mini-batches gather: train uses it without a copy. Y (10, m):
    Y[d, i] = 1 if image i shows d. kind: "train" (60,000 images) or "test" (10,000).

    path: the folder of the four IDX files, train-images-idx3-ubyte,
    train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, gzipped
    (.gz) or not (a "." for the "-" before idx also reads); None: data/mnist/, the copy
    that comes with this file, checked against its checksums. Fashion-MNIST's files
    (github.com/zalandoresearch/fashion-mnist) have the same names and format: download
    them and give their folder.
    """
    _check_scalars(kind=kind, dtype=dtype)  # check
    folder = HERE / "data" / "mnist" if path is None else Path(path)
    prefix = {"train": "train", "test": "t10k"}[kind]
    images = _read_idx(_idx_file(folder, f"{prefix}-images", "idx3"), 3, path is None)
    labels = _read_idx(_idx_file(folder, f"{prefix}-labels", "idx1"), 1, path is None)
    if len(labels) != len(images) or labels.max() > 9:
        raise ValueError(f"the {kind} files in {folder} do not belong together: "
                         f"{len(images)} images, {len(labels)} labels from {labels.min()} to "
                         f"{labels.max()}; MNIST's have as many labels as images, digits 0 to 9")
    # (m, 28, 28) -> (m, 784): one image per row, then .T: one per column, no copy.
    X = np.divide(images.reshape(len(images), -1), 255, dtype=dtype).T
    return X, one_hot(labels, 10).astype(dtype)


def _idx_file(folder, stem, idx):
    """The file of folder named stem-idx-ubyte, or stem.idx-ubyte, gzipped or not."""
    names = [f"{stem}{dot}{idx}-ubyte{gz}" for dot in "-." for gz in ("", ".gz")]
    for name in names:
        if (folder / name).is_file():
            return folder / name
    raise FileNotFoundError(
        f"{folder} holds no {names[0]} (nor {names[1]}): load_mnist reads MNIST's four IDX "
        f"files, train- and t10k-, images and labels" + (
            "; the data/mnist folder comes with nn_scratch.py, and belongs beside it"
            if folder == HERE / "data" / "mnist" else ""))


def _read_idx(file, ndim, verify):
    """The array of unsigned bytes in an IDX file, gzipped or not, or an error naming it.

    IDX: two zero bytes, the type (8: unsigned bytes), the number of dimensions, each
    dimension as a big-endian 4-byte integer, then the values in C order.
    """
    raw = file.read_bytes()
    expected = MNIST_SHA256.get(file.name) if verify else None
    if expected and hashlib.sha256(raw).hexdigest() != expected:
        raise ValueError(f"{file} is damaged: its sha256 checksum is not data/mnist/README.md's; "
                         f"restore it (git checkout -- data/mnist)")
    try:
        data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw  # gzip's magic number
    except (OSError, EOFError) as error:  # a gzip file cut short or damaged
        raise ValueError(f"{file} is damaged ({error}): download it again") from None
    header = 4 + 4 * ndim
    shape = tuple(np.frombuffer(data[4:header], ">u4").astype(int)) if len(data) >= header else ()
    if data[:4] != bytes([0, 0, 8, ndim]) or len(data) != header + math.prod(shape):
        raise ValueError(f"{file} is not an IDX file of {ndim}-D unsigned bytes, or is cut short "
                         f"({len(data)} bytes): it is not one of MNIST's files, or it is damaged")
    return np.frombuffer(data, np.uint8, offset=header).reshape(shape)


# %%
def one_hot(labels, n_classes=None):
    r"""Y[c, i] = 1 if labels[i] = c, else 0: class numbers as one-hot columns, (n_classes, m).

    labels: m whole numbers from 0 to n_classes - 1, 1-D (or of shape (1, m));
    n_classes None: the largest label + 1. Y is float64.
    """
    _check_one_hot(labels, n_classes)  # check
    labels = np.asarray(labels).reshape(-1).astype(int)
    n_classes = labels.max() + 1 if n_classes is None else n_classes
    # Row c of the identity is one-hot for class c: (m, n_classes) -> (n_classes, m).
    return np.eye(n_classes)[labels].T


def standardise(X_train, X=None):
    r"""(X - mu) / sigma, feature by feature (row by row), with mu and sigma of X_train alone.

        mu = (1/m) sum_i X_train[:, i]      sigma^2 = (1/m) sum_i (X_train[:, i] - mu)^2

    Features of mean 0 and spread 1 give every weight a gradient of a like size,
    so one learning rate suits them all. The statistics come from the training
    examples only, so that held-out examples stay unseen. A feature constant over
    X_train (sigma = 0) is shifted to 0, not scaled. X_train: (n_x, m); X: (n_x, k),
    examples to standardise with X_train's statistics (None: X_train itself). Returns a
    new array of X's shape.
    """
    _check_standardise(X_train, X)  # check
    X_train = np.asarray(X_train, dtype=np.result_type(X_train, 1.0))  # integers as floats
    mu = X_train.mean(axis=1, keepdims=True)  # (n_x, 1)
    sigma = X_train.std(axis=1, keepdims=True)
    sigma[sigma == 0] = 1
    return ((X_train if X is None else np.asarray(X)) - mu) / sigma


# %%
MISSING = ("", "na", "n/a", "nan", "null", "none", "?")  # how tables write a missing value
MOST_CLASSES = 20  # whole numbers taking at most this many values are class labels


def load_csv(path, target=-1, header="auto"):
    r"""Your own table, one example per line, as X (n_x, m) and Y, ready for train.

    Every column but the target is a feature, and must hold numbers. The target
    is a class label when it holds text, or whole numbers taking at most 20
    values: Y is then one-hot (one row per class, in the order of `classes`). Any
    other numeric target is a number to predict (regression): Y is (1, m). target: the
    target column's index (-1: the last) or its name; header: whether the first line
    names the columns ("auto": if it holds anything that is not a number). Returns X
    (n_x, m), Y, and classes, the label of each row of Y (sorted), or None for a number.
    """
    _check_scalars(header=header)  # check
    with open(path, newline="", encoding="utf-8-sig") as file:  # -sig: Excel's first bytes
        reader = csv.reader(file)  # rows as lists of strings; blank lines left out below
        numbered = [(row, reader.line_num) for row in reader if row]  # line_num: the file's
    rows, lines = [row for row, _ in numbered], [number for _, number in numbered]
    if header == "auto":
        header = bool(rows) and not all(map(_is_number, rows[0]))
    if header and rows:
        names, _ = rows.pop(0), lines.pop(0)
    else:
        names = [str(j) for j in range(len(rows[0]) if rows else 0)]
    column, table = _read_table(path, rows, lines, names, target)
    X = np.delete(table, column, axis=1).T  # (m, n_x + 1) -> (n_x, m), one example per column
    y = table[:, column]  # the target as numbers, NaN for text
    numeric = not np.isnan(y).any()
    whole = numeric and np.all(y == np.round(y))
    if numeric and not (whole and len(set(y)) <= MOST_CLASSES):
        return X, y.reshape(1, -1), None  # a number to predict: (1, m)
    labels = [int(label) for label in y] if whole else [row[column].strip() for row in rows]
    classes = sorted(set(labels))
    index = {label: c for c, label in enumerate(classes)}  # label -> row of Y
    return X, one_hot([index[label] for label in labels], len(classes)), classes


def _read_table(path, rows, lines, names, target):
    """The target's column index, and the table as floats (m, columns), NaN for a target
    that is text; or an error that names the first cell that is not as it should be."""
    if len(names) < 2:
        raise ValueError(f"{path} has {len(names)} column: it needs features beside the "
                         f"target, with commas between the values")
    if len(rows) < 2:
        raise ValueError(f"{path} holds {len(rows)} example{'s' * (len(rows) != 1)}; training "
                         f"and testing need at least two, one per line")
    if isinstance(target, str) and target not in names:
        raise ValueError(f"{path} has no column {target!r}; its columns are "
                         f"{', '.join(map(repr, names))}")
    if not isinstance(target, str) and not -len(names) <= target < len(names):
        raise ValueError(f"{path} has {len(names)} columns: target must be from {-len(names)} "
                         f"to {len(names) - 1}, or a column's name; got {target}")
    column = names.index(target) if isinstance(target, str) else target % len(names)
    table = np.full((len(rows), len(names)), np.nan)
    for i, (row, number) in enumerate(zip(rows, lines)):
        line = f"{path}, line {number}"
        if len(row) != len(names):
            raise ValueError(f"{line} has {len(row)} values, but the table has {len(names)} "
                             f"columns")
        for j, cell in enumerate(row):
            if cell.strip().lower() in MISSING:
                raise ValueError(f"{line}, column {names[j]!r}, is missing its value: fill in "
                                 f"or leave out the examples with missing values first")
            if _is_number(cell):
                table[i, j] = float(cell)
            elif j != column:
                raise ValueError(f"{line}, column {names[j]!r}, holds {cell.strip()!r}, not a "
                                 f"number: every feature must be a number (a category, as 0, "
                                 f"1, 2 or as one_hot columns); or is this column the target?")
    return column, table


def _is_number(cell):
    """Whether a table's cell holds a number (not a missing value, nor text)."""
    try:
        return math.isfinite(float(cell))
    except ValueError:
        return False


# %% [markdown]
# ## 17. One step by hand
#
# One step of gradient descent with every number in: each equation of chapters 3
# to 6, then the same with the matrices' numbers, then its result. The numbers are
# the ones forward_prop, compute_loss, back_prop and update_parameters compute; given
# fractions, the same functions compute exactly, a step that pencil and paper can
# redo. With blanks for its results, the step is an exercise, its answers at the end.

# %%
def explain_step(parameters, X, Y, activation="sigmoid", output_activation="sigmoid", loss="mse",
                 learning_rate=0.5, *, exact=False, exercise=False):
    r"""One step of gradient descent, written out: a string, each equation with its numbers.

    Forward, layer by layer, Z[l] = W[l] A[l-1] + b[l] and A[l] = g(Z[l]); the loss J;
    backward, dZ[L] from the loss, then for l = L..1 dW[l] = (1/m) dZ[l] A[l-1]^T,
    db[l] = (1/m) sum_i dZ[l], dA[l-1] = W[l]^T dZ[l] and dZ[l-1] = dA[l-1] * g'(Z[l-1]);
    then W[l] := W[l] - alpha dW[l] and b[l] := b[l] - alpha db[l]. Each result is the
    one the module's functions compute, shown to 4 significant digits.

    exact=True computes with fractions.Fraction: integer or Fraction weights, inputs,
    targets and learning rate (such as Fraction(1, 10)), relu or linear units and the
    mean squared error keep every number a fraction. exercise=True makes each result a
    numbered blank, which the later equations call by its name, with the answers at the
    end. To fit 100 columns, a layer has at most 4 units and X at most 4 examples.

    parameters, X (n_x, m), Y (n_y, m), the names and learning_rate: as for train.
    Returns the text; prints nothing.
    """
    _check_explain_step(**locals())  # check
    number = _fractions if exact else functools.partial(np.array, dtype=float)
    parameters = {key: number(value) for key, value in parameters.items()}
    X, Y = number(X), number(np.reshape(Y, (-1, np.shape(X)[1])))
    alpha = Fraction(learning_rate) if exact else learning_rate
    L, (n_y, m) = count_layers(parameters), Y.shape
    sheet = _Worksheet(exact, exercise)
    sheet.say(f"One step of gradient descent on a {_layer_dims(parameters)} network: {activation} "
              f"hidden units, {output_activation} output,", f"{LOSS_NAMES[loss]}, learning rate "
              f"alpha = {sheet.number(alpha)}, m = {m} examples (the columns of X = A[0]).", "",
              "Forward propagation (chapter 3)")
    Y_hat, cache = forward_prop(X, parameters, activation, output_activation, check=False)
    # What earlier equations computed, named: an exercise writes their names, not numbers.
    A = {l: (f"A[{l}]", cache[f"A{l}"]) if l else X for l in range(L + 1)}
    for l in range(1, L + 1):
        g = activation if l < L else output_activation
        sheet.say(f"  Layer {l}:")
        sheet.show(f"Z[{l}] = W[{l}] A[{l - 1}] + b[{l}]", parameters[f"W{l}"], "@", A[l - 1], "+",
                   parameters[f"b{l}"], result=(f"Z[{l}]", cache[f"Z{l}"]))
        sheet.show(f"A[{l}] = {g}(Z[{l}])", result=(f"A[{l}]", cache[f"A{l}"]))
    # compute_loss returns a float; the mean squared error itself keeps a fraction
    J = (mean_squared_error(Y_hat, Y, check=False) if exact else
         compute_loss(Y_hat, Y, loss, output_activation, check=False))
    sheet.say("", "The loss (chapter 4), Y_hat = A[L]")
    if loss == "mse":
        sheet.show("Y_hat - Y", A[L], "-", Y, result=("Y_hat - Y", Y_hat - Y))
        sheet.show("J = 1/(n_y m) sum_ji (y_hat_ji - y_ji)^2, the mean of Y_hat - Y's squares",
                   result=("J", J))
    else:
        sheet.show("Y", Y)
        sheet.show("J = -(1/m) sum_ji " + ("y_ji log y_hat_ji" if output_activation == "softmax"
                   else "[y_ji log y_hat_ji + (1 - y_ji) log(1 - y_hat_ji)]"), result=("J", J))
    sheet.say("", "Backward propagation (chapter 5): column i of dZ[l] and dA[l] is the gradient "
              "of example i's", "own loss; the 1/m of the mean is in dW and db alone.")
    grads = back_prop(parameters, cache, Y, activation, output_activation, loss, check=False)
    if loss == "cross_entropy":
        dZ = Y_hat - Y
        sheet.show(f"dZ[{L}] = Y_hat - Y", A[L], "-", Y, result=(f"dZ[{L}]", dZ))
    else:
        dA = mean_squared_error_derivative(Y_hat, Y, check=False)
        sheet.show(f"dA[{L}] = (2/n_y) (Y_hat - Y)", f"(2/{n_y}) ×", ("Y_hat - Y", Y_hat - Y),
                   result=(f"dA[{L}]", dA))
        dZ = activation_backward(dA, cache[f"Z{L}"], Y_hat, output_activation, check=False)
        sheet.chain(L, output_activation, dA, cache, dZ)
    for l in range(L, 0, -1):
        sheet.say(f"  Layer {l}:")
        A_T = (f"A[{l - 1}]^T", A[l - 1][1].T) if l > 1 else X.T
        sheet.show(f"dW[{l}] = (1/m) dZ[{l}] A[{l - 1}]^T", f"(1/{m}) ×", (f"dZ[{l}]", dZ), "@",
                   A_T, result=(f"dW[{l}]", grads[f"dW{l}"]))
        sheet.show(f"db[{l}] = (1/m) sum_i dZ[{l}], the sums of dZ[{l}]'s rows over {m}",
                   result=(f"db[{l}]", grads[f"db{l}"]))
        if l > 1:
            dA = parameters[f"W{l}"].T @ dZ
            sheet.show(f"dA[{l - 1}] = W[{l}]^T dZ[{l}]", parameters[f"W{l}"].T, "@",
                       (f"dZ[{l}]", dZ), result=(f"dA[{l - 1}]", dA))
            dZ = activation_backward(dA, cache[f"Z{l - 1}"], cache[f"A{l - 1}"], activation,
                                     check=False)
            sheet.chain(l - 1, activation, dA, cache, dZ)
    sheet.say("", f"The update (chapter 6), alpha = {sheet.number(alpha)}")
    new = update_parameters({key: value.copy() for key, value in parameters.items()},
                            {key: value.copy() for key, value in grads.items()}, alpha,
                            in_place=True, check=False)  # copies, made to be changed
    for key, value in parameters.items():
        name = f"{key[0]}[{key[1:]}]"
        sheet.show(f"{name} := {name} - alpha d{name}", value, f"- {sheet.number(alpha)} ×",
                   (f"d{name}", grads[f"d{key}"]), result=(f"{name}, updated", new[key]))
    return sheet.text()


# %%
class _Worksheet:
    """explain_step's page: lines of text, and equations, their matrices side by side; for
    an exercise, each result is a numbered blank, and its answer is kept for the end."""

    def __init__(self, exact, exercise):
        self.number = (lambda x: str(Fraction(x))) if exact else (lambda x: f"{x:.4g}")
        self.exercise, self.lines, self.answers, self.blanks = exercise, [], [], 0

    def say(self, *lines):
        self.lines += lines

    def show(self, equation, *terms, result=None):
        """equation = its terms = its result, in rows of at most 100 columns. A term is text,
        a given matrix, or an earlier result as a (name, matrix) pair, which an exercise
        writes as its name (and leaves out when the terms hold no numbers); the result, if
        any, is a (name, value) pair."""
        if self.exercise:
            terms = [term[0] if isinstance(term, tuple) else term for term in terms]
            terms = [] if all(isinstance(term, str) for term in terms) else terms
        blocks = [[f"{equation} ="]] + [
            [term] if isinstance(term, str) else self.matrix(term[1] if isinstance(term, tuple)
                                                             else term) for term in terms]
        if result is not None:
            name, value = result
            if self.exercise:
                self.blanks += 1
                self.answers += [f"({self.blanks}) {name} =", *self.matrix(value, "    ")]
                value = [f"({self.blanks}) ________"]
            else:
                value = self.matrix(value)
            blocks.append(_beside([["="], value]) if terms else value)
        row, indent = [], "    "
        for block in blocks:  # side by side while they fit, then on the next row
            if row and sum(max(map(len, b)) + 1 for b in row + [block]) > 100 - len(indent):
                self.lines += [indent + line for line in _beside(row)]
                row, indent = [], "      "
            row.append(block)
        self.lines += [indent + line for line in _beside(row)]

    def chain(self, l, g, dA, cache, dZ):
        """dZ[l] = dA[l] * g'(Z[l]), with its numbers."""
        if g == "softmax":  # its units are coupled: not a product with g'
            return self.show(f"dZ[{l}] = softmax_backward(dA[{l}], A[{l}])",
                             result=(f"dZ[{l}]", dZ))
        self.show(f"dZ[{l}] = dA[{l}] * {g}'(Z[{l}])", (f"dA[{l}]", dA), "*",
                  (f"{g}'(Z[{l}])", DERIVATIVES[g](cache[f"Z{l}"], cache[f"A{l}"]) * 1),
                  result=(f"dZ[{l}]", dZ))

    def matrix(self, M, indent=""):
        """A matrix's rows as lines, "[ 1  -2 ]", its columns aligned; a number as itself."""
        if np.ndim(M) == 0:
            return [indent + self.number(M)]
        cells = [[self.number(x) for x in row] for row in M]
        widths = [max(len(row[k]) for row in cells) for k in range(len(cells[0]))]
        return [indent + "[ " + "  ".join(cell.rjust(width) for cell, width in zip(row, widths))
                + " ]" for row in cells]

    def text(self):
        key = ["", "Answers", *self.answers] if self.exercise else []
        return "\n".join(self.lines + key) + "\n"


def _beside(blocks):
    """Blocks of lines side by side, each centred on the tallest, a space between."""
    height = max(len(block) for block in blocks)
    columns = []
    for block in blocks:
        width, top = max(map(len, block)), (height - len(block)) // 2
        rows = [""] * top + block + [""] * (height - len(block) - top)
        columns.append([row.ljust(width) for row in rows])
    return [" ".join(row).rstrip() for row in zip(*columns)]


def _fractions(values):
    """An array of fractions.Fraction, from integers, fractions and floats."""
    return np.vectorize(Fraction, otypes=[object])(np.asarray(values, dtype=object))


def _exact_step(seed=0):
    """explain_step's arguments for a step by hand: a [2, 2, 1] relu network of small whole
    weights, on two examples of whole numbers, drawn until every hidden unit is live for
    an example, no output weight is 0 and both outputs miss their targets (no gradient
    is 0 throughout)."""
    rng = np.random.default_rng(seed)
    while True:
        parameters = {"W1": rng.integers(-2, 3, (2, 2)), "b1": rng.integers(-1, 2, (2, 1)),
                      "W2": rng.integers(-2, 3, (1, 2)), "b2": rng.integers(-1, 2, (1, 1))}
        X, Y = rng.integers(-2, 3, (2, 2)), rng.integers(-2, 3, (1, 2))
        Y_hat, cache = forward_prop(X, parameters, "relu", "linear", check=False)
        if (cache["A1"] > 0).any(axis=1).all() and parameters["W2"].all() and (Y_hat != Y).all():
            return dict(parameters=parameters, X=X, Y=Y, activation="relu",
                        output_activation="linear", learning_rate=Fraction(1, 10))


# %% [markdown]
# ## 18. Lessons
#
# First the XOR run of `python nn_scratch.py`, then the lessons of `--lesson`, each
# its experiment and the call that draws it (Appendix B).

# %%
def run_xor(layer_dims=XOR_LAYERS, epochs=EPOCHS, learning_rate=LEARNING_RATE,
            activation="sigmoid", seed=0, plots_dir="plots", quiet=False, animate=False):
    """The main run: train on XOR, print what the network predicts, save three pictures
    (and with animate=True, a GIF of the training); return the trained NeuralNetwork."""
    _check_run_xor(layer_dims, epochs, learning_rate, activation)  # check
    layer_dims = list(layer_dims)
    X, Y = xor_data()
    if not quiet:
        print(f"Training a {layer_dims} network on XOR: {activation} hidden layer, "
              f"sigmoid output, MSE loss, learning rate {learning_rate:g}, {epochs} epochs, "
              f"seed {seed}")
    parameters, losses = train(X, Y, layer_dims, epochs=epochs, learning_rate=learning_rate,
                               activation=activation, seed=seed,
                               print_every=0 if quiet else max(epochs // 10, 1))
    # Returned: a network holding what train made, for a notebook to go on with.
    network = NeuralNetwork(layer_dims, activation, seed=seed)
    network.parameters, network.losses, network.history = parameters, losses, {"loss": losses}
    Y_hat = network.predict(X)
    plots_dir = Path(plots_dir)
    title = f"XOR, {layer_dims} {activation} network, learning rate {learning_rate:g}"
    plot_loss_curve(losses, plots_dir / "loss_curve.png", title=title, loss="mse")
    plot_decision_boundary(parameters, X, Y, plots_dir / "decision_boundary.png", activation,
                           "sigmoid", title="XOR: the network's output over the plane")
    plot_hidden_units(parameters, X, Y, plots_dir / "hidden_units.png", activation, "sigmoid")
    saved = ["loss_curve.png", "decision_boundary.png", "hidden_units.png"]
    if animate:
        _animate_training(plots_dir / "training.gif", X, Y, layer_dims, title, epochs,
                          learning_rate, activation, seed=seed, quiet=quiet)
        saved.append("training.gif")
    if not quiet:
        print("\n x1  x2  target  prediction")
        for x, y, y_hat in zip(X.T, Y[0], Y_hat[0]):
            print(f"{x[0]:3.0f} {x[1]:3.0f} {y:7.0f} {y_hat:11.4f}")
        right = int(np.sum((Y_hat > 0.5) == (Y > 0.5)))
        print(f"\nfinal loss {losses[-1]:.6f}; {right} of 4 predictions on the right side of 0.5")
        print(f"saved {', '.join(saved[:-1])} and {saved[-1]} in {plots_dir}")
        if right < 4:
            print(f"\nThe network has not learnt XOR. {_xor_advice(activation)}")
    return network


def _xor_advice(activation):
    """What to try when a network has not learnt XOR."""
    if activation == "linear":
        return ("A linear hidden layer cannot learn it, whatever the settings: a stack of "
                "linear layers is one linear map (see --lesson nonlinearity). Use sigmoid, "
                "tanh or relu.")
    advice = ("Try another seed (--seed 1), more hidden units (--layers 8) or another "
              "learning rate (--learning-rate 1).")
    if activation == "relu":
        advice += (" With relu, hidden units can die: a unit whose z is negative for all four "
                   "inputs gets no gradient and never recovers, and with few units too few may "
                   "stay alive. More units make that unlikely.")
    return advice


def _solves_xor(parameters, activation):
    X, Y = xor_data()
    return accuracy(predict(X, parameters, activation, "sigmoid"), Y) == 1.0


# %% [markdown]
# ### Lessons 1 and 2: why a hidden non-linearity, and the learning rate

# %%
def lesson_nonlinearity(plots_dir="plots", seed=0, quiet=False):
    """Lesson 1: the same XOR network with each hidden activation; only linear fails.

    A network whose layers are all linear is itself linear: W2 (W1 x + b1) + b2
    = W x + b, one straight boundary, and no straight line separates XOR.
    Returns the final loss of each activation.
    """
    X, Y = xor_data()
    fig = _figure(12, 6.5)
    names = list(ACTIVATIONS)
    axes = fig.subplot_mosaic([["loss"] * len(names) + ["key"], names + ["key"]],
                              gridspec_kw={"height_ratios": [1.2, 1],
                                           "width_ratios": [1] * len(names) + [0.6]})
    curves, failed = {}, []
    for activation in names:
        parameters, losses = train(X, Y, [2, 8, 1], activation=activation, seed=seed,
                                   print_every=0)
        curves[activation] = losses
        if activation != "linear" and not _solves_xor(parameters, activation):
            failed.append(activation)
        handles = _draw_decisions(axes[activation], parameters, X, Y, activation, "sigmoid",
                                  f"{activation}: final loss {losses[-1]:.2g}",
                                  colorbar=False, legend=False)
    _draw_losses(axes["loss"], curves, "XOR with a [2, 8, 1] network: only a non-linear "
                                       "hidden layer can learn it", "mean squared error",
                 legend=None)
    # The key, in a column of its own: the curves' legend, and one for the four maps.
    key = axes["key"]
    key.set_axis_off()
    key.add_artist(key.legend(*axes["loss"].get_legend_handles_labels(), title="hidden layer",
                              loc="upper left", borderaxespad=0))
    key.legend(handles=handles, title="the maps", loc="lower left", borderaxespad=0)
    _save(fig, Path(plots_dir) / "nonlinearity.png", quiet)
    final = {name: losses[-1] for name, losses in curves.items()}
    if not quiet:
        print("lesson nonlinearity: final loss by hidden activation: "
              + ", ".join(f"{name} {value:.4f}" for name, value in final.items()))
        for activation in failed:
            print(f"  with seed {seed}, the {activation} network has not learnt XOR either, "
                  f"unlike with seed 0. {_xor_advice(activation)}")
    return final


def lesson_learning_rate(plots_dir="plots", seed=0, quiet=False):
    """Lesson 2: too small a learning rate crawls, too large a one overshoots.

    Returns the final loss for each learning rate tried.
    """
    X, Y = xor_data()
    rates = {0.1: "too small", 1.0: "slow", LEARNING_RATE: "good", 500.0: "too large"}
    fig = _figure(9.5, 4.5)
    curves, good_fails = {}, False
    for rate, verdict in rates.items():
        parameters, losses = train(X, Y, XOR_LAYERS, learning_rate=rate, seed=seed,
                                   print_every=0)
        curves[f"learning rate {rate:g} ({verdict})"] = losses
        if verdict == "good":
            good_fails = not _solves_xor(parameters, "sigmoid")
    _draw_losses(fig.add_subplot(), curves, f"XOR, {XOR_LAYERS} sigmoid network: the step size",
                 "mean squared error")
    _save(fig, Path(plots_dir) / "learning_rate.png", quiet)
    final = {rate: losses[-1] for rate, losses in zip(rates, curves.values())}
    if not quiet:
        print("lesson learning rate: final loss by learning rate: "
              + ", ".join(f"{rate:g} -> {value:.4f}" for rate, value in final.items()))
        if good_fails:
            print(f"  with seed {seed}, even learning rate {LEARNING_RATE:g} has not learnt "
                  f"XOR. {_xor_advice('sigmoid')}")
    return final


# %% [markdown]
# ### Lesson 3: three spirals

# %%
SPIRAL_LAYERS = [2, 64, 3]
SPIRAL_NETWORK = "[2, 64, 3] relu network, softmax, mini-batches of 32"  # for the titles
SPIRAL_SETTINGS = dict(epochs=500, learning_rate=0.3, activation="relu",
                       output_activation="softmax", loss="cross_entropy", batch_size=32)


def lesson_spiral(plots_dir="plots", seed=0, quiet=False, animate=False):
    """Lesson 3: three interleaved spirals, softmax output, cross-entropy, mini-batches.

    With animate=True, also a GIF of the training. Returns the training accuracy.
    """
    X, Y = spiral_data(seed=seed)
    parameters, losses = train(X, Y, SPIRAL_LAYERS, seed=seed, print_every=0, **SPIRAL_SETTINGS)
    train_accuracy = accuracy(predict(X, parameters, "relu", "softmax"), Y)
    fig = _figure(12, 5)
    left, right = fig.subplots(1, 2)
    _draw_decisions(left, parameters, X, Y, "relu", "softmax",
                    f"Decision regions, training accuracy {train_accuracy:.1%}")
    _draw_losses(right, {"cross-entropy": losses}, SPIRAL_NETWORK, "cross-entropy")
    _save(fig, Path(plots_dir) / "spiral.png", quiet)
    if animate:
        _animate_training(Path(plots_dir) / "spiral_training.gif", X, Y, SPIRAL_LAYERS,
                          f"Spirals, {SPIRAL_NETWORK}", seed=seed, quiet=quiet,
                          **SPIRAL_SETTINGS)
    if not quiet:
        print(f"lesson spiral: training accuracy {train_accuracy:.1%} on {X.shape[1]} points, "
              f"final loss {losses[-1]:.4f}")
        if train_accuracy < 0.9:
            print(f"  with seed {seed} the network has not learnt the spirals (98% with seed "
                  f"0): some relu units died, or the start was unlucky. Try another --seed.")
    return train_accuracy


# %% [markdown]
# ### Lesson 4: real handwritten digits

# %%
DIGITS_LAYERS = [64, 200, 10]


def lesson_digits(plots_dir="plots", seed=0, quiet=False):
    """Lesson 4: real handwritten digits, measured on digits the network never saw.

    Trains on three quarters of the 1797 digits and tests on the rest. Returns
    the test accuracy.
    """
    X, Y = load_digits()
    X_train, X_test, Y_train, Y_test = train_test_split(X, Y, test_size=0.25, seed=seed)
    network = NeuralNetwork(DIGITS_LAYERS, "relu", "softmax", "cross_entropy", seed=seed)
    W1_start = network.parameters["W1"].copy()
    network.train(standardise(X_train), Y_train, epochs=80, learning_rate=0.05,
                  batch_size=16, print_every=0)
    parameters = network.parameters
    Y_hat = predict(standardise(X_train, X_test), parameters, "relu", "softmax")
    test_accuracy = accuracy(Y_hat, Y_test)
    predicted, truth = Y_hat.argmax(axis=0), Y_test.argmax(axis=0)
    fig = _figure(15, 5.6)
    images, matrix, weights = fig.subfigures(1, 3, width_ratios=[1.25, 1, 1])
    # The mistakes first, then right answers, each test image with what was predicted.
    shown = np.concatenate([np.flatnonzero(predicted != truth), np.flatnonzero(predicted == truth)])
    for ax, i in zip(images.subplots(5, 8).ravel(), shown):
        ax.imshow(X_test[:, i].reshape(8, 8), cmap="gray_r", vmin=0, vmax=1)
        wrong = predicted[i] != truth[i]
        ax.set_title(f"{predicted[i]} (is {truth[i]})" if wrong else str(predicted[i]),
                     color="tab:red" if wrong else "black", fontsize=9)
        ax.set_axis_off()
    images.suptitle(f"Test digits, the network's answers: mistakes first, in red "
                    f"({np.sum(predicted != truth)} of {len(truth)})")
    _draw_confusion(matrix.subplots(), truth, predicted,
                    f"Held-out test accuracy {test_accuracy:.1%}")
    # What a hidden unit learnt to look for: the change training made to its 64 weights,
    # drawn as the image they multiply. (The weights started random, and a pixel blank in
    # every digit never moves its weight: the change leaves that noise out.)
    change = parameters["W1"] - W1_start  # (200, 64): one row per hidden unit
    limit = np.abs(change).max()
    most = np.argsort(-np.linalg.norm(change, axis=1))[:36]  # the units that learnt most
    for ax, w in zip(weights.subplots(6, 6).ravel(), change[most]):
        ax.imshow(w.reshape(8, 8), cmap="coolwarm", vmin=-limit, vmax=limit)
        ax.set_axis_off()
    weights.suptitle("What 36 hidden units learnt to look for: the change in\ntheir weights "
                     "(red: ink there raises z; blue: lowers it)")
    _save(fig, Path(plots_dir) / "digits.png", quiet)
    if not quiet:
        print(f"lesson digits: held-out test accuracy {test_accuracy:.1%} on {len(truth)} "
              f"digits the network never trained on ({X_train.shape[1]} training digits, "
              f"{DIGITS_LAYERS} relu network)")
    return test_accuracy


# %% [markdown]
# ### Lesson 5: overfitting, and two cures

# %%
def _overfitting_data(seed):
    """Lessons 5 and 5b's set-up: 20 training digits (two of each) and 359 others to
    validate on."""
    X, Y = load_digits()
    X_rest, X_val, Y_rest, Y_val = train_test_split(X, Y, test_size=0.2, seed=seed)
    X_small, _, Y_small, _ = train_test_split(X_rest, Y_rest, test_size=X_rest.shape[1] - 20,
                                              seed=seed)
    return X_small, Y_small, X_val, Y_val


def lesson_overfitting(plots_dir="plots", seed=0, quiet=False):
    """Lesson 5: a big network learns 20 examples by heart; L2 and early stopping help.

    Returns, for each way of training, the validation loss of the parameters it
    ends with.
    """
    X_small, Y_small, X_val, Y_val = _overfitting_data(seed)
    ways = {"no regularisation": {}, "L2 regularisation, lambd = 0.05": {"lambd": 0.05},
            "early stopping, patience 50": {"patience": 50}}
    fig = _figure(15, 4.8)
    axes = fig.subplots(1, 3, sharex=True, sharey=True)
    final = {}
    for ax, (name, way) in zip(axes, ways.items()):
        history = {}
        parameters, _ = train(X_small, Y_small, [64, 128, 10], epochs=1000, learning_rate=1.0,
                              activation="relu", output_activation="softmax",
                              loss="cross_entropy", seed=seed, print_every=0,
                              validation_data=(X_val, Y_val), history=history, **way)
        final[name] = compute_loss(predict(X_val, parameters, "relu", "softmax"), Y_val,
                                   "cross_entropy", "softmax")
        epochs = np.arange(1, len(history["loss"]) + 1)
        ax.plot(epochs, history["loss"], label="training loss (20 digits)")
        ax.plot(epochs, history["val_loss"], label=f"validation loss ({Y_val.shape[1]} others)")
        best = int(np.argmin(history["val_loss"]))
        ax.axhline(history["val_loss"][best], color="tab:orange", linestyle=":", linewidth=1)
        note = (f"validation loss: lowest {history['val_loss'][best]:.2f}, at epoch {best + 1};\n"
                + (f"stopped at epoch {len(epochs)}, epoch {best + 1} kept" if "patience" in way
                   else f"{history['val_loss'][-1]:.2f} at the end"))
        ax.text(0.62, 0.52, note, transform=ax.transAxes, ha="center", fontsize=9)
        ax.set_xscale("log")  # the first epochs and the last hundreds, side by side
        ax.set_ylim(0, 3)
        ax.set_xlabel("epoch (log scale)")
        ax.set_title(name)
        ax.grid(True, alpha=0.3)
    axes[0].set_ylabel("cross-entropy")
    axes[0].legend(loc="upper right")
    fig.suptitle("A [64, 128, 10] network on 20 training digits: the training loss falls to "
                 "zero; on digits it never saw, the loss turns back up")
    _save(fig, Path(plots_dir) / "overfitting.png", quiet)
    if not quiet:
        print("lesson overfitting: validation loss of the parameters kept: "
              + "; ".join(f"{name}: {value:.3f}" for name, value in final.items()))
    return final


# %% [markdown]
# ### Lesson 5b: four regularisers side by side

# %%
def lesson_regularization(plots_dir="plots", seed=0, quiet=False):
    """Lesson 5b: lesson 5's 20 digits, trained with no regulariser, L2, L1 and dropout;
    and the first layer's weights after L2 and after L1, which drives most to zero.

    Returns, for each way, the validation loss at the end, and the share of the first
    layer's weights below 0.001 in size.
    """
    X_small, Y_small, X_val, Y_val = _overfitting_data(seed)
    ways = {"no regularisation": {}, "L2, lambd = 0.1": {"lambd": 0.1},
            "L1, lambd_l1 = 0.02": {"lambd_l1": 0.02}, "dropout, keep_prob = 0.5":
            {"keep_prob": 0.5}}
    fig = _figure(16, 8.5)
    panels = fig.subplot_mosaic([list("abcd"), ["w", "w", "w", "w"]],
                                gridspec_kw={"height_ratios": [1.1, 1]})
    results, weights = {}, {}
    for ax, (name, way) in zip((panels[k] for k in "abcd"), ways.items()):
        history = {}
        parameters, _ = train(X_small, Y_small, [64, 128, 10], epochs=1000, learning_rate=0.3,
                              activation="relu", output_activation="softmax",
                              loss="cross_entropy", seed=seed, print_every=0,
                              validation_data=(X_val, Y_val), history=history, **way)
        weights[name] = np.abs(parameters["W1"]).ravel()
        results[name] = {"val_loss": history["val_loss"][-1],
                         "small_weights": float(np.mean(weights[name] < 1e-3))}
        _draw_losses(ax, {"training loss (20 digits)": history["loss"],
                          f"validation loss ({Y_val.shape[1]} others)": history["val_loss"]},
                     name, "cross-entropy", legend="upper right" if ax is panels["a"] else None)
        ax.text(0.5, 0.04, f"validation: lowest {min(history['val_loss']):.2f}, "
                f"{history['val_loss'][-1]:.2f} at the end", transform=ax.transAxes,
                ha="center", fontsize=9)
    bins = np.logspace(-8, 0.5, 60)
    for name in ("L2, lambd = 0.1", "L1, lambd_l1 = 0.02"):
        share = results[name]["small_weights"]
        panels["w"].hist(np.clip(weights[name], 1e-8, None), bins=bins, alpha=0.6,
                         label=f"{name}: {share:.0%} of them below 0.001")
    panels["w"].set_xscale("log")
    panels["w"].set_xlabel("|w|, the size of each of layer 1's 128 x 64 weights (log scale; "
                           "below 1e-8 drawn at 1e-8)")
    panels["w"].set_ylabel("weights")
    panels["w"].set_title("After training: L2 shrinks every weight a little, L1 drives most "
                          "of them to (nearly) zero")
    panels["w"].legend(loc="upper left")
    fig.suptitle("A [64, 128, 10] network on 20 training digits, learning rate 0.3, "
                 "1000 epochs, four ways")
    _save(fig, Path(plots_dir) / "regularization.png", quiet)
    if not quiet:
        print("lesson regularization: validation loss at the end: "
              + "; ".join(f"{name.split(',')[0]}: {value['val_loss']:.3f}"
                          for name, value in results.items())
              + "; layer 1's weights below 0.001: "
              + ", ".join(f"{results[name]['small_weights']:.0%} with {name.split(',')[0]}"
                          for name in ("L2, lambd = 0.1", "L1, lambd_l1 = 0.02")))
    return results


# %% [markdown]
# ### Lesson 6: three optimisers in a narrow valley

# %%
def _neuron_data():
    """Forty 1-D examples of two overlapping classes, x near 2 for class 0 and near 4 for
    class 1: x (1, 40), y (1, 40)."""
    rng = np.random.default_rng(0)  # the same data whatever the lesson's seed
    x = np.concatenate([rng.normal(2.0, 1.5, 20), rng.normal(4.0, 1.5, 20)])
    return x.reshape(1, -1), np.repeat([[0.0, 1.0]], 20, axis=1)


# Each optimiser on the neuron of lesson 6, from the same start: gradient descent at
# about the largest rate it survives there, momentum at 5 times that, Adam at its own scale.
NEURON_RATES = {"gd": 1.0, "momentum": 5.0, "adam": 0.3}
NEURON_START = {"W1": np.array([[-1.0]]), "b1": np.array([[3.0]])}
# The learning rates tried for each optimiser on the spirals, a factor of about 3 apart.
SPIRAL_RATES = {"gd": (0.1, 0.3, 1.0, 3.0, 10.0), "momentum": (0.3, 1.0, 3.0, 10.0, 30.0),
                "adam": (0.001, 0.003, 0.01, 0.03, 0.1)}


def lesson_optimizers(plots_dir="plots", seed=0, quiet=False):
    """Lesson 6: gradient descent, momentum and Adam, on a loss surface one can see, then
    on the spirals.

    One sigmoid neuron, y_hat = sigmoid(w x + b), has two parameters, so its
    cross-entropy is a surface over the (w, b) plane, and each optimiser's path
    can be drawn on it. The examples' x lie around 3, not 0, so w and b trade off
    (raising w raises z by about 3 times as much as raising b): the surface is a
    long narrow valley. Then the spiral network, each optimiser at the best of
    five learning rates. Returns {"neuron": {optimiser: loss after 200 steps},
    "spirals": {optimiser: (best rate, loss after 200 epochs)}}.
    """
    x, y = _neuron_data()
    paths = {}
    for name, rate in NEURON_RATES.items():
        neuron = NeuralNetwork([1, 1], output_activation="sigmoid", loss="cross_entropy")
        neuron.parameters = NEURON_START
        path = []
        for _ in range(200):  # one step per call: the network keeps its optimiser's state
            path.append([neuron.parameters["W1"].item(), neuron.parameters["b1"].item()])
            neuron.train(x, y, epochs=1, learning_rate=rate, optimizer=name, print_every=0)
        paths[name] = (np.array(path), neuron.losses)
    X, Y = spiral_data(seed=seed)
    best = {}
    for name, rates in SPIRAL_RATES.items():
        for rate in rates:
            settings = {**SPIRAL_SETTINGS, "epochs": 200, "learning_rate": rate}
            try:
                _, losses = train(X, Y, SPIRAL_LAYERS, seed=seed, print_every=0,
                                  optimizer=name, **settings)
            except FloatingPointError:  # too large a rate: not the best one
                continue
            if name not in best or losses[-1] < best[name][1][-1]:
                best[name] = (rate, losses)
    fig = _figure(16, 5)
    surface, neuron_loss, spiral_loss = fig.subplots(1, 3, width_ratios=[1.15, 1, 1])
    _draw_surface(surface, x, y, paths)
    _draw_losses(neuron_loss, {f"{name}, α = {NEURON_RATES[name]:g}": losses
                               for name, (_, losses) in paths.items()},
                 "The neuron's loss, step by step", "cross-entropy", legend="upper right")
    neuron_loss.set_xlabel("step (one epoch: all 40 examples)")
    _draw_losses(spiral_loss, {f"{name}, α = {rate:g}": losses
                               for name, (rate, losses) in best.items()},
                 "Spirals, [2, 64, 3] relu network, mini-batches of 32:\n"
                 "each optimiser at the best of its five learning rates", "cross-entropy",
                 legend="upper right")
    _save(fig, Path(plots_dir) / "optimizers.png", quiet)
    if not quiet:
        print("lesson optimizers: the neuron's loss after 200 steps: "
              + ", ".join(f"{name} {losses[-1]:.4f}" for name, (_, losses) in paths.items())
              + "\n  spirals, loss after 200 epochs at the best learning rate: "
              + ", ".join(f"{name} (α = {rate:g}) {losses[-1]:.4f}"
                          for name, (rate, losses) in best.items()))
    return {"neuron": {name: losses[-1] for name, (_, losses) in paths.items()},
            "spirals": {name: (rate, losses[-1]) for name, (rate, losses) in best.items()}}


# %% [markdown]
# ### Lesson 7: the first weights, through ten layers

# %%
def lesson_initialization(plots_dir="plots", seed=0, quiet=False):
    """Lesson 7: how big the first weights should be, seen through 10 layers of 200 units.

    For each start, one forward and one backward pass of 500 random examples
    (spread 1), measuring the root mean square of z[l] and of dW[l] layer by
    layer: too small weights make the signal vanish, 1/n[l-1] keeps it for tanh
    (nearly) but not for relu, He's 2/n[l-1] keeps it for relu. Returns, for each
    activation and start, the RMS of z at the last layer over that at the first.
    """
    rng = np.random.default_rng(seed)
    X, Y = rng.standard_normal((2, 200, 500))  # inputs and targets, spread 1
    layer_dims = [200] * 11  # 10 layers: 9 hidden and a linear output
    fig = _figure(12, 8)
    axes = fig.subplots(2, 2, sharex=True)
    layers = np.arange(1, len(layer_dims))
    ratios = {}
    for (z_ax, dW_ax), activation in zip(axes, ("relu", "tanh")):
        lecun = initialize_parameters(layer_dims, rng)
        starts = {  # the courses' first attempt: small random numbers
            "too small: N(0, 0.01²)": {key: 0.01 * rng.standard_normal(value.shape)
                                       if key[0] == "W" else value
                                       for key, value in lecun.items()},
            "N(0, 1/n[l-1])": lecun,
            "He: N(0, 2/n[l-1])": initialize_parameters(layer_dims, rng, "relu")}
        for name, parameters in starts.items():
            _, cache = forward_prop(X, parameters, activation, "linear")
            grads = back_prop(parameters, cache, Y, activation, "linear", "mse")
            z_rms = [_rms(cache[f"Z{l}"]) for l in layers]
            z_ax.plot(layers, z_rms, "o-", label=name)
            dW_ax.plot(layers, [_rms(grads[f"dW{l}"]) for l in layers], "o-", label=name)
            ratios[activation, name] = z_rms[-1] / z_rms[0]
        z_ax.set_title(f"{activation}: the signal, layer by layer")
        z_ax.set_ylabel("root mean square of z[l] (log scale)")
        dW_ax.set_title(f"{activation}: the gradients, layer by layer")
        dW_ax.set_ylabel("root mean square of dW[l] (log scale)")
        for ax in (z_ax, dW_ax):
            ax.set_yscale("log")
            ax.grid(True, which="major", alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("layer l (1 to 9 hidden, 10 the linear output)")
        ax.set_xticks(layers)
    axes[0, 0].legend()
    fig.suptitle("A 10-layer network of 200 units, 500 random examples, started three ways")
    _save(fig, Path(plots_dir) / "initialization.png", quiet)
    if not quiet:
        print("lesson initialization: the signal's size at layer 10 over layer 1: "
              + "; ".join(f"{activation}, {name.split(':')[0]}: {ratio:.2g}"
                          for (activation, name), ratio in ratios.items()))
    return ratios


# %% [markdown]
# ### Lesson 8: MNIST, and the classic table
#
# The fully connected rows of the table on LeCun, Cortes and Burges's MNIST page,
# trained here on the same 60,000 images and tested on the same 10,000, without
# distortions or preprocessing.

# %%
# (hidden layers, the published test error in %, who published it)
MNIST_TABLE = [([300], 4.7, "LeCun et al. 1998"), ([1000], 4.5, "LeCun et al. 1998"),
               ([300, 100], 3.05, "LeCun et al. 1998"), ([500, 150], 2.95, "LeCun et al. 1998"),
               ([800], 1.6, "Simard et al. 2003")]
MNIST_SETTINGS = {"epochs": 10, "learning_rate": 0.1, "batch_size": 64}  # relu, float32


def lesson_mnist(plots_dir="plots", seed=0, quiet=False, quick=False):
    """Lesson 8: MNIST's classic table of fully connected networks, trained here.

    Each row's network, [784, *hidden, 10], relu, softmax, cross-entropy, plain
    mini-batch SGD (MNIST_SETTINGS), trains on the 60,000 training images and is
    tested on the 10,000 test images. quick=True: the first and third rows, one
    epoch each. Returns {row's name: our test error}.
    """
    X, Y = load_mnist(dtype=np.float32)
    X_test, Y_test = load_mnist(kind="test", dtype=np.float32)
    rows = MNIST_TABLE[::2][:2] if quick else MNIST_TABLE
    settings = {**MNIST_SETTINGS, "epochs": 1} if quick else MNIST_SETTINGS
    errors, seconds, wrong = {}, {}, None
    for k, (hidden, published, source) in enumerate(rows, 1):
        name = f"{len(hidden) + 1}-layer, {'+'.join(map(str, hidden))} hidden"
        if not quiet:
            print(f"lesson mnist, row {k} of {len(rows)}: {name} ({source}: {published}%), "
                  f"{settings['epochs']} epoch{'s' * (settings['epochs'] > 1)}")
        start = time.perf_counter()
        network = NeuralNetwork([784, *hidden, 10], "relu", "softmax", "cross_entropy", seed=seed,
                                dtype=np.float32)
        network.train(X, Y, print_every=0 if quiet else 1, **settings)
        seconds[name] = (time.perf_counter() - start) / settings["epochs"]
        answers = network.predict(X_test).argmax(axis=0)
        errors[name] = float(np.mean(answers != Y_test.argmax(axis=0)))
        if errors[name] == min(errors.values()):  # the best network's mistakes, for the gallery
            wrong = (name, answers)
    _draw_mnist(Path(plots_dir) / "mnist.png", rows, errors, *wrong, X_test, Y_test, settings,
                quiet)
    if not quiet:
        print(f"\n{'network':<28}{'published':>10}{'ours':>8}{'s/epoch':>9}")
        for (_, published, _), name in zip(rows, errors):
            print(f"{name:<28}{published:>9.2f}%{100 * errors[name]:>7.2f}%"
                  f"{seconds[name]:>9.1f}")
        print("Ours differ from theirs in training, not in data: relu (theirs: scaled tanh), "
              "softmax with cross-entropy (LeCun's: mean squared error), plain SGD for "
              f"{settings['epochs']} epoch{'s' * (settings['epochs'] > 1)} (theirs: more, with "
              f"other schedules).")
    return errors


# %% [markdown]
# ### Your own data: `--data FILE.csv`
#
# A table of your own, from the command line: its features standardised, a quarter
# of its examples held out, a network trained on the rest, and its held-out accuracy
# (or R^2, for a number to predict) printed, with a picture of the training.

# %%
def run_csv(path, *, target=-1, hidden_layers=(32, 16), epochs=100, learning_rate=0.01,
            batch_size=32, optimizer="adam", seed=0, plots_dir="plots", quiet=False):
    """Train a relu network on a CSV file of your own (load_csv) and measure it on a
    held-out quarter; save data_<file name>.png: the loss curves, and for classes the
    confusion matrix, and the decision regions when there are two features. Returns the
    held-out accuracy, or R^2 for a numeric target."""
    X, Y, classes = load_csv(path, target)
    n_x, m = X.shape
    # A quarter held out (at least one example), each class in its share; the features,
    # and a numeric target, standardised by the training examples alone.
    X_train, X_test, Y_train, Y_test = train_test_split(X, Y, max(1, round(m / 4)), seed)
    X_train, X_test = standardise(X_train), standardise(X_train, X_test)
    if classes is None:
        Y_train, Y_test = standardise(Y_train), standardise(Y_train, Y_test)
    output, loss = ("softmax", "cross_entropy") if classes else ("linear", "mse")
    layer_dims = [n_x, *hidden_layers, Y.shape[0]]
    if not quiet:
        print(f"{path}: {m} examples, {n_x} features, target "
              + (f"{len(classes)} classes: {', '.join(map(str, classes[:10]))}"
                 + (", ..." if len(classes) > 10 else "") if classes else
                 "a number (regression), standardised for training"))
        print(f"training a {layer_dims} network (relu, {output} output, {LOSS_NAMES[loss]}) with "
              f"{optimizer}, learning rate {learning_rate:g}, batches of {batch_size}, on "
              f"{X_train.shape[1]} examples; {X_test.shape[1]} held out")
    network = NeuralNetwork(layer_dims, "relu", output, loss, seed=seed)
    network.train(X_train, Y_train, epochs=epochs, learning_rate=learning_rate,
                  batch_size=batch_size, optimizer=optimizer,
                  validation_data=(X_test, Y_test),
                  print_every=0 if quiet else max(epochs // 10, 1))
    Y_hat = network.predict(X_test)
    if classes:
        score = accuracy(Y_hat, Y_test, "softmax")
    else:  # R^2 = 1 - sum (y - y_hat)^2 / sum (y - mean y)^2, the share of y's spread explained
        score = 1 - np.sum((Y_test - Y_hat) ** 2) / np.sum((Y_test - Y_test.mean()) ** 2)
    panels = 1 + bool(classes) + (n_x == 2 and bool(classes) and len(classes) <= len(PALETTE))
    fig = _figure(5.5 * panels, 4.8)
    axes = np.atleast_1d(fig.subplots(1, panels))
    _draw_losses(axes[0], {"training": network.history["loss"],
                           "held out": network.history["val_loss"]},
                 f"{Path(path).name}, {layer_dims} network", LOSS_NAMES[loss])
    if classes:
        _draw_confusion(axes[1], Y_test.argmax(axis=0), Y_hat.argmax(axis=0),
                        f"Held-out accuracy {score:.1%}", classes, "class")
    if panels == 3:
        _draw_decisions(axes[2], network.parameters, X_test, Y_test, "relu", output,
                        "Decision regions, held-out examples (standardised)", classes=classes)
    _save(fig, Path(plots_dir) / f"data_{Path(path).stem}.png", quiet)
    if not quiet:
        print(f"held-out accuracy {score:.1%} on {X_test.shape[1]} examples" if classes else
              f"held-out R^2 {score:.3f} on {X_test.shape[1]} examples (1: perfect, 0: no better "
              f"than the mean)")
    return score


# %% [markdown]
# ### Lesson 9: batch normalisation, through eight narrow layers

# %%
BATCHNORM_LAYERS = [64] + [32] * 8 + [10]  # the digits, 8 hidden layers of 32 units
# Plain mini-batch SGD; 1348 training digits = 26 batches of 50 and one of 48: a last
# batch of a few examples would be normalised with their few statistics (README).
BATCHNORM_SETTINGS = {"epochs": 20, "learning_rate": 0.3, "batch_size": 50}


def lesson_batchnorm(plots_dir="plots", seed=0, quiet=False):
    """Lesson 9: a deep, narrow network trained with and without batch normalisation.

    For sigmoid and for relu, the [64, 32 x 8, 10] network on the digits, from the
    file's start (LeCun's for sigmoid, He's for relu) and the same weights with
    batch normalisation, trained alike (BATCHNORM_SETTINGS); drawn: the losses, each
    hidden layer's activations at the start, and each layer's gradient at the start.
    Returns {(activation, batch_norm): (losses, test accuracy, None if it diverged)}.
    """
    X, Y = load_digits()
    X_train, X_test, Y_train, Y_test = train_test_split(X, Y, 0.25, seed)
    X_train, X_test = standardise(X_train), standardise(X_train, X_test)
    results, starts = {}, {}
    for activation in ("sigmoid", "relu"):
        for batch_norm in (False, True):
            # The same seed draws the same weights, with or without batch normalisation.
            start = initialize_parameters(BATCHNORM_LAYERS, seed, activation,
                                          batch_norm=batch_norm)
            _, cache = forward_prop(X_train, start, activation, "softmax")
            grads = back_prop(start, cache, Y_train, activation, "softmax", "cross_entropy")
            starts[activation, batch_norm] = cache, grads
            history = {}  # the epochs done, even if the training diverges
            try:
                parameters, losses = train(X_train, Y_train, BATCHNORM_LAYERS,
                                           activation=activation, output_activation="softmax",
                                           loss="cross_entropy", seed=seed, print_every=0,
                                           history=history, parameters=start,
                                           **BATCHNORM_SETTINGS)
                score = accuracy(predict(X_test, parameters, activation, "softmax"), Y_test)
            except FloatingPointError:  # at this rate, the plain relu network may
                losses, score = history["loss"], None
            results[activation, batch_norm] = losses, score
    _draw_batchnorm(Path(plots_dir) / "batchnorm.png", results, starts, X_train.shape[1],
                    X_test.shape[1], quiet)
    if not quiet:
        for (activation, batch_norm), (losses, score) in results.items():
            print(f"lesson batchnorm: {activation}, {'with' if batch_norm else 'without'} batch "
                  f"normalisation: loss {losses[4]:.3f} after 5 epochs, {losses[-1]:.3f} after "
                  f"{len(losses)}, " + (f"test accuracy {score:.1%}" if score is not None else
                                        "then diverged"))
    return results


# %% [markdown]
# ### Lesson 10: the doctor, three broken trainings

# %%
def lesson_doctor(plots_dir="plots", seed=0, quiet=False):
    """Lesson 10: three trainings that fail, what diagnose says about each, and its evidence.

    A learning rate too large (the spiral's network with tanh at rate 10), relu units that
    die (a relu network on the digits at rate 2), and a gradient that vanishes (the deep
    sigmoid network of lesson 9), each trained with monitor=True. Returns {case: findings}.
    """
    import textwrap  # here: only this picture wraps text
    X, Y = load_digits()
    X = standardise(X)
    X_spiral, Y_spiral = spiral_data(seed=seed)
    cases = {  # name: (X, Y, layer_dims, train's settings, the figure to draw, its label)
        "A learning rate too large": (X_spiral, Y_spiral, SPIRAL_LAYERS, dict(
            epochs=100, learning_rate=10.0, activation="tanh", output_activation="softmax",
            loss="cross_entropy", batch_size=32), "update_ratio", "update-to-weight ratio"),
        "Relu units that die": (X, Y, [64, 64, 64, 10], dict(
            epochs=20, learning_rate=2.0, activation="relu", output_activation="softmax",
            loss="cross_entropy", batch_size=32), "dead", "share of dead units"),
        "A gradient that vanishes": (X, Y, BATCHNORM_LAYERS, dict(
            activation="sigmoid", output_activation="softmax", loss="cross_entropy",
            **BATCHNORM_SETTINGS), "gradient_rms", "RMS of dW[l] (log scale)"),
    }
    fig = _figure(18, 12)
    axes = fig.subplots(3, 3, gridspec_kw={"width_ratios": [1, 1, 1.3]})
    results = {}
    for row, (name, (X_case, Y_case, layer_dims, settings, key, label)) in zip(axes,
                                                                               cases.items()):
        history = {}
        train(X_case, Y_case, layer_dims, seed=seed, print_every=0, history=history,
              monitor=True, **settings)
        results[name] = findings = diagnose(history)
        if not quiet:
            print(f"lesson doctor: {name.lower()}, {len(findings)} finding"
                  f"{'s' * (len(findings) != 1)}:" + "".join(f"\n  - {f}" for f in findings))
        _draw_losses(row[0], {"loss": history["loss"]}, f"{name}: the loss", legend=None)
        row[0].axhline(history["chance_loss"][-1], color="0.5", linestyle="--")
        row[0].annotate("chance: the targets' mean for every example", (1, history[
            "chance_loss"][-1]), xytext=(0, 4), textcoords="offset points", fontsize=8)
        figures = np.array(history[key])  # (epochs, layers)
        for l, values in enumerate(figures.T, start=1):
            row[1].plot(np.arange(1, len(values) + 1), values, label=f"layer {l}")
        row[1].set_yscale("linear" if key == "dead" else "log")
        if key == "update_ratio":
            row[1].axhline(1e-3, color="0.5", linestyle="--", label="1e-3, healthy")
        row[1].set_title(f"{label}, by layer")
        row[1].set_xlabel("epoch")
        row[1].grid(True, alpha=0.3)
        row[1].legend(fontsize=7, ncol=2)
        row[2].set_axis_off()
        row[2].set_title("diagnose(history) says", loc="left")
        row[2].text(0, 1, "\n\n".join(textwrap.fill(f"- {finding}", 75) for finding in findings),
                    va="top", fontsize=8.5, transform=row[2].transAxes)
    fig.suptitle("Three trainings that fail, each with monitor=True, and what diagnose "
                 "finds in their history")
    _save(fig, Path(plots_dir) / "doctor.png", quiet)
    return results


# %% [markdown]
# ### Lesson 11: a gallery of bugs in back_prop

# %%
BUGS = ("no 1/m", "sign", "g' at A", "output derivative twice", "L2 forgotten", "L2 without 1/m")
BUGS_SETTINGS = dict(epochs=500, learning_rate=0.5, activation="tanh",
                     output_activation="softmax", loss="cross_entropy", lambd=0.3)


def lesson_bugs(plots_dir="plots", seed=0, quiet=False):
    """Lesson 11: six classic mistakes of a hand-written back_prop (MISTAKES), each in a
    training loop on the spirals beside the right back_prop: the losses, how far each
    gradient is from the right one, parameter by parameter, and check_back_prop's finding.

    Returns {mistake: (losses, relative differences by parameter, findings)}.
    """
    X, Y = spiral_data(seed=seed)
    settings = dict(BUGS_SETTINGS)
    epochs, learning_rate = settings.pop("epochs"), settings.pop("learning_rate")
    start = initialize_parameters(SPIRAL_LAYERS, seed, settings["activation"])
    _, cache = forward_prop(X, start, settings["activation"], settings["output_activation"])
    right = back_prop(start, cache, Y, **settings)
    results = {}
    for mistake in (None, *BUGS):
        backward = functools.partial(_back_prop_with, mistake)
        grads = backward(start, cache, Y, **settings)
        # gradient_check's measure, against the right gradient (which the tests check
        # against the finite differences)
        differences = {key: _relative_difference(grads[f"d{key}"], right[f"d{key}"])
                       for key in start}
        results[mistake or "the right back_prop"] = (
            _train_by_hand(backward, X, Y, start, epochs, learning_rate, **settings),
            differences, check_back_prop(backward, seed=seed))
    if not quiet:
        for name, (losses, _, findings) in results.items():
            print(f"lesson bugs: {name}: loss {losses[0]:.3f} at the start, {losses[-1]:.3g} "
                  f"after {epochs} epochs; check_back_prop: {findings[0] if findings else 'none'}")
    _draw_bugs(Path(plots_dir) / "bugs.png", results, epochs, learning_rate, quiet)
    return results


def _train_by_hand(backward, X, Y, parameters, epochs, learning_rate, activation,
                   output_activation, loss, lambd):
    """The courses' loop, with `backward` in place of back_prop: each epoch's loss J (with
    the L2 penalty), and NaN from the epoch where it stops being a number."""
    losses = []
    with np.errstate(all="ignore"):  # a mistake may make the numbers overflow: then NaN
        for _ in range(epochs):
            Y_hat, cache = forward_prop(X, parameters, activation, output_activation, check=False)
            J = compute_loss(Y_hat, Y, loss, output_activation, parameters, lambd,
                             logits=cache[f"Z{count_layers(parameters)}"], check=False)
            losses.append(J if np.isfinite(J) else np.nan)
            grads = backward(parameters, cache, Y, activation, output_activation, loss, lambd)
            parameters = update_parameters(parameters, grads, learning_rate, check=False)
    return losses


# %% [markdown]
# ## 19. The command line
#
# `python nn_scratch.py` trains XOR; `python nn_scratch.py --help` lists the
# options and the lessons. Every mistake ends in one line that says what to fix.

# %%
LESSONS = {
    "nonlinearity": lesson_nonlinearity,
    "learning-rate": lesson_learning_rate,
    "spiral": lesson_spiral,
    "digits": lesson_digits,
    "overfitting": lesson_overfitting,
    "regularization": lesson_regularization,
    "optimizers": lesson_optimizers,
    "initialization": lesson_initialization,
    "mnist": lesson_mnist,
    "batchnorm": lesson_batchnorm,
    "doctor": lesson_doctor,
    "bugs": lesson_bugs,
}
ANIMATED = ("spiral",)  # the lessons that --animate also animates


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message):  # one line, not argparse's usage block
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _sizes(text):
    """Layer sizes as the command line gives them: "32,16" or "32" (then "16", apart)."""
    try:
        return [int(size) for size in text.split(",") if size]
    except ValueError:
        raise argparse.ArgumentTypeError(f"layer sizes are whole numbers such as 32,16 or "
                                         f"2 4 1; got {text!r}") from None


# %%
def main(argv=None):
    """Parse the command line, run what it asks for; return the exit status."""
    parser = _ArgumentParser(
        prog="nn_scratch.py",
        description="Train a neural network, written from scratch in NumPy, on XOR (or a lesson, "
                    "or your own CSV file) and watch it learn; pictures go to the plots folder.",
        epilog="examples:  python nn_scratch.py --activation tanh --layers 8\n"
               "           python nn_scratch.py --lesson all\n"
               "           python nn_scratch.py --exercise --exact --seed 7\n"
               "           python nn_scratch.py --data my_table.csv --target label --layers 32,16",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    # The settings default to None, so that one given where it does not apply is an
    # error rather than silently ignored; --data's defaults are run_csv's.
    data = run_csv.__kwdefaults__
    parser.add_argument("--layers", type=_sizes, nargs="+", metavar="N",
                        help="the hidden layers' sizes, between the inputs and the output "
                             f"(default: {XOR_LAYERS[1]} for XOR, "
                             f"{','.join(map(str, data['hidden_layers']))} with --data)")
    parser.add_argument("--epochs", type=int,
                        help=f"passes over the data (default: {EPOCHS}; with --data: "
                             f"{data['epochs']})")
    parser.add_argument("--learning-rate", "--lr", type=float,
                        help=f"gradient-descent step size (default: {LEARNING_RATE:g}; with "
                             f"--data: {data['learning_rate']:g})")
    parser.add_argument("--activation", choices=list(ACTIVATIONS),
                        help="hidden-layer activation (default: sigmoid)")
    parser.add_argument("--data", type=Path, metavar="FILE.csv",
                        help="train on a CSV file of your own (load_csv): one example per line, "
                             "numeric features, the target last unless --target says")
    parser.add_argument("--target", metavar="NAME_OR_INDEX",
                        help="with --data: the target column's name or index (default: "
                             f"{data['target']})")
    parser.add_argument("--batch-size", type=int,
                        help=f"with --data: examples per mini-batch (default: "
                             f"{data['batch_size']})")
    parser.add_argument("--optimizer", choices=list(OPTIMIZERS),
                        help=f"with --data: the update rule (default: {data['optimizer']})")
    parser.add_argument("--seed", type=int, default=0,
                        help="random seed for the weights (default: %(default)s)")
    parser.add_argument("--plots-dir", type=Path, default=Path("plots"),
                        help="where to write the PNG pictures (default: %(default)s)")
    parser.add_argument("--lesson", choices=["xor", *LESSONS, "all"],
                        help="what to run: the XOR demo (the default), a lesson, or all of them;"
                             " --layers, --epochs, --learning-rate and --activation apply to "
                             "the XOR demo")
    parser.add_argument("--animate", action="store_true",
                        help="also write a GIF of the network learning: training.gif for "
                             "the XOR demo, spiral_training.gif for --lesson spiral")
    parser.add_argument("--quick", action="store_true",
                        help="--lesson mnist in a few seconds: two rows of one epoch each")
    parser.add_argument("--explain", action="store_true",
                        help="print one step of training on XOR by hand, each equation with its "
                             "numbers (explain_step), on a [2, 2, 1] network from --seed")
    parser.add_argument("--exact", action="store_true",
                        help="with --explain or --exercise: a relu network of small whole numbers "
                             "drawn from --seed, computed in exact fractions, for pencil and paper")
    parser.add_argument("--exercise", action="store_true",
                        help="--explain as a worksheet: each result a numbered blank, the answers "
                             "at the end")
    parser.add_argument("--quiet", "-q", action="store_true", help="print nothing")
    args = parser.parse_args(argv)
    if args.layers is not None:  # "32,16" and "32 16" alike
        args.layers = [size for sizes in args.layers for size in sizes]
    lesson = args.lesson or ("data" if args.data is not None else "xor")
    xor_settings = {"--layers": args.layers, "--epochs": args.epochs,
                    "--learning-rate": args.learning_rate, "--activation": args.activation}
    data_settings = {"--target": args.target, "--batch-size": args.batch_size,
                     "--optimizer": args.optimizer}
    # What argparse cannot check itself: a seed >= 0, and options only where they apply.
    given = [option for option, value in xor_settings.items() if value is not None]
    if args.seed < 0:
        parser.error(f"--seed must be a non-negative integer; got {args.seed}")
    if args.data is not None and (args.lesson or args.animate or args.quick or args.activation):
        parser.error("--data trains on your file, with --layers, --epochs, --learning-rate, "
                     "--batch-size, --optimizer and --target; not with --lesson, --activation, "
                     "--animate or --quick")
    data_given = [option for option, value in data_settings.items() if value is not None]
    if data_given and args.data is None:
        parser.error(f"{data_given[0]} applies to --data FILE.csv")
    if given and lesson not in ("xor", "all", "data"):
        parser.error(f"{given[0]} applies to the XOR demo (--lesson xor or all), not to --lesson "
                     f"{lesson}")
    if args.animate and lesson not in ("xor", "all", *ANIMATED):
        parser.error(f"--animate animates the XOR demo and --lesson {' or '.join(ANIMATED)}, not "
                     f"--lesson {lesson}")
    if args.quick and lesson not in ("mnist", "all"):
        parser.error(f"--quick shortens --lesson mnist, not --lesson {lesson}")
    explain = args.explain or args.exercise
    if args.exact and not explain:
        parser.error("--exact applies to --explain or --exercise")
    if explain and (args.lesson or args.data or given or args.animate or args.quick):
        parser.error("--explain and --exercise print one step, with --seed and --exact alone")
    try:
        if explain:
            X, Y = xor_data()
            step = _exact_step(args.seed) if args.exact else dict(
                parameters=initialize_parameters([2, 2, 1], seed=args.seed), X=X, Y=Y)
            if not args.quiet:
                print(explain_step(**step, exact=args.exact, exercise=args.exercise), end="")
            return 0
        if lesson == "data":
            settings = {"target": int(args.target) if re.fullmatch(r"-?\d+", args.target or "x")
                        else args.target, "hidden_layers": args.layers, "epochs": args.epochs,
                        "learning_rate": args.learning_rate, "batch_size": args.batch_size,
                        "optimizer": args.optimizer}
            run_csv(args.data, seed=args.seed, plots_dir=args.plots_dir, quiet=args.quiet,
                    **{key: value for key, value in settings.items() if value is not None})
        if lesson in ("xor", "all"):
            run_xor([2, *(XOR_LAYERS[1:-1] if args.layers is None else args.layers), 1],
                    EPOCHS if args.epochs is None else args.epochs,
                    LEARNING_RATE if args.learning_rate is None else args.learning_rate,
                    args.activation or "sigmoid",
                    seed=args.seed, plots_dir=args.plots_dir, quiet=args.quiet,
                    animate=args.animate)
        for name, run in LESSONS.items():
            if lesson in (name, "all"):
                options = {"animate": True} if args.animate and name in ANIMATED else {}
                options.update({"quick": True} if args.quick and name == "mnist" else {})
                if not args.quiet:  # what it does, its docstring's first paragraph
                    print("\n" + " ".join(run.__doc__.split("\n\n")[0].split()))
                run(args.plots_dir, seed=args.seed, quiet=args.quiet, **options)
    except (ValueError, TypeError) as error:
        parser.exit(2, f"{parser.prog}: error: {error}\n")
    except (FloatingPointError, OSError) as error:
        parser.exit(1, f"{parser.prog}: error: {error}\n")
    except MemoryError as error:
        parser.exit(1, f"{parser.prog}: error: out of memory{': ' if str(error) else ''}"
                       f"{error}\n")
    except KeyboardInterrupt:
        parser.exit(130, f"{parser.prog}: interrupted\n")
    return 0


# %% [markdown]
# ## Appendix A: checking inputs
#
# Each public function checks what it is given in its line marked `# check`: the
# scalar arguments by one table of rules, applied by name wherever such an argument
# arrives, and the few functions below for what spans several arguments (data and a
# network, parameters, a cache, gradients, files). Without those lines every
# function computes the same, with NumPy's errors for mistakes.

# %%
# Each scalar argument, by name: its kind (int, float, or the names it may be), the
# interval it lies in, an example of a good value, and what it is (for the messages).
RULES = {
    "epochs": (int, "[1, inf)", "2000", ""),
    "learning_rate": (float, "(0, inf)", "0.1", ""),
    "learning_rate0": (float, "(0, inf)", "0.1", ""),
    "batch_size": (int, "[1, inf)", "64", "or None for full-batch gradient descent"),
    "mini_batch_size": (int, "[1, inf)", "64", ""),
    "print_every": (int, "[0, inf)", "200", "0 for silence"),
    "patience": (int, "[1, inf)", "50", "epochs without improvement before stopping"),
    "lambd": (float, "[0, inf)", "0.1", ""),
    "lambd_l1": (float, "[0, inf)", "0.1", ""),
    "keep_prob": (float, "(0, 1]", "0.8", "the share of hidden units kept, 1: no dropout"),
    "beta": (float, "[0, 1)", "0.9", "the share of the old average kept at each step"),
    "beta1": (float, "[0, 1)", "0.9", "the share of the old average kept at each step"),
    "beta2": (float, "[0, 1)", "0.9", "the share of the old average kept at each step"),
    "epsilon": (float, "(0, inf)", "1e-7", ""),
    "decay_rate": (float, "[0, inf)", "0.01", ""),
    "momentum": (float, "(0, 1]", "0.1", "the share of the new batch, PyTorch's convention"),
    "t": (int, "[1, inf)", "1", "the number of the step, from 1"),
    "epoch_num": (int, "[0, inf)", "0", "the epochs done, from 0"),
    "time_interval": (int, "[1, inf)", "1000", "epochs between drops"),
    "n_classes": (int, "[1, inf)", "10", ""),
    "seed": (int, "[0, inf)", "0", ""),
    "activation": (tuple(ACTIVATIONS), "", "", ""),
    "output_activation": (tuple(OUTPUT_ACTIVATIONS), "", "", ""),
    "loss": (LOSSES, "", "", ""),
    "optimizer": (tuple(OPTIMIZERS), "", "", ""),
    "kind": (("train", "test"), "", "", ""),
    "dtype": ((np.float64, np.float32, "float64", "float32", None), "",
              "np.float64 (the default) or np.float32", ""),
    "header": (("auto", True, False), "", "'auto', True or False", ""),
}
OPTIONAL = ("batch_size", "patience", "n_classes", "seed")  # None: not given


def _check_scalars(check=True, **arguments):
    """Each argument by its rule in RULES: its kind, then its interval."""
    for name, value in arguments.items():
        kind, interval, example, hint = RULES[name]
        if isinstance(kind, tuple):
            if type(value) is not str or value not in kind:  # (a str among them: fine)
                _check_choice(name, value, kind, example)
            continue
        if value is None and name in OPTIONAL:
            continue
        low, high = _bounds(interval)
        if type(value) is (float if kind is float else int) and (
                low < value or value == low and interval[0] == "[") and (
                value < high or value == high and interval[-1] == "]"):
            continue  # a plain number inside its interval: nothing more to check
        what = f"{name} ({hint})" if hint and kind is int else name
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or (
                kind is int and not isinstance(value, numbers.Integral)):
            raise TypeError(f"{what} must be a {'whole number' if kind is int else 'number'}"
                            f" such as {example}; got {value!r:.40}")
        if kind is int and value < low:
            raise ValueError(f"{what} must be at least {low:.0f}; got {value}")
        if not (math.isfinite(value) and (value > low or interval[0] == "[" and value == low)):
            sign = "positive" if interval[0] == "(" else "non-negative"
            raise ValueError(f"{what} must be a finite {sign} number such as {example}; "
                             f"got {value}")
        if value > high or interval[-1] == ")" and value == high:
            raise ValueError(f"{name} must be {'below' if interval[-1] == ')' else 'at most'} "
                             f"{high:g}, such as {example}: it is {hint}; got {value}")


@functools.cache
def _bounds(interval):
    """The two ends of an interval written as "(0, 1]", as floats: (0.0, 1.0)."""
    low, high = interval[1:-1].split(", ")
    return float(low), float(high)


def _check_choice(name, value, choices, described=""):
    listed = described or ", ".join(repr(choice) for choice in choices)
    if described and value not in choices:
        raise ValueError(f"{name} must be {described}; got {value!r}")
    if not described and not isinstance(value, str):
        raise TypeError(f"{name} must be a string, one of {listed}; got {value!r}")
    if value not in choices:
        raise ValueError(f"unknown {name} {value!r}; choose one of {listed}")


def _check_output(output_activation, loss, n_outputs):
    """The output's activation and the loss (names the rules have checked), which must fit
    each other and the output layer."""
    if loss == "cross_entropy" and output_activation == "linear":
        raise ValueError("loss='cross_entropy' needs probabilities, but a linear output can be any "
                         "number: use output_activation='sigmoid' (yes/no outputs) or 'softmax' "
                         "(one class out of several), or loss='mse' for regression")
    if output_activation == "softmax" and n_outputs == 1:
        raise ValueError("a softmax over a single output unit always gives 1: use "
                         "output_activation='sigmoid' for a yes/no output, or give the last layer "
                         "one unit per class")


def _check_layer_dims(layer_dims, what="layer_dims"):
    example = "for example [2, 4, 1]: 2 inputs, 4 hidden units, 1 output"
    if not isinstance(layer_dims, (list, tuple, range, np.ndarray)):
        raise TypeError(f"{what} must be a list of layer sizes, {example}; got {layer_dims!r}")
    if len(layer_dims) < 2:
        raise ValueError(f"{what} needs at least two sizes, the inputs and the outputs, "
                         f"{example}; got {list(layer_dims)}")
    for n in layer_dims:
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"every size in {what} must be a whole number ({example}); got {n!r}")
        if n < 1:
            raise ValueError(f"every size in {what} must be at least 1 ({example}); got {n}")


# %%
# Data: arrays of numbers, of the shapes the network needs, finite.


def _check_array(data, name):
    """An array (or what NumPy makes one of) of real numbers, not text or complex numbers."""
    dtype = np.asarray(data).dtype
    if dtype.kind not in "biuf":  # booleans, integers, floats; not complex numbers or text
        what = {"c": "complex numbers", "U": "text", "S": "bytes"}.get(dtype.kind, dtype)
        raise TypeError(f"{name} must be an array of numbers; it holds {what}: convert it with "
                        f"np.asarray(..., dtype=float) (of complex numbers, their .real part)")


def _check_X(X, n_x, m=None):
    """X of shape (n_x, m); m, when given, is the number of examples Y has."""
    _check_array(X, "X")
    shape = np.shape(X)
    if len(shape) != 2:
        raise ValueError(f"X must be 2-D with shape (n_x, m) = ({n_x}, m), one example per "
                         f"column; got shape {shape}. For a single example use x.reshape(-1, 1).")
    if shape[0] == n_x:
        return
    mismatch = f"X has {shape[0]} rows but the network has {n_x} inputs (layer_dims[0] = {n_x})"
    transposed = f"pass X.T (shape {shape[::-1]})"
    if m == shape[1]:  # X's columns are Y's examples: it is the network that does not fit
        raise ValueError(f"{mismatch}. X's {m} columns match Y's {m} examples, so X is right "
                         f"and the network is not: make it with layer_dims[0] = {shape[0]}, "
                         f"X's number of rows")
    if shape[1] == n_x and m is None:  # no Y to tell which of the two is wrong
        hint = (f" If X's rows are its examples, {transposed}; if its columns are, the "
                f"network was made for {n_x} inputs, not {shape[0]}.")
    else:
        hint = f" It looks transposed: examples are columns, so {transposed}." * (shape[1] == n_x)
    raise ValueError(f"{mismatch}: X must have shape ({n_x}, m), one example per column.{hint}")


def _check_Y(Y, n_y, m):
    """Y of shape (n_y, m), or a 1-D y of length m when n_y = 1."""
    _check_array(Y, "Y")
    shape = np.shape(Y)
    if shape == (m,) and n_y == 1:
        return
    one_hot = f" To train on class labels, one-hot encode them: Y = one_hot(labels, {n_y})"
    if len(shape) != 2:
        raise ValueError(f"Y must be 2-D with shape (n_y, m) = ({n_y}, {m}); got shape {shape}."
                         + one_hot * (len(shape) == 1))
    if shape == (m, n_y) != (n_y, m):
        raise ValueError(f"Y has shape {shape} but must be ({n_y}, {m}): it looks transposed. "
                         f"Examples are columns, so pass Y.T.")
    if shape[1] != m:
        raise ValueError(f"Y has {shape[1]} columns but X has {m}: Y needs one column (target) "
                         f"per column (example) of X")
    if shape[0] != n_y:
        raise ValueError(f"Y has {shape[0]} rows but the output layer has {n_y} units."
                         + one_hot * (shape[0] == 1))
    if m == 0:
        raise ValueError(f"X and Y have no examples (shape {shape}): the loss is a mean over the "
                         f"examples, so it needs at least one column")


def _check_finite(arrays, fix="clean or impute the data first", error=ValueError):
    """Every value of the arrays, {name: array}, a finite number."""
    for name, array in arrays.items():
        if not np.isfinite(np.asarray(array)).all():
            raise error(f"{name} contains NaN or infinity; {fix}")


def _check_targets(Y, output_activation, loss):
    """Targets a sigmoid or softmax output can reach, and distributions for softmax."""
    Y = np.asarray(Y)
    if output_activation in ("sigmoid", "softmax") and (Y.min() < 0 or Y.max() > 1):
        raise ValueError(f"a {output_activation} output lies in [0, 1] but Y has values from "
                         f"{Y.min():g} to {Y.max():g}: rescale Y to [0, 1], or use "
                         f"output_activation='linear' with loss='mse' for regression")
    # dZ[L] = Y_hat - Y needs columns that sum to 1: a tolerance for rounded targets.
    if output_activation == "softmax" and loss == "cross_entropy" and not (
            np.abs(Y.sum(axis=0) - 1).max() <= 1e-6):
        raise ValueError("softmax with cross-entropy needs each column of Y to be a probability "
                         "distribution (one-hot for class labels: Y = one_hot(labels))")


def _check_data(X, Y, n_x, n_y, output_activation, loss, name=""):
    """A data set where it comes in: shapes, finite values, reachable targets. X and Y may
    be anything NumPy makes an array of (a pandas DataFrame and Series too)."""
    X, Y = np.asarray(X), np.asarray(Y)
    try:
        _check_X(X, n_x, Y.shape[-1] if Y.ndim in (1, 2) else None)
        _check_Y(Y, n_y, X.shape[1])
        _check_finite({"X": X, "Y": Y})
        _check_targets(Y, output_activation, loss)
    except ValueError as error:
        raise ValueError(f"in {name}: {error}" if name else str(error)) from None


def _check_examples(X, Y):
    """X (n_x, m) and Y (n_y, m), for a function that only moves examples about; m."""
    _check_array(X, "X")
    if np.ndim(X) != 2:
        raise ValueError(f"X must be 2-D, one example per column; got shape {np.shape(X)}")
    _check_Y(Y, np.shape(Y)[0] if np.ndim(Y) == 2 else 1, np.shape(X)[1])
    return np.shape(X)[1]


# %%
# A network: its parameters, a cache, dicts shaped like the gradients.


def _check_parameters(parameters, what="parameters", chained=True):
    """W1, b1, ..., WL, bL (gamma, beta, running_mean and running_var in place of b in a
    batch-normalised hidden layer): NumPy arrays whose shapes chain into a network (not
    chained: any shapes, all that an optimiser's averages need). Returns L."""
    if not isinstance(parameters, dict) or not parameters:
        raise TypeError(f"{what} must be the dict returned by initialize_parameters or train, "
                        f"with keys 'W1', 'b1', ...; got {type(parameters).__name__}")
    L = max(count_layers(parameters), 1)
    layers, expected = _layer_keys(L, "gamma1" in parameters)
    if expected != parameters.keys():
        missing = sorted(expected - parameters.keys())
        odd = "without " + ", ".join(map(repr, missing)) if missing else "with " + ", ".join(
            repr(key) for key in parameters if key not in expected) + " too"
        raise ValueError(f"{what} must have keys 'W1', 'b1', ..., 'W{L}', 'b{L}' (a batch-"
                         f"normalised hidden layer l has 'gamma{{l}}', 'beta{{l}}', "
                         f"'running_mean{{l}}' and 'running_var{{l}}' in place of 'b{{l}}'); "
                         f"got {sorted(parameters, key=str)}, {odd}")
    for key, value in parameters.items():
        if not isinstance(value, np.ndarray):
            raise TypeError(f"{what}[{key!r}] must be a NumPy array of real numbers (float64 "
                            f"or float32); got {type(value).__name__}. Convert the values, for "
                            f"example {{key: np.asarray(value, dtype=float) for key, value in "
                            f"{what}.items()}}")
    n = None  # the rows of the last W: the units of the layer below
    for l, (W_key, *keys) in enumerate(layers if chained else (), start=1):
        W = parameters[W_key]
        if W.ndim != 2 or W.shape[1] != (n or W.shape[1]):
            raise ValueError(f"W{l} has shape {W.shape}; it must be (n[{l}], n[{l - 1}]), with "
                             f"n[{l - 1}] the number of rows of W{l - 1}")
        n = W.shape[0]
        for key in keys:
            if parameters[key].shape != (n, 1):
                raise ValueError(f"{key} has shape {parameters[key].shape}; it must be ({n}, 1)")
    return L


@functools.cache
def _layer_keys(L, normalised):
    """Each layer's keys, W first, and the set of the keys of all L layers."""
    layers = [tuple(f"{kind}{l}" for kind in (
        ("W", "gamma", "beta", "running_mean", "running_var") if l < L and normalised
        else ("W", "b"))) for l in range(1, L + 1)]
    return layers, {key for layer in layers for key in layer}


def _check_network(layers, activation, dtype, output_activation=None, loss="mse",
                   what="layer_dims"):
    """A network to make: its layer sizes, activations (None: initialize_parameters' LeCun
    start), loss and float type."""
    _check_layer_dims(layers, what)
    _check_scalars(dtype=dtype, **({} if activation is None else {"activation": activation}))
    if output_activation is not None:
        _check_scalars(output_activation=output_activation, loss=loss)
        _check_output(output_activation, loss, layers[-1])


def _check_diverged(parameters):
    _check_finite(parameters, "the parameters diverged (train again with a smaller "
                              "learning_rate) or were damaged", FloatingPointError)


def _check_cache(cache, parameters, activation, output_activation, keep_prob):
    """The cache forward_prop made with these parameters and activations; return m."""
    if not isinstance(cache, dict):
        raise TypeError(f"cache must be the dict forward_prop returned, with keys 'A0', 'Z1', "
                        f"'A1', ...; got {type(cache).__name__}")
    L = count_layers(parameters)
    n = [parameters["W1"].shape[1]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)]
    m = (np.shape(cache.get("A0")) or (0,))[-1]  # every array has the m of A0
    fix = "pass back_prop the cache that forward_prop returned for these parameters"
    for key, l in _cache_keys(L, "gamma1" in parameters, keep_prob < 1):
        if key not in cache:
            raise ValueError(f"cache has no {key!r}: " + (
                "forward_prop was given training=False, for prediction; back_prop needs the "
                "cache of training (training=True, the default)" if key[:2] == "bn" else fix))
        if key[:2] != "bn" and (getattr(cache[key], "shape", None) != (n[l], m) or m == 0):
            raise ValueError(f"cache[{key!r}] has shape {np.shape(cache[key])}, but these "
                             f"parameters make ({n[l]}, m), with m >= 1 the same for every "
                             f"array: {fix}")
    if keep_prob == 1 and L > 1 and "D1" in cache:
        raise ValueError("the cache holds dropout's masks ('D1', ...): give back_prop the "
                         "keep_prob that forward_prop was given")
    # A = g(Z) in the first unit of the first example, of the output layer and of the first
    # (g of the whole column for softmax): a cache made with another activation fails.
    for l, name, table in [(L, output_activation, OUTPUT_ACTIVATIONS),
                           (1, activation, ACTIVATIONS)][:min(L, 2)]:
        key = f"Z_tilde{l}" if f"Z_tilde{l}" in cache else f"Z{l}"  # the activation's input
        A = table[name](cache[key][:, :1])[0, 0] if name == "softmax" else table[name](
            cache[key].item(0))
        if l < L and keep_prob < 1:  # the unit as dropout left it
            A *= cache[f"D{l}"].item(0) / keep_prob
        if not abs(A - cache[f"A{l}"].item(0)) <= 1e-6:
            raise ValueError(f"cache['A{l}'] is not {name}(cache[{key!r}]): the cache was made "
                             f"with another activation; give back_prop the activation and "
                             f"output_activation that forward_prop was given")
    return m


@functools.cache
def _cache_keys(L, normalised, dropout):
    """The keys of forward_prop's cache in training, each with its layer."""
    keys = [("A0", 0)]
    for l in range(1, L + 1):
        keys += [(f"Z{l}", l), (f"A{l}", l)]
        if normalised and l < L:  # batch normalisation and dropout: hidden layers only
            keys += [(f"Z_tilde{l}", l), (f"bn{l}", l)]
        if dropout and l < L:
            keys.append((f"D{l}", l))
    return keys


def _check_like_grads(values, parameters, what, made_by):
    """A dict like the gradients (grads, or v or s): the trained parameters' keys and shapes
    (all but batch normalisation's running averages)."""
    if not isinstance(values, dict):
        raise TypeError(f"{what} must be the dict {made_by} returned, with keys 'dW1', 'db1', "
                        f"...; got {type(values).__name__}")
    for key, value in parameters.items():
        if key.startswith("running"):
            continue  # batch normalisation's running averages are not trained
        d = values.get(f"d{key}")
        if d is None:
            raise ValueError(f"{what} has no {'d' + key!r}: pass the dict {made_by} returned")
        if np.shape(d) != value.shape:
            raise ValueError(f"{what}['d{key}'] has shape {np.shape(d)} but parameters[{key!r}] "
                             f"has shape {value.shape}: pass the {what} {made_by} returned for "
                             f"these parameters")


def _check_batch(m, what, fix="to predict, use predict (or forward_prop(..., training=False)), "
                              "which normalises with the running averages"):
    """Batch normalisation in training: a batch's mean and variance need 2 examples or more."""
    if m < 2:
        raise ValueError(f"batch normalisation in training normalises each unit over the batch, "
                         f"but {what} has one example, which has no variance: {fix}")


# %%
# The checks of the public functions that need more than the rules, in the book's order.
def _check_trained(parameters, activation, output_activation, loss="mse", **scalars):
    """Parameters of a network, the names it runs with, and other scalars: its (n_x, n_y)."""
    L = _check_parameters(parameters)
    _check_scalars(activation=activation, output_activation=output_activation, loss=loss,
                   **scalars)
    _check_output(output_activation, loss, parameters[f"W{L}"].shape[0])
    return parameters["W1"].shape[1], parameters[f"W{L}"].shape[0]


def _check_forward_prop(X, parameters, activation, output_activation, keep_prob=1.0,
                        training=True):
    """forward_prop's, and predict's (training=False: the parameters and X must be finite)."""
    _check_X(X, _check_trained(parameters, activation, output_activation,
                               keep_prob=keep_prob)[0])
    if training and "gamma1" in parameters:
        _check_batch(np.shape(X)[1], "forward_prop's X")
    if not training:
        _check_diverged(parameters)
        _check_finite({"X": X})


def _check_loss(Y_hat, Y, logits=None):
    """A loss's (or its derivative's) Y_hat (n_y, m), and Y of its shape (or a 1-D y of
    length m when n_y = 1), and logits of Y_hat's: values are compute_loss's to check."""
    if not isinstance(Y_hat, np.ndarray) or Y_hat.ndim != 2:
        raise ValueError(f"Y_hat must be 2-D with shape (n_y, m), as forward_prop returns it; "
                         f"got shape {np.shape(Y_hat)}")
    shape = Y_hat.shape
    if not shape[1]:
        raise ValueError(f"Y_hat has no examples (shape {shape}): the loss is a mean over them")
    if np.shape(Y) not in (shape, (shape[1],) if shape[0] == 1 else None):
        raise ValueError(f"Y_hat and Y must have the same shape (n_y, m); got {shape} and "
                         f"{np.shape(Y)}")
    if logits is not None and np.shape(logits) != shape:
        raise ValueError(f"logits must be Z[L], of Y_hat's shape {shape}; got {np.shape(logits)}")


def _check_compute_loss(Y_hat, Y, loss, output_activation, parameters, lambd, lambd_l1, logits):
    _check_loss(Y_hat, Y, logits)
    _check_scalars(output_activation=output_activation, loss=loss, lambd=lambd,
                   lambd_l1=lambd_l1)
    _check_output(output_activation, loss, Y_hat.shape[0])
    _check_Y(Y, *Y_hat.shape)
    if output_activation != "linear" and (Y_hat.min() < 0 or Y_hat.max() > 1):
        raise ValueError(f"a {output_activation} output lies in [0, 1] but Y_hat has values "
                         f"from {Y_hat.min():g} to {Y_hat.max():g}: pass the Y_hat "
                         f"forward_prop returned with output_activation={output_activation!r}")
    _check_targets(Y, output_activation, loss)
    if loss == "cross_entropy" and output_activation == "sigmoid" and Y_hat.shape[0] > 1 and (
            np.abs(Y_hat.sum(axis=0) - 1).max() <= 1e-9):
        raise ValueError("every column of Y_hat sums to 1, as a softmax output's does: pass "
                         "output_activation='softmax' (as 'sigmoid', the default, each unit "
                         "would be its own yes/no question: another loss)")
    _check_finite({"Y_hat": Y_hat, "Y": Y}, "so would the loss be (NaN in the data, or "
                  "parameters that diverged: try a smaller learning rate)", FloatingPointError)
    if (lambd or lambd_l1) and parameters is None:
        raise ValueError(f"{'lambd' if lambd else 'lambd_l1'} > 0 penalises the weights, so "
                         f"compute_loss needs them: pass parameters=... (the dict of W1, b1, ...)")
    if lambd or lambd_l1:
        _check_parameters(parameters)


def _check_activation_backward(dA, Z, A, activation):
    _check_choice("activation", activation, (*ACTIVATIONS, "softmax"))
    if not all(isinstance(value, np.ndarray) for value in (dA, Z, A)) or not (
            dA.shape == Z.shape == A.shape and Z.ndim == 2):
        raise ValueError(f"dA, Z and A must be arrays of the same shape (n, m), with A = g(Z); "
                         f"got {np.shape(dA)}, {np.shape(Z)} and {np.shape(A)}")


def _check_back_prop(parameters, cache, Y, activation, output_activation, loss, lambd, lambd_l1,
                     keep_prob):
    n_y = _check_trained(parameters, activation, output_activation, loss, lambd=lambd,
                         lambd_l1=lambd_l1, keep_prob=keep_prob)[1]
    _check_Y(Y, n_y, _check_cache(cache, parameters, activation, output_activation, keep_prob))
    if output_activation == "softmax" and loss == "cross_entropy":
        _check_targets(Y, output_activation, loss)  # dZ[L] = Y_hat - Y needs distributions


def _check_update(parameters, grads, learning_rate, v=None, s=None, **settings):
    """Every optimiser's update. It is elementwise: the dicts need only agree key by key
    and shape by shape, not chain into a network."""
    _check_scalars(learning_rate=learning_rate, **settings)
    _check_parameters(parameters, chained=False)
    _check_like_grads(grads, parameters, "grads", "back_prop")
    for name, values in (("v", v), ("s", s)):
        if values is not None:  # both for Adam, v for momentum, s for RMSprop
            made_by = ("initialize_adam" if v is not None and s is not None else
                       "initialize_velocity" if name == "v" else "initialize_rmsprop")
            _check_like_grads(values, parameters, name, made_by)


def _check_random_mini_batches(X, Y, mini_batch_size, seed):
    _check_examples(X, Y)
    _check_scalars(mini_batch_size=mini_batch_size, seed=seed)


# %%
def _check_train(X, Y, layer_dims, *, validation_data, parameters, batch_norm, batch_size,
                 patience, history, monitor, optimizer_state, **scalars):
    _check_layer_dims(layer_dims)
    _check_scalars(batch_size=batch_size, patience=patience, **{
        name: value for name, value in scalars.items() if name != "seed"})
    _check_output(scalars["output_activation"], scalars["loss"], layer_dims[-1])
    if patience is not None and validation_data is None:
        raise ValueError("patience stops the training when the validation loss stops "
                         "improving, so it needs validation_data=(X_val, Y_val)")
    _check_data(X, Y, layer_dims[0], layer_dims[-1], scalars["output_activation"],
                scalars["loss"])
    if validation_data is not None:
        if not (isinstance(validation_data, (tuple, list)) and len(validation_data) == 2):
            raise TypeError("validation_data must be a pair (X_val, Y_val), examples as columns "
                            f"like X and Y; got {type(validation_data).__name__}")
        _check_data(*validation_data, layer_dims[0], layer_dims[-1],
                    scalars["output_activation"], scalars["loss"], "validation_data")
    if parameters is not None:
        _check_parameters(parameters)
        if _layer_dims(parameters) != list(layer_dims):
            raise ValueError(f"the parameters are those of a {_layer_dims(parameters)} network, "
                             f"not of layer_dims {list(layer_dims)}")
        _check_diverged(parameters)
        if batch_norm and "gamma1" not in parameters:
            raise ValueError("batch_norm=True, but the parameters given have no batch "
                             "normalisation: make them with initialize_parameters(..., "
                             "batch_norm=True), or leave batch_norm out: given parameters "
                             "carry their own")
    if batch_norm or parameters is not None and "gamma1" in parameters:
        m = np.shape(X)[1]
        B = batch_size if batch_size and batch_size < m else m
        _check_batch(B, "each batch" if B < m else "X", "give train 2 examples or more a batch")
        if m % B == 1:
            raise ValueError(f"batch normalisation needs 2 examples or more in every batch, "
                             f"but batch_size={B} leaves a last batch of one of the {m} "
                             f"examples: try batch_size={B + 1}")


def _check_gradient_check(parameters, X, Y, activation, output_activation, loss, per_parameter,
                          seed, **scalars):
    n_x, n_y = _check_trained(parameters, activation, output_activation, loss, **scalars)
    _check_diverged(parameters)
    _check_data(X, Y, n_x, n_y, output_activation, loss)
    if "gamma1" in parameters:
        _check_batch(np.shape(X)[1], "X", "check the gradient on 2 examples or more")


def _check_explain_step(parameters, X, Y, activation, output_activation, loss, learning_rate,
                        exact, exercise):
    n_x, n_y = _check_trained(parameters, activation, output_activation, loss,
                              learning_rate=learning_rate)
    if exact:  # fractions stay fractions through products, sums, relu, and no further
        inexact = [f"{name}={value!r}" for name, value, exact_ones in (
            ("activation", activation, ("relu", "linear")),
            ("output_activation", output_activation, ("linear",)), ("loss", loss, ("mse",)))
            if value not in exact_ones]
        if inexact:
            raise ValueError(f"exact=True computes with fractions, but {' and '.join(inexact)} "
                             f"takes exponentials or logarithms, whose values are not fractions:"
                             f" use activation='relu' or 'linear', output_activation='linear' "
                             f"and loss='mse'")
        for name, values in (*parameters.items(), ("X", X), ("Y", Y),
                             ("learning_rate", learning_rate)):
            for x in np.ravel(np.asarray(values, dtype=object)):
                if isinstance(x, float) and Fraction(x).denominator > 1000:
                    raise ValueError(f"exact=True needs whole numbers or fractions, but {name} "
                                     f"holds {x!r}, a float not exactly equal to "
                                     f"{Fraction(x).limit_denominator(1000)}: pass "
                                     f"fractions.Fraction({x!r}).limit_denominator() or a whole "
                                     f"number")
        X, Y = np.asarray(X, dtype=float), np.asarray(Y, dtype=float)  # to check, below
    _check_data(X, Y, n_x, n_y, output_activation, loss)
    sizes = _layer_dims(parameters)
    if "gamma1" in parameters or max(sizes) > 4 or np.shape(X)[1] > 4:
        raise ValueError(f"explain_step writes out every number of a plain network, so that "
                         f"they fit 100 columns: at most 4 units a layer and 4 examples, "
                         f"without batch normalisation; got a {sizes} network"
                         f"{' with batch normalisation' * ('gamma1' in parameters)} and "
                         f"{np.shape(X)[1]} examples")


# %%
def _check_loaded(path, arrays):
    """The arrays read from a file: parameters, or a ValueError that names the file."""
    try:
        _check_parameters(arrays, "the file's arrays")
        for key, value in arrays.items():
            _check_array(value, key)
        _check_diverged(arrays)
    except (TypeError, ValueError, FloatingPointError) as error:
        raise ValueError(f"{path} does not hold parameters written by save_parameters: "
                         f"{error}") from None


def _check_accuracy(Y_hat, Y, output_activation):
    if np.ndim(Y_hat) != 2:
        raise ValueError(f"Y_hat must be 2-D with shape (n_y, m); got shape {np.shape(Y_hat)}")
    _check_Y(Y, *np.shape(Y_hat))
    if output_activation is not None:
        _check_choice("output_activation", output_activation, ("sigmoid", "softmax"))


def _check_train_test_split(X, Y, test_size):
    m = _check_examples(X, Y)
    if isinstance(test_size, bool) or not isinstance(test_size, numbers.Real):
        raise TypeError(f"test_size must be a share such as 0.25, or a count; got {test_size!r}")
    if not 1 <= _test_count(test_size, m) <= m - 1:
        raise ValueError(f"test_size must leave at least one example on each side: a share in "
                         f"(0, 1) or a count from 1 to {m - 1} of the {m} examples; got "
                         f"{test_size!r}")


def _check_batchnorm_forward(Z, gamma, beta, epsilon):
    for name, value in (("gamma", gamma), ("beta", beta)):
        if np.shape(value) != (np.shape(Z)[0], 1):
            raise ValueError(f"{name} must have shape (n, 1) = ({np.shape(Z)[0]}, 1), a column of "
                             f"one number per unit (a 1-D array would be spread over the "
                             f"examples); got {np.shape(value)}")
    _check_scalars(epsilon=epsilon)


def _check_history(history):
    if not isinstance(history, dict) or not history.get("loss"):
        raise ValueError("diagnose reads a training's history: the dict given to train as "
                         "history=... (or a NeuralNetwork's .history), with its 'loss' list; "
                         f"got {type(history).__name__}" + (" without losses" if
                                                            isinstance(history, dict) else ""))


def _check_one_hot(labels, n_classes):
    _check_array(labels, "labels")
    shape = np.shape(labels)
    if len(shape) > 1 and sorted(shape)[:-1] != [1] * (len(shape) - 1):
        raise ValueError(f"labels must be 1-D, one class number per example; got shape {shape}"
                         + (": are they one-hot already?" if len(shape) == 2 else ""))
    labels = np.asarray(labels).reshape(-1)
    if labels.size == 0:
        raise ValueError("labels is empty: one_hot needs a class number per example")
    if not np.all(np.isfinite(labels) & (labels == np.round(labels)) & (labels >= 0)):
        raise ValueError(f"labels must be class numbers 0, 1, 2, ...; got {labels.min()} to "
                         f"{labels.max()}, not all whole and >= 0: number text labels first, as "
                         f"load_csv does")
    _check_scalars(n_classes=n_classes)
    if n_classes is not None and labels.max() >= n_classes:
        raise ValueError(f"n_classes={n_classes} means labels from 0 to {n_classes - 1}, "
                         f"but a label is {labels.max():g}")


def _check_standardise(X_train, X):
    arrays = {"X_train": X_train} if X is None else {"X_train": X_train, "X": X}
    for name, data in arrays.items():
        _check_array(data, name)
    _check_finite(arrays)
    if X is not None and np.shape(X)[:1] != np.shape(X_train)[:1]:  # a row would broadcast
        raise ValueError(f"X has shape {np.shape(X)} but X_train {np.shape(X_train)}: both "
                         f"need one feature per row, one example per column")


def _check_plot(parameters, X, Y, activation, output_activation, what):
    n_x, n_y = _check_trained(parameters, activation, output_activation)
    one = what == "plot_hidden_units"  # its output's map is the sum of one unit
    if n_x != 2 or one and n_y != 1:
        raise ValueError(f"{what} draws the plane of a network's 2 inputs"
                         f"{' and its one output' * one}, but this network has {n_x} inputs "
                         f"and {n_y} output{'s' * (n_y > 1)}")
    _check_data(X, Y, n_x, n_y, output_activation, "mse")


def _check_run_xor(layer_dims, epochs, learning_rate, activation):
    """run_xor's settings, all of them before its first line is printed."""
    _check_layer_dims(layer_dims)
    if layer_dims[0] != 2 or layer_dims[-1] != 1:
        raise ValueError("XOR has 2 inputs and 1 output, so the layer sizes must start with 2 and "
                         f"end with 1, for example 2 4 1; got {' '.join(map(str, layer_dims))}")
    _check_scalars(epochs=epochs, learning_rate=learning_rate, activation=activation)


# %% [markdown]
# ## Appendix B: drawing
#
# The layout the lessons share, and the three pictures of the XOR run: the loss
# against the epoch, the network's output over the plane, and what each of its
# units computes there. matplotlib is imported inside the functions that draw, so
# importing this module needs NumPy alone; they draw on matplotlib's `Figure`
# directly, not pyplot, so no window opens and no display is needed. In a
# notebook, each picture is also shown below the cell that made it.

# %%
def _figure(width, height):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _save(fig, path, quiet=True):
    """Write the figure to `path` as a PNG, making its folder if need be, and say so
    (unless quiet); in a notebook, also show it below the cell."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=100)
    if not quiet:
        print(f"saved {path}")
    _show(path)


def _show(path):
    """In a notebook, show the picture (a PNG, or a GIF, which plays) below the cell."""
    if "ipykernel" in sys.modules:
        from IPython.display import Image, display

        display(Image(filename=str(path)))


def _plain_minor_labels():
    """matplotlib's labels for the minor ticks of a log axis, which it shows when the view
    spans less than about a decade, written as 2.31 rather than 2.31 x 10^0."""
    from matplotlib.ticker import LogFormatterSciNotation

    class PlainMinorLabels(LogFormatterSciNotation):
        def __call__(self, x, pos=None):
            return f"{x:.4g}" if super().__call__(x, pos) else ""
    return PlainMinorLabels(labelOnlyBase=False)  # as matplotlib's own minor labels


def _draw_losses(ax, curves, title, loss="loss", legend="outside"):
    """Loss against epoch, log scale, one line per entry of `curves` (label -> losses);
    `loss` names it on the y axis. The legend goes beside the axes, where it can hide
    no curve, or at `legend`, a place inside that the caller has seen to be empty."""
    zero, positive = [], False  # a loss of exactly 0 has no place on a log scale: left out
    for label, losses in curves.items():
        losses = np.asarray(losses, dtype=float)
        ax.plot(np.arange(1, len(losses) + 1), np.where(losses > 0, losses, np.nan), label=label)
        positive |= bool((losses > 0).any())
        if (losses <= 0).any():
            zero.append(f"{label}: 0 from epoch {np.argmax(losses <= 0) + 1}")
    if zero:
        ax.text(0.98, 0.98, "\n".join(zero) + " (not drawn)", transform=ax.transAxes,
                ha="right", va="top", fontsize=8)
    scale = "log" if positive else "linear"
    ax.set_yscale(scale)
    if positive:
        ax.yaxis.set_minor_formatter(_plain_minor_labels())
    ax.set_xlabel("epoch")
    ax.set_ylabel(f"{loss} ({scale} scale)")
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    if len(curves) > 1 and legend == "outside":
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0)
    elif len(curves) > 1 and legend:
        ax.legend(loc=legend)


# The classes' colours: on the maps, the background mixes them by the network's
# probabilities; the examples are drawn in them, each class with its own marker.
PALETTE = np.array([[0.12, 0.47, 0.71], [0.84, 0.15, 0.16], [0.17, 0.63, 0.17],
                    [1.0, 0.5, 0.05], [0.58, 0.4, 0.74], [0.55, 0.34, 0.29],
                    [0.89, 0.47, 0.76], [0.5, 0.5, 0.5], [0.74, 0.74, 0.13], [0.09, 0.75, 0.81]])
MARKERS = "o^sDvP*Xph"


def _draw_decisions(ax, parameters, X, Y, activation, output_activation, title, colorbar=True,
                    legend=True, classes=None):
    """The network's output over the input plane, with the examples on top.

    One output: its value, blue for 0 to red for 1, and the line where it is 0.5.
    Several (softmax): the classes' colours mixed in proportion to their probabilities.
    """
    x1, x2, grid, extent = _plane(X)
    Y_hat = predict(grid, parameters, activation, output_activation)  # (n_y, 200 * 200)
    handles = []
    if Y_hat.shape[0] == 1:  # one probability: blue for 0, red for 1, a line at 0.5
        image = ax.imshow(Y_hat.reshape(x1.shape), origin="lower", extent=extent,
                          cmap="coolwarm", vmin=0, vmax=1, aspect="auto")
        if Y_hat.min() < 0.5 < Y_hat.max():  # a boundary only where the output crosses 0.5
            ax.contour(x1, x2, Y_hat.reshape(x1.shape), levels=[0.5], colors="k", linewidths=1.5)
        handles.append(ax.plot([], [], color="k", label="output = 0.5")[0])
        if colorbar:
            ax.figure.colorbar(image, ax=ax, label="network output")
    else:  # one colour per class, mixed in proportion to the predicted probabilities
        # (200 * 200, n_y) @ (n_y, 3) -> (200 * 200, 3) -> (200, 200, 3)
        rgb = (Y_hat.T @ PALETTE[:Y_hat.shape[0]]).reshape(*x1.shape, 3)
        ax.imshow(0.45 + 0.55 * rgb, origin="lower", extent=extent, aspect="auto")
    handles += _draw_examples(ax, X, Y, classes=classes)
    if legend:  # below the axes, clear of the x axis's labels
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.13),
                  ncol=len(handles), fontsize=9, facecolor="0.85")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title(title)
    return handles


def _draw_examples(ax, X, Y, size=90, classes=None):
    """The examples X (2, m) as points, each class with its own colour and marker, ringed
    in white, so that a point still shows on a background of its own colour; `classes`
    names them in the legend (else "class 0", ...)."""
    if Y.shape[0] == 1:
        label, names = (Y[0] > 0.5).astype(int), ("target 0", "target 1")
    else:
        label = Y.argmax(axis=0)  # each example's class
        names = [f"class {k}" for k in range(Y.shape[0])] if classes is None else classes
    small = X.shape[1] > 20  # many points: smaller, with thinner rings
    return [ax.scatter(X[0, label == k], X[1, label == k], color=PALETTE[k],
                       marker=MARKERS[k], edgecolors="white", label=str(name), zorder=3,
                       s=30 if small else size, linewidths=0.6 if small else 1.2)
            for k, name in enumerate(names)]


def _signed(number):
    """ + 1.5 or − 1.5: a term of a sum, as it is written."""
    return f" {'−' if number < 0 else '+'} {abs(number):.1f}"


def _plane(X, pixels=200):
    """A grid of pixels × pixels points over the plane of the 2-D examples X (2, m), with a
    margin: the two coordinate arrays, the points as examples (2, pixels²), the extent."""
    margin = 0.25 * (X.max(axis=1) - X.min(axis=1))
    low, high = X.min(axis=1) - margin, X.max(axis=1) + margin
    x1, x2 = np.meshgrid(np.linspace(low[0], high[0], pixels),
                         np.linspace(low[1], high[1], pixels))
    grid = np.stack([x1.ravel(), x2.ravel()])  # (2, pixels²): every pixel is an example
    return x1, x2, grid, (low[0], high[0], low[1], high[1])


# %%
def _draw_units(fig, parameters, X, Y, activation, output_activation):
    """What every unit computes over the plane: a row of small maps per hidden layer (its
    first 8 units), each with the line where its z is 0, then the output's map."""
    x1, x2, grid, extent = _plane(X, pixels=120)
    _, cache = forward_prop(grid, parameters, activation, output_activation, check=False)
    L = count_layers(parameters)
    rows = fig.subfigures(L, 1, squeeze=False, height_ratios=[1] * (L - 1) + [1.5])[:, 0]
    for l, row in enumerate(rows[:-1], start=1):
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        shown = min(W.shape[0], 8)
        A = cache[f"A{l}"][:shown]  # (shown, 120 * 120): a map per unit, on one scale
        axes = row.subplots(1, shown, squeeze=False)[0]
        for j, ax in enumerate(axes):
            image = ax.imshow(A[j].reshape(x1.shape), origin="lower", extent=extent,
                              cmap="viridis", vmin=A.min(), vmax=A.max())
            z = cache[f"Z{l}"][j].reshape(x1.shape)
            if z.min() < 0 < z.max():  # where the unit switches: in layer 1, a straight line
                ax.contour(x1, x2, z, levels=[0.0], colors="white", linewidths=1.2,
                           linestyles="--")
            _draw_examples(ax, X, Y, size=40)
            terms = (f"{W[j, 0]:.1f} $x_1${_signed(W[j, 1])} $x_2$" if l == 1
                     else f"$w_{{{j + 1}}}$ · $a^{{[{l - 1}]}}$")
            ax.set_title(f"unit {j + 1}\n{activation}({terms}{_signed(b[j, 0])})", fontsize=9)
            ax.set_xticks([])
            ax.set_yticks([])
        row.colorbar(image, ax=list(axes), shrink=0.85, label=f"$a^{{[{l}]}}$")
        more = f", the first {shown} of {W.shape[0]}" if shown < W.shape[0] else ""
        row.suptitle(f"Hidden layer {l}: each unit's activation over the plane{more} "
                     f"(dashed: where its z = 0)")
    W, b = parameters[f"W{L}"], parameters[f"b{L}"]
    terms = "".join(f"{_signed(w)} $a_{{{k + 1}}}$" for k, w in enumerate(W[0, :8]))
    terms = terms.lstrip(" +").replace("− ", "−", 1) + (" + ..." if W.shape[1] > 8 else "")
    _, middle, _ = rows[-1].subfigures(1, 3, width_ratios=[1, 2, 1])
    output = middle.subplots()
    _draw_decisions(output, parameters, X, Y, activation, output_activation,
                    f"{output_activation}({terms}{_signed(b[0, 0])})")
    output.set_aspect("equal")  # the plane as it is, however wide the row above
    rows[-1].suptitle("Output: a weighted sum of the maps above, through the "
                      f"{output_activation}" if L > 1 else "Output")


def plot_loss_curve(losses, path, title="Training loss", loss=None):
    """Save the loss against the epoch (log scale) as a PNG at `path`; `loss`, "mse" or
    "cross_entropy", names it on the y axis."""
    fig = _figure(6, 4)
    _draw_losses(fig.add_subplot(), {"loss": losses}, title, LOSS_NAMES.get(loss, "loss"))
    _save(fig, path)


def plot_decision_boundary(parameters, X, Y, path, activation, output_activation,
                           title="What the network learnt"):
    """Save the network's output over the plane of 2-D inputs X (2, m), with the examples;
    activation and output_activation are the network's, as for predict."""
    _check_plot(parameters, X, Y, activation, output_activation, "plot_decision_boundary")  # check
    X, Y = _as_data(X, Y)
    fig = _figure(6, 5)
    _draw_decisions(fig.add_subplot(), parameters, X, Y, activation, output_activation, title)
    _save(fig, path)


def plot_hidden_units(parameters, X, Y, path, activation, output_activation):
    """Save what each unit of a network of 2 inputs computes over the plane of X (2, m):
    each hidden unit's activation as a small map, then the output's, with the examples."""
    _check_plot(parameters, X, Y, activation, output_activation, "plot_hidden_units")  # check
    X, Y = _as_data(X, Y)
    L = count_layers(parameters)
    widest = max([min(parameters[f"W{l}"].shape[0], 8) for l in range(1, L)], default=0)
    fig = _figure(max(2.4 * widest + 1, 8), 3 * (L - 1) + 4.5)
    _draw_units(fig, parameters, X, Y, activation, output_activation)
    _save(fig, path)



# %%
def _draw_confusion(ax, truth, predicted, title, labels=range(10), what="digit"):
    """How often each class (row) was answered as each class (column)."""
    counts = np.zeros((len(labels), len(labels)), dtype=int)
    np.add.at(counts, (truth, predicted), 1)  # counts[t, p] += 1 for every example
    ax.imshow(counts, cmap="Blues")
    for t, p in zip(*np.nonzero(counts)):
        ax.text(p, t, str(counts[t, p]), ha="center", va="center", fontsize=8,
                color="white" if counts[t, p] > counts.max() / 2 else "black")
    ax.set_xticks(range(len(labels)), [str(label) for label in labels])
    ax.set_yticks(range(len(labels)), [str(label) for label in labels])
    ax.set_xlabel(f"predicted {what}")
    ax.set_ylabel(f"true {what}")
    ax.set_title(title + "\nconfusion matrix: right answers on the diagonal")


def _draw_surface(ax, x, y, paths):
    """The cross-entropy of y_hat = sigmoid(w x + b) over the (w, b) plane, as contours,
    with the paths (name -> ((steps, 2) array of (w, b), losses)) on it."""
    ends = np.concatenate([path for path, _ in paths.values()])
    w, b = np.meshgrid(np.linspace(ends[:, 0].min() - 0.6, ends[:, 0].max() + 0.6, 300),
                       np.linspace(ends[:, 1].min() - 1.5, ends[:, 1].max() + 1.5, 300))
    z = w.reshape(-1, 1) * x + b.reshape(-1, 1)  # (300 * 300, 1) * (1, m): a z per grid point
    # The cross-entropy of a sigmoid in terms of z: -y log a - (1 - y) log(1 - a)
    # = log(1 + e^z) - y z, which logaddexp computes without overflow.
    loss = np.mean(np.logaddexp(0.0, z) - y * z, axis=1).reshape(w.shape)
    ax.contour(w, b, loss, levels=np.geomspace(loss.min() * 1.01, loss.max(), 25),
               cmap="viridis_r", linewidths=0.8)
    for name, (path, _) in paths.items():
        ax.plot(path[:, 0], path[:, 1], ".-", markersize=3, linewidth=1,
                label=f"{name}, α = {NEURON_RATES[name]:g}")
    lowest = np.unravel_index(np.argmin(loss), loss.shape)  # of the grid: near enough
    for label, point, marker in (("start", path[0], "ko"),  # every path's first point
                                 ("minimum", (w[lowest], b[lowest]), "k*")):
        ax.plot(*point, marker, markersize=8)
        ax.annotate(label, point, xytext=(8, 4), textcoords="offset points")
    ax.set_xlabel("w")
    ax.set_ylabel("b")
    ax.set_title("One sigmoid neuron's cross-entropy over (w, b), contours,\n"
                 "and 200 steps of each optimiser: a long narrow valley")
    ax.legend(loc="upper right")


def _animate_training(path, X, Y, layer_dims, title, epochs, learning_rate, activation,
                      output_activation="sigmoid", loss="mse", batch_size=None, seed=0,
                      quiet=True):
    """Train as train would (the same seed gives the same numbers) and write a GIF of the
    network learning: its output over the plane beside the loss curve, as it grows.

    The frames are spaced evenly in the logarithm of the epoch, so that the first
    epochs, the drop and the settling each get their share. matplotlib's Pillow
    writer makes the GIF, headless. Returns the final parameters and the number of
    frames.
    """
    from matplotlib.animation import PillowWriter
    from matplotlib.cm import ScalarMappable

    network = NeuralNetwork(layer_dims, activation, output_activation, loss, seed)
    snapshots = {0: network.parameters}
    for epoch in np.unique(np.geomspace(1, epochs, 50).round().astype(int)):
        network.train(X, Y, epochs=epoch - len(network.losses), learning_rate=learning_rate,
                      batch_size=batch_size, print_every=0)
        snapshots[int(epoch)] = network.parameters  # train makes new arrays: no copy needed
    losses = np.array(network.losses)
    fig = _figure(10, 4.6)
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.15])
    if Y.shape[0] == 1:  # the output's colours, drawn once: every frame uses the same
        fig.colorbar(ScalarMappable(cmap="coolwarm"), ax=left, label="network output")
    writer = PillowWriter(fps=6)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if not quiet:
        print(f"drawing {path}, the training as a GIF: {len(snapshots)} frames", flush=True)
    with writer.saving(fig, path, dpi=72):
        for frame, (epoch, parameters) in enumerate(snapshots.items(), 1):
            if not quiet and frame % 10 == 0:
                print(f"  frame {frame} of {len(snapshots)}", flush=True)
            left.clear()
            right.clear()
            _draw_decisions(left, parameters, X, Y, activation, output_activation,
                            "the network's output over the plane", colorbar=False)
            right.plot(np.arange(1, epoch + 1), losses[:epoch], color="tab:blue")
            if epoch:
                right.plot(epoch, losses[epoch - 1], "o", color="tab:blue")
            right.set_xscale("log")
            right.set_yscale("log")
            right.minorticks_off()  # drawing the log axes' minor ticks costs more than the rest
            right.set_xlim(0.8, epochs * 1.25)
            right.set_ylim(losses.min() / 1.5, losses.max() * 1.5)
            right.set_xlabel("epoch (log scale)")
            right.set_ylabel(f"{LOSS_NAMES[loss]} (log scale)")
            right.set_title("the loss, epoch by epoch")
            right.grid(True, which="major", alpha=0.3)
            fig.suptitle(f"{title}\nepoch {epoch} of {epochs}"
                         + (f", loss {losses[epoch - 1]:.4f}" if epoch else ": the start"))
            for _ in range(10 if epoch == epochs else 1):  # the last frame stays a while
                writer.grab_frame()
            # Every frame has the same parts in the same places: lay them out once (half
            # of a frame's time otherwise).
            fig.set_layout_engine("none")
    if not quiet:
        print(f"saved {path}")
    _show(path)
    return network.parameters, len(snapshots)


# %%
def _draw_batchnorm(path, results, starts, m_train, m_test, quiet):
    """Lesson 9's picture, a row per activation: the losses; each hidden layer's activations
    at the start, without and with batch normalisation; each layer's gradient at the start.
    starts: {(activation, batch_norm): (cache, grads) of the first step}."""
    from matplotlib import colormaps

    fig = _figure(19, 8.5)
    axes = fig.subplots(2, 4, gridspec_kw={"width_ratios": [1.3, 1, 1, 1]})
    L = len(BATCHNORM_LAYERS) - 1
    colours = colormaps["viridis_r"](np.linspace(0.05, 0.9, L - 1))  # layer 1 light, 8 dark
    for row, activation in zip(axes, ("sigmoid", "relu")):
        curves = {}
        for batch_norm, histogram_ax in ((False, row[1]), (True, row[2])):
            (losses, score), (cache, grads) = (results[activation, batch_norm],
                                               starts[activation, batch_norm])
            name = "with batch normalisation" if batch_norm else "without"
            curves[f"{name}: " + (f"test accuracy {score:.1%}" if score is not None else
                                  f"diverged at epoch {len(losses) + 1}")] = losses
            for l in range(1, L):
                A = cache[f"A{l}"]
                # The signal is how a unit's activation varies from example to example.
                spread = A.std(axis=1).mean()
                histogram_ax.hist(A.ravel(), bins=60, range=(0, 1) if activation == "sigmoid"
                                  else (0, 4), density=True, histtype="step",
                                  color=colours[l - 1], label=f"layer {l}: spread {spread:.3f}")
            histogram_ax.set_title(f"{activation}, {name}: A[l] at the start")
            histogram_ax.set_xlabel("activation")
            histogram_ax.legend(fontsize=7, loc="upper right")
            if activation == "relu":  # half of every layer is 0: the spike would hide the rest
                histogram_ax.set_ylim(0, 1.5)
            row[3].semilogy(range(1, L + 1), [_rms(grads[f"dW{l}"]) for l in range(1, L + 1)],
                            "o-", label=name)
        _draw_losses(row[0], curves, f"{activation}: [64, 32 x 8, 10] from the same start,\n"
                     f"SGD rate {BATCHNORM_SETTINGS['learning_rate']:g}, batches of "
                     f"{BATCHNORM_SETTINGS['batch_size']}", "cross-entropy", legend="lower left")
        row[3].set_title(f"{activation}: RMS of dW[l] at the start")
        row[3].set_xlabel("layer l (9: the softmax output)")
        row[3].grid(True, which="major", alpha=0.3)
        row[3].legend(fontsize=8)
    fig.suptitle(f"Batch normalisation on the digits ({m_train} training examples, "
                 f"{m_test} held out): each hidden layer normalised before its "
                 f"activation.\nSpread: a unit's standard deviation over the examples, the "
                 f"mean over the layer's units")
    _save(fig, path, quiet)


# %%
def _draw_mnist(path, rows, errors, name, answers, X_test, Y_test, settings, quiet):
    """Lesson 8's picture: each row's test error beside the published one, and the
    mistakes of the best network (`name`, its `answers`)."""
    fig = _figure(14, 6.4)
    left, right = fig.subfigures(1, 2, width_ratios=[1, 1.2])
    ax = left.subplots()
    names = list(errors)
    heights = np.arange(len(names))
    ax.barh(heights + 0.2, [row[1] for row in rows], 0.4, label="published", color="0.6")
    ax.barh(heights - 0.2, [100 * errors[name] for name in names], 0.4, label="nn_scratch",
            color="tab:blue")
    for y, name in zip(heights, names):
        ax.text(100 * errors[name], y - 0.2, f" {errors[name]:.2%}", va="center", fontsize=9)
    ax.set_yticks(heights, [f"{name}\n({row[2]})" for name, row in zip(names, rows)])
    ax.invert_yaxis()
    ax.set_xlabel("test error, % of the 10,000 test images")
    ax.legend(loc="lower right")
    ax.set_title(f"Test error, published and trained here\n(relu, softmax, cross-entropy, "
                 f"SGD rate {settings['learning_rate']:g},\nbatches of {settings['batch_size']}, "
                 f"{settings['epochs']} epoch{'s' * (settings['epochs'] > 1)}, float32)")
    truth = Y_test.argmax(axis=0)
    mistakes = np.flatnonzero(answers != truth)
    for ax, i in zip(right.subplots(6, 8).ravel(), mistakes):
        ax.imshow(X_test[:, i].reshape(28, 28), cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"{answers[i]} (is {truth[i]})", color="tab:red", fontsize=9)
        ax.set_axis_off()
    right.suptitle(f"The {len(mistakes)} test digits that the {name} network gets wrong,\n"
                   f"the first 48: its answer, and (in brackets) the label")
    _save(fig, path, quiet)


# %%
def _draw_bugs(path, results, epochs, learning_rate, quiet):
    """Lesson 11's picture: the losses; each gradient's distance from the right one, by
    mistake and parameter; and check_back_prop's findings."""
    import textwrap  # here: only this picture and the doctor's wrap text

    fig = _figure(19, 7.5)
    left, middle, right = fig.subplots(1, 3, gridspec_kw={"width_ratios": [1.1, 0.8, 1.4]})
    _draw_losses(left, {f"{name}: {losses[-1]:.3g} at the end": losses
                        for name, (losses, _, _) in results.items()},
                 f"The spirals, {SPIRAL_LAYERS}, tanh, softmax, lambd = "
                 f"{BUGS_SETTINGS['lambd']:g},\nlearning rate {learning_rate:g}, {epochs} "
                 f"full-batch epochs, from the same start", "cross-entropy + L2",
                 legend="upper right")
    left.set_ylim(top=5)  # the losses that climb leave the picture: their ends are listed
    names, keys = list(results), list(next(iter(results.values()))[1])
    differences = np.array([[results[name][1][key] for key in keys] for name in names])
    middle.imshow(np.log10(np.maximum(differences, 1e-16)), cmap="Reds", vmin=-16, vmax=0)
    for (i, j), value in np.ndenumerate(differences):
        middle.text(j, i, "0" if value < 1e-12 else f"{value:.0e}", ha="center", va="center",
                    fontsize=9, color="white" if value > 1e-4 else "black")
    middle.set_xticks(range(len(keys)), [f"d{key}" for key in keys])
    middle.set_yticks(range(len(names)), names)
    middle.set_title("Each gradient at the start against the right\none, "
                     "||g - g_right|| / (||g|| + ||g_right||)")
    right.set_axis_off()
    right.set_title("check_back_prop finds", loc="left")
    text = "\n\n".join(textwrap.fill(f"{name}: {findings[0] if findings else 'no finding'}", 95)
                       for name, (_, _, findings) in results.items())
    right.text(0, 1, text, va="top", fontsize=8.5, transform=right.transAxes)
    fig.suptitle("Six classic mistakes of a back_prop written by hand, each in the same "
                 "training loop beside the right one")
    _save(fig, path, quiet)


# %% [markdown]
# ## Running it
#
# As a script, `python nn_scratch.py` trains a network on XOR, prints the loss as
# it falls, and saves three pictures into `plots/`. Run as a notebook, the first cell
# below writes out one step of training on XOR by hand (chapter 17), on a [2, 2, 1]
# network, and the last does what the script does, showing the pictures below it.

# %%
if __name__ == "__main__" and "ipykernel" in sys.modules:  # in a notebook: one step by hand
    print(explain_step(initialize_parameters([2, 2, 1], seed=0), *xor_data()))

# %%
if __name__ == "__main__":
    if "ipykernel" in sys.modules:  # in a notebook: the kernel's argv is not ours
        main([])
    else:
        sys.exit(main())
