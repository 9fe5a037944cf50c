"""Held-out metrics for model v2: discrimination, calibration and the embedding-distance gate."""
from __future__ import annotations

import math

import numpy as np

from data import reference

auroc = reference.auroc
hanley_mcneil_ci95 = reference.hanley_mcneil_ci95


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """Temperature scaling (Guo et al. 2017, ICML): the T > 0 minimising the NLL of sigmoid(logit / T)
    on held-out data; golden-section search on log T (the NLL is unimodal in T)."""
    def nll(log_t: float) -> float:
        p = np.clip(sigmoid(logits / math.exp(log_t)), 1e-12, 1 - 1e-12)
        return float(-np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p)))
    lo, hi = math.log(0.05), math.log(20.0)
    ratio = (math.sqrt(5) - 1) / 2
    for _ in range(100):
        a, b = hi - ratio * (hi - lo), lo + ratio * (hi - lo)
        if nll(a) < nll(b):
            hi = b
        else:
            lo = a
    return math.exp((lo + hi) / 2)


def calibration_slope_intercept(probabilities: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Cox (1958) recalibration: logistic regression of the label on logit(p); Newton-Raphson.
    Slope 1 and intercept 0 for a perfectly calibrated model."""
    p = np.clip(probabilities, 1e-7, 1 - 1e-7)
    x = np.log(p / (1 - p))
    design = np.stack([np.ones_like(x), x], axis=1)
    beta = np.zeros(2)
    for _ in range(50):
        mu = sigmoid(design @ beta)
        gradient = design.T @ (labels - mu)
        hessian = design.T @ (design * (mu * (1 - mu))[:, None])
        step = np.linalg.solve(hessian + 1e-9 * np.eye(2), gradient)
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return float(beta[1]), float(beta[0])


def reliability(probabilities: np.ndarray, labels: np.ndarray, bins: int = 10):
    """Equal-width bins: mean predicted vs observed frequency; ECE = sum over bins of n_b/n |obs - pred|
    (Naeini et al. 2015)."""
    edges = np.linspace(0, 1, bins + 1)
    index = np.clip(np.digitize(probabilities, edges[1:-1]), 0, bins - 1)
    curve, ece = [], 0.0
    for b in range(bins):
        inside = index == b
        n = int(inside.sum())
        if n == 0:
            continue
        predicted, observed = float(probabilities[inside].mean()), float(labels[inside].mean())
        ece += n / len(labels) * abs(observed - predicted)
        curve.append(dict(binFrom=round(float(edges[b]), 2), binTo=round(float(edges[b + 1]), 2), n=n,
                          meanPredicted=round(predicted, 4), observed=round(observed, 4)))
    return curve, ece


def calibration_summary(probabilities: np.ndarray, labels: np.ndarray) -> dict:
    curve, ece = reliability(probabilities, labels)
    slope, intercept = calibration_slope_intercept(probabilities, labels)
    brier = float(np.mean((probabilities - labels) ** 2))
    return dict(ece=round(ece, 4), slope=round(slope, 4), intercept=round(intercept, 4), brier=round(brier, 4),
                reliability=curve)


def fit_mahalanobis(embeddings: np.ndarray, shrinkage: float = 1e-3):
    """Mean and a whitening matrix W with W^T W = (S + shrinkage I)^-1, so the distance is |W (e - mean)|
    (Lee et al. 2018 use the same class-agnostic Mahalanobis score on embeddings)."""
    mean = embeddings.mean(axis=0)
    covariance = np.cov(embeddings - mean, rowvar=False) + shrinkage * np.eye(embeddings.shape[1])
    precision = np.linalg.inv(covariance)
    whitening = np.linalg.cholesky(precision).T  # precision = L L^T -> W = L^T
    return mean, whitening


def mahalanobis(embeddings: np.ndarray, mean: np.ndarray, whitening: np.ndarray) -> np.ndarray:
    return np.linalg.norm((embeddings - mean) @ whitening.T, axis=1)


def wilson_ci95(successes: int, n: int) -> list[float]:
    """Wilson score interval (Wilson 1927)."""
    if n == 0:
        return [0.0, 1.0]
    z = 1.959964
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return [round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4)]
