/// Updates parameters from their gradients: call `zeroGrad()`, compute a loss, `backward()`,
/// then `step()`. Parameters whose `grad` is nil are left alone.
public protocol Optimizer: AnyObject {
    /// The tensors this optimizer updates, in place.
    var parameters: [Tensor] { get }
    /// The current learning rate (set it from a schedule between steps); setting a negative or
    /// non-finite value stops with a message.
    var learningRate: Double { get set }
    /// Applies one update to every parameter that has a gradient.
    func step()
}

/// Stops with a message naming the optimizer unless `value` is a finite number ≥ 0: a NaN,
/// infinite or negative learning rate or weight decay would silently ruin every parameter.
func requireHyperparameter(_ value: Double, _ name: String, of optimizer: String) {
    require(value.isFinite && value >= 0, "\(optimizer): \(name) must be a finite number ≥ 0, got \(value)")
}

/// Stops with a message when a parameter's dtype is no longer the one the optimizer was built
/// for (`convertParameters(to:)` after creating it): its state would not match.
func requireUnchangedDType(_ parameter: Tensor, index: Int, was dtype: DType, of optimizer: String) {
    require(
        parameter.dtype == dtype,
        "\(optimizer): parameter \(index) (shape \(parameter.shape)) changed dtype from \(dtype) to "
            + "\(parameter.dtype) after the optimizer was created (convertParameters(to:)?); create the optimizer "
            + "after converting the model")
}

extension Optimizer {
    /// Clears the gradient of every parameter.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}
