#!/usr/bin/env bash
# divelab-cli against bad input: every case must fail with a non-zero exit and a message that
# names the file or field; plus the happy paths (JSON lines, save + evaluate, bench output).
set -u
CLI=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0; passes=0

# expect_fail NAME EXPECTED_EXIT PATTERN -- command...
expect_fail() {
  local name=$1 code=$2 pattern=$3; shift 4
  local out; out=$("$@" 2>&1); local rc=$?
  if [ "$rc" -eq "$code" ] && grep -qE -- "$pattern" <<<"$out"; then
    passes=$((passes + 1)); echo "PASS $name"
  else
    fails=$((fails + 1)); echo "FAIL $name: exit $rc (wanted $code), output:"; echo "$out" | sed 's/^/    /'
  fi
}
expect_ok() {
  local name=$1 pattern=$2; shift 3
  local out; out=$("$@" 2>&1); local rc=$?
  if [ "$rc" -eq 0 ] && grep -qE -- "$pattern" <<<"$out"; then
    passes=$((passes + 1)); echo "PASS $name"
  else
    fails=$((fails + 1)); echo "FAIL $name: exit $rc, output:"; echo "$out" | sed 's/^/    /'
  fi
}

# A small valid IDX folder (python3 writes the binary files), then damaged copies of it.
python3 - "$T" <<'PY'
import gzip, os, struct, sys, random
root = sys.argv[1]
def idx(path, dims, data, magic_type=0x08):
    with open(path, 'wb') as f:
        f.write(struct.pack('>I', (magic_type << 8) | len(dims)))
        for d in dims: f.write(struct.pack('>I', d))
        f.write(bytes(data))
random.seed(0)
for name, n in (('train', 200), ('t10k', 50)):
    os.makedirs(f'{root}/good', exist_ok=True)
    idx(f'{root}/good/{name}-images-idx3-ubyte', (n, 28, 28), [random.randrange(256) for _ in range(n * 784)])
    idx(f'{root}/good/{name}-labels-idx1-ubyte', (n,), [i % 10 for i in range(n)])
import shutil
shutil.copytree(f'{root}/good', f'{root}/truncated')
with open(f'{root}/truncated/train-images-idx3-ubyte', 'r+b') as f: f.truncate(1000)
shutil.copytree(f'{root}/good', f'{root}/badmagic')
with open(f'{root}/badmagic/train-labels-idx1-ubyte', 'r+b') as f: f.write(b'\x12\x34\x56\x78')
with open(f'{root}/ragged.csv', 'w') as f: f.write('a,b,label\n1,2,x\n3,4\n5,6,y\n')
with open(f'{root}/table.csv', 'w') as f:
    f.write('a,b,label\n' + ''.join(f'{i % 7},{(i * 3) % 5},{"yes" if (i % 7) > 3 else "no"}\n' for i in range(200)))
PY

cat > "$T/unknown_layer.json" <<'J'
{"layers": [{"id": "flat", "type": "Flatten"}, {"id": "c1", "type": "Conv9d"}]}
J
cat > "$T/wrong_shape.json" <<'J'
{"layers": [{"id": "a", "type": "Linear", "out_features": 4, "inputs": ["input"]},
            {"id": "b", "type": "Linear", "out_features": 5, "inputs": ["input"]},
            {"id": "sum", "type": "Add", "inputs": ["a", "b"]}]}
J
cat > "$T/bad_number.json" <<'J'
{"layers": [{"id": "flat", "type": "Flatten"}, {"id": "fc1", "type": "Linear", "out_features": -256}]}
J
cat > "$T/not_json.json" <<'J'
{"layers": [{"id": "flat", "type": "Flatten"},, ]}
J
cat > "$T/small.json" <<'J'
{"name": "small", "layers": [{"id": "flat", "type": "Flatten"}, {"id": "fc", "type": "Linear", "out_features": 10}]}
J
cat > "$T/table.json" <<'J'
{"name": "table", "layers": [{"id": "fc", "type": "Linear", "out_features": 2}]}
J

expect_fail truncated_idx 1 "truncated/train-images-idx3-ubyte.*(truncated|short|bytes)" -- \
  "$CLI" train --model "$T/small.json" --dataset "$T/truncated" --epochs 1
expect_fail wrong_magic_idx 1 "badmagic/train-labels-idx1-ubyte.*magic" -- \
  "$CLI" train --model "$T/small.json" --dataset "$T/badmagic" --epochs 1
expect_fail missing_dataset_dir 1 "$T/nowhere" -- \
  "$CLI" train --model "$T/small.json" --dataset "$T/nowhere" --epochs 1
expect_fail missing_fashion_mnist 1 "/no/such/fashion.*dataset-fashion-mnist" -- \
  env DIVELAB_FASHION_MNIST=/no/such/fashion "$CLI" train --model softmax --epochs 1
expect_fail unknown_layer 1 "unknown_layer.json.*Conv9d|Conv9d.*Linear" -- \
  "$CLI" train --model "$T/unknown_layer.json" --dataset "$T/good" --epochs 1
expect_fail wrong_shape 1 "'sum'.*\[4\] and \[5\]" -- \
  "$CLI" train --model "$T/wrong_shape.json" --dataset spiral --epochs 1
expect_fail bad_number 1 "fc1.*out_features.*-256" -- \
  "$CLI" train --model "$T/bad_number.json" --dataset "$T/good" --epochs 1
expect_fail not_json 1 "not_json.json: not valid JSON.*line 1" -- \
  "$CLI" train --model "$T/not_json.json" --dataset "$T/good" --epochs 1
expect_fail ragged_csv 1 "ragged.csv.*line 3" -- \
  "$CLI" train --model "$T/table.json" --dataset "$T/ragged.csv" --epochs 1
expect_fail output_does_not_fit 1 "\[10\] values per example.*2 classes" -- \
  "$CLI" train --model "$T/small.json" --dataset xor --epochs 1
expect_fail unknown_preset 1 "no preset called 'nosuch'.*mlp" -- "$CLI" train --model nosuch
expect_fail unknown_dataset 1 "nosuchdata.*fashion-mnist" -- "$CLI" train --model "$T/small.json" --dataset nosuchdata
expect_fail bad_flag_value 2 "--lr must be a number" -- "$CLI" train --model mlp --lr abc
expect_fail unknown_optimizer 1 "adamm.*sgd" -- "$CLI" train --model "$T/table.json" --dataset xor --optimizer adamm
expect_fail diverged 3 "diverged at epoch 1, batch [0-9]+" -- \
  "$CLI" train --model linreg --lr 5 --epochs 3
expect_fail unknown_command 2 "unknown command" -- "$CLI" fly
expect_fail resize_needs_images 1 "resize applies to image data sets; 'spiral' has 2 features per example" -- \
  "$CLI" train --model "$T/table.json" --dataset spiral --resize 32 --epochs 1

expect_ok jsonl_lines '^\{"epoch":2,.*"examples_per_sec".*"seconds".*"test_acc".*"train_acc".*"train_loss"' -- \
  "$CLI" train --model "$T/small.json" --dataset "$T/good" --epochs 2 --jsonl
expect_ok csv_trains '"test_acc":' -- "$CLI" train --model "$T/table.json" --dataset "$T/table.csv" --epochs 5 --jsonl --lr 0.5
expect_ok save_model "saved the model" -- \
  "$CLI" train --model "$T/small.json" --dataset "$T/good" --epochs 1 --save "$T/saved"
expect_ok evaluate_saved '"accuracy":' -- "$CLI" evaluate --model-file "$T/saved.json" --dataset "$T/good"
# export: ONNX of the saved model (tests/engine/test_onnx_export.cpp checks what it computes); clear errors
expect_ok export_onnx "exported .*saved.json to .*saved.onnx \(ONNX, opset 17\)" -- \
  "$CLI" export --model-file "$T/saved.json" --format onnx --out "$T/saved.onnx"
expect_ok export_onnx_written "ir_version" -- /usr/bin/python3 -c "import onnx, sys; print(onnx.load(sys.argv[1]).ir_version and 'ir_version')" "$T/saved.onnx"
expect_fail export_unknown_format 1 "unknown export format 'tflite'; the formats are: onnx, pytorch" -- \
  "$CLI" export --model-file "$T/saved.json" --format tflite --out "$T/saved.tflite"
expect_fail export_missing_file 1 "nope.json: cannot open" -- \
  "$CLI" export --model-file "$T/nope.json" --format onnx --out "$T/nope.onnx"
expect_fail export_needs_flags 2 "export needs --model-file FILE, --format FORMAT and --out PATH" -- \
  "$CLI" export --model-file "$T/saved.json"
expect_ok save_nadaraya_watson "saved the model" -- "$CLI" train --model nadaraya-watson --epochs 1 --save "$T/nw"
expect_fail export_no_onnx_form 1 "node 'nw' \(NadarayaWatson\) has no ONNX form yet" -- \
  "$CLI" export --model-file "$T/nw.json" --format onnx --out "$T/nw.onnx"
expect_ok export_no_onnx_form_no_file "^no file$" -- bash -c 'ls "$1"* 2>/dev/null || echo "no file"' check "$T/nw.onnx"
# --resize 14: 28x28 images become 14x14, so the Linear layer sees 196 inputs; evaluation resizes the same way
expect_ok resize_trains "saved the model" -- \
  "$CLI" train --model "$T/small.json" --dataset "$T/good" --epochs 1 --resize 14 --save "$T/small14"
expect_ok evaluate_resized '"accuracy":' -- "$CLI" evaluate --model-file "$T/small14.json" --dataset "$T/good" --resize 14
expect_fail evaluate_wrong_size 1 "\[1, 14, 14\].*, 1, 28, 28\]" -- \
  "$CLI" evaluate --model-file "$T/small14.json" --dataset "$T/good"
# A project saved by the app (fields it leaves out take their defaults) trains with its own settings;
# flags override them; a damaged one is refused with the reason.
cat >"$T/exp.divelab" <<'JSON'
{"format": "divelab-project", "version": 1,
 "network": {"format": "divelab-network", "version": 1, "name": "p",
             "layers": [{"id": "fc1", "type": "Linear", "out_features": 16}, {"id": "act", "type": "ReLU"},
                        {"id": "out", "type": "Linear", "out_features": 2}]},
 "dataset": {"name": "spiral", "size": 400, "seed": 1},
 "hyperparameters": {"epochs": 3, "batch_size": 32, "optimizer": {"name": "adam", "lr": 0.01}}}
JSON
expect_ok project_trains '^\{"epoch":3,' -- "$CLI" train --model "$T/exp.divelab" --jsonl
expect_ok project_flags_override '^\{"epoch":1,' -- "$CLI" train --model "$T/exp.divelab" --epochs 1 --jsonl
head -c 120 "$T/exp.divelab" >"$T/cut.divelab"
expect_fail project_damaged 1 "cut.divelab is damaged" -- "$CLI" train --model "$T/cut.divelab"
expect_ok presets "mlp-dropout" -- "$CLI" presets
expect_ok layers "Activations.*GELU" -- "$CLI" layers
expect_ok bench_output '"model":"small","sec_per_epoch":[0-9.e-]+' -- \
  env DIVELAB_RESOURCES="$T/res" bash -c "mkdir -p '$T/res/presets' && cp '$T/small.json' '$T/res/presets/' && '$CLI' bench --model small --dataset '$T/good' --epochs 1"
# bench times a preset at its own D2L image size (its "resize"), as train does; --resize 0 keeps the files' size
python3 - "$T" <<'PY'
import json, sys
root = sys.argv[1]
net = json.load(open(f'{root}/small.json'))
net['name'] = 'small32'
net.setdefault('train', {})['resize'] = 32
json.dump(net, open(f'{root}/res/presets/small32.json', 'w'))
PY
expect_ok bench_preset_size '"image_size":32,.*"model":"small32"' -- \
  env DIVELAB_RESOURCES="$T/res" "$CLI" bench --model small32 --dataset "$T/good" --epochs 1 --limit 20
expect_ok bench_resize_flag_wins '"image_size":28,.*"model":"small32"' -- \
  env DIVELAB_RESOURCES="$T/res" "$CLI" bench --model small32 --dataset "$T/good" --epochs 1 --limit 20 --resize 0

# determinism: the same seed gives identical JSON lines apart from timings
a=$("$CLI" train --model "$T/small.json" --dataset "$T/good" --epochs 2 --jsonl --seed 5 | sed -E 's/"(seconds|examples_per_sec)":[^,}]*//g')
b=$("$CLI" train --model "$T/small.json" --dataset "$T/good" --epochs 2 --jsonl --seed 5 | sed -E 's/"(seconds|examples_per_sec)":[^,}]*//g')
if [ -n "$a" ] && [ "$a" = "$b" ]; then passes=$((passes + 1)); echo "PASS same_seed_same_numbers"
else fails=$((fails + 1)); echo "FAIL same_seed_same_numbers"; echo "$a"; echo "$b"; fi

# An exploding but finite loss (the MLP at lr 1e6): the run goes on to the end and exits 0, with the
# warning on stderr in text mode (stdout keeps only the progress lines) and as a JSON line with --jsonl.
out=$("$CLI" train --model mlp --dataset "$T/good" --lr 1e6 --epochs 3 --batch-size 16 2>"$T/explode.err"); rc=$?
if [ "$rc" -eq 0 ] && grep -q "^epoch 3/3" <<<"$out" && ! grep -q "exploded" <<<"$out" &&
   grep -qE "^divelab-cli train: warning: the loss exploded from [0-9.]+ to [0-9.e+]+ at epoch 1, batch [0-9]+: .*Try 1e\+05 \(10 times smaller\)" "$T/explode.err"; then
  passes=$((passes + 1)); echo "PASS loss_exploded_warns"
else
  fails=$((fails + 1)); echo "FAIL loss_exploded_warns: exit $rc, stdout:"; echo "$out" | sed 's/^/    /'
  echo "  stderr:"; sed 's/^/    /' "$T/explode.err"
fi
out=$("$CLI" train --model mlp --dataset "$T/good" --lr 1e6 --epochs 3 --batch-size 16 --jsonl 2>&1); rc=$?
if [ "$rc" -eq 0 ] && [ "$(grep -c '"kind":"loss_exploded"' <<<"$out")" -eq 1 ] &&
   grep -qE '^\{"batch":[0-9]+,"epoch":1,"kind":"loss_exploded","loss":[0-9.e+]+,"start_loss":[0-9.e+-]+,"step":[0-9]+,"warning":"the loss exploded from ' <<<"$out" &&
   grep -q '^{"epoch":3,' <<<"$out" && python3 -c 'import json, sys; [json.loads(l) for l in sys.stdin]' <<<"$out"; then
  passes=$((passes + 1)); echo "PASS loss_exploded_jsonl"
else
  fails=$((fails + 1)); echo "FAIL loss_exploded_jsonl: exit $rc, output:"; echo "$out" | sed 's/^/    /'
fi

# Language models (D2L §8.5): The Time Machine trains with perplexity and tokens/s in each JSON line,
# the saved model keeps its vocabulary and continues a prefix; any UTF-8 .txt file is a corpus.
expect_ok lm_jsonl '^\{"epoch":2,.*"perplexity":[0-9.]+.*"tokens_per_sec":[0-9.e+]+' -- \
  "$CLI" train --model gru --dataset timemachine --epochs 2 --batch-size 8 --num-steps 10 --sampling sequential --jsonl --save "$T/lm"
expect_ok lm_text_mode "epoch 1/1  train loss [0-9.]+  perplexity [0-9.]+.*tokens/s" -- \
  "$CLI" train --model rnn --dataset timemachine --epochs 1 --batch-size 8 --num-steps 10
expect_ok evaluate_lm '"accuracy":[0-9.]+.*"perplexity":[0-9.]+' -- "$CLI" evaluate --model-file "$T/lm.json" --dataset timemachine
expect_ok generate_greedy '^time traveller .{20}' -- \
  "$CLI" generate --model-file "$T/lm.json" --prefix "time traveller " --length 20
a=$("$CLI" generate --model-file "$T/lm.json" --prefix "the " --length 40 --temperature 1 --seed 3)
b=$("$CLI" generate --model-file "$T/lm.json" --prefix "the " --length 40 --temperature 1 --seed 3)
c=$("$CLI" generate --model-file "$T/lm.json" --prefix "the " --length 40 --temperature 1 --seed 4)
if [ ${#a} -eq 44 ] && [ "$a" = "$b" ] && [ "$a" != "$c" ]; then passes=$((passes + 1)); echo "PASS generate_sampled_seeded"
else fails=$((fails + 1)); echo "FAIL generate_sampled_seeded: '$a' '$b' '$c'"; fi
expect_fail generate_no_vocabulary 1 "saved.json: the model has no vocabulary" -- \
  "$CLI" generate --model-file "$T/saved.json" --prefix "time traveller "
expect_fail generate_needs_model 2 "generate needs --model-file" -- "$CLI" generate --prefix "time"
# translate (D2L §9.7): its checks; a translation model's happy path needs a pair data set (fra-eng).
expect_fail translate_needs_model 2 "translate needs --model-file" -- "$CLI" translate "go ."
expect_fail translate_needs_sentence 2 "translate needs the sentence" -- "$CLI" translate --model-file "$T/lm.json"
expect_fail translate_language_model 1 "lm.json: the model has no source and target vocabularies" -- \
  "$CLI" translate --model-file "$T/lm.json" "go ."
expect_fail translate_bad_beam 2 "beam" -- "$CLI" translate --model-file "$T/lm.json" --beam -1 "go ."
expect_fail bad_tokens 2 "--tokens must be char or word, got 'bytes'" -- \
  "$CLI" train --model lstm --tokens bytes --epochs 1
expect_fail bad_sampling 1 "unknown sampling 'shuffled'" -- "$CLI" train --model lstm --sampling shuffled --epochs 1
expect_fail lm_output_does_not_fit 1 "needs \[35, [0-9]+\].*vocabulary size [0-9]+" -- \
  "$CLI" train --model lstm --tokens word --epochs 1
printf 'The quick brown fox jumps over the lazy dog.\nPack my box with five dozen liquor jugs!\n%.0s' {1..40} >"$T/pangrams.txt"
expect_ok text_file_trains '^\{"epoch":1,.*"perplexity"' -- \
  "$CLI" train --model lstm --dataset "$T/pangrams.txt" --epochs 1 --batch-size 4 --num-steps 8 --jsonl

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
