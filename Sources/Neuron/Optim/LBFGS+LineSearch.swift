// The pieces of an L-BFGS step: evaluating the closure on the flat parameter vector, and the
// strong-Wolfe line search with cubic interpolation (PyTorch's port of lswolfe.lua).

/// The closure and the parameters seen as one flat float64 vector.
struct LBFGSEvaluation {
    let parameters: [Tensor]
    let closure: () -> Tensor
    let counter: () -> Void
    /// The parameters' values at the last evaluation that gave a finite loss and gradient.
    private var lastFinite: [Tensor]
    private var evaluations = 0

    init(parameters: [Tensor], closure: @escaping () -> Tensor, counter: @escaping () -> Void) {
        self.parameters = parameters
        self.closure = closure
        self.counter = counter
        lastFinite = parameters.map { $0.copied() }
    }

    /// Calls the closure: the loss tensor, its value, and the gradients flattened (zeros for a
    /// parameter without one). A non-finite loss or gradient restores the last finite point
    /// and throws.
    mutating func evaluate() throws(LBFGSError) -> (Tensor, Double, [Double]) {
        let lossTensor = withGrad { closure() }
        evaluations += 1
        counter()
        let loss = lossTensor.item()
        let gradient = parameters.flatMap { p in p.grad?.asArray(Double.self) ?? [Double](repeating: 0, count: p.count) }
        guard loss.isFinite, gradient.allSatisfy(\.isFinite) else {
            restore(lastFinite)
            throw .nonFinite(evaluation: evaluations, loss: loss)
        }
        lastFinite = snapshot()
        return (lossTensor, loss, gradient)
    }

    /// θ ← θ + t·d, in place.
    func add(_ direction: [Double], scaledBy t: Double) {
        withNoGrad {
            var offset = 0
            for p in parameters {
                let slice = Array(direction[offset..<(offset + p.count)])
                p.add(Tensor(slice, shape: p.shape, dtype: p.dtype), scaledBy: t)
                offset += p.count
            }
        }
    }

    /// Copies of the parameters' values.
    func snapshot() -> [Tensor] { parameters.map { $0.copied() } }

    /// Puts back values taken by `snapshot()`.
    func restore(_ values: [Tensor]) {
        withNoGrad {
            for (p, v) in zip(parameters, values) { p.assign(v) }
        }
    }
}

/// The strong-Wolfe line search along a fixed direction d from a point with loss f and
/// directional derivative gtd = ∇fᵀd < 0: find t with f(t) ≤ f + c₁·t·gtd and |∇f(t)ᵀd| ≤
/// −c₂·gtd, first bracketing such a t, then shrinking the bracket by cubic interpolation.
struct StrongWolfeSearch {
    let direction: [Double]
    let loss: Double
    let gradient: [Double]
    let slope: Double
    let toleranceChange: Double
    let maxSteps: Int
    let c1 = 1e-4
    let c2 = 0.9

    /// One trial point of the bracket: its step, loss, gradient and directional derivative.
    private struct Point {
        var t: Double
        var f: Double
        var g: [Double]
        var gtd: Double
    }

    /// Searches from the trial step `t0`, `evaluate(t)` giving the loss and gradient at θ + t·d.
    /// Returns the accepted loss, gradient, step and the number of evaluations.
    mutating func run(
        from t0: Double, evaluate: (Double) throws(LBFGSError) -> (Double, [Double])
    ) throws(LBFGSError) -> (Double, [Double], Double, Int) {
        let dNorm = maxAbs(direction)
        var t = t0
        var (fNew, gNew) = try evaluate(t)
        var evaluations = 1
        var gtdNew = dot(gNew, direction)
        var previous = Point(t: 0, f: loss, g: gradient, gtd: slope)
        var bracket: [Point] = []
        var done = false
        var steps = 0
        while steps < maxSteps {
            if fNew > loss + c1 * t * slope || (steps > 1 && fNew >= previous.f) {
                bracket = [previous, Point(t: t, f: fNew, g: gNew, gtd: gtdNew)]
                break
            }
            if Swift.abs(gtdNew) <= -c2 * slope {
                bracket = [Point(t: t, f: fNew, g: gNew, gtd: gtdNew)]
                done = true
                break
            }
            if gtdNew >= 0 {
                bracket = [previous, Point(t: t, f: fNew, g: gNew, gtd: gtdNew)]
                break
            }
            let minStep = t + 0.01 * (t - previous.t)
            let maxStep = t * 10
            let current = Point(t: t, f: fNew, g: gNew, gtd: gtdNew)
            t = cubicMinimum(previous.t, previous.f, previous.gtd, t, fNew, gtdNew, bounds: (minStep, maxStep))
            previous = current
            (fNew, gNew) = try evaluate(t)
            evaluations += 1
            gtdNew = dot(gNew, direction)
            steps += 1
        }
        if steps == maxSteps {
            bracket = [Point(t: 0, f: loss, g: gradient, gtd: slope), Point(t: t, f: fNew, g: gNew, gtd: gtdNew)]
        }
        // Zoom: shrink the bracket around a point that satisfies both conditions.
        var insufficientProgress = false
        var (low, high) = bracket[0].f <= bracket[bracket.count - 1].f ? (0, 1) : (1, 0)
        while !done && steps < maxSteps {
            if Swift.abs(bracket[1].t - bracket[0].t) * dNorm < toleranceChange { break }
            t = cubicMinimum(
                bracket[0].t, bracket[0].f, bracket[0].gtd, bracket[1].t, bracket[1].f, bracket[1].gtd)
            let (lo, hi) = (Swift.min(bracket[0].t, bracket[1].t), Swift.max(bracket[0].t, bracket[1].t))
            let eps = 0.1 * (hi - lo)
            if Swift.min(hi - t, t - lo) < eps {
                // Too close to an end: move away from it, unless the last step already did.
                if insufficientProgress || t >= hi || t <= lo {
                    t = Swift.abs(t - hi) < Swift.abs(t - lo) ? hi - eps : lo + eps
                    insufficientProgress = false
                } else {
                    insufficientProgress = true
                }
            } else {
                insufficientProgress = false
            }
            (fNew, gNew) = try evaluate(t)
            evaluations += 1
            gtdNew = dot(gNew, direction)
            steps += 1
            let point = Point(t: t, f: fNew, g: gNew, gtd: gtdNew)
            if fNew > loss + c1 * t * slope || fNew >= bracket[low].f {
                bracket[high] = point
                (low, high) = bracket[0].f <= bracket[1].f ? (0, 1) : (1, 0)
            } else {
                if Swift.abs(gtdNew) <= -c2 * slope {
                    done = true
                } else if gtdNew * (bracket[high].t - bracket[low].t) >= 0 {
                    bracket[high] = bracket[low]
                }
                bracket[low] = point
            }
        }
        let accepted = bracket[low]
        return (accepted.f, accepted.g, accepted.t, evaluations)
    }
}

/// The minimiser of the cubic through (x₁, f₁) and (x₂, f₂) with slopes g₁ and g₂, clamped to
/// `bounds` (by default the interval between the points); their midpoint when the cubic has
/// no minimum.
func cubicMinimum(
    _ x1: Double, _ f1: Double, _ g1: Double, _ x2: Double, _ f2: Double, _ g2: Double,
    bounds: (Double, Double)? = nil
) -> Double {
    let (lower, upper) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
    let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    let d2Square = d1 * d1 - g1 * g2
    guard d2Square >= 0 else { return (lower + upper) / 2 }
    let d2 = d2Square.squareRoot()
    let minimum =
        x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
    return Swift.min(Swift.max(minimum, lower), upper)
}
