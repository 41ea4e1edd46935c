#!/usr/bin/env bash
# The README's speed ratios: DiveLab (`divelab-cli bench`) against PyTorch (../shared/bench/torch_ref.py) on the
# same models, run alternately in pairs (one DiveLab run, then one PyTorch run), because a VM's speed drifts by
# tens of percent within minutes and only back-to-back runs compare. Prints each pair, then per model the
# median times and the range and median of the pair ratios, with the CPU and both sides' kernels named.
#
#   scripts/bench-vs-torch.sh [--rounds N] [--cli path/to/divelab-cli] [model ...]
#
# Models: softmax mlp lenet lenet-bn resnet18 (resnet18 on 2,560 images at 96×96, D2L §8.6; the others on all of
# Fashion-MNIST). Default: softmax mlp lenet lenet-bn, 4 rounds (about 10 minutes on two cores).
#
# PyTorch's Linear layers run on whatever libblas.so.3 is. Debian's default is the reference BLAS, which makes
# them several times slower (an MLP epoch: 17 s instead of 1.7–2.5 s on a Zen 4 EPYC) and every ratio too
# good, so the script stops unless it is OpenBLAS (apt-get install libopenblas0-pthread).
set -euo pipefail
rounds=4
cli=build/app/divelab-cli
models=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --cli) cli=$2; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) models+=("$1"); shift ;;
    esac
done
[ ${#models[@]} -gt 0 ] || models=(softmax mlp lenet lenet-bn)
here=$(cd "$(dirname "$0")/.." && pwd)
torch_ref=${TORCH_REF:-$here/../shared/bench/torch_ref.py}
python=/usr/bin/python3
[ -x "$cli" ] || { echo "divelab-cli not found at $cli (build first, or pass --cli)" >&2; exit 1; }
[ -f "$torch_ref" ] || { echo "torch_ref.py not found at $torch_ref (set TORCH_REF)" >&2; exit 1; }

blas=$("$python" - <<'EOF'
import ctypes
try:
    import torch  # noqa: F401  (loads libblas.so.3 as torch does)
except ImportError:
    print("missing: python3-torch is not installed"); raise SystemExit
lib = ctypes.CDLL("libblas.so.3")
if hasattr(lib, "openblas_get_config"):
    lib.openblas_get_config.restype = ctypes.c_char_p
    lib.openblas_get_corename.restype = ctypes.c_char_p
    print("%s, core %s" % (lib.openblas_get_config().decode(), lib.openblas_get_corename().decode()))
else:
    print("reference: libblas.so.3 is not OpenBLAS")
EOF
)
case "$blas" in
    OpenBLAS*) ;;
    *) echo "PyTorch's BLAS: $blas. Install libopenblas0-pthread (see ../shared/README.md); with the reference" \
            "BLAS PyTorch's Linear layers are several times slower and every ratio would be inflated." >&2
       exit 1 ;;
esac
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
family=$(grep -m1 'cpu family' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
model=$(grep -m1 '^model[[:space:]]*:' /proc/cpuinfo | cut -d: -f2 | tr -d ' ')
echo "CPU: $cpu (family $family, model $model), $(nproc) cores; PyTorch's BLAS: $blas"

torch_name() { case "$1" in lenet-bn) echo lenet_bn ;; *) echo "$1" ;; esac; }
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for round in $(seq "$rounds"); do
    for m in "${models[@]}"; do
        ours=(--model "$m" --epochs 3) theirs=("$(torch_name "$m")" --epochs 3)
        if [ "$m" = resnet18 ]; then ours+=(--limit 2560); theirs=(resnet18 --limit 2560 --epochs 2); fi
        line=$("$cli" bench "${ours[@]}" | tail -1)
        a=$("$python" -c 'import json,sys; print(json.loads(sys.argv[1])["sec_per_epoch"])' "$line")
        kernels=$("$python" -c 'import json,sys; print(json.loads(sys.argv[1])["kernels"])' "$line")
        b=$("$python" "$torch_ref" "${theirs[@]}" | tail -1 | awk '{print $3}')
        printf 'round %s  %-9s DiveLab %7.3f s (%s)  PyTorch %7.3f s  ratio %5.2fx\n' "$round" "$m" "$a" "$kernels" "$b" \
            "$("$python" -c "print($b / $a)")"
        echo "$m $a $b" >>"$log"
    done
done
echo
"$python" - "$log" <<'EOF'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m, a, b = line.split()
    rows.setdefault(m, []).append((float(a), float(b)))
print("| model | DiveLab s/epoch (median) | PyTorch s/epoch (median) | pair ratios | median ratio |")
print("| --- | --- | --- | --- | --- |")
for m, pairs in rows.items():
    ratios = sorted(b / a for a, b in pairs)
    ours, theirs = [a for a, _ in pairs], [b for _, b in pairs]
    print("| %s | %.3f–%.3f (%.3f) | %.2f–%.2f (%.2f) | %.1f–%.1f× | %.1f× |" % (
        m, min(ours), max(ours), statistics.median(ours), min(theirs), max(theirs), statistics.median(theirs),
        ratios[0], ratios[-1], statistics.median(ratios)))
EOF
