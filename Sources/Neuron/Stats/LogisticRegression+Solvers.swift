import Foundation

/// Where a solver stopped: the estimate, the iterations it took, and the final gradient norm
/// (of the smooth part, or of the proximal-gradient map with an L1 penalty).
struct SolverResult {
    var theta: [Double]
    var iterations: Int
    var gradientNorm: Double
}

extension LogisticRegression {
    /// Runs the configured solver on `objective` from θ = 0.
    func minimize(_ objective: LogisticObjective) throws(LogisticRegressionError) -> SolverResult {
        let start = [Double](repeating: 0, count: objective.count)
        if objective.lasso > 0 { return try proximalNewton(objective, from: start) }
        switch solver {
        case .newton: return try newton(objective, from: start)
        case .lbfgs: return try lbfgs(objective, from: start)
        case .gradientDescent(let lr): return try gradientDescent(objective, from: start, lr: lr)
        }
    }

    /// Newton–Raphson (IRLS for the logistic likelihood): θ ← θ − t·H⁻¹∇F with H from autograd,
    /// t halved until F decreases. Stops when max |∇F| ≤ tolerance.
    private func newton(_ f: LogisticObjective, from start: [Double]) throws(LogisticRegressionError) -> SolverResult {
        var theta = start
        var (value, gradient) = f.valueAndGradient(theta)
        for iteration in 0...maxIterations {
            let norm = maxAbs(gradient)
            if norm <= tolerance { return SolverResult(theta: theta, iterations: iteration, gradientNorm: norm) }
            if iteration == maxIterations { break }
            let step = try newtonStep(f, theta, gradient)
            var t = 1.0
            var candidate = theta
            for _ in 0..<40 {
                candidate = zip(theta, step).map { $0 - t * $1 }
                let next = f.valueAndGradient(candidate)
                if next.0 <= value + 1e-12 * Swift.abs(value) {
                    (value, gradient) = next
                    break
                }
                t /= 2
            }
            theta = candidate
        }
        throw .notConverged(
            solver: "Newton's method", iterations: maxIterations, gradientNorm: maxAbs(gradient), tolerance: tolerance)
    }

    /// H⁻¹g by Cholesky. The multinomial likelihood is flat along shifts shared by all classes,
    /// so there a tiny ridge (10⁻¹⁰ of the mean diagonal) is added when H is singular.
    private func newtonStep(_ f: LogisticObjective, _ theta: [Double], _ gradient: [Double]) throws(LogisticRegressionError)
        -> [Double]
    {
        var h = f.hessianMatrix(theta)
        let m = theta.count
        do {
            let l = try Kernels.cholesky(h, n: m)
            return Kernels.choleskySolve(l, n: m, gradient)
        } catch {
            guard f.classes > 1 else { throw .singularInformation(detail: error.description) }
            let trace = (0..<m).reduce(0.0) { $0 + h[$1 * m + $1] }
            for i in 0..<m { h[i * m + i] += 1e-10 * trace / Double(m) + 1e-300 }
            do {
                return Kernels.choleskySolve(try Kernels.cholesky(h, n: m), n: m, gradient)
            } catch {
                throw .singularInformation(detail: error.description)
            }
        }
    }

    /// L-BFGS (PyTorch's, with the strong-Wolfe line search) until max |∇F| ≤ tolerance.
    private func lbfgs(_ f: LogisticObjective, from start: [Double]) throws(LogisticRegressionError) -> SolverResult {
        let theta = f.tensor(start)
        theta.requiresGrad = true
        let optimizer = LBFGS(
            [theta], maxIterations: 20, toleranceGrad: tolerance, toleranceChange: 1e-300, historySize: 20,
            lineSearch: .strongWolfe)
        var norm = Double.infinity
        while optimizer.iterationCount < maxIterations {
            let before = optimizer.iterationCount
            do {
                try optimizer.checkedStep {
                    optimizer.zeroGrad()
                    let loss = f.smooth(theta)
                    loss.backward()
                    return loss
                }
            } catch {
                throw .invalidData(error.description)
            }
            norm = maxAbs(f.valueAndGradient(theta.asArray(Double.self)).1)
            if norm <= tolerance {
                return SolverResult(theta: theta.asArray(Double.self), iterations: optimizer.iterationCount, gradientNorm: norm)
            }
            if optimizer.iterationCount == before { break }  // no progress possible at this precision
        }
        throw .notConverged(solver: "L-BFGS", iterations: optimizer.iterationCount, gradientNorm: norm, tolerance: tolerance)
    }

    /// Plain gradient descent θ ← θ − lr·∇F until max |∇F| ≤ tolerance.
    private func gradientDescent(_ f: LogisticObjective, from start: [Double], lr: Double) throws(LogisticRegressionError)
        -> SolverResult
    {
        var theta = start
        for iteration in 0...maxIterations {
            let gradient = f.valueAndGradient(theta).1
            let norm = maxAbs(gradient)
            guard norm.isFinite else { throw .invalidData("gradient descent diverged (lr \(lr) is too large)") }
            if norm <= tolerance { return SolverResult(theta: theta, iterations: iteration, gradientNorm: norm) }
            if iteration == maxIterations {
                throw .notConverged(
                    solver: "gradient descent (lr \(lr))", iterations: maxIterations, gradientNorm: norm,
                    tolerance: tolerance)
            }
            for j in theta.indices { theta[j] -= lr * gradient[j] }
        }
        fatalError("unreachable")
    }

    /// Proximal Newton for L1 and elastic-net penalties: at each iteration the smooth part is
    /// replaced by its second-order model (gradient and Hessian from autograd) and the model
    /// plus λ₁‖w‖₁ is minimised by cyclic coordinate descent, whose soft-thresholding sets
    /// coefficients exactly to zero; the step is then shortened until F decreases enough
    /// (Lee, Sun & Saunders 2014). Stops when the step is below the tolerance.
    private func proximalNewton(_ f: LogisticObjective, from start: [Double]) throws(LogisticRegressionError)
        -> SolverResult
    {
        var theta = start
        let m = theta.count
        var value = f.value(theta)
        for iteration in 0..<maxIterations {
            let gradient = f.valueAndGradient(theta).1
            let h = f.hessianMatrix(theta)
            let target = coordinateDescent(f, theta: theta, gradient: gradient, hessian: h)
            let step = zip(target, theta).map { $0 - $1 }
            let size = maxAbs(step)
            if size <= tolerance { return SolverResult(theta: theta, iterations: iteration, gradientNorm: size) }
            // The decrease the model predicts: ∇ᵀΔ + λ₁(‖w + Δ‖₁ − ‖w‖₁) < 0.
            let predicted = dot(gradient, step) + f.nonsmooth(target) - f.nonsmooth(theta)
            var t = 1.0
            var accepted = false
            for _ in 0..<40 {
                let candidate = (0..<m).map { theta[$0] + t * step[$0] }
                let next = f.value(candidate)
                if next <= value + 1e-4 * t * predicted || next <= value - 1e-15 * Swift.abs(value) && t < 1e-6 {
                    theta = candidate
                    value = next
                    accepted = true
                    break
                }
                t /= 2
            }
            if !accepted { return SolverResult(theta: theta, iterations: iteration, gradientNorm: size) }
        }
        throw .notConverged(
            solver: "proximal Newton", iterations: maxIterations, gradientNorm: .nan, tolerance: tolerance)
    }

    /// argmin over u of ∇ᵀ(u − θ) + ½(u − θ)ᵀH(u − θ) + λ₁‖u_w‖₁, by cyclic coordinate descent
    /// from u = θ (soft-thresholding at the penalised coordinates).
    private func coordinateDescent(
        _ f: LogisticObjective, theta: [Double], gradient: [Double], hessian h: [Double]
    ) -> [Double] {
        let m = theta.count
        var u = theta
        var hDelta = [Double](repeating: 0, count: m)  // H·(u − θ)
        for _ in 0..<10_000 {
            var largest = 0.0
            for j in 0..<m {
                let a = h[j * m + j]
                guard a > 0 else { continue }
                let z = u[j] - (gradient[j] + hDelta[j]) / a
                let threshold = j % f.p == 0 ? 0 : f.lasso / a
                let new = z > threshold ? z - threshold : (z < -threshold ? z + threshold : 0)
                let change = new - u[j]
                if change != 0 {
                    for i in 0..<m { hDelta[i] += h[i * m + j] * change }
                    u[j] = new
                    largest = Swift.max(largest, Swift.abs(change))
                }
            }
            if largest <= 1e-14 * Swift.max(1, maxAbs(u)) { break }
        }
        return u
    }
}
