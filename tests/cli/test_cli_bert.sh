#!/usr/bin/env bash
# divelab-cli and BERT (D2L §14.8–14.10, §15.7): pretraining reports the masked-LM and next-sentence losses and
# accuracy per epoch, stops after --steps, keeps the model for fine-tuning; fill prints guesses for [MASK];
# fine-tuning starts from the kept (or a given) model, refuses clearly without one; bad input gets a message.
set -u
CLI=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export DIVELAB_STATE_DIR="$T/state"
fails=0; passes=0
check() {  # check NAME CONDITION-EXIT-CODE OUTPUT
  if [ "$2" -eq 0 ]; then passes=$((passes + 1)); echo "PASS $1"; else fails=$((fails + 1)); echo "FAIL $1"; echo "$3" | sed 's/^/    /'; fi
}
run() { out=$("$@" 2>&1); rc=$?; }

# Pretraining: 4 steps of 64 pairs; every JSON line has the three BERT figures and the step count.
run "$CLI" train --model bert-tiny --steps 4 --batch-size 64 --limit 256 --jsonl --save "$T/bert"
python3 - "$out" <<'PY'
import json, sys
lines = [json.loads(l) for l in sys.argv[1].splitlines() if l.startswith('{')]
assert len(lines) == 1, lines                       # 256 pairs, batch 64: step 4 ends epoch 1
l = lines[-1]
assert l['steps'] == 4, l
for k in ('mlm_loss', 'nsp_loss', 'nsp_acc'): assert isinstance(l[k], float), (k, l)
assert 3 < l['mlm_loss'] < 8 and 0.3 < l['nsp_loss'] < 6 and 0 <= l['nsp_acc'] <= 1, l
assert abs(l['train_loss'] - l['mlm_loss'] - l['nsp_loss']) < 1e-6, l
PY
check pretrain_jsonl $(( rc + $? )) "$out"
[ -f "$T/state/pretrained/bert-tiny.json" ] && [ -f "$T/state/pretrained/bert-tiny.safetensors" ]
check pretrain_kept_for_fine_tuning $? "$(ls -R "$T/state" 2>&1)"

# fill: five guesses with probabilities for each blank, the row as the model reads it.
run "$CLI" fill --model-file "$T/bert.json" "The time [MASK] was here."
python3 - "$out" <<'PY'
import sys
lines = sys.argv[1].splitlines()
assert lines[0] == '<cls> the time <mask> was here <sep>', lines
guesses = lines[1].split(':', 1)[1].split()
assert lines[1].startswith('[MASK] at 3:') and len(guesses) == 10, lines
probs = [float(p) for p in guesses[1::2]]
assert probs == sorted(probs, reverse=True) and 0 < sum(probs) <= 1.0001, probs
PY
check fill_top5 $(( rc + $? )) "$out"
run "$CLI" fill --model-file "$T/bert.json" --top 2 "[MASK] time | the [MASK] was"
[ "$rc" -eq 0 ] && grep -q "^\[MASK\] at 1:" <<<"$out" && grep -q "^\[MASK\] at 5:" <<<"$out" && grep -q "^next sentence: 0\." <<<"$out"
check fill_pair_two_blanks $? "$out"
run "$CLI" fill --model-file "$T/bert.json" "no blank here"
[ "$rc" -eq 1 ] && grep -q "no blank" <<<"$out"; check fill_without_mask $? "$out"
run "$CLI" fill "the [MASK]"
[ "$rc" -eq 2 ] && grep -q "needs --model-file" <<<"$out"; check fill_needs_model $? "$out"

# Fine-tuning starts from the kept model (or --init-from), copies the encoder and reports test accuracy.
run "$CLI" train --model bert-paraphrase --limit 512 --test-limit 256 --epochs 1 --batch-size 128
[ "$rc" -eq 0 ] && grep -q "starting from $T/state/pretrained/bert-tiny.json: [0-9]* pretrained values copied into 6 layers; new: output" <<<"$out" && grep -q "test acc 0\." <<<"$out"
check finetune_from_kept $? "$out"
run "$CLI" train --model bert-paraphrase --init-from "$T/bert.json" --freeze-encoder --limit 256 --test-limit 128 --epochs 1 --jsonl
[ "$rc" -eq 0 ] && grep -q '"test_acc":0\.' <<<"$out"; check finetune_init_from_frozen_jsonl $? "$out"
run "$CLI" train --model bert-paraphrase --init-from "$T/bert.json" --max-len 16 --limit 64 --test-limit 64 --epochs 1
[ "$rc" -eq 0 ]; check finetune_shorter_pairs $? "$out"

# Without a pretrained model: a message that says what to do; from scratch works anyway.
rm -rf "$T/state"
run "$CLI" train --model bert-paraphrase --limit 64 --epochs 1
[ "$rc" -eq 1 ] && grep -q "Pretrain one first" <<<"$out" && grep -q "bert-paraphrase-scratch" <<<"$out"
check finetune_without_pretrained $? "$out"
run "$CLI" train --model bert-paraphrase-scratch --limit 256 --test-limit 64 --epochs 1 --jsonl
[ "$rc" -eq 0 ] && grep -q '"test_acc":0\.' <<<"$out"; check scratch_without_pretrained $? "$out"
run "$CLI" train --model bert-paraphrase --init-from "$T/nothing.json" --epochs 1
[ "$rc" -eq 1 ] && grep -q "nothing.json" <<<"$out"; check init_from_missing_file $? "$out"
run "$CLI" train --model mlp --dataset timemachine --init-from "$T/bert.json" --epochs 1 --limit 10
[ "$rc" -ne 0 ]; check init_from_not_bert_network $? "$out"
run "$CLI" train --model bert-tiny --dataset tatoeba-paraphrase --steps 1
[ "$rc" -eq 1 ] && grep -qi "pretrain" <<<"$out"; check pretraining_on_pair_data $? "$out"

# SNLI's own format, made here (D2L §15.6): three classes, '-' rows dropped.
mkdir -p "$T/snli_1.0"
{
  printf 'gold_label\tsentence1_binary_parse\tsentence2_binary_parse\tsentence1_parse\tsentence2_parse\tsentence1\tsentence2\n'
  for i in $(seq 1 40); do
    printf 'entailment\t-\t-\t-\t-\tA man is playing a guitar.\tA man plays music.\n'
    printf 'contradiction\t-\t-\t-\t-\tA woman is sleeping.\tThe woman runs a race.\n'
    printf 'neutral\t-\t-\t-\t-\tA child eats.\tThe child is hungry.\n'
    printf -- '-\t-\t-\t-\t-\tA dog barks.\tA cat meows.\n'
  done
} > "$T/snli_1.0/snli_1.0_train.txt"
cp "$T/snli_1.0/snli_1.0_train.txt" "$T/snli_1.0/snli_1.0_test.txt"
run "$CLI" train --model bert-paraphrase-scratch --dataset "$T/snli_1.0/snli_1.0_train.txt" --epochs 1 --jsonl
[ "$rc" -ne 0 ] && grep -qi "3 classes\|three\|out_features" <<<"$out"; check snli_needs_three_classes $? "$out"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
