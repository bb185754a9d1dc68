import Foundation

extension Dataset: CustomStringConvertible {
    /// A summary, never the data: rows × features, the classes with their counts (or the
    /// target's range for regression), and the split sizes when there is a split.
    ///
    /// `Dataset: 569 rows × 30 features; classes malignant 212, benign 357; split train 455, test 114`
    public var description: String {
        var parts = ["Dataset: \(count) row\(count == 1 ? "" : "s") × \(featureNames.count) features"]
        if let targets {
            let name = targetName.map { " '\($0)'" } ?? ""
            if let low = targets.min(), let high = targets.max() {
                let mean = targets.reduce(0, +) / Double(targets.count)
                parts.append(
                    "numeric target\(name) from \(Self.short(low)) to \(Self.short(high)), mean \(Self.short(mean))")
            } else {
                parts.append("numeric target\(name)")
            }
        } else {
            var counts = [Int](repeating: 0, count: classNames.count)
            for label in labels { counts[label] += 1 }
            let shown = zip(classNames, counts).prefix(12).map { "\($0) \($1)" }
            let more = classNames.count > 12 ? ", … (\(classNames.count) classes)" : ""
            parts.append("classes " + shown.joined(separator: ", ") + more)
        }
        if let split {
            let train = split.lazy.filter { $0 == "train" }.count
            parts.append("split train \(train), test \(split.count - train)")
        }
        return parts.joined(separator: "; ")
    }

    /// A number in at most four significant digits.
    private static func short(_ value: Double) -> String { String(format: "%.4g", value) }
}
