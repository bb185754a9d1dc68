import Foundation

extension LogisticRegressionFit {
    /// The fit as a table laid out as statsmodels' `Logit.summary()`: the model's header
    /// fields, then `coef  std err  z  P>|z|  [0.025  0.975]` with the `const` row first.
    /// (statsmodels' footnote about "possibly complete quasi-separation" comes from a
    /// heuristic and is not reproduced; a separated fit throws instead.)
    ///
    /// - Parameters:
    ///   - dependentVariable: The name shown as "Dep. Variable".
    ///   - level: The coverage of the confidence-interval columns (0.95).
    ///   - date: The date and time shown (now).
    /// - Returns: The table, one line per row, ending in a newline.
    /// - Precondition: The fit is unpenalised.
    public func summary(dependentVariable: String = "y", level: Double = 0.95, date: Date = Date()) -> String {
        let (errors, z, p, intervals) = (standardErrors, zScores, pValues, confidenceIntervals(level: level))
        let d = coefficients.count
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "EEE, dd MMM yyyy"
        let day = formatter.string(from: date)
        formatter.dateFormat = "HH:mm:ss"
        let time = formatter.string(from: date)
        let header: [(String, String, String, String)] = [
            ("Dep. Variable:", dependentVariable, "No. Observations:", "\(observations)"),
            ("Model:", "Logit", "Df Residuals:", "\(observations - d - 1)"),
            ("Method:", "MLE", "Df Model:", "\(d)"),
            ("Date:", day, "Pseudo R-squ.:", String(format: "%.4f", pseudoRSquared)),
            ("Time:", time, "Log-Likelihood:", String(format: "%#.5g", logLikelihood)),
            ("converged:", converged ? "True" : "False", "LL-Null:", String(format: "%#.5g", nullLogLikelihood)),
            (
                "Covariance Type:", estimator.covarianceType == .hc0 ? "HC0" : "nonrobust", "LLR p-value:",
                String(format: "%#.4g", likelihoodRatioPValue)
            ),
        ]
        var lines = [centered("Logit Regression Results", width: 78), String(repeating: "=", count: 78)]
        for (leftLabel, leftValue, rightLabel, rightValue) in header {
            lines.append(spread(leftLabel, leftValue, width: 37) + "   " + spread(rightLabel, rightValue, width: 38))
        }
        let names = ["const"] + featureNames
        let nameWidth = Swift.max((names.map(\.count).max() ?? 0) + 1, 11)
        let width = nameWidth + 67
        let lowerName = String(format: "[%.3g", (1 - level) / 2)
        let upperName = String(format: "%.3g]", 1 - (1 - level) / 2)
        lines.append(String(repeating: "=", count: width))
        lines.append(
            padded("", nameWidth) + right("coef", 10) + right("std err", 11) + right("z", 11) + right("P>|z|", 11)
                + right(lowerName, 12) + right(upperName, 12))
        lines.append(String(repeating: "-", count: width))
        for (i, name) in names.enumerated() {
            lines.append(
                padded(name, nameWidth) + right(number(parameters[i], decimals: 4), 10)
                    + right(number(errors[i], decimals: 3), 11) + right(number(z[i], decimals: 3), 11)
                    + right(String(format: "%.3f", p[i]), 11) + right(number(intervals[i].lower, decimals: 3), 12)
                    + right(number(intervals[i].upper, decimals: 3), 12))
        }
        lines.append(String(repeating: "=", count: width))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// `text` centred in `width` columns (extra space on the right).
private func centered(_ text: String, width: Int) -> String {
    let left = Swift.max(0, (width - text.count) / 2)
    return padded(String(repeating: " ", count: left) + text, width)
}

/// A label on the left and a value on the right of `width` columns.
private func spread(_ label: String, _ value: String, width: Int) -> String {
    label + String(repeating: " ", count: Swift.max(1, width - label.count - value.count)) + value
}

/// `text` padded with spaces to `width` on the right.
private func padded(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: Swift.max(0, width - text.count))
}

/// `text` right-aligned in `width` columns.
private func right(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: Swift.max(0, width - text.count)) + text
}

/// Fixed decimals for ordinary magnitudes, four significant digits in exponent form for
/// very large or very small ones (as statsmodels switches).
private func number(_ x: Double, decimals: Int) -> String {
    let magnitude = Swift.abs(x)
    if x != 0 && (magnitude >= 1e4 || magnitude < 1e-4) { return String(format: "%.\(decimals)g", x) }
    return String(format: "%.\(decimals)f", x)
}
