extension Kernels {
    /// Walks a contiguous output of `shape` while reading two inputs through their strides,
    /// calling `body(aOffset, aStride, bOffset, bStride, outOffset, count)` once per run of the
    /// innermost dimension. Dimensions of size 1 are dropped and dimensions that are contiguous
    /// for both inputs are merged first, so a same-shape or row-broadcast operation becomes a
    /// few long runs.
    @inline(__always)
    static func forEachRun(
        shape: [Int], _ aStrides: [Int], _ bStrides: [Int],
        _ body: (Int, Int, Int, Int, Int, Int) -> Void
    ) {
        var sizes: [Int] = []
        var sa: [Int] = []
        var sb: [Int] = []
        sizes.reserveCapacity(shape.count)
        for d in shape.indices where shape[d] != 1 {
            if let last = sizes.last, sa.last! == aStrides[d] * shape[d], sb.last! == bStrides[d] * shape[d] {
                sizes[sizes.count - 1] = last * shape[d]
                sa[sa.count - 1] = aStrides[d]
                sb[sb.count - 1] = bStrides[d]
            } else {
                sizes.append(shape[d])
                sa.append(aStrides[d])
                sb.append(bStrides[d])
            }
        }
        if shape.contains(0) { return }
        guard let n = sizes.last else {
            body(0, 1, 0, 1, 0, 1)
            return
        }
        let innerA = sa.last!
        let innerB = sb.last!
        let outer = sizes.count - 1
        if outer == 0 {
            body(0, innerA, 0, innerB, 0, n)
            return
        }
        var index = [Int](repeating: 0, count: outer)
        var offA = 0
        var offB = 0
        var offO = 0
        while true {
            body(offA, innerA, offB, innerB, offO, n)
            offO += n
            var d = outer - 1
            while d >= 0 {
                index[d] += 1
                offA += sa[d]
                offB += sb[d]
                if index[d] < sizes[d] { break }
                offA -= sa[d] * sizes[d]
                offB -= sb[d] * sizes[d]
                index[d] = 0
                d -= 1
            }
            if d < 0 { return }
        }
    }
}
