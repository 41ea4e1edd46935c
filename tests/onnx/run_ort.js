// Runs an exported model in ONNX Runtime (onnxruntime-node, CPU) and compares it with DiveLab's outputs.
//
// usage: node tests/onnx/run_ort.js CASE.json
// CASE.json: {"model": "m.onnx", "inputs": [{"name", "file", "dtype": "float32"|"int64", "shape"}],
//             "expected": {"file", "shape"}}; files are raw little-endian float32 next to CASE.json (token ids too,
//             converted to int64 here). Prints one JSON line: the largest relative error
//             max |a − b| / max(1, |b|) over all outputs (a: ONNX Runtime, b: DiveLab), the largest absolute one
//             and the largest |b| (how big the outputs compared are).
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

function readFloats(file) {
  const b = fs.readFileSync(file);
  return new Float32Array(b.buffer, b.byteOffset, b.length / 4);
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
  const got = results[session.outputNames[0]];
  const want = readFloats(path.join(dir, spec.expected.file));
  if (JSON.stringify(Array.from(got.dims)) !== JSON.stringify(spec.expected.shape))
    throw new Error(`output shape ${JSON.stringify(got.dims)}, DiveLab's ${JSON.stringify(spec.expected.shape)}`);
  let maxRel = 0, maxAbs = 0, maxWant = 0;
  for (let i = 0; i < want.length; ++i) {
    const diff = Math.abs(got.data[i] - want[i]);
    if (!(diff <= maxAbs)) maxAbs = diff;  // NaN propagates
    maxWant = Math.max(maxWant, Math.abs(want[i]));
    const rel = diff / Math.max(1, Math.abs(want[i]));
    if (!(rel <= maxRel)) maxRel = rel;
  }
  console.log(JSON.stringify({max_rel_error: maxRel, max_abs_error: maxAbs, max_abs_output: maxWant, values: want.length}));
}

main().catch((e) => {
  console.error(`run_ort.js: ${e.message}`);
  process.exit(1);
});
