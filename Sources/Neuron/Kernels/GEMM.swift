// C = op(A)·op(B) in the manner of GotoBLAS/BLIS: op(B) is packed into panels of nr columns
// (two vectors), and a register-blocked micro-kernel (GEMMMicroKernel.swift) computes one
// gemmTileRows × nr tile of C per call, entirely in vector registers. A row-major A is read in
// place, a strip of tile rows at a time; a transposed A, and the ragged last strip, are packed
// a strip at a time. For each strip of A the kernel sweeps across the packed panels, so the
// strip stays in the L1 cache, the panels stream from L2, and C is written row by row.
// Transposed operands are read through strides while packing, so no transpose is ever
// materialised. Large products are split between two threads.

/// Bytes of depth in one packed block: 384 floats or 192 doubles, so that a strip of A
/// (gemmTileRows × depth) stays within half the 48 KiB L1 cache; deeper products are cut into
/// equal blocks.
private let kcBytes = 1536
/// Bytes of one packed block of op(B), depth × columns: about 1 MiB, half the L2 cache.
private let blockBytes = 1536 * 768
/// Products of fewer multiply-adds than this run on one thread.
private let parallelThreshold = 1 << 20
/// Parts a large threaded product is cut into (two per thread).
private let parallelParts = 4

/// Raw pointers handed to worker threads; each thread writes a disjoint part of C.
private struct SharedPointers<T>: @unchecked Sendable {
    let a: UnsafePointer<T>
    let b: UnsafePointer<T>
    let c: UnsafeMutablePointer<T>
}

extension Kernels {
    /// C = op(A) · op(B), C of m × n and the inner size k. A is stored m × k (or k × m when
    /// `transposeA`), B is stored k × n (or n × k when `transposeB`); all row-major and
    /// contiguous. `threads` (1 or 2) overrides the choice by size, for tests; the result is
    /// the same bit for bit either way.
    static func gemm<T: KernelScalar>(
        m: Int, n: Int, k: Int,
        _ a: UnsafePointer<T>, transposeA: Bool,
        _ b: UnsafePointer<T>, transposeB: Bool,
        _ c: UnsafeMutablePointer<T>, threads: Int? = nil
    ) {
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            c.update(repeating: 0, count: m * n)
            return
        }
        let (rsA, csA) = transposeA ? (1, m) : (k, 1)
        let (rsB, csB) = transposeB ? (1, k) : (n, 1)
        let nr = T.Vector.scalarCount * 2
        if m < 6 || n < nr / 2 || m * n * k < 16_384 {
            smallGEMM(m: m, n: n, k: k, a, rsA, csA, b, rsB, csB, c)
            return
        }
        if (threads ?? (m * n * k < parallelThreshold ? 1 : 2)) < 2 {
            blockedGEMM(T.Vector.self, m: m, n: n, k: k, a, rsA, csA, b, rsB, csB, c, ldc: n)
            return
        }
        // Parts on tile boundaries, taken by the caller and the helper thread (GEMMThreads.swift)
        // as they come free, so a thread held up by another process leaves its parts to the other.
        let mr = gemmTileRows
        let split = splitRows(
            m: m, n: n, k: k, nr: nr, packsA: csA == 1 && !readInPlace(rowBytes: rsA * MemoryLayout<T>.stride),
            packsBSlowly: csB != 1)
        let unit = split.rows ? mr : nr
        let total = split.rows ? m : n
        let tilesPerPart = ((total + unit - 1) / unit + split.parts - 1) / split.parts
        let shared = SharedPointers(a: a, b: b, c: c)
        GEMMHelper.shared.run(parts: split.parts) { part in
            let start = part * tilesPerPart * unit
            let end = min(start + tilesPerPart * unit, total)
            guard end > start else { return }
            if split.rows {
                blockedGEMM(
                    T.Vector.self, m: end - start, n: n, k: k, shared.a + start * rsA, rsA, csA, shared.b, rsB, csB,
                    shared.c + start * n, ldc: n)
            } else {
                blockedGEMM(
                    T.Vector.self, m: m, n: end - start, k: k, shared.a, rsA, csA, shared.b + start * csB, rsB, csB,
                    shared.c + start, ldc: n)
            }
        }
    }

    /// How a threaded product is cut: into two parts, or four when it is large enough that a
    /// part still repays its packing; by rows of C or by columns. Parts by rows each pack all of
    /// op(B), parts by columns each pack all of op(A) that is packed: the cut avoids repeating
    /// the packing that is slow (a transposed B, gathered element by element; an A whose rows
    /// alias in the cache), and otherwise takes the dimension whose tiles divide more evenly,
    /// columns on a tie.
    private static func splitRows(m: Int, n: Int, k: Int, nr: Int, packsA: Bool, packsBSlowly: Bool)
        -> (rows: Bool, parts: Int)
    {
        let (rowTiles, colTiles) = ((m + gemmTileRows - 1) / gemmTileRows, (n + nr - 1) / nr)
        let parts = m * n * k >= 4 * parallelThreshold ? parallelParts : 2
        /// Tiles of the busiest part over the average: 1 is a perfect split.
        func imbalance(_ tiles: Int) -> Double {
            tiles < parts ? .infinity : Double((tiles + parts - 1) / parts * parts) / Double(tiles)
        }
        let rows: Bool
        if packsA != packsBSlowly && min(rowTiles, colTiles) >= parts {
            rows = packsA
        } else if packsA && min(rowTiles, colTiles) >= parts {
            // Both slow: repeat the smaller (k × n of B by rows, m × k of A by columns).
            rows = n <= m
        } else {
            rows = imbalance(rowTiles) < imbalance(colTiles)
        }
        return (rows, min(parts, max(rows ? rowTiles : colTiles, 1)))
    }

    /// One thread's share: the loops around the micro-kernel, with packing buffers of its own.
    private static func blockedGEMM<V: SIMD>(
        _: V.Type, m: Int, n: Int, k: Int, _ a: UnsafePointer<V.Scalar>, _ rsA: Int, _ csA: Int,
        _ b: UnsafePointer<V.Scalar>, _ rsB: Int, _ csB: Int, _ c: UnsafeMutablePointer<V.Scalar>, ldc: Int
    ) where V.Scalar: KernelScalar {
        let mr = gemmTileRows
        let nr = V.scalarCount * 2
        // Equal blocks: 784 = 2 × 392 rather than 384 + 384 + 16.
        let scalar = MemoryLayout<V.Scalar>.stride
        let (kc, nc) = (kcBytes / scalar, blockBytes / kcBytes)
        let kBlock = (k + (k + kc - 1) / kc - 1) / ((k + kc - 1) / kc)
        let nPanels = (n + nr - 1) / nr
        let nBlocks = (n + nc - 1) / nc
        let nBlock = (nPanels + nBlocks - 1) / nBlocks * nr
        let packedB = UnsafeMutableRawPointer.allocate(byteCount: kBlock * nBlock * scalar, alignment: 64)
            .bindMemory(to: V.Scalar.self, capacity: kBlock * nBlock)
        let packedA = UnsafeMutableRawPointer.allocate(byteCount: kBlock * mr * scalar, alignment: 64)
            .bindMemory(to: V.Scalar.self, capacity: kBlock * mr)
        defer {
            packedB.deallocate()
            packedA.deallocate()
        }
        let readsAInPlace = csA == 1 && readInPlace(rowBytes: rsA * scalar)
        var jc = 0
        while jc < n {
            let ncb = min(nBlock, n - jc)
            var pc = 0
            while pc < k {
                let kcb = min(kBlock, k - pc)
                packPanels(V.self, kcb, ncb, b + pc * rsB + jc * csB, rsB, csB, into: packedB)
                var ir = 0
                while ir < m {
                    let rows = min(mr, m - ir)
                    let strip = a + ir * rsA + pc * csA
                    let inPlace = readsAInPlace && rows == mr
                    if !inPlace { packStrip(rows, kcb, strip, rsA, csA, into: packedA) }
                    let (source, rs, ks) = inPlace ? (strip, rsA, 1) : (UnsafePointer(packedA), 1, mr)
                    var jr = 0
                    while jr < ncb {
                        microKernel(
                            V.self, kcb, source, rowStride: rs, depthStride: ks, packedB + jr * kcb,
                            c + ir * ldc + jc + jr, ldc: ldc, rows: rows, cols: min(nr, ncb - jr), accumulate: pc > 0)
                        jr += nr
                    }
                    ir += mr
                }
                pc += kBlock
            }
            jc += nBlock
        }
    }

    /// Whether the micro-kernel should read the rows of a row-major A in place rather than from
    /// a packed copy: not when rows lie a multiple of 2 KiB apart, which would put a strip's rows
    /// in the same few sets of the L1 cache and let them evict each other.
    @inline(__always)
    private static func readInPlace(rowBytes: Int) -> Bool {
        rowBytes % 2048 != 0
    }
}

/// How Neuron's kernels were compiled: `"native"` (the host's vector instructions and fused
/// multiply-add) or `"portable"` (baseline instructions only).
public var buildDescription: String {
    #if NEURON_AVX512
        "native (AVX-512)"
    #elseif NEURON_NATIVE
        "native (AVX2/FMA)"
    #else
        "portable"
    #endif
}
