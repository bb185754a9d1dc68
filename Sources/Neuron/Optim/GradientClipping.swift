/// Rescales gradients so that their global norm is at most `maxNorm` (PyTorch's
/// `clip_grad_norm_`): with N = √(∑ ‖∇θ‖²) over all parameters, every gradient is multiplied by
/// maxNorm / (N + 10⁻⁶) when that is below one.
///
/// - Parameters:
///   - parameters: The parameters whose gradients to clip; those without one are skipped.
///   - maxNorm: The largest allowed global norm.
/// - Returns: The global norm N before clipping.
@discardableResult
public func clipGradientNorm(_ parameters: [Tensor], maxNorm: Double) -> Double {
    withNoGrad {
        let grads = parameters.compactMap(\.grad)
        let total = grads.reduce(0) { $0 + $1.squared().sum().item() }.squareRoot()
        let coefficient = maxNorm / (total + 1e-6)
        if coefficient < 1 {
            for g in grads { g.assign(g * coefficient) }
        }
        return total
    }
}
