import Synchronization

/// Anomaly detection, as PyTorch's `detect_anomaly`: inside ``withAnomalyDetection(_:)`` every
/// op checks that finite inputs gave a finite output, and every backward rule that a finite
/// gradient gave finite gradients, and the first that does not stops the program with a
/// message naming the op, its input shapes and where in the forward pass it was created.
enum AnomalyMode {
    /// How many anomaly scopes are open in the process: one relaxed load on the hot path, so
    /// the checks cost nothing measurable while no scope is open.
    static let openScopes = Atomic<Int>(0)

    /// The scope of the current task, or nil outside ``withAnomalyDetection(_:)``.
    @TaskLocal static var scope: AnomalyScope?

    /// Where the forward pass is (a `Sequential` layer, say), for the messages.
    @TaskLocal static var location: String?

    /// The current task's scope when any scope is open anywhere, else nil without a task-local
    /// lookup.
    @inline(__always)
    static var active: AnomalyScope? {
        openScopes.load(ordering: .relaxed) == 0 ? nil : scope
    }

    /// Runs `body` with `place` appended to the location of the ops it creates (only while a
    /// scope is open; otherwise it just runs `body`).
    static func at<R>(_ place: @autoclosure () -> String, _ body: () -> R) -> R {
        guard active != nil else { return body() }
        let here = location.map { "\($0) › \(place())" } ?? place()
        return $location.withValue(here, operation: body)
    }
}

/// One ``withAnomalyDetection(_:)`` scope: it numbers the ops created inside it.
final class AnomalyScope: Sendable {
    private let opCounter = Atomic<Int>(0)

    /// "op #n (name) in <location>": where an op was created, for the messages.
    func origin(of name: StaticString) -> String {
        let n = opCounter.add(1, ordering: .relaxed).newValue
        return "op #\(n) of the forward pass (\(name))" + (AnomalyMode.location.map { " in \($0)" } ?? "")
    }

    /// Stops when `output` holds NaN or ±∞ although every input is finite.
    func checkForward(_ name: StaticString, inputs: OpInputs, output: Tensor) {
        guard !output.isAllFinite, inputs.allSatisfy(\.isAllFinite) else { return }
        fatalError(
            "anomaly: \(name) produced NaN or ±∞ from finite inputs of shapes \(inputs.map(\.shape)), "
                + "as \(origin(of: name)); its inputs came from \(AnomalyScope.sources(of: inputs))")
    }

    /// Stops when a backward rule turned a finite gradient into NaN or ±∞.
    static func checkBackward(_ name: StaticString, origin: String?, gradient: Tensor, results: InputGradients) {
        guard gradient.isAllFinite else { return }
        for i in 0..<results.count {
            guard let g = results[i], !g.isAllFinite else { continue }
            fatalError(
                "anomaly: the backward of \(name) produced NaN or ±∞ in the gradient of its input \(i) "
                    + "(shape \(g.shape)) from a finite gradient; \(name) was created as "
                    + (origin ?? "an op outside withAnomalyDetection (no record of where)"))
        }
    }

    /// "mul (op #3 …), a leaf [2, 3]": what produced each input.
    static func sources(of inputs: OpInputs) -> String {
        inputs.map { t in
            guard t.node.isRecorded else { return "a leaf \(t.shape)" }
            return t.node.origin ?? "\(t.node.name) (created outside withAnomalyDetection)"
        }.joined(separator: "; ")
    }
}

/// Runs `body` with anomaly detection on (PyTorch's `torch.autograd.detect_anomaly`): the
/// first op whose forward pass turns finite inputs into NaN or ±∞, or whose backward rule
/// turns a finite gradient into NaN or ±∞, stops the program with a message naming the op,
/// the shapes of its inputs, and where in the forward pass it was created (its number among
/// the ops of the scope and the `Sequential` layer it ran in). Run both the forward pass and
/// `backward()` inside it. Slow: every op scans its values; off by default, and free when off.
///
/// ```swift
/// withAnomalyDetection {
///     let loss = BCELoss()(model(x), y)
///     loss.backward()
/// }
/// ```
///
/// - Parameter body: The work to check.
/// - Returns: What `body` returns.
public func withAnomalyDetection<R>(_ body: () throws -> R) rethrows -> R {
    AnomalyMode.openScopes.add(1, ordering: .relaxed)
    defer { AnomalyMode.openScopes.subtract(1, ordering: .relaxed) }
    return try AnomalyMode.$scope.withValue(AnomalyScope(), operation: body)
}

extension Tensor {
    /// Whether no element is NaN or ±∞.
    var isAllFinite: Bool {
        switch dtype {
        case .float32: Kernels.allFinite(storage.pointer(Float.self), count)
        case .float64: Kernels.allFinite(storage.pointer(Double.self), count)
        }
    }
}
