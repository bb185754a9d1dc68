import Foundation
import Neuron

// Logistic regression as statistics: the single neuron Sequential(Linear(d, 1), Sigmoid())
// fitted to the maximum-likelihood estimate four ways, reported as statsmodels reports it,
// refused when the estimate does not exist, and made sparse by an L1 penalty. With
// --plots DIR it draws the estimates with their 95 % confidence intervals.

let plots = try Plot.folder()  // --plots DIR: where to write the pictures

let data = try Dataset.breastCancer(dtype: .float64)
let chosen = ["mean_radius", "mean_texture", "mean_smoothness"]
let columns = chosen.map { data.featureNames.firstIndex(of: $0)! }
let all = data.features.asArray(Double.self)
let width = data.featureNames.count
let raw = Tensor(
    (0..<data.count).flatMap { r in columns.map { all[r * width + $0] } }, shape: [data.count, 3], dtype: .float64)
let x = StandardScaler(fitting: raw).transform(raw)
let y = data.targetColumn(dtype: .float64)

print("1. One model, four ways to its optimum (569 tumours, 3 standardised features, label 1 = benign)\n")
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = Date()
    let value = try body()
    return (value, Date().timeIntervalSince(start))
}
let (newton, newtonTime) = try timed { try LogisticRegression(tolerance: 1e-10).fit(x, y, featureNames: chosen) }
let mle = [newton.intercept] + newton.coefficients
func distance(_ estimate: [Double]) -> Double { zip(estimate, mle).map { abs($0 - $1) }.max()! }

let (lbfgs, lbfgsTime) = try timed {
    try LogisticRegression(solver: .lbfgs, tolerance: 1e-9, maxIterations: 1000).fit(x, y)
}
let (descent, descentTime) = try timed {
    try LogisticRegression(solver: .gradientDescent(lr: 4), tolerance: 1e-9, maxIterations: 100_000).fit(x, y)
}
// Adam trains the neuron the way a network is trained: minibatch-free steps on BCELoss.
var rng = RandomGenerator(seed: 1)
let model = Sequential(Linear(3, 1, dtype: .float64, generator: &rng), Sigmoid())
let target = y.reshaped([data.count, 1])
let (adamSteps, adamTime) = timed { () -> Int in
    let adam = Adam(model.parameters, lr: 0.1)
    var steps = 0
    for (rate, count) in [(0.1, 2000), (0.01, 2000), (0.001, 3000)] {
        adam.learningRate = rate
        for _ in 0..<count {
            adam.zeroGrad()
            BCELoss()(model(x), target).backward()
            adam.step()
            steps += 1
        }
    }
    return steps
}
let linear = model[0] as! Linear
let adamEstimate = linear.bias!.asArray(Double.self) + linear.weight.asArray(Double.self)

print("  solver             iterations      time   max |θ − θ̂_MLE|")
for (name, iterations, time, estimate) in [
    ("gradient descent", descent.iterations, descentTime, [descent.intercept] + descent.coefficients),
    ("Adam (3 rates)", adamSteps, adamTime, adamEstimate),
    ("L-BFGS", lbfgs.iterations, lbfgsTime, [lbfgs.intercept] + lbfgs.coefficients),
    ("Newton", newton.iterations, newtonTime, mle),
] {
    let padded = name + String(repeating: " ", count: max(0, 16 - name.count))
    print("  " + padded + String(format: " %12d %8.3f s   %.1e", iterations, time, distance(estimate)))
}
print("  Newton's distance is 0 by definition: it is the reference the others are measured against.")

print("\n2. The estimate and its uncertainty, laid out as statsmodels' Logit.summary()\n")
print(newton.summary(dependentVariable: "benign"))
print("  Each coefficient is the change in log-odds of 'benign' per standard deviation of its")
print("  feature; P>|z| tests whether it is zero. All three matter (p < 0.001).")

print("\n3. All 30 features: the classes are linearly separable, so the MLE does not exist\n")
let allFeatures = StandardScaler(fitting: data.features).transform(data.features)
do {
    _ = try LogisticRegression().fit(allFeatures, y)
    print("  (unexpected: the fit returned)")
} catch {
    print("  " + error.description)
}
let ridge = try LogisticRegression(penalty: .l2(C: 1)).fit(allFeatures, y)
print(
    String(
        format: "  With penalty .l2(C: 1) the optimum exists: largest |coefficient| %.3f after %d Newton steps.",
        ridge.coefficients.map(abs).max()!, ridge.iterations))

print("\n4. L1 path on a sparse problem: 80 rows, 100 features, only x0…x4 matter\n")
var generator = RandomGenerator(seed: 7)
let truth: [Double] = [2, -1.5, 1, -2.5, 1.5] + [Double](repeating: 0, count: 95)
var sparseRows: [Double] = []
var sparseLabels: [Double] = []
for _ in 0..<80 {
    let row = (0..<100).map { _ in generator.nextNormal() }
    let z = zip(row, truth).reduce(0) { $0 + $1.0 * $1.1 }
    sparseRows += row
    sparseLabels.append(generator.nextUniform() < 1 / (1 + exp(-z)) ? 1 : 0)
}
let sparseX = Tensor(sparseRows, shape: [80, 100], dtype: .float64)
let sparseY = Tensor(sparseLabels, shape: [80], dtype: .float64)
print("       C   kept   which features survive (x0…x4 are the true ones)")
for c in [0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0] {
    let fit = try LogisticRegression(penalty: .l1(C: c)).fit(sparseX, sparseY)
    let kept = fit.coefficients.indices.filter { fit.coefficients[$0] != 0 }
    let shown = kept.prefix(12).map { "x\($0)" }.joined(separator: " ") + (kept.count > 12 ? " …" : "")
    print(String(format: "  %6.2f   %4d   ", c, kept.count) + shown)
}
print("  As C shrinks the penalty grows: the other coefficients become exactly 0, and the strongest")
print("  true effects are the last to go.")

if let plots {
    let figure = Plot.coefficients(
        names: ["const"] + chosen,
        values: [newton.intercept] + newton.coefficients, standardErrors: newton.standardErrors,
        title: "Log-odds of benign per standard deviation (569 tumours)", xLabel: "coefficient (log-odds)")
    let url = plots.appendingPathComponent("statistics-coefficients.svg")
    try figure.write(to: url)
    print("\npictures\n  wrote \(url.path)")
}
