import Foundation
@testable import Neuron
import Testing

/// The claims of the article Neuron's mission comes from ("logistic regression is a single
/// neuron"), each checked with the figure it states.
@Suite("The seeds' claims, as tests")
struct SeedClaimsTests {
    @Test("σ(−6…6) is the textbook table and σ′ = σ(1 − σ) peaks at 0.25 at z = 0")
    func sigmoidTable() {
        let z = Tensor((-6...6).map(Double.init), shape: [13], dtype: .float64, requiresGrad: true)
        let s = z.sigmoid()
        // 1/(1 + e^−z): σ(−6) = 0.0024726, σ(−2) = 0.1192029, σ(0) = 0.5, σ(2) = 0.8807971, σ(6) = 0.9975274.
        let values = s.asArray(Double.self)
        expectClose([values[0], values[4], values[6], values[8], values[12]], [0.0024726, 0.1192029, 0.5, 0.8807971, 0.9975274], rtol: 1e-5)  // the table has 7 decimals
        s.sum().backward()
        let slopes = z.grad!.asArray(Double.self)
        expectClose(slopes, values.map { $0 * (1 - $0) }, rtol: 1e-15)
        #expect(slopes.allSatisfy { $0 <= 0.25 } && slopes[6] == 0.25)
    }

    @Test("BCE of the good and the bad predictions: 0.2027 and 1.3086")
    func bceOfPredictions() {
        // y = [1, 0, 1, 1, 0]; good ŷ = [0.9, 0.1, 0.8, 0.7, 0.2]; bad ŷ = [0.2, 0.8, 0.3, 0.4, 0.7].
        // The article prints 0.2031 and 1.6346, which its own code does not produce: the mean
        // of −[y ln ŷ + (1 − y) ln(1 − ŷ)] is 0.20274 and 1.30862.
        let y = Tensor([1, 0, 1, 1, 0] as [Double], shape: [5], dtype: .float64)
        let good = BCELoss()(Tensor([0.9, 0.1, 0.8, 0.7, 0.2] as [Double], shape: [5], dtype: .float64), y).item()
        let bad = BCELoss()(Tensor([0.2, 0.8, 0.3, 0.4, 0.7] as [Double], shape: [5], dtype: .float64), y).item()
        expectClose([good, bad], [0.20273661557656092, 1.3086224330788456], rtol: 1e-14)
    }

    @Test("∂BCE(σ(z))/∂z = ŷ − y")
    func gradientIsResidual() {
        let z = Tensor([-3, -0.5, 0, 1.5, 4] as [Double], shape: [5], dtype: .float64, requiresGrad: true)
        let y = Tensor([0, 1, 1, 0, 1] as [Double], shape: [5], dtype: .float64)
        BCELoss(reduction: .sum)(z.sigmoid(), y).backward()
        let yHat = z.sigmoid().asArray(Double.self)
        expectClose(z.grad!, zip(yHat, y.asArray(Double.self)).map { $0 - $1 }, rtol: 1e-14)
    }

    @Test("MSE after a sigmoid is not convex (a negative Hessian eigenvalue); BCE is, on the same data")
    func convexity() {
        let x = Tensor([-2, -1, 0.5, 1, 2.5, 3] as [Double], shape: [6, 1], dtype: .float64)
        let y = Tensor([0, 0, 1, 0, 1, 1] as [Double], shape: [6, 1], dtype: .float64)
        func logits(_ theta: Tensor) -> Tensor {
            x.matmul(theta.sliced(axis: 0, 1..<2).reshaped([1, 1])) + theta.sliced(axis: 0, 0..<1)
        }
        let mse: (Tensor) -> Tensor = { MSELoss()(logits($0).sigmoid(), y) }
        let bce: (Tensor) -> Tensor = { BCELoss()(logits($0).sigmoid(), y) }
        var smallestMSE = Double.infinity
        var smallestBCE = Double.infinity
        for b in stride(from: -6.0, through: 6, by: 2) {
            for w in stride(from: -6.0, through: 6, by: 2) {
                let point = Tensor([b, w], shape: [2], dtype: .float64)
                smallestMSE = Swift.min(smallestMSE, Kernels.symmetricEigenvalues(hessian(of: mse, at: point).asArray(Double.self), n: 2)[0])
                smallestBCE = Swift.min(smallestBCE, Kernels.symmetricEigenvalues(hessian(of: bce, at: point).asArray(Double.self), n: 2)[0])
            }
        }
        #expect(smallestMSE < -1e-3, "smallest MSE eigenvalue \(smallestMSE)")
        #expect(smallestBCE >= 0, "smallest BCE eigenvalue \(smallestBCE)")
    }

    @Test("softmax over two classes is the sigmoid of the logit difference")
    func softmaxOfTwo() {
        let z = Tensor.randn([50, 2], seed: 9, dtype: .float64) * 4
        let p1 = z.softmax(axis: 1).sliced(axis: 1, 1..<2).asArray(Double.self)
        let s = (z.sliced(axis: 1, 1..<2) - z.sliced(axis: 1, 0..<1)).sigmoid().asArray(Double.self)
        #expect(worstAbsolute(p1, s) < 1e-15)
    }

    @Test("gradient descent, Adam, L-BFGS and Newton reach statsmodels' optimum; Newton in under 10 iterations")
    func fourWaysToTheMLE() throws {
        let (x, y, names) = try standardizedBreastCancer(columns: StatsmodelsParityTests.three)
        let mle = StatsmodelsLogit.params
        let newton = try LogisticRegression(tolerance: 1e-10).fit(x, y, featureNames: names)
        #expect(newton.iterations < 10)
        let lbfgs = try LogisticRegression(solver: .lbfgs, tolerance: 1e-9, maxIterations: 1000).fit(x, y)
        let descent = try LogisticRegression(solver: .gradientDescent(lr: 4), tolerance: 1e-9, maxIterations: 100_000).fit(x, y)
        for fit in [newton, lbfgs, descent] {
            #expect(worstAbsolute([fit.intercept] + fit.coefficients, mle) < 1e-6)
        }
        // Adam on the neuron itself, Sequential(Linear(3, 1), Sigmoid()) with BCELoss, full batch,
        // the learning rate cut tenfold twice.
        var rng = RandomGenerator(seed: 1)
        let model = Sequential(Linear(3, 1, dtype: .float64, generator: &rng), Sigmoid())
        let target = y.reshaped([569, 1])
        let adam = Adam(model.parameters, lr: 0.1)
        for (rate, steps) in [(0.1, 2000), (0.01, 2000), (0.001, 3000)] {
            adam.learningRate = rate
            for _ in 0..<steps {
                adam.zeroGrad()
                BCELoss()(model(x), target).backward()
                adam.step()
            }
        }
        let linear = model[0] as! Linear
        let adamEstimate = linear.bias!.asArray(Double.self) + linear.weight.asArray(Double.self)
        #expect(worstAbsolute(adamEstimate, mle) < 1e-6, "Adam: \(adamEstimate) vs \(mle)")
    }

    @Test("L1 gives exact zeros and keeps the strongest relevant features")
    func lassoSelects() throws {
        let (x, y) = try sparseProblem()
        let fit = try LogisticRegression(penalty: .l1(C: 0.15)).fit(x, y)
        let zeros = fit.coefficients.filter { $0 == 0 }.count
        #expect(zeros == 92)  // 100 features, 8 kept: three of the five relevant ones and five others
        for relevant in [0, 1, 3] { #expect(fit.coefficients[relevant] != 0) }
        let strongest = try LogisticRegression(penalty: .l1(C: 0.1)).fit(x, y)
        #expect(strongest.coefficients.indices.filter { strongest.coefficients[$0] != 0 } == [3])  // |w₃| = 2.5, the largest
    }

    @Test("XOR and concentric circles: one neuron fails, one hidden layer succeeds")
    func hiddenLayerNeeded() {
        let circles = Dataset.circles(count: 200, noise: 0.05, factor: 0.5, seed: 3, dtype: .float64)
        let xorX = Tensor([0, 0, 0, 1, 1, 0, 1, 1] as [Double], shape: [4, 2], dtype: .float64)
        for (x, labels, name) in [(circles.features, circles.labels, "circles"), (xorX, [0, 1, 1, 0], "xor")] {
            let y = Tensor(labels.map(Double.init), shape: [labels.count, 1], dtype: .float64)
            var rng = RandomGenerator(seed: 5)
            let neuron = Sequential(Linear(2, 1, dtype: .float64, generator: &rng), Sigmoid())
            let network = Sequential(
                Linear(2, 8, dtype: .float64, generator: &rng), Tanh(), Linear(8, 1, dtype: .float64, generator: &rng), Sigmoid())
            var accuracies: [Double] = []
            for model in [neuron, network] {
                let adam = Adam(model.parameters, lr: 0.05)
                for _ in 0..<1500 {
                    adam.zeroGrad()
                    BCELoss()(model(x), y).backward()
                    adam.step()
                }
                let predicted = withNoGrad { model(x) }.asArray(Double.self).map { $0 >= 0.5 ? 1 : 0 }
                accuracies.append(Metrics.accuracy(predicted: predicted, actual: labels))
            }
            #expect(accuracies[0] <= 0.75, "\(name): one neuron reached \(accuracies[0])")
            #expect(accuracies[1] == 1, "\(name): the hidden layer reached \(accuracies[1])")
        }
    }
}
