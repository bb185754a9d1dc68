extension Tensor {
    /// Overwrites this tensor's values with `source`'s, in place, keeping its identity (and so
    /// its place in a model and an optimizer). Reshaped views of this tensor see the change.
    ///
    /// - Parameter source: Values of the same shape and dtype.
    /// - Precondition: Shapes and dtypes match, and recording is off or this tensor does not
    ///   require grad (changing a recorded value would make its gradient wrong).
    public func assign(_ source: Tensor) {
        require(
            source.shape == shape && source.dtype == dtype,
            "assign: source \(source.shape) (\(source.dtype)) does not match \(shape) (\(dtype))")
        requireInPlaceAllowed("assign")
        if source.storage === storage { return }
        storage.bumpVersion()
        storage.raw.copyMemory(from: source.storage.raw, byteCount: count * dtype.byteSize)
    }
}

extension Tensor {
    /// Sets every element to `value`, in place.
    ///
    /// - Parameter value: The new value of every element.
    /// - Precondition: Recording is off or this tensor does not require grad.
    public func fill(_ value: Double) {
        requireInPlaceAllowed("fill")
        assign(Tensor.full(shape, value: value, dtype: dtype))
    }

    /// Converts this tensor's values to `dtype` in place, keeping its identity (so a model's
    /// parameters stay the ones its optimizer holds). Any gradient is cleared, and a recorded
    /// op that saved this tensor refuses to run backward (its version changes).
    ///
    /// - Parameter dtype: The new element type.
    /// - Precondition: This tensor is a leaf.
    public func convert(to dtype: DType) {
        require(isLeaf, "convert(to:): only a leaf tensor can change its dtype in place")
        guard dtype != self.dtype else { return }
        storage = storage.converted(to: dtype)
        storage.bumpVersion()  // a graph that saved this tensor must not read the new values
        grad = nil
    }
}
