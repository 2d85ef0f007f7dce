// The subset of onnx.proto (IR 9, opset 17) needed to write inference graphs and to rewrite plain CNN models, with protobufjs.
import protobuf from 'protobufjs';

const ONNX_PROTO = `
syntax = "proto3";
package onnx;
message AttributeProto {
  enum AttributeType { UNDEFINED = 0; FLOAT = 1; INT = 2; STRING = 3; TENSOR = 4; GRAPH = 5; FLOATS = 6; INTS = 7; STRINGS = 8; TENSORS = 9; GRAPHS = 10; }
  string name = 1;
  float f = 2;
  int64 i = 3;
  bytes s = 4;
  TensorProto t = 5;
  GraphProto g = 6;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  repeated TensorProto tensors = 10;
  repeated GraphProto graphs = 11;
  string doc_string = 13;
  AttributeType type = 20;
  string ref_attr_name = 21;
}
message ValueInfoProto { string name = 1; TypeProto type = 2; string doc_string = 3; }
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
  repeated AttributeProto attribute = 5;
  string doc_string = 6;
  string domain = 7;
}
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
message StringStringEntryProto { string key = 1; string value = 2; }
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  string producer_version = 3;
  string domain = 4;
  int64 model_version = 5;
  string doc_string = 6;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
}
message TensorProto {
  enum DataType { UNDEFINED = 0; FLOAT = 1; UINT8 = 2; INT8 = 3; INT32 = 6; INT64 = 7; }
  repeated int64 dims = 1;
  int32 data_type = 2;
  repeated float float_data = 4;
  repeated int32 int32_data = 5;
  repeated bytes string_data = 6;
  repeated int64 int64_data = 7;
  string name = 8;
  bytes raw_data = 9;
  repeated double double_data = 10;
  repeated uint64 uint64_data = 11;
  string doc_string = 12;
  repeated StringStringEntryProto external_data = 13;
  int32 data_location = 14;
}
message TensorShapeProto {
  message Dimension {
    oneof value { int64 dim_value = 1; string dim_param = 2; }
    string denotation = 3;
  }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
  string denotation = 6;
}
`;

const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
const ModelProto = root.lookupType('onnx.ModelProto');

const FLOAT = 1;
const INT64 = 7;
export const ATTR = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

export interface Tensor {
  name: string;
  dims: number[];
  data_type: number;
  raw_data: Uint8Array;
}
export interface Attribute {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  floats?: number[];
  ints?: number[];
}
export interface Node {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: Attribute[];
  /** Operator set of the op (empty: ONNX's own; 'com.microsoft': onnxruntime's contrib ops). */
  domain?: string;
}
export interface ValueInfo {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: Array<{ dim_value: number } | { dim_param: string }> } } };
}
export interface Graph {
  name: string;
  node: Node[];
  initializer: Tensor[];
  input: ValueInfo[];
  output: ValueInfo[];
}

export function floatTensor(name: string, dims: number[], data: Float32Array): Tensor {
  return { name, dims, data_type: FLOAT, raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export function uint8Tensor(name: string, dims: number[], data: Uint8Array): Tensor {
  return { name, dims, data_type: 2, raw_data: data };
}

export function int8Tensor(name: string, dims: number[], data: Int8Array): Tensor {
  return { name, dims, data_type: 3, raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

export function int32Tensor(name: string, dims: number[], data: Int32Array): Tensor {
  return { name, dims, data_type: 6, raw_data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** The float32 values of an initializer written by `floatTensor`. */
export function floatsOf(t: Tensor): Float32Array {
  const copy = new Uint8Array(t.raw_data);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

export function int64Tensor(name: string, values: number[]): Tensor {
  const data = BigInt64Array.from(values.map((v) => BigInt(v)));
  return { name, dims: [values.length], data_type: INT64, raw_data: new Uint8Array(data.buffer) };
}

/** A float tensor input/output; a negative or string dimension is symbolic (e.g. the batch). */
export function valueInfo(name: string, shape: Array<number | string>): ValueInfo {
  const dim = shape.map((d, i) => (typeof d === 'number' && d >= 0 ? { dim_value: d } : { dim_param: typeof d === 'string' ? d : `d${i}` }));
  return { name, type: { tensor_type: { elem_type: FLOAT, shape: { dim } } } };
}

/** A decoded model, as protobufjs plain objects (int64 as numbers, bytes as Uint8Array). */
export interface ModelObject {
  ir_version: number;
  graph: Graph & { value_info?: ValueInfo[] };
  opset_import: Array<{ domain?: string; version: number }>;
  [field: string]: unknown;
}

/** Reads an ONNX file into plain objects; every field of the schema above is kept, so decode → encode round-trips
 *  models made of them (a field outside the schema would be dropped: check outputs against the original). */
export function decodeModel(bytes: Uint8Array): ModelObject {
  return ModelProto.toObject(ModelProto.decode(bytes), { longs: Number, bytes: Uint8Array, defaults: false, arrays: true }) as ModelObject;
}

/** Writes a model decoded by `decodeModel` (and edited) back to bytes. */
export function encodeModelObject(model: ModelObject): Uint8Array {
  const err = ModelProto.verify(model);
  if (err) throw new Error(`invalid ONNX model: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}

export function encodeModel(graph: Graph, producer: { name: string; version: string }, doc = ''): Uint8Array {
  const contrib = graph.node.some((n) => n.domain === 'com.microsoft');
  const model = {
    ir_version: 9,
    producer_name: producer.name,
    producer_version: producer.version,
    doc_string: doc,
    graph,
    opset_import: [{ domain: '', version: 17 }, ...(contrib ? [{ domain: 'com.microsoft', version: 1 }] : [])],
  };
  const err = ModelProto.verify(model);
  if (err) throw new Error(`invalid ONNX model: ${err}`);
  return ModelProto.encode(ModelProto.fromObject(model)).finish();
}
