/// Updates of one buffer by others, in place: the loops behind optimizer steps and gradient
/// accumulation.
enum InPlaceKernel {
    /// y += α·a
    case addScaled(Double)
    /// y ← s·y
    case scale(Double)
    /// y ← β·y + α·a⊙b
    case scaleAddProduct(beta: Double, alpha: Double)
    /// y += α·a / (√b·c + ε)
    case addQuotientOfRoot(alpha: Double, scale: Double, epsilon: Double)
}

extension Kernels {
    /// Applies `op` to y with operands a (and b), all n elements long.
    static func inPlace<T: KernelScalar>(
        _ op: InPlaceKernel, _ y: UnsafeMutablePointer<T>, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>?, _ n: Int
    ) {
        switch op {
        case .addScaled(let alpha):
            let s = T(alpha)
            if s == 1 {
                for i in 0..<n { y[i] += a[i] }
            } else {
                for i in 0..<n { y[i] += s * a[i] }
            }
        case .scale(let factor):
            let f = T(factor)
            for i in 0..<n { y[i] *= f }
        case .scaleAddProduct(let beta, let alpha):
            let (bt, al) = (T(beta), T(alpha))
            let b = b!
            for i in 0..<n { y[i] = bt * y[i] + al * (a[i] * b[i]) }
        case .addQuotientOfRoot(let alpha, let scale, let epsilon):
            let (al, sc, ep) = (T(alpha), T(scale), T(epsilon))
            let b = b!
            for i in 0..<n { y[i] += al * a[i] / (b[i].squareRoot() * sc + ep) }
        }
    }
}

/// The settings of one Adam update of one parameter (see ``Kernels/adamStep``).
struct AdamStepSettings {
    /// 1 − ηλ for AdamW's decoupled decay, 1 otherwise.
    var shrink: Double
    /// λ of Adam's L2 term added to the gradient, 0 for AdamW.
    var l2: Double
    var beta1: Double
    var beta2: Double
    /// η / (1 − β₁ᵗ).
    var stepSize: Double
    /// 1 / √(1 − β₂ᵗ).
    var correction: Double
    var eps: Double
}

extension Kernels {
    /// One Adam or AdamW update in a single pass over θ, ∇θ, m and v, with the arithmetic of
    /// the separate passes it replaces (so results are bit for bit the same):
    /// θ ← s·θ; g ← ∇θ + λθ; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
    /// θ ← θ − η̂·m / (√v·c + ε).
    static func adamStep<T: KernelScalar>(
        _ p: UnsafeMutablePointer<T>, _ grad: UnsafePointer<T>, _ m: UnsafeMutablePointer<T>,
        _ v: UnsafeMutablePointer<T>, _ n: Int, _ s: AdamStepSettings
    ) {
        // A whole vector at a time (the same operations lane by lane, hence the same
        // rounding), then the tail one element at a time.
        typealias V = T.Vector
        @inline(__always) func load(_ q: UnsafePointer<T>, _ i: Int) -> V {
            UnsafeRawPointer(q + i).loadUnaligned(as: V.self)
        }
        @inline(__always) func store(_ x: V, _ q: UnsafeMutablePointer<T>, _ i: Int) {
            UnsafeMutableRawPointer(q + i).storeBytes(of: x, as: V.self)
        }
        // √|x| lane by lane: v is never negative, and with the magnitude the compiler knows
        // no square root can set errno, so the lanes become one vector square root.
        @inline(__always) func root(_ x: V) -> V {
            var r = V()
            for j in r.indices { r[j] = x[j].magnitude.squareRoot() }
            return r
        }
        let (shrink, l2, b1, b2) = (T(s.shrink), T(s.l2), T(s.beta1), T(s.beta2))
        let (a1, a2, step, c, eps) = (T(1 - s.beta1), T(1 - s.beta2), T(-s.stepSize), T(s.correction), T(s.eps))
        let (decays, hasL2) = (s.shrink != 1, s.l2 != 0)
        var i = 0
        while i + V.scalarCount <= n {
            var theta = load(p, i)
            if decays { theta *= shrink }
            let g = hasL2 ? load(grad, i) + theta * l2 : load(grad, i)
            let first = b1 * load(m, i) + a1 * g
            let second = b2 * load(v, i) + a2 * (g * g)
            theta += step * first / (root(second) * c + eps)
            store(first, m, i)
            store(second, v, i)
            store(theta, p, i)
            i += V.scalarCount
        }
        for i in i..<n {
            if decays { p[i] *= shrink }
            let g = hasL2 ? grad[i] + p[i] * l2 : grad[i]
            m[i] = b1 * m[i] + a1 * g
            v[i] = b2 * v[i] + a2 * (g * g)
            p[i] += step * m[i] / (v[i].magnitude.squareRoot() * c + eps)
        }
    }
}

extension Kernels {
    /// y[r, c] += b[c] for y [rows, columns]: a bias row added in place, with the rounding of
    /// the broadcast addition y + b.
    static func addRow<T: KernelScalar>(
        _ b: UnsafePointer<T>, to y: UnsafeMutablePointer<T>, rows: Int, columns: Int
    ) {
        for r in 0..<rows {
            let row = y + r * columns
            for c in 0..<columns { row[c] = row[c] + b[c] }
        }
    }
}
