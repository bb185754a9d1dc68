// The vector width the kernels are written for, chosen when Neuron is compiled. The native
// build (see Package.swift) targets the host CPU and defines NEURON_NATIVE, plus NEURON_AVX512
// when the host has 512-bit vectors; the portable build assumes only baseline SSE2.

#if NEURON_AVX512
    /// 16 floats: one AVX-512 register.
    typealias FloatVector = SIMD16<Float>
    /// 8 doubles: one AVX-512 register.
    typealias DoubleVector = SIMD8<Double>
#elseif NEURON_NATIVE
    /// 8 floats: one AVX register.
    typealias FloatVector = SIMD8<Float>
    /// 4 doubles: one AVX register.
    typealias DoubleVector = SIMD4<Double>
#else
    /// 4 floats: one SSE register.
    typealias FloatVector = SIMD4<Float>
    /// 2 doubles: one SSE register.
    typealias DoubleVector = SIMD2<Double>
#endif

extension SIMD where Scalar: FloatingPoint {
    /// self + a·b: one fused multiply-add in the native build; a multiply and an add in the
    /// portable build, where a fused multiply-add would become a C library call per lane.
    @inline(__always)
    func multiplyAdd(_ a: Self, _ b: Self) -> Self {
        #if NEURON_NATIVE
            addingProduct(a, b)
        #else
            self + a * b
        #endif
    }
}
