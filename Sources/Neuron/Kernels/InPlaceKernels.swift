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
