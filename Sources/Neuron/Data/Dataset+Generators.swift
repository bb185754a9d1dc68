import Foundation

// Synthetic two-dimensional data sets, as scikit-learn's make_circles, make_moons and
// make_blobs: the classic problems a single neuron cannot solve and a hidden layer can.
// Seeded, so the same call gives the same points on every machine.

extension Dataset {
    /// Two concentric circles: class 0 on the outer circle of radius 1, class 1 on the inner
    /// one of radius `factor`, each point jittered by Gaussian noise. Not linearly separable.
    ///
    /// - Parameters:
    ///   - count: The number of points, split as evenly as possible (the outer circle gets
    ///     the odd one).
    ///   - noise: The standard deviation of the jitter.
    ///   - factor: The inner radius, in (0, 1).
    ///   - seed: The generator's seed.
    ///   - dtype: The features' element type.
    /// - Returns: Features [count, 2], labels 0 (outer) and 1 (inner).
    /// - Precondition: count ≥ 2, noise ≥ 0, 0 < factor < 1.
    public static func circles(
        count: Int = 100, noise: Double = 0.05, factor: Double = 0.5, seed: UInt64 = 0, dtype: DType = .float32
    ) -> Dataset {
        require(count >= 2, "Dataset.circles: count must be at least 2, got \(count)")
        require(noise >= 0 && noise.isFinite, "Dataset.circles: noise must be ≥ 0, got \(noise)")
        require(factor > 0 && factor < 1, "Dataset.circles: factor must be in (0, 1), got \(factor)")
        let outer = count - count / 2
        var rng = RandomGenerator(seed: seed)
        var points: [Double] = []
        var labels: [Int] = []
        for (label, size, radius) in [(0, outer, 1.0), (1, count - outer, factor)] {
            for i in 0..<size {
                let angle = 2 * Double.pi * Double(i) / Double(size)
                points += [radius * cos(angle) + noise * rng.nextNormal(), radius * sin(angle) + noise * rng.nextNormal()]
                labels.append(label)
            }
        }
        return planar(points, labels, classes: ["outer", "inner"], dtype: dtype)
    }

    /// Two interleaving half circles: class 0 on the upper moon, class 1 on the lower one,
    /// shifted so that they interlock; Gaussian jitter of standard deviation `noise`.
    ///
    /// - Parameters:
    ///   - count: The number of points (the upper moon gets the odd one).
    ///   - noise: The standard deviation of the jitter.
    ///   - seed: The generator's seed.
    ///   - dtype: The features' element type.
    /// - Returns: Features [count, 2], labels 0 (upper) and 1 (lower).
    /// - Precondition: count ≥ 2, noise ≥ 0.
    public static func moons(count: Int = 100, noise: Double = 0.1, seed: UInt64 = 0, dtype: DType = .float32)
        -> Dataset
    {
        require(count >= 2, "Dataset.moons: count must be at least 2, got \(count)")
        require(noise >= 0 && noise.isFinite, "Dataset.moons: noise must be ≥ 0, got \(noise)")
        let upper = count - count / 2
        var rng = RandomGenerator(seed: seed)
        var points: [Double] = []
        var labels: [Int] = []
        for i in 0..<count {
            let isUpper = i < upper
            let size = isUpper ? upper : count - upper
            let t = Double.pi * Double(isUpper ? i : i - upper) / Double(Swift.max(size - 1, 1))
            let (x, y) = isUpper ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
            points += [x + noise * rng.nextNormal(), y + noise * rng.nextNormal()]
            labels.append(isUpper ? 0 : 1)
        }
        return planar(points, labels, classes: ["upper", "lower"], dtype: dtype)
    }

    /// Gaussian blobs: class k drawn around `centers[k]` with standard deviation `spread`,
    /// `count` points dealt to the classes in turn.
    ///
    /// - Parameters:
    ///   - count: The number of points.
    ///   - centers: One 2-D centre per class.
    ///   - spread: The standard deviation around each centre.
    ///   - seed: The generator's seed.
    ///   - dtype: The features' element type.
    /// - Returns: Features [count, 2], labels 0 ..< centers.count.
    /// - Precondition: count ≥ 1, at least two centres, spread ≥ 0.
    public static func blobs(
        count: Int = 150, centers: [(Double, Double)] = [(-2, 0), (2, 0), (0, 3)], spread: Double = 1,
        seed: UInt64 = 0, dtype: DType = .float32
    ) -> Dataset {
        require(count >= 1, "Dataset.blobs: count must be at least 1, got \(count)")
        require(centers.count >= 2, "Dataset.blobs: needs at least two centres, got \(centers.count)")
        require(spread >= 0 && spread.isFinite, "Dataset.blobs: spread must be ≥ 0, got \(spread)")
        var rng = RandomGenerator(seed: seed)
        var points: [Double] = []
        var labels: [Int] = []
        for i in 0..<count {
            let k = i % centers.count
            points += [centers[k].0 + spread * rng.nextNormal(), centers[k].1 + spread * rng.nextNormal()]
            labels.append(k)
        }
        return planar(points, labels, classes: centers.indices.map { "blob \($0)" }, dtype: dtype)
    }

    /// A data set of 2-D points with features named x and y.
    private static func planar(_ points: [Double], _ labels: [Int], classes: [String], dtype: DType) -> Dataset {
        Dataset(
            features: Tensor(points, shape: [labels.count, 2], dtype: dtype), labels: labels, featureNames: ["x", "y"],
            classNames: classes)
    }
}
