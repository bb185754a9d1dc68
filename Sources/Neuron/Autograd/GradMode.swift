/// Whether operations record history for `backward()`, scoped to the current task.
public enum GradMode {
    /// True (the default) when operations on tensors that require grad record history.
    @TaskLocal public static var isEnabled = true
}

/// Runs `body` with gradient recording off: nothing computed inside has history, so it costs
/// no graph memory. Use it for evaluation and for updating parameters in place.
///
/// - Parameter body: The work to run without recording.
/// - Returns: What `body` returns.
public func withNoGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$isEnabled.withValue(false, operation: body)
}

/// Runs `body` with gradient recording on, even inside `withNoGrad`.
///
/// - Parameter body: The work to record.
/// - Returns: What `body` returns.
public func withGrad<R>(_ body: () throws -> R) rethrows -> R {
    try GradMode.$isEnabled.withValue(true, operation: body)
}
