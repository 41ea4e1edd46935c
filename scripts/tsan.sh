#!/usr/bin/env bash
# ThreadSanitizer run: builds the engine, the engine's test executables and the training controller's
# test with -fsanitize=thread into build-tsan/ (nothing else) and runs them; any report fails the run.
# CI runs it after the normal suite (.ci/run). Needs g++'s libtsan (Debian: libtsan2, see setup.sh).
#   scripts/tsan.sh              build and run every test below
#   scripts/tsan.sh test_x ...   build and run only these
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="$root/build-tsan"
cd "$root"
say() { printf '==> [tsan] %s\n' "$*"; }

# test_training, test_training_cnn, test_training_translation, test_training_bert and test_training_ablations (the
# sign of each book ablation) are accuracy runs only (minutes
# natively, hours under TSan); the trainer's threading is what test_trainer, test_training_controller, test_bert
# (pretraining with frozen nodes and a head rate) and test_translation (its 1-vs-2-thread seq2seq run) check.
# test_onnx_export and test_pytorch_export start python3 and node (QProcess: fork + exec) from a process whose
# worker threads already run, which ThreadSanitizer does not support: the forked child that starts a thread
# dies ("starting new threads after multi-threaded fork is not supported"), and in the parent a network whose
# forward is clean when run before any fork (lenet alone) is reported only after one (mlp, then lenet). Their
# engine code (conv, linear, LSTM, attention forward) runs under TSan in its own suites.
tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
  for src in tests/engine/test_*.cpp; do
    name=$(basename "$src" .cpp)
    case "$name" in
      test_training | test_training_cnn | test_training_translation | test_training_bert | test_training_ablations | \
        test_onnx_export | test_pytorch_export) ;;
      *) tests+=("$name") ;;
    esac
  done
  tests+=(test_training_controller)
fi

# Test functions left out: each takes minutes under TSan and checks results, not threading; the threaded
# code they run is covered by the functions named after the colon, which do run.
declare -A skip=(
  # full-size presets' forward passes, for their shapes (: test_conv, blockEqualsItsInsideWiredByHand)
  [test_blocks]="everyImagePresetFitsItsImageSize presetShapesMatchD2L resnet18ShapesAt96"
  # every kernel against a naive convolution over hundreds of shapes
  # (: conv2dSameResultsForOneAndTwoThreads, poolingSameResultsForOneAndTwoThreads, the gradient tests)
  [test_conv]="conv2dMatchesDirectConvolution"
  # all of Fashion-MNIST, with a 10 s wall-clock limit (: the other data tests, test_norm's resizeDataSets)
  [test_data]="fashionMnistLoads"
  # resizes all of Fashion-MNIST (: resizeDataSets, the same parallel resize on small sets)
  [test_norm]="resizeFashionMnistAfterTheLimits"
  # GEMM against a naive product over hundreds of shapes (: gemmDoesNotDependOnThreadCount, largeMatmulMatchesNaive)
  [test_ops]="gemmAllLayouts"
  # fuzzes the project-file parser, which is single-threaded
  [test_project_file]="arbitraryDamageNeverCrashes"
  # D2L language models trained for their perplexity, 20-30 epochs each (: stateCarriesUnderSequentialPartitioning,
  # stateResetsUnderRandomSampling, gradientNormsReachObservers, sameSeedSameRun, which train the same layers)
  [test_training_rnn]="rnnLearnsTheTimeMachine gruLearnsTheTimeMachine lstmLearnsTheTimeMachine"
)
# Test functions whose assertions are about wall-clock speed, which TSan's slowdown breaks: they run in a
# separate pass in which only a TSan report (or a crash) is a failure.
declare -A races_only=(
  [test_training_controller]="eventLoopStaysResponsiveWhileTraining"
)

start=$(date +%s)
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
if [ ! -f "$build/build.ninja" ]; then
  say "Configuring build-tsan/ (-fsanitize=thread -O1 -g)"
  # A build type of its own, so that nothing of Release's -O3 -DNDEBUG leaks in. Eigen's AVX-512 code
  # warns about maybe-uninitialized variables at -O1 only: silenced to keep the log readable.
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=TSan \
    -DCMAKE_CXX_FLAGS_TSAN="-O1 -g -fsanitize=thread -Wno-maybe-uninitialized" \
    -DCMAKE_EXE_LINKER_FLAGS_TSAN="-fsanitize=thread" \
    -DCMAKE_PROJECT_INCLUDE="$root/scripts/tsan.cmake" \
    "${launcher[@]}" >/dev/null
fi
if ! grep -A3 '/core/tbb_tasks.cpp.o:' "$build/build.ninja" | grep -q -- '-fno-sanitize=thread'; then
  echo "error: build-tsan/ would instrument engine/core/tbb_tasks.cpp (see scripts/tsan.cmake)" >&2
  exit 1
fi
say "Building ${#tests[@]} test executables"
cmake --build "$build" --parallel "$(nproc 2>/dev/null || echo 2)" --target "${tests[@]}"
built=$(date +%s)

export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1 suppressions=$root/scripts/tsan.supp"
export QT_QPA_PLATFORM=offscreen DIVELAB_RESOURCES="$root/resources"
failed=()

# The test functions of executable $1 minus those named in $2.
functions_except() {
  "$1" -functions | sed 's/()$//' | grep -vxF -f <(tr ' ' '\n' <<<"$2") || true
}

# run NAME LABEL [ARGS...]: runs a test executable; returns its exit status.
run() {
  local t=$1 label=$2 t0 status=0
  shift 2
  t0=$(date +%s)
  "$build/tests/$t" -silent "$@" || status=$?
  say "$label: exit status $status ($(($(date +%s) - t0)) s)"
  return "$status"
}

for t in "${tests[@]}"; do
  exe="$build/tests/$t"
  excluded="${skip[$t]:-} ${races_only[$t]:-}"
  functions=()
  if [ -n "${excluded// /}" ]; then
    mapfile -t functions < <(functions_except "$exe" "$excluded")
    if [ ${#functions[@]} -eq 0 ]; then echo "error: $t: no test function left to run" >&2; exit 1; fi
  fi
  if [ -n "${skip[$t]:-}" ]; then say "$t: leaving out ${skip[$t]}"; fi
  run "$t" "$t" "${functions[@]}" || failed+=("$t")
  if [ -n "${races_only[$t]:-}" ]; then
    status=0
    # shellcheck disable=SC2086  # a list of function names
    run "$t" "$t (races only: ${races_only[$t]})" ${races_only[$t]} || status=$?
    if [ "$status" -eq 66 ] || [ "$status" -gt 127 ]; then failed+=("$t (races only)"); fi
  fi
done

say "Build $((built - start)) s, tests $(($(date +%s) - built)) s"
if [ ${#failed[@]} -gt 0 ]; then
  say "FAILED: ${failed[*]}"
  exit 1
fi
say "All ${#tests[@]} test executables clean under ThreadSanitizer."
