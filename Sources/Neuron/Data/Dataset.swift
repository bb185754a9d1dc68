import Foundation

/// A data set: a feature matrix, a target per row — an integer class label (classification)
/// or a number (regression, see ``load(csv:target:splitColumn:dtype:)``) —, the names of the
/// features and classes, and (for the bundled sets that have one) the published train/test
/// split. Printing it gives a summary, not the data.
///
/// ```swift
/// let data = try Dataset.breastCancer()
/// let train = data.subset(data.trainIndices)
/// print(data)   // Dataset: 569 rows × 30 features; classes malignant 212, benign 357; split train 455, test 114
/// ```
public struct Dataset {
    /// The features, [rows, features].
    public let features: Tensor
    /// The name of each feature column.
    public let featureNames: [String]
    /// The name of each class (empty for a regression data set).
    public let classNames: [String]
    /// The published split of each row (`"train"` or `"test"`), when the data has one.
    public let split: [String]?
    /// The numeric target of each row for a regression data set; nil for classification.
    public let targets: [Double]?
    /// The name of the target column, when the data set was read from a file.
    public let targetName: String?
    private let classLabels: [Int]

    /// The class of each row, in 0 ..< classNames.count.
    ///
    /// - Precondition: A classification data set (a regression one has ``targets`` instead).
    public var labels: [Int] {
        require(
            targets == nil,
            "Dataset.labels: this is a regression data set (numeric target\(targetName.map { " '\($0)'" } ?? "")); "
                + "use targets or targetColumn()")
        return classLabels
    }

    /// Whether the target is numeric (regression) rather than a class label.
    public var isRegression: Bool { targets != nil }

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
        Self.requireRows(features, labels.count, "labels", featureNames: featureNames, split: split)
        if let row = labels.firstIndex(where: { $0 < 0 || $0 >= classNames.count }) {
            fatalError(
                "Dataset: label \(labels[row]) of row \(row) is not in 0 ..< \(classNames.count) (one per class name)")
        }
        self.init(
            features: features, classLabels: labels, targets: nil, featureNames: featureNames, classNames: classNames,
            targetName: nil, split: split)
    }

    /// Creates a regression data set: a numeric target per row.
    ///
    /// - Parameters:
    ///   - features: [rows, features].
    ///   - targets: One finite number per row.
    ///   - featureNames: One name per column.
    ///   - targetName: The target's name, or nil.
    ///   - split: `"train"`/`"test"` per row, or nil.
    /// - Precondition: The counts agree and every target is finite.
    public init(
        features: Tensor, targets: [Double], featureNames: [String], targetName: String? = nil, split: [String]? = nil
    ) {
        Self.requireRows(features, targets.count, "targets", featureNames: featureNames, split: split)
        if let row = targets.firstIndex(where: { !$0.isFinite }) {
            fatalError("Dataset: target \(targets[row]) of row \(row) is not a finite number")
        }
        self.init(
            features: features, classLabels: [], targets: targets, featureNames: featureNames, classNames: [],
            targetName: targetName, split: split)
    }

    /// The parts, checked by the public initialisers.
    private init(
        features: Tensor, classLabels: [Int], targets: [Double]?, featureNames: [String], classNames: [String],
        targetName: String?, split: [String]?
    ) {
        self.features = features
        self.classLabels = classLabels
        self.targets = targets
        self.featureNames = featureNames
        self.classNames = classNames
        self.targetName = targetName
        self.split = split
    }

    /// Stops unless `features` is [rows, featureNames.count] and the split has one entry per row.
    private static func requireRows(
        _ features: Tensor, _ rows: Int, _ noun: String, featureNames: [String], split: [String]?
    ) {
        require(
            features.rank == 2 && features.shape[0] == rows && features.shape[1] == featureNames.count,
            "Dataset: features \(features.shape) do not match \(rows) \(noun) and \(featureNames.count) names")
        require(
            split == nil || split!.count == rows, "Dataset: the split has \(split?.count ?? 0) entries for \(rows) rows")
    }

    /// The number of rows.
    public var count: Int { features.shape[0] }

    /// The rows of the published training split.
    public var trainIndices: [Int] { rows(inSplit: "train") }

    /// The rows of the published test split.
    public var testIndices: [Int] { rows(inSplit: "test") }

    /// The target as a [rows, 1] column: the numbers of a regression data set, or the labels
    /// as 0/1 values, the target of a binary classifier.
    ///
    /// - Parameter dtype: The element type.
    public func targetColumn(dtype: DType = .float32) -> Tensor {
        Tensor(targets ?? classLabels.map(Double.init), shape: [count, 1], dtype: dtype)
    }

    /// The rows at `indices`, in that order.
    ///
    /// - Parameter indices: Row positions.
    /// - Precondition: Every index is a row.
    public func subset(_ indices: [Int]) -> Dataset {
        if let bad = indices.first(where: { $0 < 0 || $0 >= count }) {
            fatalError("Dataset.subset: index \(bad) is not a row (0..<\(count))")
        }
        let rows = withNoGrad { features.rows(at: indices) }
        let part = split.map { s in indices.map { s[$0] } }
        if let targets {
            return Dataset(
                features: rows, targets: indices.map { targets[$0] }, featureNames: featureNames,
                targetName: targetName, split: part)
        }
        return Dataset(
            features: rows, labels: indices.map { classLabels[$0] }, featureNames: featureNames,
            classNames: classNames, split: part)
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
        require(!isRegression, "stratifiedSplit: a regression data set has no classes; use randomSplit")
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

    /// A shuffled split without regard to classes (for regression targets, or as scikit-learn's
    /// `train_test_split` without `stratify`).
    ///
    /// - Parameters:
    ///   - testFraction: The share of rows that goes to the test part, in (0, 1).
    ///   - seed: Fixes the shuffle.
    /// - Returns: The two parts, each in shuffled order.
    public func randomSplit(testFraction: Double, seed: UInt64) -> (train: Dataset, test: Dataset) {
        require(
            testFraction > 0 && testFraction < 1, "randomSplit: testFraction must be in (0, 1), given \(testFraction)")
        var rng = RandomGenerator(seed: seed)
        let order = rng.permutation(count)
        let nTest = Int((Double(count) * testFraction).rounded())
        return (subset(Array(order.dropFirst(nTest))), subset(Array(order.prefix(nTest))))
    }

    private func rows(inSplit name: String) -> [Int] {
        guard let split else { fatalError("Dataset: this data set has no published split; use stratifiedSplit") }
        return split.indices.filter { split[$0] == name }
    }
}
