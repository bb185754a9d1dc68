"""Writes Tests/NeuronTests/Stats/StatsReference.swift and SparseProblem.swift: the figures
that Neuron's logistic regression must reproduce, from statsmodels and scikit-learn.

1. statsmodels Logit on breast cancer (all 569 rows), standardised mean_radius, mean_texture,
   mean_smoothness (mean and population std), with a constant: every figure of the summary,
   the HC0 covariance, and the summary text.
2. scikit-learn L2 (C = 1 and 0.1) on all 30 standardised features, polished with Newton's
   method in float64 to the exact optimum of scikit-learn's objective.
3. scikit-learn L1 on a sparse problem (80 × 100, 5 relevant features, np.random.seed(7)),
   polished on its support and checked against the KKT conditions.
4. scikit-learn multinomial on iris with C = 1: probabilities.

Usage: python3 Tests/Reference/stats_reference.py   (needs numpy, statsmodels, scikit-learn;
run from the repository root)
"""
import numpy as np
import sklearn
import statsmodels
import statsmodels.api as sm
from sklearn.linear_model import LogisticRegression

rows = np.genfromtxt("Sources/Neuron/Data/Resources/breast_cancer.csv", delimiter=",", names=True,
                     dtype=None, encoding="utf-8")
names = [n for n in rows.dtype.names if n not in ("target", "split")]
X_all = np.column_stack([rows[n].astype(float) for n in names])
y = rows["target"].astype(float)


def standardise(X):
    return (X - X.mean(axis=0)) / X.std(axis=0)


out = []
emit = out.append


def arr(values):
    return "[" + ", ".join(repr(float(v)) for v in np.ravel(values)) + "]"


# 1. statsmodels
three = ["mean_radius", "mean_texture", "mean_smoothness"]
X3 = standardise(np.column_stack([rows[n].astype(float) for n in three]))
exog = sm.add_constant(X3)
model = sm.Logit(y, exog)
fit = model.fit(method="newton", tol=1e-12, maxiter=100, disp=False)
robust = model.fit(method="newton", tol=1e-12, maxiter=100, disp=False, cov_type="HC0")
summary = str(fit.summary(xname=["const"] + three, yname="target"))
emit("/// statsmodels " + statsmodels.__version__ + " Logit, breast cancer, three standardised features.")
emit("enum StatsmodelsLogit {")
emit(f"    static let params: [Double] = {arr(fit.params)}")
emit(f"    static let standardErrors: [Double] = {arr(fit.bse)}")
emit(f"    static let zScores: [Double] = {arr(fit.tvalues)}")
emit(f"    static let pValues: [Double] = {arr(fit.pvalues)}")
ci95 = fit.conf_int(0.05)
ci90 = fit.conf_int(0.10)
emit(f"    static let lower95: [Double] = {arr(ci95[:, 0])}")
emit(f"    static let upper95: [Double] = {arr(ci95[:, 1])}")
emit(f"    static let lower90: [Double] = {arr(ci90[:, 0])}")
emit(f"    static let upper90: [Double] = {arr(ci90[:, 1])}")
emit(f"    static let covariance: [Double] = {arr(fit.cov_params())}")
emit(f"    static let robustCovariance: [Double] = {arr(robust.cov_params())}")
emit(f"    static let robustStandardErrors: [Double] = {arr(robust.bse)}")
emit(f"    static let logLikelihood = {float(fit.llf)!r}")
emit(f"    static let nullLogLikelihood = {float(fit.llnull)!r}")
emit(f"    static let pseudoRSquared = {float(fit.prsquared)!r}")
emit(f"    static let likelihoodRatio = {float(fit.llr)!r}")
emit(f"    static let likelihoodRatioPValue = {float(fit.llr_pvalue)!r}")
emit(f"    static let aic = {float(fit.aic)!r}")
emit(f"    static let bic = {float(fit.bic)!r}")
emit(f"    static let iterations = {fit.mle_retvals['iterations']}")
emit('    static let summary = """')
emit(summary)
emit('"""')
emit("}")
emit("")

# 2. scikit-learn L2 on 30 features, polished by Newton on scikit-learn's objective:
#    mean BCE + ||w||^2 / (2 n C), intercept not penalised.
X30 = standardise(X_all)
n = len(y)


def polish_l2(X, y, C, w, b):
    theta = np.concatenate([[b], w])
    A = np.column_stack([np.ones(len(y)), X])
    lam = np.concatenate([[0.0], np.full(X.shape[1], 1.0 / (len(y) * C))])
    for _ in range(50):
        p = 1 / (1 + np.exp(-A @ theta))
        g = A.T @ (p - y) / len(y) + lam * theta
        H = (A * (p * (1 - p))[:, None]).T @ A / len(y) + np.diag(lam)
        step = np.linalg.solve(H, g)
        theta -= step
        if np.max(np.abs(step)) < 1e-15:
            break
    p = 1 / (1 + np.exp(-A @ theta))
    g = A.T @ (p - y) / len(y) + lam * theta
    assert np.max(np.abs(g)) < 1e-13, np.max(np.abs(g))
    return theta


emit("/// scikit-learn " + sklearn.__version__ + " L2 logistic regression on 30 standardised breast-cancer")
emit("/// features, polished with Newton to the exact optimum: [intercept, coefficients…].")
emit("enum SklearnL2 {")
for C, label in [(1.0, "c1"), (0.1, "c01")]:
    clf = LogisticRegression(C=C, tol=1e-12, max_iter=100000).fit(X30, y)
    theta = polish_l2(X30, y, C, clf.coef_[0], clf.intercept_[0])
    sk = np.concatenate([clf.intercept_, clf.coef_[0]])
    emit(f"    /// C = {C}; scikit-learn's own answer differed from the polished optimum by {np.max(np.abs(sk - theta)):.1e}.")
    emit(f"    static let {label}: [Double] = {arr(theta)}")
emit("}")
emit("")

# 3. The sparse L1 problem. 80 samples, 100 features, the first 5 relevant.
np.random.seed(7)
Xs = np.random.randn(80, 100)
true_w = np.zeros(100)
true_w[:5] = [2.0, -1.5, 1.0, -2.5, 1.5]
ps = 1 / (1 + np.exp(-(Xs @ true_w)))
ys = (np.random.rand(80) < ps).astype(float)
C_l1 = 0.15
lam = 1.0 / (len(ys) * C_l1)
clf = LogisticRegression(l1_ratio=1.0, C=C_l1, solver="saga", tol=1e-14, max_iter=1000000).fit(Xs, ys)
w = clf.coef_[0].copy()
b = clf.intercept_[0]
support = np.flatnonzero(np.abs(w) > 1e-8)
# Polish on the support: there the penalty is lam * sign(w) . w, smooth.
A = np.column_stack([np.ones(len(ys)), Xs[:, support]])
theta = np.concatenate([[b], w[support]])
signs = np.concatenate([[0.0], np.sign(w[support])])
for _ in range(50):
    p = 1 / (1 + np.exp(-A @ theta))
    g = A.T @ (p - ys) / len(ys) + lam * signs
    H = (A * (p * (1 - p))[:, None]).T @ A / len(ys)
    theta -= np.linalg.solve(H, g)
w_exact = np.zeros(100)
w_exact[support] = theta[1:]
b_exact = theta[0]
p = 1 / (1 + np.exp(-(Xs @ w_exact + b_exact)))
grad = Xs.T @ (p - ys) / len(ys)
assert np.all(np.sign(w_exact[support]) == np.sign(w[support]))
kkt_zero = np.max(np.abs(grad[np.abs(w_exact) == 0])) / lam  # must be <= 1
kkt_support = np.max(np.abs(grad[support] + lam * np.sign(w_exact[support])))
assert kkt_zero < 1 and kkt_support < 1e-12 and abs(np.mean(p - ys)) < 1e-12
emit(f"/// scikit-learn {sklearn.__version__} L1 (saga) on the sparse problem with C = {C_l1}, polished on its")
emit(f"/// support; KKT: max |∇ⱼ|/λ off the support = {kkt_zero:.6f} (< 1), on it |∇ⱼ + λ sign wⱼ| = {kkt_support:.1e}.")
emit("enum SklearnL1 {")
emit(f"    static let c = {C_l1!r}")
emit(f"    static let intercept = {float(b_exact)!r}")
emit(f"    static let coefficients: [Double] = {arr(w_exact)}")
emit(f"    static let support: [Int] = [{', '.join(str(i) for i in support)}]")
emit("}")
emit("")

# 4. Multinomial iris, C = 1.
iris = np.genfromtxt("Sources/Neuron/Data/Resources/iris.csv", delimiter=",", names=True, dtype=None,
                     encoding="utf-8")
inames = [n for n in iris.dtype.names if n not in ("target", "split")]
Xi = np.column_stack([iris[n].astype(float) for n in inames])
yi = iris["target"].astype(int)
clf = LogisticRegression(C=1.0, tol=1e-14, max_iter=1000000).fit(Xi, yi)
proba = clf.predict_proba(Xi)
emit(f"/// scikit-learn {sklearn.__version__} multinomial logistic regression on iris (raw features), C = 1:")
emit("/// the probabilities of all 150 flowers, row-major [150, 3].")
emit("enum SklearnMultinomial {")
emit(f"    static let probabilities: [Double] = {arr(proba)}")
emit("}")
emit("")

header = ["// Generated by Tests/Reference/stats_reference.py; do not edit.", ""]
with open("Tests/NeuronTests/Stats/StatsReference.swift", "w") as f:
    f.write("\n".join(header + out))

csv = "\n".join([",".join([f"x{j}" for j in range(100)] + ["y"])] +
                [",".join([repr(float(v)) for v in Xs[i]] + [str(int(ys[i]))]) for i in range(80)])
with open("Tests/NeuronTests/Stats/SparseProblem.swift", "w") as f:
    f.write("// Generated by Tests/Reference/stats_reference.py (np.random.seed(7)); do not edit.\n\n")
    f.write("/// The sparse L1 problem: 80 rows, features x0…x99 (x0…x4 relevant, true weights\n")
    f.write("/// 2, −1.5, 1, −2.5, 1.5), label y; standard normal features.\n")
    f.write('enum SparseProblem {\n    static let csv = """\n' + csv + '\n"""\n}\n')
print("\n".join(out[:40]))
print("support:", support, "sklearn vs exact L1 coef diff:", np.max(np.abs(w - w_exact)))
