import Foundation

/// A limited-memory BFGS step that met a NaN or an infinity.
public enum LBFGSError: Error, CustomStringConvertible, Equatable {
    /// The closure returned a non-finite loss or gradient at the given evaluation; the
    /// parameters were put back to the last point where both were finite.
    case nonFinite(evaluation: Int, loss: Double)

    /// A sentence saying what happened and what was done about it.
    public var description: String {
        switch self {
        case .nonFinite(let evaluation, let loss):
            "LBFGS: evaluation \(evaluation) of the closure gave a non-finite loss or gradient (loss \(loss)); "
                + "the parameters were restored to the last point where both were finite. Lower lr, use "
                + "lineSearch: .strongWolfe, or check the model for overflow (withAnomalyDetection)."
        }
    }
}

/// L-BFGS with PyTorch's algorithm, defaults, stopping rules and closure protocol
/// (`torch.optim.LBFGS`): each `step` runs up to `maxIterations` quasi-Newton iterations,
/// calling the closure to re-evaluate the loss and gradients, with the two-loop recursion
/// over the last `historySize` curvature pairs and, optionally, a strong-Wolfe line search
/// with cubic interpolation. All parameters form one flat vector, computed in float64.
///
/// ```swift
/// let lbfgs = LBFGS(model.parameters, lineSearch: .strongWolfe)
/// let first = lbfgs.step { lbfgs.zeroGrad(); let l = lossOf(model); l.backward(); return l }
/// ```
public final class LBFGS: Optimizer {
    /// How each iteration chooses its step length.
    public enum LineSearch: Sendable {
        /// The fixed step `lr` (after the first iteration's min(1, 1/‖g‖₁)·lr).
        case none
        /// A step satisfying the strong Wolfe conditions (c₁ = 10⁻⁴, c₂ = 0.9), found by
        /// bracketing and cubic interpolation (`lswolfe.lua`, as PyTorch).
        case strongWolfe
    }

    /// The tensors updated.
    public let parameters: [Tensor]
    /// The step length η (the line search's first trial step).
    ///
    /// - Precondition: Finite and ≥ 0.
    public var learningRate: Double {
        didSet { requireHyperparameter(learningRate, "learningRate", of: "LBFGS") }
    }
    /// Iterations per `step` (PyTorch's `max_iter`).
    public let maxIterations: Int
    /// Closure evaluations per `step` (`max_eval`).
    public let maxEvaluations: Int
    /// Stop when max |gradient| ≤ this (`tolerance_grad`).
    public let toleranceGrad: Double
    /// Stop when the step or the loss change is below this (`tolerance_change`).
    public let toleranceChange: Double
    /// How many curvature pairs are kept (`history_size`).
    public let historySize: Int
    /// The step-length rule.
    public let lineSearch: LineSearch

    /// The iterations run over all steps so far (PyTorch's `state["n_iter"]`).
    public private(set) var iterationCount = 0
    /// The closure evaluations over all steps so far (`state["func_evals"]`).
    public private(set) var evaluationCount = 0

    // The state carried from one step to the next, as PyTorch keeps it.
    private var direction: [Double] = []
    private var stepLength = 0.0
    private var oldDirections: [[Double]] = []
    private var oldSteps: [[Double]] = []
    private var inverseCurvatures: [Double] = []
    private var hessianDiagonal = 1.0
    private var previousGradient: [Double]?
    private var previousLoss = 0.0

    /// An L-BFGS optimizer with PyTorch's defaults.
    ///
    /// - Parameters:
    ///   - parameters: The tensors to optimise.
    ///   - lr: The step length (1).
    ///   - maxIterations: Iterations per step (20).
    ///   - maxEvaluations: Closure evaluations per step (maxIterations·5/4 when nil).
    ///   - toleranceGrad: First-order optimality tolerance (10⁻⁷).
    ///   - toleranceChange: Tolerance on the step and on the loss change (10⁻⁹).
    ///   - historySize: Curvature pairs kept (100).
    ///   - lineSearch: `.none` (PyTorch's default) or `.strongWolfe`.
    /// - Precondition: lr and the tolerances are finite and ≥ 0; the counts are positive.
    public init(
        _ parameters: [Tensor], lr: Double = 1, maxIterations: Int = 20, maxEvaluations: Int? = nil,
        toleranceGrad: Double = 1e-7, toleranceChange: Double = 1e-9, historySize: Int = 100,
        lineSearch: LineSearch = .none
    ) {
        requireHyperparameter(lr, "lr", of: "LBFGS")
        requireHyperparameter(toleranceGrad, "toleranceGrad", of: "LBFGS")
        requireHyperparameter(toleranceChange, "toleranceChange", of: "LBFGS")
        require(
            maxIterations > 0 && historySize > 0 && (maxEvaluations ?? 1) > 0,
            "LBFGS: maxIterations, maxEvaluations and historySize must be positive")
        self.parameters = parameters
        learningRate = lr
        self.maxIterations = maxIterations
        self.maxEvaluations = maxEvaluations ?? maxIterations * 5 / 4
        self.toleranceGrad = toleranceGrad
        self.toleranceChange = toleranceChange
        self.historySize = historySize
        self.lineSearch = lineSearch
    }

    /// L-BFGS needs the closure: `step()` without one stops with a message.
    public func step() {
        fatalError("LBFGS: call step { … } with a closure that zeroes the gradients, computes the loss, "
            + "calls backward() and returns the loss")
    }

    /// Runs up to `maxIterations` iterations, calling `closure` to re-evaluate the loss and the
    /// gradients at each point it tries.
    ///
    /// - Parameter closure: Zeroes the gradients, computes the loss, calls `backward()` and
    ///   returns the loss.
    /// - Returns: The loss of the first evaluation (at the parameters the step started from).
    /// - Precondition: Every evaluation gives a finite loss and gradient; otherwise the
    ///   parameters are restored and the program stops with a message (`checkedStep` throws
    ///   instead).
    @discardableResult
    public func step(_ closure: () -> Tensor) -> Tensor {
        do {
            return try checkedStep(closure)
        } catch {
            fatalError(error.description)
        }
    }

    /// As `step(_:)`, but a non-finite loss or gradient throws after restoring the parameters
    /// to the last point where both were finite.
    ///
    /// - Parameter closure: Zeroes the gradients, computes the loss, calls `backward()` and
    ///   returns the loss.
    /// - Returns: The loss of the first evaluation.
    /// - Throws: `LBFGSError.nonFinite`.
    @discardableResult
    public func checkedStep(_ closure: () -> Tensor) throws(LBFGSError) -> Tensor {
        do {
            return try withoutActuallyEscaping(closure) { closure in try run(closure) }
        } catch let error as LBFGSError {
            throw error
        } catch {
            fatalError("LBFGS: unexpected error \(error)")
        }
    }

    /// The body of `checkedStep`, with the closure stored for the evaluations.
    private func run(_ closure: @escaping () -> Tensor) throws(LBFGSError) -> Tensor {
        var evaluation = LBFGSEvaluation(parameters: parameters, closure: closure, counter: { self.evaluationCount += 1 })
        let (firstLossTensor, firstLoss, firstGradient) = try evaluation.evaluate()
        var loss = firstLoss
        var gradient = firstGradient
        if maxAbs(gradient) <= toleranceGrad { return firstLossTensor }
        var currentEvaluations = 1
        var iterations = 0
        while iterations < maxIterations {
            iterations += 1
            iterationCount += 1
            updateDirection(gradient)
            previousGradient = gradient
            previousLoss = loss
            stepLength =
                iterationCount == 1 ? Swift.min(1, 1 / gradient.reduce(0) { $0 + Swift.abs($1) }) * learningRate
                : learningRate
            let slope = dot(gradient, direction)
            if slope > -toleranceChange { break }
            var lineEvaluations = 0
            var optimal = false
            switch lineSearch {
            case .strongWolfe:
                let start = evaluation.snapshot()
                var search = StrongWolfeSearch(
                    direction: direction, loss: loss, gradient: gradient, slope: slope,
                    toleranceChange: toleranceChange, maxSteps: maxEvaluations - currentEvaluations)
                (loss, gradient, stepLength, lineEvaluations) = try search.run(from: stepLength) { t throws(LBFGSError) in
                    evaluation.add(direction, scaledBy: t)
                    defer { evaluation.restore(start) }
                    let (_, l, g) = try evaluation.evaluate()
                    return (l, g)
                }
                evaluation.add(direction, scaledBy: stepLength)
                optimal = maxAbs(gradient) <= toleranceGrad
            case .none:
                evaluation.add(direction, scaledBy: stepLength)
                if iterations != maxIterations {
                    let next = try evaluation.evaluate()
                    (loss, gradient) = (next.1, next.2)
                    optimal = maxAbs(gradient) <= toleranceGrad
                    lineEvaluations = 1
                }
            }
            currentEvaluations += lineEvaluations
            if iterations == maxIterations || currentEvaluations >= maxEvaluations || optimal { break }
            if maxAbs(direction) * Swift.abs(stepLength) <= toleranceChange { break }
            if Swift.abs(loss - previousLoss) < toleranceChange { break }
        }
        return firstLossTensor
    }

    /// The two-loop recursion: the new direction −H·g from the stored curvature pairs, after
    /// adding the newest pair when its curvature yᵀs is positive enough (> 10⁻¹⁰).
    private func updateDirection(_ gradient: [Double]) {
        guard iterationCount > 1, let previous = previousGradient else {
            direction = gradient.map { -$0 }
            oldDirections = []
            oldSteps = []
            inverseCurvatures = []
            hessianDiagonal = 1
            return
        }
        let y = zip(gradient, previous).map { $0 - $1 }
        let s = direction.map { $0 * stepLength }
        let ys = dot(y, s)
        if ys > 1e-10 {
            if oldDirections.count == historySize {
                oldDirections.removeFirst()
                oldSteps.removeFirst()
                inverseCurvatures.removeFirst()
            }
            oldDirections.append(y)
            oldSteps.append(s)
            inverseCurvatures.append(1 / ys)
            hessianDiagonal = ys / dot(y, y)
        }
        var alphas = [Double](repeating: 0, count: oldDirections.count)
        var q = gradient.map { -$0 }
        for i in oldDirections.indices.reversed() {
            alphas[i] = dot(oldSteps[i], q) * inverseCurvatures[i]
            for j in q.indices { q[j] -= alphas[i] * oldDirections[i][j] }
        }
        var r = q.map { $0 * hessianDiagonal }
        for i in oldDirections.indices {
            let beta = dot(oldDirections[i], r) * inverseCurvatures[i]
            for j in r.indices { r[j] += (alphas[i] - beta) * oldSteps[i][j] }
        }
        direction = r
    }
}

/// Σ aᵢbᵢ.
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var total = 0.0
    for i in a.indices { total += a[i] * b[i] }
    return total
}

/// max |aᵢ| (0 for an empty vector).
func maxAbs(_ a: [Double]) -> Double { a.reduce(0) { Swift.max($0, Swift.abs($1)) } }
