/// scikit-learn's logistic-regression objective on a flat parameter vector θ, with its
/// derivatives from autograd. θ holds K rows of [intercept, w₁ … w_d] (K = 1 for the binary
/// model, the number of classes for the multinomial one):
///
///     F(θ) = mean loss + ½·λ₂·‖w‖² + λ₁·‖w‖₁,   λ₂ = (1 − ρ)/(n·C), λ₁ = ρ/(n·C)
///
/// The loss is the mission's: BCE of σ(z) (binary, computed from the logit z) or cross-entropy
/// of the logits (multinomial); intercepts are never penalised. `smooth` is F without the L1
/// term, the part Newton's method and L-BFGS see.
struct LogisticObjective {
    /// The rows with a leading 1 for the intercept: [n, p], p = d + 1, float64.
    let design: Tensor
    /// Binary targets [n, 1] (K = 1), or nil for the multinomial model.
    let targets: Tensor?
    /// Class labels (multinomial).
    let labels: [Int]
    let n: Int
    let p: Int
    let classes: Int
    let ridge: Double
    let lasso: Double
    /// 0 at the intercepts, 1 at the coefficients: [K, p].
    let penaltyMask: Tensor

    init(design: Tensor, targets: Tensor?, labels: [Int], classes: Int, penalty: LogisticRegression.Penalty) {
        self.design = design
        self.targets = targets
        self.labels = labels
        (n, p) = (design.shape[0], design.shape[1])
        self.classes = classes
        let (inverseC, ratio): (Double, Double) =
            switch penalty {
            case .none: (0, 0)
            case .l2(let c): (1 / c, 0)
            case .l1(let c): (1 / c, 1)
            case .elasticNet(let c, let l1Ratio): (1 / c, l1Ratio)
            }
        ridge = (1 - ratio) * inverseC / Double(n)
        lasso = ratio * inverseC / Double(n)
        var mask = [Double](repeating: 1, count: classes * p)
        for k in 0..<classes { mask[k * p] = 0 }
        penaltyMask = Tensor(mask, shape: [classes, p], dtype: .float64)
    }

    /// The number of parameters, K·p.
    var count: Int { classes * p }

    /// The logits [n, K] at θ.
    func logits(_ theta: Tensor) -> Tensor {
        design.matmul(theta.reshaped([classes, p]).transposed())
    }

    /// The mean loss plus the ridge term, differentiable in θ.
    func smooth(_ theta: Tensor) -> Tensor {
        let z = logits(theta)
        // BCE of σ(z) computed from the logit, as BCELoss does after a recorded sigmoid: exact at
        // any z, with or without recording.
        let loss = targets.map { BCEWithLogitsLoss()(z, $0) } ?? CrossEntropyLoss()(z, labels: labels)
        guard ridge > 0 else { return loss }
        return loss + (theta.reshaped([classes, p]).squared() * penaltyMask).sum() * (ridge / 2)
    }

    /// The L1 term λ₁·‖w‖₁ (0 without an L1 penalty).
    func nonsmooth(_ theta: [Double]) -> Double {
        guard lasso > 0 else { return 0 }
        return lasso * theta.indices.reduce(0) { $0 + ($1 % p == 0 ? 0 : Swift.abs(theta[$1])) }
    }

    /// F(θ).
    func value(_ theta: [Double]) -> Double {
        withNoGrad { smooth(tensor(theta)).item() } + nonsmooth(theta)
    }

    /// The smooth part's value and gradient.
    func valueAndGradient(_ theta: [Double]) -> (Double, [Double]) {
        let t = tensor(theta)
        t.requiresGrad = true
        let f = smooth(t)
        let g = Tensor.gradients(of: f, withRespectTo: [t])[0]
        return (f.item(), g.asArray(Double.self))
    }

    /// The smooth part's Hessian, [count, count] row-major, from autograd (`createGraph`).
    func hessianMatrix(_ theta: [Double]) -> [Double] {
        hessian(of: smooth, at: tensor(theta)).asArray(Double.self)
    }

    /// θ as a float64 tensor.
    func tensor(_ theta: [Double]) -> Tensor { Tensor(theta, shape: [theta.count], dtype: .float64) }
}
