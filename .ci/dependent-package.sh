#!/usr/bin/env bash
# Proves that a package depending on Neuron through a versioned URL builds: SwiftPM rejects
# unsafe flags in such a dependency, so Neuron's manifest must add its native flags only when
# it is the root package. Then builds the same dependent with the documented opt-in flags, and
# a dependent by path, which must get the portable build too (the manifest's root check).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A tagged snapshot of the current tree (committed or not) to depend on by version.
mkdir -p "$work/neuron"
(cd "$repo" && git ls-files -co --exclude-standard -z | tar --null -cf - -T -) | tar -xf - -C "$work/neuron"
git -C "$work/neuron" init --quiet
git -C "$work/neuron" add -A
git -C "$work/neuron" -c user.name=ci -c user.email=ci@localhost commit --quiet --allow-empty -m snapshot
git -C "$work/neuron" tag 0.1.0

mkdir -p "$work/app/Sources/App"
cat > "$work/app/Package.swift" <<MANIFEST
// swift-tools-version:6.0
import PackageDescription
let package = Package(
    name: "App",
    dependencies: [.package(url: "file://$work/neuron", from: "0.1.0")],
    targets: [.executableTarget(name: "App", dependencies: [.product(name: "Neuron", package: "neuron")])]
)
MANIFEST
cat > "$work/app/Sources/App/main.swift" <<'SWIFT'
import Neuron
let model = Sequential(Linear(3, 1), Sigmoid())
let x = Tensor.randn([4, 3], seed: 1)
let loss = BCELoss()(model(x), Tensor.ones([4, 1]))
loss.backward()
print("dependent build: \(buildDescription); loss \(loss.item()); grad \(model.parameters[0].grad!.shape)")
SWIFT

cd "$work/app"
echo "== portable build as a versioned dependency"
swift build -c release 2>&1 | tail -1
"$(swift build -c release --show-bin-path)/App" | tee "$work/url.txt"
grep -q "dependent build: portable" "$work/url.txt"
if grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo; then
    echo "== opting in to the native build from the dependent"
    flags=(-Xswiftc -target-cpu -Xswiftc native -Xswiftc -DNEURON_NATIVE)
    grep -qw avx512f /proc/cpuinfo && flags+=(-Xswiftc -DNEURON_AVX512)
    swift build -c release --scratch-path .build-native "${flags[@]}" 2>&1 | tail -1
    "$(swift build -c release --scratch-path .build-native --show-bin-path "${flags[@]}")/App"
fi

echo "== portable build as a path dependency"
mkdir -p "$work/pathapp/Sources/App"
sed "s|.package(url: \"file://$work/neuron\", from: \"0.1.0\")|.package(path: \"$work/neuron\")|" \
    "$work/app/Package.swift" > "$work/pathapp/Package.swift"
cp "$work/app/Sources/App/main.swift" "$work/pathapp/Sources/App/"
cd "$work/pathapp"
grep -q '.package(path:' Package.swift
swift build -c release 2>&1 | tail -1
"$(swift build -c release --show-bin-path)/App" | tee "$work/path.txt"
if ! grep -q "dependent build: portable" "$work/path.txt"; then
    echo "a path dependency was compiled with the native flags" >&2
    exit 1
fi
