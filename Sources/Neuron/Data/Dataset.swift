import Foundation

/// A classification data set: a feature matrix, an integer label per row, the names of the
/// features and classes, and (for the bundled sets that have one) the published train/test
/// split.
///
/// ```swift
/// let data = try Dataset.breastCancer()
/// let train = data.subset(data.trainIndices)
/// ```
public struct Dataset {
    /// The features, [rows, features].
    public let features: Tensor
    /// The class of each row, in 0 ..< classNames.count.
    public let labels: [Int]
    /// The name of each feature column.
    public let featureNames: [String]
    /// The name of each class.
    public let classNames: [String]
    /// The published split of each row (`"train"` or `"test"`), when the data has one.
    public let split: [String]?

    /// Creates a data set from parts.
    ///
    /// - Parameters:
    ///   - features: [rows, features].
    ///   - labels: One class index per row.
    ///   - featureNames: One name per column.
    ///   - classNames: One name per class.
    ///   - split: `"train"`/`"test"` per row, or nil.
    /// - Precondition: The counts agree, and every label is in 0 ..< classNames.count.
    public init(features: Tensor, labels: [Int], featureNames: [String], classNames: [String], split: [String]? = nil) {
        require(
            features.rank == 2 && features.shape[0] == labels.count && features.shape[1] == featureNames.count,
            "Dataset: features \(features.shape) do not match \(labels.count) labels and \(featureNames.count) names")
        require(
            split == nil || split!.count == labels.count,
            "Dataset: the split has \(split?.count ?? 0) entries for \(labels.count) rows")
        if let row = labels.firstIndex(where: { $0 < 0 || $0 >= classNames.count }) {
            fatalError(
                "Dataset: label \(labels[row]) of row \(row) is not in 0 ..< \(classNames.count) (one per class name)")
        }
        self.features = features
        self.labels = labels
        self.featureNames = featureNames
        self.classNames = classNames
        self.split = split
    }

    /// The number of rows.
    public var count: Int { labels.count }

    /// The rows of the published training split.
    public var trainIndices: [Int] { rows(inSplit: "train") }

    /// The rows of the published test split.
    public var testIndices: [Int] { rows(inSplit: "test") }

    /// The labels as a [rows, 1] column of 0/1 values, the target of a binary classifier.
    ///
    /// - Parameter dtype: The element type.
    public func targetColumn(dtype: DType = .float32) -> Tensor {
        Tensor(labels.map(Double.init), shape: [count, 1], dtype: dtype)
    }

    /// The rows at `indices`, in that order.
    ///
    /// - Parameter indices: Row positions.
    public func subset(_ indices: [Int]) -> Dataset {
        Dataset(
            features: withNoGrad { features.rows(at: indices) }, labels: indices.map { labels[$0] },
            featureNames: featureNames, classNames: classNames, split: split.map { s in indices.map { s[$0] } })
    }

    /// A shuffled split that keeps each class's share in both parts (as scikit-learn's
    /// `train_test_split(..., stratify=y)`, though not with its random stream).
    ///
    /// - Parameters:
    ///   - testFraction: The share of each class that goes to the test part, in (0, 1).
    ///   - seed: Fixes the shuffle.
    /// - Returns: The two parts, each in shuffled order.
    public func stratifiedSplit(testFraction: Double, seed: UInt64) -> (train: Dataset, test: Dataset) {
        require(
            testFraction > 0 && testFraction < 1,
            "stratifiedSplit: testFraction must be in (0, 1), given \(testFraction)")
        var rng = RandomGenerator(seed: seed)
        var train: [Int] = []
        var test: [Int] = []
        for c in Set(labels).sorted() {
            let members = labels.indices.filter { labels[$0] == c }
            let order = rng.permutation(members.count).map { members[$0] }
            let nTest = Int((Double(members.count) * testFraction).rounded())
            test += order.prefix(nTest)
            train += order.dropFirst(nTest)
        }
        let trainOrder = rng.permutation(train.count).map { train[$0] }
        let testOrder = rng.permutation(test.count).map { test[$0] }
        return (subset(trainOrder), subset(testOrder))
    }

    private func rows(inSplit name: String) -> [Int] {
        guard let split else { fatalError("Dataset: this data set has no published split; use stratifiedSplit") }
        return split.indices.filter { split[$0] == name }
    }
}
