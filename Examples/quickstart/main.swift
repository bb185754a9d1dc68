import Neuron

// One logistic neuron on four points, trained by gradient descent: the smallest complete
// use of Neuron. ŷ = σ(x·w + b), loss = binary cross-entropy, gradient (ŷ − y)·x.
let x = Tensor([0, 0, 0, 1, 1, 0, 1, 1] as [Double], shape: [4, 2])
let y = Tensor([0, 0, 0, 1] as [Double], shape: [4, 1])  // logical AND
let w = Tensor.zeros([2, 1], requiresGrad: true)
let b = Tensor.zeros([1], requiresGrad: true)

for step in 0...2000 {
    let p = (x.matmul(w) + b).sigmoid()
    let loss = -(y * log(p) + (1 - y) * log(1 - p)).mean()
    loss.backward()
    withNoGrad {
        w.assign(w - w.grad! * 1.0)
        b.assign(b - b.grad! * 1.0)
    }
    w.zeroGrad()
    b.zeroGrad()
    if step % 500 == 0 { print("step \(step)  loss \(loss.item())") }
}
let p = withNoGrad { (x.matmul(w) + b).sigmoid() }
print("predictions for (0,0) (0,1) (1,0) (1,1):", p.asArray(Double.self).map { ($0 * 1000).rounded() / 1000 })
print("weights:", w)
