#!/usr/bin/env bash
# Reproduces the convolutional-network figures of the README (D2L chapters 7–8 on Fashion-MNIST):
# LeNet and BatchNorm LeNet at full size with D2L's hyperparameters, then every chapter-8 preset's
# CPU-friendly variant with the epochs stored in it. Prints one line per model and a Markdown table.
#
#   scripts/d2l-cnn-results.sh [path/to/divelab-cli] [preset ...]
#
# Takes about half an hour on two cores; each variant alone takes a few minutes.
set -euo pipefail
cli=${1:-build/app/divelab-cli}
shift || true
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(lenet lenet-bn alexnet-cpu vgg11-cpu nin-cpu googlenet-cpu resnet18-cpu densenet-cpu)
[ -x "$cli" ] || { echo "divelab-cli not found at $cli (build first, or pass its path)" >&2; exit 1; }

table="| preset | epochs | train loss | train acc | test acc | seconds |\n|---|---|---|---|---|---|"
for m in "${models[@]}"; do
    start=$(date +%s)
    last=$("$cli" train --model "$m" --seed 0 --jsonl | tail -1)
    seconds=$(($(date +%s) - start))
    line=$(python3 -c '
import json, sys
m = json.loads(sys.argv[1])
print("%d %.3f %.3f %.3f" % (m["epoch"], m["train_loss"], m["train_acc"], m["test_acc"]))' "$last")
    read -r epochs loss train_acc test_acc <<<"$line"
    printf '%-14s epochs %s  train loss %s  train acc %s  test acc %s  (%s s)\n' "$m" "$epochs" "$loss" "$train_acc" \
        "$test_acc" "$seconds"
    table+="\n| $m | $epochs | $loss | $train_acc | $test_acc | $seconds |"
done
echo
echo -e "$table"
