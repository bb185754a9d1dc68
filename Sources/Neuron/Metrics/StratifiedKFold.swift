/// k-fold cross-validation splits that keep each class's share in every fold, as
/// scikit-learn's `StratifiedKFold`.
///
/// Each sample is in exactly one test fold; a fold's training rows are all the others. The
/// samples of each class are dealt to the folds in blocks, in the order they appear, with
/// fold sizes found by dealing the samples, sorted by class, round-robin over the folds. So
/// each class's count differs by at most one between folds, and with `shuffle: false` the
/// folds are exactly scikit-learn's. With `shuffle: true` the same per-class counts are dealt
/// in an order drawn from ``RandomGenerator`` (seeded, so repeatable, but not NumPy's stream).
///
/// ```swift
/// for (train, test) in StratifiedKFold(folds: 5, shuffle: true, seed: 0).splits(labels: y) {
///     // fit on the rows in train, evaluate on the rows in test
/// }
/// ```
public struct StratifiedKFold: Sendable, Equatable {
    /// The number of folds k.
    public let folds: Int
    /// Whether each class's samples are dealt to the folds in a random order.
    public let shuffle: Bool
    /// The seed of that order (unused without `shuffle`).
    public let seed: UInt64

    /// A splitter into `folds` stratified folds.
    ///
    /// - Parameters:
    ///   - folds: The number of folds, at least 2 (scikit-learn's default is 5).
    ///   - shuffle: Deal each class's samples to the folds in a random order.
    ///   - seed: Fixes that order.
    /// - Precondition: `folds` ≥ 2.
    public init(folds: Int = 5, shuffle: Bool = false, seed: UInt64 = 0) {
        require(folds >= 2, "StratifiedKFold: needs at least 2 folds, given \(folds)")
        self.folds = folds
        self.shuffle = shuffle
        self.seed = seed
    }

    /// The test fold of each sample, in 0 ..< folds.
    ///
    /// As scikit-learn (which warns), a class with fewer samples than folds is allowed: some
    /// test folds then lack it.
    ///
    /// - Parameter labels: The class of each sample, any integers.
    /// - Precondition: There are at least `folds` samples, and at least one class has `folds`
    ///   samples or more (scikit-learn raises in both cases).
    public func testFolds(labels: [Int]) -> [Int] {
        require(
            labels.count >= folds, "StratifiedKFold: \(folds) folds is more than the \(labels.count) samples")
        // Classes numbered in order of first appearance, as scikit-learn encodes them.
        var code: [Int: Int] = [:]
        var classes: [Int] = []
        let encoded = labels.map { label in
            if let c = code[label] { return c }
            code[label] = classes.count
            classes.append(label)
            return classes.count - 1
        }
        var counts = Array(repeating: 0, count: classes.count)
        for c in encoded { counts[c] += 1 }
        require(
            counts.contains { $0 >= folds },
            "StratifiedKFold: \(folds) folds is more than the samples of every class ("
                + zip(classes, counts).map { "label \($0): \($1)" }.joined(separator: ", ") + ")")

        // allocation[f][c]: how many samples of class c fold f tests, dealing the samples sorted
        // by class round-robin over the folds.
        var allocation = Array(repeating: Array(repeating: 0, count: classes.count), count: folds)
        var position = 0
        for (c, count) in counts.enumerated() {
            for p in position..<(position + count) { allocation[p % folds][c] += 1 }
            position += count
        }
        var rng = RandomGenerator(seed: seed)
        var members = Array(repeating: [Int](), count: classes.count)
        for (i, c) in encoded.enumerated() { members[c].append(i) }
        var result = Array(repeating: 0, count: labels.count)
        for c in classes.indices {
            var dealt = (0..<folds).flatMap { f in Array(repeating: f, count: allocation[f][c]) }
            if shuffle { dealt = rng.permutation(dealt.count).map { dealt[$0] } }
            for (i, f) in zip(members[c], dealt) { result[i] = f }
        }
        return result
    }

    /// The k train/test splits, as scikit-learn's `StratifiedKFold.split`.
    ///
    /// - Parameter labels: The class of each sample, any integers.
    /// - Returns: For each fold, the rows to train on and the rows to test on, both increasing;
    ///   the test rows of all folds are disjoint and together cover every row.
    /// - Precondition: As for ``testFolds(labels:)``.
    public func splits(labels: [Int]) -> [(train: [Int], test: [Int])] {
        let assigned = testFolds(labels: labels)
        return (0..<folds).map { f in
            (assigned.indices.filter { assigned[$0] != f }, assigned.indices.filter { assigned[$0] == f })
        }
    }
}
