"""Writes Tests/NeuronTests/Metrics/SklearnMetricsReference.swift: scikit-learn's values of the
evaluation metrics on fixed inputs (ties, a single class, probabilities 0 and 1, probabilities on
bin edges, quantile bins with repeated edges), which Tests/NeuronTests/Metrics compares with.

Usage: python3 Tests/Reference/sklearn_metrics.py > Tests/Reference/sklearn_metrics.out
       (needs scikit-learn and NumPy; run from the repository root)
"""
import math
import warnings

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (average_precision_score, brier_score_loss, log_loss, precision_recall_curve,
                             roc_curve)
from sklearn.model_selection import StratifiedKFold

OUT = "Tests/NeuronTests/Metrics/SklearnMetricsReference.swift"
rng = np.random.default_rng(20261201)
caught = []  # (case, warning) pairs, printed so the edge cases' warnings are on record


def record(name, fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        value = fn()
    for item in w:
        caught.append((name, f"{item.category.__name__}: {item.message}"))
    return value


# MARK: - Inputs

def random_ranking(n, rounded):
    labels = rng.integers(0, 2, n)
    scores = rng.normal(loc=labels * 1.2, scale=1.0)
    if rounded:
        scores = np.round(scores, 1)  # many ties
    return scores.tolist(), labels.tolist()


def random_probabilities(n):
    p = rng.beta(0.7, 0.7, n)
    y = (rng.uniform(size=n) < p ** 1.3).astype(int)  # a little miscalibrated
    return p.tolist(), y.tolist()


ranking_inputs = [
    ("scikit-learn's documented example", [0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]),
    ("ties across classes", [0.5, 0.5, 0.5, 0.2, 0.2, 0.9, 0.9, 0.1, 0.5, 0.7], [1, 0, 1, 0, 1, 1, 0, 0, 0, 1]),
    ("every score tied", [0.3] * 6, [1, 0, 0, 1, 0, 0]),
    ("perfect separation", [0.1, 0.2, 0.3, 0.7, 0.8], [0, 0, 0, 1, 1]),
    ("reversed ranking", [0.9, 0.8, 0.3, 0.2], [0, 0, 1, 1]),
    ("one positive sample", [0.7], [1]),
    ("only positives", [0.1, 0.2, 0.3, 0.3], [1, 1, 1, 1]),
    ("only negatives", [0.1, 0.2, 0.3, 0.3], [0, 0, 0, 0]),
    ("negative scores and zeros", [-2.5, 0.0, -0.0, 3.0, -1.0, 0.0], [0, 1, 0, 1, 0, 1]),
    ("80 scores rounded to one decimal", *random_ranking(80, rounded=True)),
    ("400 continuous scores", *random_ranking(400, rounded=False)),
]

probability_inputs = [
    ("scikit-learn's documented example", [0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0]),
    ("exact zeros and ones, right and wrong", [0.0, 1.0, 0.0, 1.0, 0.5], [0, 1, 1, 0, 1]),
    ("within machine epsilon of 0 and 1", [1e-17, 1 - 1e-16, 2.2e-16, 1 - 2.220446049250313e-16, 5e-324],
     [1, 0, 1, 0, 1]),
    ("only positives", [0.1, 0.2, 1.0, 0.0], [1, 1, 1, 1]),
    ("only negatives", [0.1, 0.2, 1.0, 0.0], [0, 0, 0, 0]),
    ("300 probabilities", *random_probabilities(300)),
]

edges = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.6000000000000001, 0.19999999999999998,
         0.30000000000000004, 1 / 3, 2 / 3]
edge_labels = [0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0]
repeated = [0.1] * 10 + [0.2] * 3 + [0.9] * 7
repeated_labels = [0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1]
extreme = [0.0, 0.01, 0.02, 0.97, 0.99, 1.0, 1.0, 0.0]
extreme_labels = [0, 0, 1, 1, 1, 1, 0, 0]
random_p, random_y = random_probabilities(300)
calibration_inputs = [
    ("probabilities on uniform edges, 5 bins", edges, edge_labels, 5, "uniform"),
    ("probabilities on uniform edges, 10 bins", edges, edge_labels, 10, "uniform"),
    ("probabilities on uniform edges, 3 bins", edges, edge_labels, 3, "uniform"),
    ("one bin", edges, edge_labels, 1, "uniform"),
    ("probabilities on edges, quantile bins", edges, edge_labels, 4, "quantile"),
    ("repeated probabilities, quantile bins with duplicate edges", repeated, repeated_labels, 5, "quantile"),
    ("repeated probabilities, uniform bins", repeated, repeated_labels, 5, "uniform"),
    ("only 0, 1 and near them: empty middle bins", extreme, extreme_labels, 5, "uniform"),
    ("only negatives", [0.1, 0.5, 0.52, 0.9], [0, 0, 0, 0], 2, "uniform"),
    ("300 probabilities, 10 uniform bins", random_p, random_y, 10, "uniform"),
    ("300 probabilities, 5 quantile bins", random_p, random_y, 5, "quantile"),
    ("300 probabilities, 7 quantile bins", random_p, random_y, 7, "quantile"),
]

imbalanced = (rng.uniform(size=100) < 0.3).astype(int).tolist()
three = [2, 0, 2, 1, 1, 0, 2, 2, 0, 1, 2, 2, 0, 2, 1, 2, 0, 2, 2, 1, 0, 2, 2]
fold_inputs = [
    ("three classes, first seen out of order, 3 folds", three, 3),
    ("three classes, first seen out of order, 5 folds", three, 5),
    ("a class smaller than the folds (scikit-learn warns)", [0, 0, 0, 1, 1], 3),
    ("a single class", [0, 0, 0, 0, 0], 2),
    ("negative and large labels", [-5, 7, 7, -5, 100, 7, -5, 100, 7, 7], 2),
    ("100 imbalanced labels, 5 folds", imbalanced, 5),
    ("100 imbalanced labels, 10 folds", imbalanced, 10),
]


# MARK: - Swift


def num(v):
    v = float(v)
    if math.isnan(v):
        return ".nan"
    if math.isinf(v):
        return ".infinity" if v > 0 else "-.infinity"
    return repr(v)


def array(items, indent=12, room=60):
    """A Swift array literal, on one line when short, else wrapped at 120 columns."""
    one = "[" + ", ".join(items) + "]"
    if len(one) <= room:
        return one
    lines, line = [], " " * (indent + 4)
    for item in items:
        if len(line) + len(item) + 2 > 120 and line.strip():
            lines.append(line.rstrip())
            line = " " * (indent + 4)
        line += item + ", "
    lines.append(line.rstrip())
    return "[\n" + "\n".join(lines) + "\n" + " " * indent + "]"


# Inputs used by several cases are written once, as named constants.
SHARED = {id(edges): ("edgeProbabilities", "Double"), id(edge_labels): ("edgeLabels", "Int"),
          id(repeated): ("repeatedProbabilities", "Double"), id(repeated_labels): ("repeatedLabels", "Int"),
          id(random_p): ("randomProbabilities", "Double"), id(random_y): ("randomLabels", "Int"),
          id(three): ("threeClassLabels", "Int"), id(imbalanced): ("imbalancedLabels", "Int")}
shared_definitions = {}


def literal(values, item):
    if id(values) not in SHARED:
        return array([item(v) for v in values])
    name, kind = SHARED[id(values)]
    if name not in shared_definitions:
        shared_definitions[name] = f"    static let {name}: [{kind}] = {array([item(v) for v in values], indent=4)}"
    return name


def nums(values):
    return literal(values, num)


def ints(values):
    return literal(values, lambda v: str(int(v)))


def text(s):
    return '"' + s.replace('"', '\\"') + '"'


ranking, probability, calibration, folds = [], [], [], []
for name, s, y in ranking_inputs:
    fpr, tpr, roc_t = record(name, lambda: roc_curve(y, s, drop_intermediate=False))
    precision, recall, pr_t = record(name, lambda: precision_recall_curve(y, s))
    ap = record(name, lambda: average_precision_score(y, s))
    ranking.append(
        f"        Ranking(\n            name: {text(name)},\n            scores: {nums(s)},\n"
        f"            labels: {ints(y)},\n            falsePositiveRate: {nums(fpr)},\n"
        f"            truePositiveRate: {nums(tpr)},\n            rocThresholds: {nums(roc_t)},\n"
        f"            precision: {nums(precision)},\n            recall: {nums(recall)},\n"
        f"            prThresholds: {nums(pr_t)},\n            averagePrecision: {num(ap)}),")
for name, p, y in probability_inputs:
    # labels=[0, 1]: scikit-learn asks for them when y has a single class; Neuron's are always 0 and 1.
    ll = record(name, lambda: log_loss(y, p, labels=[0, 1]))
    brier = record(name, lambda: brier_score_loss(y, p))
    probability.append(
        f"        Probability(\n            name: {text(name)},\n            probabilities: {nums(p)},\n"
        f"            labels: {ints(y)},\n            logLoss: {num(ll)}, brierScore: {num(brier)}),")
for name, p, y, bins, strategy in calibration_inputs:
    fraction, mean = record(name, lambda: calibration_curve(y, p, n_bins=bins, strategy=strategy))
    calibration.append(
        f"        Calibration(\n            name: {text(name)},\n            probabilities: {nums(p)},\n"
        f"            labels: {ints(y)}, bins: {bins}, strategy: .{strategy},\n"
        f"            fractionPositive: {nums(fraction)},\n            meanPredicted: {nums(mean)}),")
for name, y, k in fold_inputs:
    splits = record(name, lambda: list(StratifiedKFold(n_splits=k).split(np.zeros(len(y)), y)))
    assigned = [0] * len(y)
    for f, (_, test) in enumerate(splits):
        for i in test:
            assigned[i] = f
    folds.append(
        f"        Folds(\n            name: {text(name)},\n            labels: {ints(y)}, folds: {k},\n"
        f"            testFolds: {ints(assigned)}),")

header = f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}"
source = "\n".join([
    f"// Generated by Tests/Reference/sklearn_metrics.py with {header}; do not edit.",
    "",
    "import Neuron",
    "",
    "/// scikit-learn's evaluation metrics on fixed inputs, float64.",
    "enum SklearnMetricsReference {",
    f"    /// The versions the values come from.",
    f"    static let versions = {text(header)}",
    "",
    "    /// roc_curve(drop_intermediate=False), precision_recall_curve and average_precision_score.",
    "    struct Ranking {",
    "        let name: String",
    "        let scores: [Double]",
    "        let labels: [Int]",
    "        let falsePositiveRate, truePositiveRate, rocThresholds: [Double]",
    "        let precision, recall, prThresholds: [Double]",
    "        let averagePrecision: Double",
    "    }",
    "",
    "    /// log_loss(labels=[0, 1]) and brier_score_loss.",
    "    struct Probability {",
    "        let name: String",
    "        let probabilities: [Double]",
    "        let labels: [Int]",
    "        let logLoss, brierScore: Double",
    "    }",
    "",
    "    /// calibration_curve(n_bins=bins, strategy=strategy): (prob_true, prob_pred).",
    "    struct Calibration {",
    "        let name: String",
    "        let probabilities: [Double]",
    "        let labels: [Int]",
    "        let bins: Int",
    "        let strategy: Metrics.CalibrationStrategy",
    "        let fractionPositive, meanPredicted: [Double]",
    "    }",
    "",
    "    /// StratifiedKFold(n_splits=folds).split: the test fold of each sample.",
    "    struct Folds {",
    "        let name: String",
    "        let labels: [Int]",
    "        let folds: Int",
    "        let testFolds: [Int]",
    "    }",
    "",
    *[shared_definitions[name] for name in sorted(shared_definitions)],
    "",
    "    static let ranking: [Ranking] = [",
    *ranking,
    "    ]",
    "",
    "    static let probability: [Probability] = [",
    *probability,
    "    ]",
    "",
    "    static let calibration: [Calibration] = [",
    *calibration,
    "    ]",
    "",
    "    static let folds: [Folds] = [",
    *folds,
    "    ]",
    "}",
    "",
])
with open(OUT, "w") as f:
    f.write(source)

# A readable record of what was generated, and of what scikit-learn warned.
print(f"# {OUT} written with {header}")
print(f"# {len(ranking)} ranking, {len(probability)} probability, {len(calibration)} calibration, "
      f"{len(folds)} fold cases")
for name, s, y in ranking_inputs[:3]:
    fpr, tpr, t = roc_curve(y, s, drop_intermediate=False)
    print(f"roc_curve [{name}]: fpr {fpr.tolist()} tpr {tpr.tolist()} thresholds {t.tolist()}")
for name, p, y in probability_inputs[:3]:
    print(f"log_loss [{name}]: {log_loss(y, p, labels=[0, 1])!r}")
for name, p, y, bins, strategy in calibration_inputs[:2] + calibration_inputs[5:6]:
    fraction, mean = calibration_curve(y, p, n_bins=bins, strategy=strategy)
    print(f"calibration_curve [{name}]: {fraction.tolist()} {mean.tolist()}")
print("warnings scikit-learn gave:")
for name, message in dict.fromkeys(caught):
    print(f"  [{name}] {message}")
