#!/usr/bin/env bash
# Every `divelab-cli train` flag does the same thing whatever the model came from: a preset, the same
# network as a JSON file, or a .divelab project holding that network and the preset's suggested
# settings. Compared through --print-config (the resolved settings) and a real one-epoch run on a
# tiny IDX data set; plus the order of precedence (suggestions < project < flags) and usage errors.
# The list of flags comes from `train --help`, so a new flag without a case here fails the test.
set -u
CLI=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0; passes=0
pass() { passes=$((passes + 1)); echo "PASS $1"; }
fail() { fails=$((fails + 1)); echo "FAIL $1"; shift; printf '%s\n' "$@" | sed 's/^/    /'; }

# A tiny IDX data set (48 train / 16 test images, 28×28, 10 classes) and a copy for --dataset.
python3 - "$T" <<'PY'
import os, random, shutil, struct, sys
root = sys.argv[1]
def idx(path, dims, data):
    with open(path, 'wb') as f:
        f.write(struct.pack('>I', (0x08 << 8) | len(dims)))
        for d in dims: f.write(struct.pack('>I', d))
        f.write(bytes(data))
random.seed(1)
os.makedirs(f'{root}/idx')
for name, n in (('train', 48), ('t10k', 16)):
    idx(f'{root}/idx/{name}-images-idx3-ubyte', (n, 28, 28), random.randbytes(n * 784))
    idx(f'{root}/idx/{name}-labels-idx1-ubyte', (n,), [i % 10 for i in range(n)])
shutil.copytree(f'{root}/idx', f'{root}/idx2')
PY

# The network with suggested settings, installed as the preset "tiny" and kept as a JSON file.
layers='[{"id": "flat", "type": "Flatten"}, {"id": "fc", "type": "Linear", "out_features": 10}]'
mkdir -p "$T/res/presets"
network='{"format": "divelab-network", "version": 1, "name": "tiny", "layers": '$layers',
 "train": {"dataset": "'$T'/idx", "optimizer": "sgd", "lr": 0.05, "weight_decay": 0.001, "batch_size": 16,
           "epochs": 1, "resize": 28}}'
echo "$network" >"$T/tiny.json"
cp "$T/tiny.json" "$T/res/presets/tiny.json"
# The project: the same network, its saved settings those the preset suggests (the rest left to defaults).
cat >"$T/tiny.divelab" <<J
{"format": "divelab-project", "version": 1,
 "network": $network,
 "dataset": {"name": "$T/idx", "resize": 28},
 "hyperparameters": {"epochs": 1, "batch_size": 16, "optimizer": {"name": "sgd", "lr": 0.05, "weight_decay": 0.001}}}
J
export DIVELAB_RESOURCES="$T/res"
SOURCES=(tiny "$T/tiny.json" "$T/tiny.divelab")

config() { "$CLI" train --model "$@" --print-config 2>&1; }
# A real run's JSON lines without the timings (which differ from run to run).
run() { "$CLI" train --model "$@" --jsonl 2>&1 | sed -E 's/"(seconds|examples_per_sec)":[^,}]*//g'; }

# same_for_all NAME FUNCTION ARGS...: FUNCTION gives the same output (and exit 0) for all three sources.
same_for_all() {
  local name=$1 fn=$2; shift 2
  local first="" out rc src
  for src in "${SOURCES[@]}"; do
    out=$($fn "$src" "$@"); rc=$?
    if [ "$rc" -ne 0 ]; then fail "$name" "exit $rc for --model $src $*:" "$out"; return 1; fi
    if [ -z "$first" ]; then first=$out
    elif [ "$out" != "$first" ]; then fail "$name" "--model $src $* differs from the preset:" \
      "$(diff <(echo "$first") <(echo "$out"))"; return 1; fi
  done
  LAST=$first
  pass "$name"
}

# ---- the three sources agree before any flag ----
same_for_all baseline_config config
BASE=$LAST
same_for_all baseline_run run

# ---- every flag: the case's arguments, the arguments it is compared against, and what it must set ----
declare -A ARGS BEFORE EXPECT
ARGS[dataset]="--dataset $T/idx2";             EXPECT[dataset]="\"name\": \"$T/idx2\""
ARGS[epochs]="--epochs 2";                     EXPECT[epochs]='"epochs": 2,'
ARGS[batch-size]="--batch-size 8";             EXPECT[batch-size]='"batch_size": 8,'
ARGS[optimizer]="--optimizer adam";            EXPECT[optimizer]='"lr": 0.001,'      # adam's own lr
ARGS[lr]="--lr 0.2";                           EXPECT[lr]='"lr": 0.2,'
ARGS[momentum]="--momentum 0.5";               EXPECT[momentum]='"momentum": 0.5,'
BEFORE[nesterov]="--momentum 0.5"
ARGS[nesterov]="--momentum 0.5 --nesterov";    EXPECT[nesterov]='"nesterov": true,'
BEFORE[no-nesterov]="--momentum 0.5 --nesterov"
ARGS[no-nesterov]="--momentum 0.5 --nesterov --no-nesterov"; EXPECT[no-nesterov]='"nesterov": false,'
ARGS[weight-decay]="--weight-decay 0.01";      EXPECT[weight-decay]='"weight_decay": 0.01,'
ARGS[schedule]="--schedule step:1:0.5";        EXPECT[schedule]='"schedule": "step:1:0.5",'
ARGS[warmup]="--warmup 1";                     EXPECT[warmup]='"warmup_epochs": 1,'
BEFORE[warmup-start]="--warmup 1"
ARGS[warmup-start]="--warmup 1 --warmup-start 0.01"; EXPECT[warmup-start]='"warmup_start_lr": 0.01'
ARGS[clip]="--clip 1.5";                       EXPECT[clip]='"clip_norm": 1.5,'
ARGS[loss]="--loss cross_entropy";             EXPECT[loss]='"loss": "cross_entropy"'
ARGS[seed]="--seed 7";                         EXPECT[seed]='"seed": 7,'
ARGS[data-seed]="--data-seed 3";               EXPECT[data-seed]='"seed": 3,'
ARGS[threads]="--threads 1";                   EXPECT[threads]='"threads": 1,'
ARGS[limit]="--limit 32";                      EXPECT[limit]='"train_limit": 32,'
ARGS[test-limit]="--test-limit 8";             EXPECT[test-limit]='"test_limit": 8,'
ARGS[resize]="--resize 14";                    EXPECT[resize]='"resize": 14'
ARGS[target]="--target label";                 EXPECT[target]='"target": "label",'
# Text options: ignored by an image set, but kept in the settings (a project saves them).
ARGS[tokens]="--tokens word";                  EXPECT[tokens]='"tokens": "word"'
ARGS[sampling]="--sampling sequential";        EXPECT[sampling]='"sampling": "sequential"'
ARGS[num-steps]="--num-steps 10";              EXPECT[num-steps]='"num_steps": 10'
# BERT settings: kept in the settings like the rest (an image set ignores max_len and head_lr).
ARGS[steps]="--steps 2";                       EXPECT[steps]='"max_steps": 2'
ARGS[max-len]="--max-len 16";                  EXPECT[max-len]='"max_len": 16'
ARGS[head-lr]="--head-lr 0.002";               EXPECT[head-lr]='"head_lr": 0.002'
# Not settings: --model is the source itself, --print-config the probe; --save, --jsonl are checked below;
# --init-from and --freeze-encoder choose how a fine-tuning run starts (test_cli_bert.sh checks them).
NOT_SETTINGS=" help model print-config save jsonl init-from freeze-encoder "

flags=$("$CLI" train --help | sed -nE 's/^  (-[^ ]+).*/\1/p' | grep -oE -- '--[a-z][a-z-]*' | sed 's/^--//')
[ "$(wc -w <<<"$flags")" -ge 20 ] && pass help_lists_flags || fail help_lists_flags "train --help lists: $flags"
for flag in $flags; do
  case "$NOT_SETTINGS" in *" $flag "*) continue ;; esac
  if [ -z "${ARGS[$flag]:-}" ]; then fail "flag_$flag" "no equivalence case for --$flag in $0"; continue; fi
  read -ra args <<<"${ARGS[$flag]}"
  read -ra before <<<"${BEFORE[$flag]:-}"
  same_for_all "config_$flag" config "${args[@]}" || continue
  with=$LAST
  if [ "${#before[@]}" -eq 0 ]; then without=$BASE; else without=$(config tiny "${before[@]}"); fi
  if [ "$with" != "$without" ] && grep -qF -- "${EXPECT[$flag]}" <<<"$with"; then pass "takes_effect_$flag"
  else fail "takes_effect_$flag" "--$flag did not set ${EXPECT[$flag]}:" "$(diff <(echo "$without") <(echo "$with"))"; fi
  if [ "${#args[@]}" -eq 2 ] && [ "${args[0]}" = "--$flag" ]; then  # --name=value reads as --name value
    [ "$(config tiny "--$flag=${args[1]}")" = "$with" ] && pass "equals_form_$flag" \
      || fail "equals_form_$flag" "--$flag=${args[1]} differs from --$flag ${args[1]}"
  fi
  same_for_all "run_$flag" run "${args[@]}"
done

# ---- the output flags ----
# --save: the same weights, and the same model file apart from the name of its weights file.
for i in 0 1 2; do
  "$CLI" train --model "${SOURCES[$i]}" --save "$T/saved$i" >/dev/null 2>&1
  grep -v '"weights":' "$T/saved$i.json" >"$T/model$i.txt" 2>/dev/null
done
if [ -s "$T/model0.txt" ] && cmp -s "$T/saved0.safetensors" "$T/saved1.safetensors" \
   && cmp -s "$T/saved0.safetensors" "$T/saved2.safetensors" && cmp -s "$T/model0.txt" "$T/model1.txt" \
   && cmp -s "$T/model0.txt" "$T/model2.txt"; then pass save_same_model
else fail save_same_model "--save wrote different (or no) models: $(ls "$T" | grep saved | tr '\n' ' ')"; fi
same_for_all jsonl_lines run
grep -qE '^\{"epoch":1,.*"train_loss"' <<<"$LAST" && pass jsonl_format || fail jsonl_format "$LAST"

# ---- usage errors fail alike: exit 2, a message naming the flag, whatever the source ----
usage_error() {  # NAME PATTERN ARGS...
  local name=$1 pattern=$2; shift 2
  local first="" src out rc
  for src in "${SOURCES[@]}"; do
    out=$("$CLI" train --model "$src" "$@" 2>&1); rc=$?
    if [ "$rc" -ne 2 ] || ! grep -qE -- "$pattern" <<<"$out"; then fail "$name" "exit $rc for --model $src $*:" "$out"; return; fi
    [ -z "$first" ] && first=$out
    [ "$out" = "$first" ] || { fail "$name" "--model $src: $out" "preset: $first"; return; }
  done
  pass "$name"
}
usage_error unknown_flag "unexpected argument '--bogus'" --epochs 1 --bogus 3
usage_error out_of_range "--epochs must be an integer ≥ 1, got '0'" --epochs 0
usage_error not_a_number "--clip must be a number ≥ 0, got 'x'" --clip x
usage_error missing_value "--warmup needs a value" --warmup
usage_error stray_word "unexpected argument 'extra'" extra

# ---- precedence: built-in defaults < the network's suggestions < a project's saved settings < flags ----
cat >"$T/saved.divelab" <<J
{"format": "divelab-project", "version": 1,
 "network": {"format": "divelab-network", "version": 1, "name": "tiny", "layers": $layers,
             "train": {"dataset": "$T/idx2", "lr": 0.05, "epochs": 1}},
 "dataset": {"name": "$T/idx", "train_limit": 40, "seed": 4},
 "hyperparameters": {"epochs": 3, "batch_size": 12, "seed": 9, "schedule": "cosine:0.01", "warmup_epochs": 2,
                     "optimizer": {"name": "sgd", "lr": 0.3, "momentum": 0.9, "nesterov": true}}}
J
expect_config() {  # NAME "ARGS" PATTERN...: every pattern is in the resolved settings
  local name=$1 out p; read -ra args <<<"$2"; shift 2
  out=$(config "$T/saved.divelab" "${args[@]}")
  for p in "$@"; do grep -qF -- "$p" <<<"$out" || { fail "$name" "no $p in:" "$out"; return; }; done
  pass "$name"
}
expect_config project_beats_suggestions "" "\"name\": \"$T/idx\"" '"lr": 0.3,' '"epochs": 3,' '"train_limit": 40,'
expect_config project_warmup_alone "--warmup 1" '"warmup_epochs": 1,' '"schedule": "cosine:0.01",'
expect_config project_schedule_keeps_warmup "--schedule step:2" '"schedule": "step:2:0.1",' '"warmup_epochs": 2,'
# D2L §11.11's multi-factor and cosine-with-warm-up forms, kept as written.
expect_config project_multifactor "--schedule multifactor:1,2:0.5" '"schedule": "multifactor:1,2:0.5",' '"warmup_epochs": 2,'
expect_config project_d2l_cosine "--schedule cosine:0.01:3 --warmup-start 0" '"schedule": "cosine:0.01:3",' \
  '"warmup_start_lr": 0'
expect_config project_nesterov_off "--no-nesterov" '"nesterov": false,' '"momentum": 0.9,'
expect_config project_same_optimizer_keeps_lr "--optimizer SGD" '"lr": 0.3,' '"momentum": 0.9,'
expect_config project_seeds "--data-seed 5 --seed 6" '"seed": 5,' '"seed": 6,'
expect_config project_limit_back_to_all "--limit 0" '"train_limit": 0,'
# The issue's case: a project with --warmup trains (it used to exit 2 with "unexpected argument").
out=$("$CLI" train --model "$T/saved.divelab" --warmup 1 --epochs 2 --jsonl 2>&1)
grep -q '^{"epoch":2,' <<<"$out" && pass project_warmup_trains || fail project_warmup_trains "$out"

# ---- --help of the other commands comes from the same table ----
help=$("$CLI" evaluate --help)
grep -q -- '--model-file FILE' <<<"$help" && grep -q -- '--limit N  *score only' <<<"$help" && pass evaluate_help \
  || fail evaluate_help "$help"
help=$("$CLI" bench --help)
grep -q -- '--model NAME' <<<"$help" && grep -q -- '--threads T' <<<"$help" && pass bench_help || fail bench_help "$help"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
