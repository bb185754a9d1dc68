/// A contiguous, 64-byte aligned buffer of `count` elements of one `DType`.
///
/// Tensors share a storage when one is a reshaped view of another; everything else allocates.
final class Storage {
    let raw: UnsafeMutableRawPointer
    let count: Int
    let dtype: DType

    /// A buffer of `count` elements, uninitialised (every caller writes all of it).
    init(count: Int, dtype: DType) {
        self.count = count
        self.dtype = dtype
        // Cache-line alignment for large buffers; plain malloc alignment for the many small ones,
        // where an aligned allocation costs more than the work.
        let bytes = max(count, 1) * dtype.byteSize
        raw = .allocate(byteCount: bytes, alignment: bytes >= 4096 ? 64 : 16)
    }

    deinit { raw.deallocate() }

    /// The buffer seen as elements of `T`, which must match `dtype`.
    @inline(__always)
    func pointer<T: KernelScalar>(_: T.Type) -> UnsafeMutablePointer<T> {
        raw.assumingMemoryBound(to: T.self)
    }

    /// Element `i` widened to `Double`.
    func element(_ i: Int) -> Double {
        switch dtype {
        case .float32: Double(pointer(Float.self)[i])
        case .float64: pointer(Double.self)[i]
        }
    }

    /// Sets element `i` from a `Double` (rounded to the storage's type).
    func setElement(_ i: Int, _ value: Double) {
        switch dtype {
        case .float32: pointer(Float.self)[i] = Float(value)
        case .float64: pointer(Double.self)[i] = value
        }
    }

    /// A new storage holding the same values.
    func copy() -> Storage {
        let s = Storage(count: count, dtype: dtype)
        s.raw.copyMemory(from: raw, byteCount: count * dtype.byteSize)
        return s
    }

    /// A new storage holding these values converted to `target`.
    func converted(to target: DType) -> Storage {
        if target == dtype { return copy() }
        let s = Storage(count: count, dtype: target)
        switch (dtype, target) {
        case (.float32, .float64):
            let (x, y) = (pointer(Float.self), s.pointer(Double.self))
            for i in 0..<count { y[i] = Double(x[i]) }
        default:
            let (x, y) = (pointer(Double.self), s.pointer(Float.self))
            for i in 0..<count { y[i] = Float(x[i]) }
        }
        return s
    }
}
