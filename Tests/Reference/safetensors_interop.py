"""safetensors files between PyTorch and Neuron, both ways.

PyTorch -> Neuron: writes, with safetensors.torch, the fixtures that
Tests/NeuronTests/IO/SafeTensorsInteropTests.swift loads into Neuron:
  torch_sequential.safetensors          nn.Sequential(Linear(3, 4), Tanh(), Linear(4, 2)), float32
  torch_sequential_float64.safetensors  the same layers in float64
  torch_sequential_io.safetensors       an input x and the model's outputs y (float32) and y64 (float64)
  torch_dtypes.safetensors              one tensor of each dtype PyTorch writes and Neuron reads,
                                        a scalar, an empty tensor and a Unicode name
  torch_dtypes_expected.safetensors     the same values as float64

Neuron -> PyTorch: loads the files Neuron wrote (`NEURON_WRITE_FIXTURES=1 swift test --filter
SafeTensorsInterop` writes them; the test checks that they stay what Neuron writes) into
nn.Sequential with load_state_dict(strict=True), and compares PyTorch's outputs with
Neuron's; also checks that safetensors.torch writes the same bytes for the same tensors.

Usage: python3 Tests/Reference/safetensors_interop.py   (from the repository root; needs torch and
safetensors). The output is kept in Tests/Reference/safetensors_interop.out.
"""
import os
import sys

import safetensors
import torch
from safetensors.torch import load_file, save, save_file

FIXTURES = "Tests/NeuronTests/IO/Fixtures"
os.makedirs(FIXTURES, exist_ok=True)


def path(name):
    return os.path.join(FIXTURES, name)


def sequential(dtype):
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2)).to(dtype)


print(f"torch {torch.__version__}, safetensors {safetensors.__version__}")

# PyTorch -> Neuron.
model, model64 = sequential(torch.float32), sequential(torch.float64)
save_file(model.state_dict(), path("torch_sequential.safetensors"), metadata={"format": "pt"})
save_file(model64.state_dict(), path("torch_sequential_float64.safetensors"), metadata={"format": "pt"})
x = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -0.25], [3.0, -2.0, 0.125], [0.0, 0.0, 0.0], [-1.5, 2.5, 1.0]])
with torch.no_grad():
    io = {"x": x, "y": model(x), "x64": x.double(), "y64": model64(x.double())}
save_file(io, path("torch_sequential_io.safetensors"))

nan, inf = float("nan"), float("inf")
dtypes = {
    "f16": torch.tensor([1.0, -2.0, 0.5, 65504.0, 6e-8, inf, nan, -0.0], dtype=torch.float16),
    "bf16": torch.tensor([1.0, -3.140625, 1e30, -inf], dtype=torch.bfloat16),
    "f32": torch.tensor([[0.1, -7.5, 3e-39], [inf, 1e38, -0.0]], dtype=torch.float32),
    "f64": torch.tensor([0.1, 1e-310, -1e308], dtype=torch.float64),
    "i64": torch.tensor([-5, 2**53, -(2**53), 0], dtype=torch.int64),
    "i32": torch.tensor([[-(2**31), 7], [0, 2**31 - 1]], dtype=torch.int32),
    "i16": torch.tensor([-32768, 32767], dtype=torch.int16),
    "i8": torch.tensor([-128, 127, 0], dtype=torch.int8),
    "u8": torch.tensor([0, 255, 7], dtype=torch.uint8),
    "u16": torch.tensor([0, 65535], dtype=torch.uint16),
    "u32": torch.tensor([4294967295], dtype=torch.uint32),
    "u64": torch.tensor([2**53], dtype=torch.uint64),
    "bool": torch.tensor([True, False, True]),
    "scalar": torch.tensor(3.5),
    "empty": torch.zeros(0, 4),
    "权重.é": torch.ones(2),
}
save_file(dtypes, path("torch_dtypes.safetensors"), metadata={"written by": "safetensors.torch"})
expected = {k: (v.to(torch.int64) if v.dtype in (torch.uint16, torch.uint32, torch.uint64) else v).double()
            for k, v in dtypes.items()}
save_file(expected, path("torch_dtypes_expected.safetensors"))
print(f"PyTorch -> Neuron: wrote 5 fixtures to {FIXTURES}")

# Neuron -> PyTorch.
failed = False
for suffix, dtype in [("", torch.float32), ("_float64", torch.float64)]:
    name = f"neuron_sequential{suffix}.safetensors"
    if not os.path.exists(path(name)):
        print(f"Neuron -> PyTorch: {name} is missing; run NEURON_WRITE_FIXTURES=1 swift test --filter SafeTensorsInterop")
        sys.exit(1)
    state = load_file(path(name))
    target = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Tanh(), torch.nn.Linear(4, 2)).to(dtype)
    result = target.load_state_dict(state, strict=True)
    outputs = load_file(path("neuron_sequential_io.safetensors"))
    xs, ys = (outputs["x"], outputs["y"]) if dtype == torch.float32 else (outputs["x64"], outputs["y64"])
    with torch.no_grad():
        diff = (target(xs) - ys).abs().max().item()
    with open(path(name), "rb") as f:
        neuron_bytes = f.read()
    with safetensors.safe_open(path(name), "pt") as f:
        metadata = f.metadata()
    same_bytes = save(state, metadata=metadata) == neuron_bytes
    print(f"Neuron -> PyTorch: {name} ({', '.join(f'{k} {list(v.shape)} {v.dtype}' for k, v in state.items())}, "
          f"metadata {metadata})")
    print(f"  nn.Sequential(Linear(3, 4), Tanh(), Linear(4, 2)).load_state_dict(strict=True): "
          f"missing {result.missing_keys}, unexpected {result.unexpected_keys}")
    print(f"  max |PyTorch(x) - Neuron(x)| over {list(ys.shape)} outputs = {diff:.3g}")
    print(f"  safetensors.torch.save of the same tensors gives the same bytes: {same_bytes}")
    failed |= diff > (1e-6 if dtype == torch.float32 else 1e-14) or not same_bytes
sys.exit(1 if failed else 0)
