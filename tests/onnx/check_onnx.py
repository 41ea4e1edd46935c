#!/usr/bin/python3
"""ONNX's own checks on an exported model: the full checker and strict shape inference.

usage: /usr/bin/python3 tests/onnx/check_onnx.py MODEL.onnx
Prints "ok" and the inferred output shapes, or the checker's complaint (exit status 1).
Debian's python3-onnx 1.12 knows opsets up to 17.
"""
import sys

import onnx
from onnx import checker, shape_inference


def main(path):
    model = onnx.load(path)
    try:
        checker.check_model(model, full_check=True)
        inferred = shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    except (checker.ValidationError, shape_inference.InferenceError) as e:
        print(f"{path}: {e}")
        return 1
    outputs = [f"{out.name} {[d.dim_param or d.dim_value for d in out.type.tensor_type.shape.dim]}"
               for out in inferred.graph.output]
    label = "output" if len(outputs) == 1 else "outputs"
    print(f"ok opset {model.opset_import[0].version}, {label} {', '.join(outputs)}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
