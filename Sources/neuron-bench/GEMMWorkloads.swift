import Foundation
import Neuron

/// The multiply-add peak of this build on one thread and on every CPU (see
/// `measuredMultiplyAddPeak`), the ceiling that W1's GFLOP/s are read against.
func runPeak(_ report: Report, reps: Int) {
    report.add("peak", "fma_peak_1_thread", measuredMultiplyAddPeak(threads: 1, reps: reps), "GFLOP/s")
    let all = onlineCPUs()
    if all > 1 {
        report.add("peak", "fma_peak_\(all)_threads", measuredMultiplyAddPeak(threads: all, reps: reps), "GFLOP/s")
    }
}

/// W1: square GEMM C = A·B, n = 64 … 1024, float32 and float64; GFLOP/s = 2n³ / seconds.
func runGEMM(_ report: Report, reps: Int) {
    for dtype in [DType.float32, .float64] {
        for n in [64, 128, 256, 512, 1024] {
            let a = Tensor.randn([n, n], seed: 1, dtype: dtype)
            let b = Tensor.randn([n, n], seed: 2, dtype: dtype)
            let flops = 2 * pow(Double(n), 3)
            let inner = max(3, Int(2e9 / flops))
            let t = medianTime(reps: reps) { for _ in 0..<inner { _ = a.matmul(b) } } / Double(inner)
            let name = dtype == .float32 ? "neuron_gemm_\(n)" : "neuron_gemm_f64_\(n)"
            report.add("W1", name, flops / t / 1e9, "GFLOP/s")
        }
    }
}

/// W1b: the three products of a 784 → 512 linear layer on a batch of 256.
func runLinearShapedGEMM(_ report: Report, reps: Int) {
    let shapes: [(String, [Int], [Int])] = [
        ("forward", [256, 784], [784, 512]), ("grad_weight", [784, 256], [256, 512]),
        ("grad_input", [256, 512], [512, 784]),
    ]
    for (name, sa, sb) in shapes {
        let a = Tensor.randn(sa, seed: 1)
        let b = Tensor.randn(sb, seed: 2)
        let flops = 2 * Double(sa[0] * sa[1] * sb[1])
        let t = medianTime(reps: reps) { for _ in 0..<20 { _ = a.matmul(b) } } / 20
        report.add("W1b", "neuron_\(name)", flops / t / 1e9, "GFLOP/s")
    }
}
