/// Shape helpers shared by the ops.
enum Shape {
    /// Number of elements of a tensor of `shape` (1 for the empty shape of a scalar). Only for
    /// shapes already checked by `checkedCount` (every allocated tensor's shape is).
    @inline(__always)
    static func count(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// Number of elements of a tensor of `shape`, stopping with a message naming `op` and the
    /// shape when a size is negative or the product does not fit in an `Int`.
    @inline(__always)
    static func checkedCount(_ shape: [Int], op: @autoclosure () -> String) -> Int {
        var n = 1
        var suspect = false
        for d in shape {
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            n = product
            suspect = suspect || overflow || d < 0
        }
        return _fastPath(!suspect) ? n : slowCheckedCount(shape, op: op())
    }

    /// The cases of `checkedCount` that stop, or that overflowed before a zero size.
    private static func slowCheckedCount(_ shape: [Int], op: String) -> Int {
        require(shape.allSatisfy { $0 >= 0 }, "\(op): negative size in shape \(shape)")
        // A zero anywhere makes the true product 0, whatever overflowed before it.
        require(shape.contains(0), "\(op): shape \(shape) has more elements than an Int can count")
        return 0
    }

    /// Row-major strides of a contiguous tensor of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var s = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for d in shape.indices.reversed() {
            s[d] = acc
            acc *= shape[d]
        }
        return s
    }

    /// The NumPy broadcast of two shapes, or nil when they are incompatible.
    static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        if a == b { return a }
        // The common cases (a bias row, a scalar) give one of the two shapes back: no new array.
        if covers(a, b) { return a }
        if covers(b, a) { return b }
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            guard x == y || x == 1 || y == 1 else { return nil }
            out[i] = x == 1 ? y : x
        }
        return out
    }

    /// Whether `small` broadcasts to `big` unchanged: no more dimensions, each trailing one
    /// equal to big's or 1.
    private static func covers(_ big: [Int], _ small: [Int]) -> Bool {
        guard small.count <= big.count else { return false }
        let offset = big.count - small.count
        for i in small.indices where small[i] != 1 && small[i] != big[i + offset] { return false }
        return true
    }

    /// Strides to read a tensor of `shape` as if it had the larger `target` shape:
    /// zero along every broadcast dimension.
    static func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
        let own = strides(shape)
        let offset = target.count - shape.count
        var s = [Int](repeating: 0, count: target.count)
        for d in shape.indices where shape[d] != 1 || target[d + offset] == 1 {
            s[d + offset] = own[d]
        }
        return s
    }

    /// `axis` made non-negative, stopping with a message naming `op` when out of range.
    static func normalize(axis: Int, rank: Int, op: String, shape: [Int]) -> Int {
        let a = axis < 0 ? axis + rank : axis
        require(
            a >= 0 && a < max(rank, 1) && rank > 0,
            "\(op): axis \(axis) is out of range for a tensor of shape \(shape) (rank \(rank))")
        return a
    }

    /// Splits `shape` around `axis` into (outer, size, inner) element counts.
    static func split(_ shape: [Int], axis: Int) -> (outer: Int, size: Int, inner: Int) {
        var (outer, inner) = (1, 1)
        for d in shape[..<axis] { outer &*= d }
        for d in shape[(axis + 1)...] { inner &*= d }
        return (outer, shape[axis], inner)
    }
}
