extension Tensor {
    /// A copy converted to `dtype` (the same tensor when it already has that type).
    ///
    /// Derivative: the identity, with the gradient converted back.
    /// - Parameter dtype: The element type of the result.
    public func to(_ dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let source = self.dtype
        return Tensor(storage: storage.converted(to: dtype), shape: shape).recorded("to", self) { g, _, _ in
            g.to(source)
        }
    }
}
