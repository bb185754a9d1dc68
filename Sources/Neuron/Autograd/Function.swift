/// A differentiable function defined by its forward computation and its backward rule, as
/// PyTorch's `torch.autograd.Function`: the way to add an op that Neuron does not have.
///
/// `forward` runs without recording; `backward` receives the gradient of the output, the
/// inputs and the output, and returns one gradient per input (nil where there is none). Write
/// `backward` with Tensor ops and it can itself be differentiated (`createGraph`).
///
/// ```swift
/// struct Cube: DifferentiableFunction {
///     func forward(_ inputs: [Tensor]) -> Tensor { inputs[0] * inputs[0] * inputs[0] }
///     func backward(gradient: Tensor, inputs: [Tensor], output: Tensor) -> [Tensor?] {
///         [gradient * inputs[0].squared() * 3]
///     }
/// }
/// let x = Tensor([2] as [Double], shape: [1], requiresGrad: true)
/// Cube()([x]).sum().backward()   // x.grad = [12]
/// ```
public protocol DifferentiableFunction {
    /// Computes the output from the inputs (called with gradient recording off).
    ///
    /// - Parameter inputs: The tensors the function is applied to.
    /// - Returns: The output.
    func forward(_ inputs: [Tensor]) -> Tensor

    /// Computes the vector-Jacobian product: ∂L/∂inputs from ∂L/∂output.
    ///
    /// - Parameters:
    ///   - gradient: ∂L/∂output, shaped as the output.
    ///   - inputs: The inputs the forward pass was given.
    ///   - output: The forward pass's output.
    /// - Returns: One gradient per input, shaped as that input, or nil for an input that has
    ///   none.
    func backward(gradient: Tensor, inputs: [Tensor], output: Tensor) -> [Tensor?]
}

extension DifferentiableFunction {
    /// Applies the function, recording it so that `backward()` calls this type's `backward`.
    ///
    /// - Parameter inputs: The tensors to apply the function to.
    /// - Returns: The output, with history when any input requires grad.
    /// - Precondition: `backward` returns one gradient per input, each of its input's shape
    ///   and dtype (checked when it runs, naming this type).
    public func callAsFunction(_ inputs: [Tensor]) -> Tensor {
        let output = withNoGrad { forward(inputs) }.detached()
        return output.recorded("custom", inputs, saving: [.inputs, .output]) { g, y, _ in
            let grads = self.backward(gradient: g, inputs: inputs, output: y)
            let name = String(describing: Self.self)
            require(
                grads.count == inputs.count,
                "\(name).backward returned \(grads.count) gradients for \(inputs.count) inputs; return one per "
                    + "input (nil where there is none)")
            for (i, (input, grad)) in zip(inputs, grads).enumerated() {
                guard let grad else { continue }
                require(
                    grad.shape == input.shape && grad.dtype == input.dtype,
                    "\(name).backward returned a gradient of shape \(grad.shape) (\(grad.dtype)) for input \(i) of "
                        + "shape \(input.shape) (\(input.dtype))")
            }
            return grads
        }
    }
}
