// YuNet at any input size and on uint8 RGB pixels: the registry's 640×640 file with symbolic shapes (its reshapes already use -1) and a pixel input.
import { ATTR, decodeModel, encodeModelObject, int64Tensor, type ValueInfo } from './onnx-proto.js';

/** The rewritten model's input: uint8 RGB pixels, [1, height, width, 3] (NHWC, as sharp gives them). */
export const YUNET_PIXELS = 'pixels';
const UINT8 = 2;
const FLOAT = 1;

const symbolic = (v: ValueInfo, dims: Record<number, string>): ValueInfo => ({
  ...v,
  type: { tensor_type: { ...v.type.tensor_type, shape: { dim: v.type.tensor_type.shape.dim.map((d, i) => (dims[i] ? { dim_param: dims[i] } : d)) } } },
});

/**
 * Rewrites yunet_s_640_640.onnx so it runs on H×W inputs (multiples of 32): input [1,3,height,width], outputs
 * [1,anchors,k], shape annotations of inner values dropped (onnxruntime infers them). Weights and nodes are untouched;
 * at 640×640 the rewritten model gives the original's outputs exactly (test/pipeline/models/yunet-any-size.test.ts).
 * With `pixels` (the default), the input becomes YUNET_PIXELS: uint8 RGB NHWC, cast, reordered to BGR and transposed
 * to the file's NCHW input inside the graph (onnxruntime's loops, not a JS one per pixel); the same floats reach the
 * file's first node, so the outputs are the same.
 */
export function yunetAnySize(bytes: Uint8Array, opts: { pixels?: boolean } = {}): Uint8Array {
  const model = decodeModel(bytes);
  const g = model.graph;
  const input = g.input.find((i) => i.name === 'input');
  if (input?.type.tensor_type.shape.dim.length !== 4) throw new Error('YuNet: expected one NCHW input named "input"');
  // Every Reshape must take its shape from a constant with a -1 (no size baked in), else other sizes cannot run.
  const inits = new Map(g.initializer.map((t) => [t.name, t]));
  for (const n of g.node.filter((x) => x.op_type === 'Reshape')) {
    const t = inits.get(n.input[1]!);
    const raw = t?.raw_data;
    const dims = raw ? Array.from(new BigInt64Array(new Uint8Array(raw).buffer)) : [];
    if (!dims.includes(-1n)) throw new Error(`YuNet: reshape ${n.name || n.output[0]} has a fixed shape; this file cannot run at other sizes`);
  }
  g.output = g.output.map((v) => symbolic(v, { 1: `${v.name}_anchors` }));
  g.value_info = [];
  if (opts.pixels === false) {
    g.input = g.input.map((v) => (v.name === 'input' ? symbolic(v, { 2: 'height', 3: 'width' }) : v));
    return encodeModelObject(model);
  }
  const dim = [{ dim_value: 1 }, { dim_param: 'height' }, { dim_param: 'width' }, { dim_value: 3 }];
  g.input = [{ name: YUNET_PIXELS, type: { tensor_type: { elem_type: UINT8, shape: { dim } } } }, ...g.input.filter((v) => v.name !== 'input')];
  g.initializer.push(int64Tensor('pixels/bgr', [2, 1, 0]));
  g.node.unshift(
    { op_type: 'Cast', input: [YUNET_PIXELS], output: ['pixels/float'], name: 'pixels/cast', attribute: [{ name: 'to', type: ATTR.INT, i: FLOAT }] },
    { op_type: 'Gather', input: ['pixels/float', 'pixels/bgr'], output: ['pixels/bgr-nhwc'], name: 'pixels/bgr', attribute: [{ name: 'axis', type: ATTR.INT, i: 3 }] },
    { op_type: 'Transpose', input: ['pixels/bgr-nhwc'], output: ['input'], name: 'pixels/nchw', attribute: [{ name: 'perm', type: ATTR.INTS, ints: [0, 3, 1, 2] }] },
  );
  return encodeModelObject(model);
}
