extension Kernels {
    /// y[i] = x[i] rounded to float32.
    static func narrow(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
        for i in 0..<n { y[i] = Float(x[i]) }
    }

    /// y[i] = x[i] widened to float64.
    static func widen(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Double>, _ n: Int) {
        for i in 0..<n { y[i] = Double(x[i]) }
    }

    /// Writes 1 at index[o, j] along the middle axis of y viewed as [outer, n, inner] (y must be
    /// zeroed first): the one-hot mask through which max routes its gradient.
    static func scatterOnes<T: KernelScalar>(
        _ indices: [Int], outer: Int, n: Int, inner: Int, _ y: UnsafeMutablePointer<T>
    ) {
        for o in 0..<outer {
            for j in 0..<inner { y[(o * n + indices[o * inner + j]) * inner + j] = 1 }
        }
    }
}
