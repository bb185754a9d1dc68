extension Tensor {
    /// Overwrites this tensor's values with `source`'s, in place, keeping its identity (and so
    /// its place in a model and an optimizer). Reshaped views of this tensor see the change.
    ///
    /// - Parameter source: Values of the same shape and dtype.
    /// - Precondition: Shapes and dtypes match, and this tensor is a leaf or recording is off
    ///   (changing a recorded value would make its gradient wrong).
    public func assign(_ source: Tensor) {
        require(
            source.shape == shape && source.dtype == dtype,
            "assign: source \(source.shape) (\(source.dtype)) does not match \(shape) (\(dtype))")
        require(
            isLeaf || !GradMode.isEnabled,
            "assign: cannot overwrite a tensor with history while recording; use withNoGrad { }")
        if source.storage === storage { return }
        storage.raw.copyMemory(from: source.storage.raw, byteCount: count * dtype.byteSize)
    }
}
