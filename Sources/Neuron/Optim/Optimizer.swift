/// Updates parameters from their gradients: call `zeroGrad()`, compute a loss, `backward()`,
/// then `step()`. Parameters whose `grad` is nil are left alone.
public protocol Optimizer: AnyObject {
    /// The tensors this optimizer updates, in place.
    var parameters: [Tensor] { get }
    /// The current learning rate (set it from a schedule between steps).
    var learningRate: Double { get set }
    /// Applies one update to every parameter that has a gradient.
    func step()
}

extension Optimizer {
    /// Clears the gradient of every parameter.
    public func zeroGrad() {
        for p in parameters { p.zeroGrad() }
    }
}
