/// Why a logistic regression could not be fitted, said so that the user knows what to change.
public enum LogisticRegressionError: Error, CustomStringConvertible, Equatable {
    /// The classes are completely or quasi-completely separated by a hyperplane, so the
    /// maximum-likelihood estimate does not exist (the likelihood keeps rising as the
    /// coefficients grow without bound).
    case perfectSeparation(complete: Bool, separatedRows: Int, rows: Int)
    /// The solver did not reach the tolerance within `maxIterations`.
    case notConverged(solver: String, iterations: Int, gradientNorm: Double, tolerance: Double)
    /// The information matrix is singular at the estimate (collinear or constant features).
    case singularInformation(detail: String)
    /// The data cannot be fitted as given (shapes, labels, non-finite values).
    case invalidData(String)

    /// A sentence saying what went wrong and what to change.
    public var description: String {
        switch self {
        case .perfectSeparation(let complete, let separated, let rows):
            "LogisticRegression: the classes are \(complete ? "completely" : "(quasi-)completely") separated "
                + "(a hyperplane puts every row on its class's side, \(separated) of the \(rows) strictly), "
                + "so the unpenalised maximum-likelihood estimate does not exist: the likelihood keeps increasing "
                + "as the coefficients grow. Use a penalty (penalty: .l2(C: 1)), or fewer features."
        case .notConverged(let solver, let iterations, let norm, let tolerance):
            "LogisticRegression: \(solver) did not converge in \(iterations) iterations (max |gradient| \(norm), "
                + "tolerance \(tolerance)). Raise maxIterations, loosen the tolerance, standardise the features, "
                + "or use solver: .newton."
        case .singularInformation(let detail):
            "LogisticRegression: the information matrix is singular at the estimate (\(detail)); a feature is "
                + "constant or a linear combination of others. Remove it, or use a penalty."
        case .invalidData(let message): "LogisticRegression: \(message)"
        }
    }
}
