#!/bin/bash
# The PyTorch export end to end: divelab-cli export --format pytorch, two-process torchrun training (DDP over
# gloo, CPU) of one short epoch on a subset, and DiveLab loading the checkpoint back: `divelab-cli evaluate`
# must give exactly the test accuracy train.py printed for that checkpoint.
# usage: test_pytorch_export.sh DIVELAB_CLI
set -euo pipefail
cli=$1
python=/usr/bin/python3
torchrun=/usr/bin/torchrun
fail() { echo "FAIL: $*" >&2; exit 1; }

[ -x "$python" ] || fail "$python is missing (install python3-torch and python3-numpy)"
"$python" -c "import torch, numpy" 2>/dev/null || fail "$python cannot import torch and numpy (install python3-torch)"
[ -x "$torchrun" ] || fail "$torchrun is missing (python3-torch ships it)"
[ -d /usr/share/datasets/fashion-mnist ] || fail "Fashion-MNIST is not in /usr/share/datasets/fashion-mnist"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$cli" train --model mlp --epochs 1 --limit 2000 --test-limit 200 --threads 1 --save mlp.json > train.log
"$cli" export --model-file mlp.json --format pytorch --out project > export.log
for f in model.py train.py safetensors_io.py weights.safetensors weights.json; do
    [ -f "project/$f" ] || fail "the export wrote no $f"
done

# Debian's torchrun (torch 1.13, Python 3.11) cannot parse its own default "--redirects 0": hence --redirects/--tee.
OMP_NUM_THREADS=1 "$torchrun" --standalone --nproc_per_node 2 --redirects 1 --tee 1 \
    project/train.py --epochs 1 --limit 2000 --test-limit 1000 > torchrun.log 2>&1 ||
    { cat torchrun.log >&2; fail "torchrun train.py failed"; }
cat torchrun.log | grep -v '^\*\|OMP_NUM_THREADS' || true
grep -q "DistributedDataParallel over 2 processes (gloo)" torchrun.log || fail "train.py did not run as 2 DDP processes"
[ -f project/checkpoint.safetensors ] || fail "rank 0 wrote no checkpoint.safetensors"
cmp -s project/checkpoint.safetensors project/weights.safetensors && fail "the checkpoint equals the starting weights"
torch_acc=$(sed -n 's/.*saved .*checkpoint.safetensors: test accuracy \([0-9.]*\) (\([0-9]*\)\/1000 .*/\1/p' torchrun.log)
[ -n "$torch_acc" ] || fail "train.py printed no test accuracy for its checkpoint"
torch_loss=$(sed -n 's/.*saved .*checkpoint.safetensors: .*test loss \([0-9.]*\).*/\1/p' torchrun.log)

"$cli" evaluate --model-file project/checkpoint.safetensors --dataset fashion-mnist --limit 1000 > evaluate.json
cat evaluate.json
divelab_acc=$("$python" -c "import json,sys; r=json.load(open('evaluate.json')); assert r['examples']==1000; print(f\"{r['accuracy']:.6f}\")")
echo "PyTorch (torchrun, 2 processes): $torch_acc   DiveLab evaluate: $divelab_acc   on 1000 test images"
[ "$torch_acc" = "$divelab_acc" ] || fail "accuracies differ: PyTorch $torch_acc, DiveLab $divelab_acc"
# The mean test loss too, within the printed digits and float rounding.
"$python" -c "import json; b=json.load(open('evaluate.json'))['loss']; a=float('$torch_loss'); print(f'test loss: PyTorch {a}, DiveLab {b}'); assert abs(a-b) <= 1e-5*max(1,abs(b)), 'losses differ'" ||
    fail "test losses differ"
echo "PASS"
