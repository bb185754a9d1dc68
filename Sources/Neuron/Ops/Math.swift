// Elementwise functions. Each records its derivative in terms of differentiable ops, so
// gradients of gradients come for free.

/// The elementwise exponential, eˣ.
///
/// Derivative: eˣ (the output itself).
public func exp(_ x: Tensor) -> Tensor {
    x.mapped(.exp).recorded("exp", x, saving: .output) { g, y, _ in g * y }
}

/// The elementwise natural logarithm, ln x (−∞ at 0, NaN below).
///
/// Derivative: 1/x.
public func log(_ x: Tensor) -> Tensor {
    x.mapped(.log).recorded("log", x, saving: .inputs) { g, _, x in g / x }
}

/// ln(1 + x) elementwise, accurate when x is tiny.
///
/// Derivative: 1/(1 + x).
public func log1p(_ x: Tensor) -> Tensor {
    x.mapped(.log1p).recorded("log1p", x, saving: .inputs) { g, _, x in g / (x + 1) }
}

/// The elementwise square root, √x.
///
/// Derivative: 1/(2√x).
public func sqrt(_ x: Tensor) -> Tensor {
    x.mapped(.sqrt).recorded("sqrt", x, saving: .output) { g, y, _ in (g / y) * 0.5 }
}

/// The elementwise absolute value, |x|.
///
/// Derivative: sign(x), taken as 0 at 0 (as PyTorch).
public func abs(_ x: Tensor) -> Tensor {
    x.mapped(.abs).recorded("abs", x, saving: .inputs) { g, _, x in g * x.mapped(.sign) }
}

extension Tensor {
    /// Every element squared, x².
    ///
    /// Derivative: 2x.
    public func squared() -> Tensor {
        mapped(.square).recorded("square", self, saving: .inputs) { g, _, x in g * x * 2 }
    }

    /// Every element raised to a fixed power, xᵖ.
    ///
    /// Derivative: p·xᵖ⁻¹.
    /// - Parameter exponent: The power p.
    public func pow(_ exponent: Double) -> Tensor {
        mapped(.power(exponent)).recorded("pow", self, saving: .inputs) { g, _, x in
            exponent == 0 ? g * 0 : g * x.pow(exponent - 1) * exponent
        }
    }

    /// Every element limited to [min, max] (NaN stays NaN); either bound may be omitted.
    ///
    /// Derivative: 1 where min ≤ x ≤ max, 0 outside (as PyTorch).
    /// - Parameters:
    ///   - min: The lower bound, or −∞.
    ///   - max: The upper bound, or +∞.
    /// - Precondition: min ≤ max.
    public func clamped(min: Double = -.infinity, max: Double = .infinity) -> Tensor {
        require(min <= max, "clamped: min \(min) is greater than max \(max)")
        return mapped(.clamp(min, max)).recorded("clamp", self, saving: .inputs) { g, _, x in
            g * x.mapped(.insideMask(min, max))
        }
    }
}
