// Runs an exported model in ONNX Runtime (onnxruntime-node, CPU) and compares it with DiveLab's outputs.
//
// usage: node tests/onnx/run_ort.js CASE.json
// CASE.json: {"model": "m.onnx", "inputs": [{"name", "file", "dtype": "float32"|"int64", "shape"}],
//             "outputs": [{"name", "file", "shape"}]}; files are raw little-endian float32 next to CASE.json
//             (ids too, converted to int64 here); every output of the graph named there is compared. Prints one
//             JSON line: over all outputs the largest relative error max |a − b| / max(1, |b|) (a: ONNX Runtime,
//             b: DiveLab), the largest absolute one and the largest |b| (how big the outputs compared are), and
//             the same per output.
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

function readFloats(file) {
  const b = fs.readFileSync(file);
  return new Float32Array(b.buffer, b.byteOffset, b.length / 4);
}

function compare(got, want) {
  let maxRel = 0, maxAbs = 0, maxWant = 0;
  for (let i = 0; i < want.length; ++i) {
    const diff = Math.abs(got[i] - want[i]);
    if (!(diff <= maxAbs)) maxAbs = diff;  // NaN propagates
    maxWant = Math.max(maxWant, Math.abs(want[i]));
    const rel = diff / Math.max(1, Math.abs(want[i]));
    if (!(rel <= maxRel)) maxRel = rel;
  }
  return {max_rel_error: maxRel, max_abs_error: maxAbs, max_abs_output: maxWant, values: want.length};
}

async function main() {
  const casePath = process.argv[2];
  const dir = path.dirname(casePath);
  const spec = JSON.parse(fs.readFileSync(casePath, 'utf8'));
  const session = await ort.InferenceSession.create(path.join(dir, spec.model));
  const feeds = {};
  for (const input of spec.inputs) {
    const values = readFloats(path.join(dir, input.file));
    feeds[input.name] = input.dtype === 'int64'
      ? new ort.Tensor('int64', BigInt64Array.from(values, (v) => BigInt(Math.round(v))), input.shape)
      : new ort.Tensor('float32', values, input.shape);
  }
  const results = await session.run(feeds);
  const total = {max_rel_error: 0, max_abs_error: 0, max_abs_output: 0, values: 0, outputs: {}};
  for (const output of spec.outputs) {
    const got = results[output.name];
    if (!got) throw new Error(`the model has no output '${output.name}' (it has ${session.outputNames.join(', ')})`);
    if (JSON.stringify(Array.from(got.dims)) !== JSON.stringify(output.shape))
      throw new Error(`output ${output.name}: shape ${JSON.stringify(got.dims)}, DiveLab's ${JSON.stringify(output.shape)}`);
    const r = compare(got.data, readFloats(path.join(dir, output.file)));
    total.outputs[output.name] = r;
    for (const key of ['max_rel_error', 'max_abs_error', 'max_abs_output'])
      if (!(r[key] <= total[key])) total[key] = r[key];
    total.values += r.values;
  }
  console.log(JSON.stringify(total));
}

main().catch((e) => {
  console.error(`run_ort.js: ${e.message}`);
  process.exit(1);
});
