// The innermost pieces of the blocked GEMM (GEMM.swift): the register-tile micro-kernel and
// the packing of op(B) into panels and of op(A) into strips.
//
// The micro-kernel computes an mr × nr tile of C, nr = two vectors, as a sum over the depth of
// outer products: each step broadcasts mr values of op(A) and loads one row of a packed panel
// of op(B). The mr values are read at `a + r·rowStride + p·depthStride`, so the kernel reads
// op(A) either from a packed strip (rowStride 1, depthStride mr) or in place from a row-major
// A (rowStride = its row length, depthStride 1) without packing it.

#if NEURON_AVX512
    /// Rows of C per micro-kernel tile: 12 × 32 floats (12 × 16 doubles) is 24 of the 32
    /// vector registers as accumulators, two for the row of B and one for a broadcast.
    let gemmTileRows = 12
#else
    /// Rows of C per micro-kernel tile: 6 × 2 vectors is 12 of the 16 vector registers.
    let gemmTileRows = 6
#endif

extension Kernels {
    #if NEURON_AVX512
        /// One 12 × (2·V.scalarCount) tile of C += (or =) op(A)·op(B) over a depth of `kcb`,
        /// twenty-four vector accumulators kept in registers for the whole depth.
        @inline(__always)
        static func microKernel<V: SIMD>(
            _: V.Type, _ kcb: Int, _ a: UnsafePointer<V.Scalar>, rowStride rs: Int, depthStride ks: Int,
            _ b: UnsafePointer<V.Scalar>, _ c: UnsafeMutablePointer<V.Scalar>, ldc: Int, rows: Int, cols: Int,
            accumulate: Bool
        ) where V.Scalar: KernelScalar {
            let w = V.scalarCount
            var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
            var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
            var c60 = V(), c61 = V(), c70 = V(), c71 = V(), c80 = V(), c81 = V()
            var c90 = V(), c91 = V(), ca0 = V(), ca1 = V(), cb0 = V(), cb1 = V()
            // Rows 0, 3, 6, 9 each get a pointer; the two after each are one and two strides on.
            var p0 = a
            var p3 = a + 3 &* rs
            var p6 = a + 6 &* rs
            var p9 = a + 9 &* rs
            let (s1, s2) = (rs, 2 &* rs)
            var pb = UnsafeRawPointer(b)
            let step = 2 &* w &* MemoryLayout<V.Scalar>.stride
            let half = w &* MemoryLayout<V.Scalar>.stride
            for _ in 0..<kcb {
                let b0 = pb.loadUnaligned(as: V.self)
                let b1 = pb.loadUnaligned(fromByteOffset: half, as: V.self)
                var x = V(repeating: p0[0])
                c00 = c00.multiplyAdd(x, b0)
                c01 = c01.multiplyAdd(x, b1)
                x = V(repeating: p0[s1])
                c10 = c10.multiplyAdd(x, b0)
                c11 = c11.multiplyAdd(x, b1)
                x = V(repeating: p0[s2])
                c20 = c20.multiplyAdd(x, b0)
                c21 = c21.multiplyAdd(x, b1)
                x = V(repeating: p3[0])
                c30 = c30.multiplyAdd(x, b0)
                c31 = c31.multiplyAdd(x, b1)
                x = V(repeating: p3[s1])
                c40 = c40.multiplyAdd(x, b0)
                c41 = c41.multiplyAdd(x, b1)
                x = V(repeating: p3[s2])
                c50 = c50.multiplyAdd(x, b0)
                c51 = c51.multiplyAdd(x, b1)
                x = V(repeating: p6[0])
                c60 = c60.multiplyAdd(x, b0)
                c61 = c61.multiplyAdd(x, b1)
                x = V(repeating: p6[s1])
                c70 = c70.multiplyAdd(x, b0)
                c71 = c71.multiplyAdd(x, b1)
                x = V(repeating: p6[s2])
                c80 = c80.multiplyAdd(x, b0)
                c81 = c81.multiplyAdd(x, b1)
                x = V(repeating: p9[0])
                c90 = c90.multiplyAdd(x, b0)
                c91 = c91.multiplyAdd(x, b1)
                x = V(repeating: p9[s1])
                ca0 = ca0.multiplyAdd(x, b0)
                ca1 = ca1.multiplyAdd(x, b1)
                x = V(repeating: p9[s2])
                cb0 = cb0.multiplyAdd(x, b0)
                cb1 = cb1.multiplyAdd(x, b1)
                p0 += ks
                p3 += ks
                p6 += ks
                p9 += ks
                pb += step
            }
            let tile = TileWriter<V>(c: c, ldc: ldc, rows: rows, cols: cols, accumulate: accumulate)
            tile.put(0, c00, c01)
            tile.put(1, c10, c11)
            tile.put(2, c20, c21)
            tile.put(3, c30, c31)
            tile.put(4, c40, c41)
            tile.put(5, c50, c51)
            tile.put(6, c60, c61)
            tile.put(7, c70, c71)
            tile.put(8, c80, c81)
            tile.put(9, c90, c91)
            tile.put(10, ca0, ca1)
            tile.put(11, cb0, cb1)
        }
    #else
        /// One 6 × (2·V.scalarCount) tile of C += (or =) op(A)·op(B) over a depth of `kcb`,
        /// twelve vector accumulators kept in registers for the whole depth.
        @inline(__always)
        static func microKernel<V: SIMD>(
            _: V.Type, _ kcb: Int, _ a: UnsafePointer<V.Scalar>, rowStride rs: Int, depthStride ks: Int,
            _ b: UnsafePointer<V.Scalar>, _ c: UnsafeMutablePointer<V.Scalar>, ldc: Int, rows: Int, cols: Int,
            accumulate: Bool
        ) where V.Scalar: KernelScalar {
            let w = V.scalarCount
            var c00 = V(), c01 = V(), c10 = V(), c11 = V(), c20 = V(), c21 = V()
            var c30 = V(), c31 = V(), c40 = V(), c41 = V(), c50 = V(), c51 = V()
            var p0 = a
            var p3 = a + 3 &* rs
            let (s1, s2) = (rs, 2 &* rs)
            var pb = UnsafeRawPointer(b)
            let step = 2 &* w &* MemoryLayout<V.Scalar>.stride
            let half = w &* MemoryLayout<V.Scalar>.stride
            for _ in 0..<kcb {
                let b0 = pb.loadUnaligned(as: V.self)
                let b1 = pb.loadUnaligned(fromByteOffset: half, as: V.self)
                var x = V(repeating: p0[0])
                c00 = c00.multiplyAdd(x, b0)
                c01 = c01.multiplyAdd(x, b1)
                x = V(repeating: p0[s1])
                c10 = c10.multiplyAdd(x, b0)
                c11 = c11.multiplyAdd(x, b1)
                x = V(repeating: p0[s2])
                c20 = c20.multiplyAdd(x, b0)
                c21 = c21.multiplyAdd(x, b1)
                x = V(repeating: p3[0])
                c30 = c30.multiplyAdd(x, b0)
                c31 = c31.multiplyAdd(x, b1)
                x = V(repeating: p3[s1])
                c40 = c40.multiplyAdd(x, b0)
                c41 = c41.multiplyAdd(x, b1)
                x = V(repeating: p3[s2])
                c50 = c50.multiplyAdd(x, b0)
                c51 = c51.multiplyAdd(x, b1)
                p0 += ks
                p3 += ks
                pb += step
            }
            let tile = TileWriter<V>(c: c, ldc: ldc, rows: rows, cols: cols, accumulate: accumulate)
            tile.put(0, c00, c01)
            tile.put(1, c10, c11)
            tile.put(2, c20, c21)
            tile.put(3, c30, c31)
            tile.put(4, c40, c41)
            tile.put(5, c50, c51)
        }
    #endif

    /// Packs a `rows` × kcb strip of op(A) (element (r, p) at `a + r·rsA + p·csA`) k-major
    /// into `gemmTileRows` × kcb, padding the rows past `rows` with zeros.
    @inline(__always)
    static func packStrip<T: KernelScalar>(
        _ rows: Int, _ kcb: Int, _ a: UnsafePointer<T>, _ rsA: Int, _ csA: Int, into out: UnsafeMutablePointer<T>
    ) {
        let mr = gemmTileRows
        if rsA == 1 && rows == mr {
            // op(A) = Aᵀ: the strip's mr values at each depth are adjacent in memory.
            for p in 0..<kcb { (out + p &* mr).update(from: a + p &* csA, count: mr) }
            return
        }
        if T.self == Float.self && csA == 1 {
            interleaveRows(
                UnsafeRawPointer(a).assumingMemoryBound(to: Float.self), rowStride: rsA, rows: rows, depth: kcb,
                width: mr, into: UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self))
            return
        }
        for r in 0..<mr {
            if r < rows {
                let row = a + r &* rsA
                for p in 0..<kcb { out[p &* mr &+ r] = row[p &* csA] }
            } else {
                for p in 0..<kcb { out[p &* mr &+ r] = 0 }
            }
        }
    }

    /// Packs a kcb × ncb block of op(B) (element (p, j) at `b + p·rsB + j·csB`) into panels
    /// of nr = 2·V.scalarCount columns, row by row within a panel, padding the last panel
    /// with zeros.
    @inline(__always)
    static func packPanels<V: SIMD>(
        _: V.Type, _ kcb: Int, _ ncb: Int, _ b: UnsafePointer<V.Scalar>, _ rsB: Int, _ csB: Int,
        into dst: UnsafeMutablePointer<V.Scalar>
    ) where V.Scalar: KernelScalar {
        let w = V.scalarCount
        let nr = 2 * w
        var panel = 0
        while panel < ncb {
            let cols = min(nr, ncb - panel)
            let out = dst + panel &* kcb
            if csB == 1 && cols == nr {
                // Two vector loads and stores per row.
                for p in 0..<kcb {
                    let src = UnsafeRawPointer(b + p &* rsB + panel)
                    let row = UnsafeMutableRawPointer(out + p &* nr)
                    row.storeBytes(of: src.loadUnaligned(as: V.self), as: V.self)
                    row.storeBytes(
                        of: src.loadUnaligned(fromByteOffset: w * MemoryLayout<V.Scalar>.stride, as: V.self),
                        toByteOffset: w * MemoryLayout<V.Scalar>.stride, as: V.self)
                }
            } else if csB == 1 {
                for p in 0..<kcb {
                    let row = out + p &* nr
                    row.update(from: b + p &* rsB + panel, count: cols)
                    (row + cols).update(repeating: 0, count: nr - cols)
                }
            } else if V.Scalar.self == Float.self && rsB == 1 {
                interleaveRows(
                    UnsafeRawPointer(b + panel &* csB).assumingMemoryBound(to: Float.self), rowStride: csB, rows: cols,
                    depth: kcb, width: nr, into: UnsafeMutableRawPointer(out).assumingMemoryBound(to: Float.self))
            } else {
                // op(B) = Bᵀ: each column of the panel is a contiguous row of B; read it
                // along its length and write it down the panel.
                for j in 0..<cols {
                    let src = b + (panel + j) &* csB
                    for p in 0..<kcb { out[p &* nr &+ j] = src[p &* rsB] }
                }
                if cols < nr {
                    for p in 0..<kcb { (out + p &* nr + cols).update(repeating: 0, count: nr - cols) }
                }
            }
            panel += nr
        }
    }
}

/// Writes an accumulated tile to C: whole vectors for a full tile, element by element at the
/// ragged right and bottom edges; adds to C when `accumulate`.
struct TileWriter<V: SIMD> where V.Scalar: KernelScalar {
    let c: UnsafeMutablePointer<V.Scalar>
    let ldc: Int
    let rows: Int
    let cols: Int
    let accumulate: Bool

    /// Row r of the tile, its two vectors v0 and v1.
    @inline(__always)
    func put(_ r: Int, _ v0: V, _ v1: V) {
        guard r < rows else { return }
        let w = V.scalarCount
        let dst = c + r &* ldc
        if cols == 2 * w {
            let raw = UnsafeMutableRawPointer(dst)
            let offset = w * MemoryLayout<V.Scalar>.stride
            var (x0, x1) = (v0, v1)
            if accumulate {
                x0 += raw.loadUnaligned(as: V.self)
                x1 += raw.loadUnaligned(fromByteOffset: offset, as: V.self)
            }
            raw.storeBytes(of: x0, as: V.self)
            raw.storeBytes(of: x1, toByteOffset: offset, as: V.self)
        } else {
            for j in 0..<cols {
                let value = j < w ? v0[j] : v1[j - w]
                dst[j] = accumulate ? dst[j] + value : value
            }
        }
    }
}
