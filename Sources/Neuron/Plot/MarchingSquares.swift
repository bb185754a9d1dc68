/// Contour lines of a grid of values by marching squares.
///
/// The grid holds values[i][j] at grid point (j, i) (column j, row i). A point is inside
/// when its value ≥ `level`. Each square of four neighbouring points that has points on both
/// sides contributes one or two segments whose ends lie on the square's edges, placed by
/// linear interpolation of the values. An ambiguous square (diagonal corners inside, the
/// other two outside) is resolved by the mean of its corners. Squares with a non-finite
/// corner contribute nothing. Segments that share an edge point are joined into polylines.
enum MarchingSquares {
    /// A point in grid coordinates: x is the column, y the row (fractional along an edge).
    typealias Point = (x: Double, y: Double)

    /// The contour polylines at `level`, in grid coordinates.
    static func contours(_ values: [[Double]], level: Double) -> [[Point]] {
        let rows = values.count
        let columns = values.first?.count ?? 0
        guard rows >= 2, columns >= 2 else { return [] }
        // Edge ids: 2·(i·columns + j) for the edge from (i, j) to (i, j+1), +1 for (i, j)–(i+1, j).
        func horizontal(_ i: Int, _ j: Int) -> Int { 2 * (i * columns + j) }
        func vertical(_ i: Int, _ j: Int) -> Int { 2 * (i * columns + j) + 1 }
        var segments: [(Int, Int)] = []
        for i in 0..<(rows - 1) {
            for j in 0..<(columns - 1) {
                let a = values[i][j], b = values[i][j + 1], c = values[i + 1][j + 1], d = values[i + 1][j]
                guard a.isFinite, b.isFinite, c.isFinite, d.isFinite else { continue }
                let (bottom, right, top, left) = (
                    horizontal(i, j), vertical(i, j + 1), horizontal(i + 1, j), vertical(i, j)
                )
                let code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0)
                let centreInside = (a + b + c + d) / 4 >= level
                switch code {
                case 0, 15: break
                case 1, 14: segments.append((left, bottom))
                case 2, 13: segments.append((bottom, right))
                case 3, 12: segments.append((left, right))
                case 4, 11: segments.append((right, top))
                case 6, 9: segments.append((bottom, top))
                case 7, 8: segments.append((left, top))
                case 5:  // a and c inside
                    segments += centreInside ? [(bottom, right), (top, left)] : [(left, bottom), (right, top)]
                default:  // 10: b and d inside
                    segments += centreInside ? [(left, bottom), (right, top)] : [(bottom, right), (top, left)]
                }
            }
        }
        return chains(segments).map { ids in
            ids.map { id -> Point in
                let cell = id / 2
                let (i, j) = (cell / columns, cell % columns)
                let (i2, j2) = id % 2 == 0 ? (i, j + 1) : (i + 1, j)
                let (v0, v1) = (values[i][j], values[i2][j2])
                let t = v1 == v0 ? 0.5 : Swift.min(Swift.max((level - v0) / (v1 - v0), 0), 1)
                return (Double(j) + t * Double(j2 - j), Double(i) + t * Double(i2 - i))
            }
        }
    }

    /// Joins segments (pairs of edge ids) that share an end into paths of edge ids; a closed
    /// loop repeats its first id at the end.
    static func chains(_ segments: [(Int, Int)]) -> [[Int]] {
        var ends: [Int: [Int]] = [:]  // edge id -> segments touching it
        for (k, s) in segments.enumerated() {
            ends[s.0, default: []].append(k)
            ends[s.1, default: []].append(k)
        }
        var used = Array(repeating: false, count: segments.count)
        /// Walks from `id` along unused segments, appending the ids it reaches.
        func extend(_ path: inout [Int]) {
            while let last = path.last, let k = ends[last]?.first(where: { !used[$0] }) {
                used[k] = true
                path.append(segments[k].0 == last ? segments[k].1 : segments[k].0)
            }
        }
        var paths: [[Int]] = []
        // Open paths first, from ends touched by one segment, so they are walked end to end.
        let starts = ends.keys.sorted().filter { ends[$0]!.count == 1 } + ends.keys.sorted()
        for start in starts where ends[start]!.contains(where: { !used[$0] }) {
            var path = [start]
            extend(&path)
            paths.append(path)
        }
        return paths
    }
}
