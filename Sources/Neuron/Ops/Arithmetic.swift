// Elementwise arithmetic with NumPy broadcasting. Every backward rule sums its gradient back
// to the input's shape with `summed(toShape:)`, the one place broadcasting is undone.

extension Tensor {
    /// Elementwise sum with broadcasting: a + b.
    ///
    /// Derivative: ∂/∂a = 1, ∂/∂b = 1 (summed over broadcast dimensions).
    /// - Precondition: The shapes broadcast and the dtypes match.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        a.combined(.add, b, name: "add").recorded("add", a, b) { g, _, a, b, needs in
            (needs[0] ? g.summed(toShape: a.shape) : nil, needs[1] ? g.summed(toShape: b.shape) : nil)
        }
    }

    /// Elementwise difference with broadcasting: a − b.
    ///
    /// Derivative: ∂/∂a = 1, ∂/∂b = −1.
    /// - Precondition: The shapes broadcast and the dtypes match.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        a.combined(.subtract, b, name: "sub").recorded("sub", a, b) { g, _, a, b, needs in
            (needs[0] ? g.summed(toShape: a.shape) : nil, needs[1] ? (-g).summed(toShape: b.shape) : nil)
        }
    }

    /// Elementwise product with broadcasting: a ⊙ b.
    ///
    /// Derivative: ∂/∂a = b, ∂/∂b = a.
    /// - Precondition: The shapes broadcast and the dtypes match.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        a.combined(.multiply, b, name: "mul").recorded("mul", a, b, saving: .inputs) { g, _, a, b, needs in
            (needs[0] ? (g * b).summed(toShape: a.shape) : nil, needs[1] ? (g * a).summed(toShape: b.shape) : nil)
        }
    }

    /// Elementwise quotient with broadcasting: a / b.
    ///
    /// Derivative: ∂/∂a = 1/b, ∂/∂b = −a/b² = −(a/b)/b.
    /// - Precondition: The shapes broadcast and the dtypes match.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        a.combined(.divide, b, name: "div").recorded("div", a, b, saving: [.inputs, .output]) { g, y, a, b, needs in
            (
                needs[0] ? (g / b).summed(toShape: a.shape) : nil,
                needs[1] ? (-(g * y) / b).summed(toShape: b.shape) : nil
            )
        }
    }

    /// Elementwise negation: −a.
    ///
    /// Derivative: −1.
    public static prefix func - (a: Tensor) -> Tensor {
        a.mapped(.negate).recorded("neg", a) { g, _, _ in -g }
    }

    // MARK: - With a scalar

    /// Adds a scalar to every element: a + s.
    ///
    /// Derivative: 1.
    public static func + (a: Tensor, s: Double) -> Tensor {
        a.mapped(.addScalar(s)).recorded("add_scalar", a) { g, _, _ in g }
    }

    /// Adds a scalar to every element: s + a.
    ///
    /// Derivative: 1.
    public static func + (s: Double, a: Tensor) -> Tensor { a + s }

    /// Subtracts a scalar from every element: a − s.
    ///
    /// Derivative: 1.
    public static func - (a: Tensor, s: Double) -> Tensor { a + (-s) }

    /// Subtracts every element from a scalar: s − a.
    ///
    /// Derivative: −1.
    public static func - (s: Double, a: Tensor) -> Tensor {
        a.mapped(.subtractFromScalar(s)).recorded("rsub_scalar", a) { g, _, _ in -g }
    }

    /// Multiplies every element by a scalar: a · s.
    ///
    /// Derivative: s.
    public static func * (a: Tensor, s: Double) -> Tensor {
        a.mapped(.multiplyScalar(s)).recorded("mul_scalar", a) { g, _, _ in g * s }
    }

    /// Multiplies every element by a scalar: s · a.
    ///
    /// Derivative: s.
    public static func * (s: Double, a: Tensor) -> Tensor { a * s }

    /// Divides every element by a scalar: a / s.
    ///
    /// Derivative: 1/s.
    public static func / (a: Tensor, s: Double) -> Tensor { a * (1 / s) }

    /// Divides a scalar by every element: s / a.
    ///
    /// Derivative: −s/a² = −(s/a)/a.
    public static func / (s: Double, a: Tensor) -> Tensor {
        a.mapped(.reciprocal).mapped(.multiplyScalar(s)).recorded("rdiv_scalar", a, saving: [.inputs, .output]) { g, y, a in
            -(g * y) / a
        }
    }
}
