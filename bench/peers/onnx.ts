/**
 * A minimal ONNX model writer: just enough protobuf (varints, length-delimited fields, packed
 * repeated fields) to build one-operator graphs in code for onnxruntime-node. Shared by the
 * benchmark and the parity tests, so no .onnx files are checked in and no Python is needed.
 *
 * Field numbers are those of onnx/onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto,
 * TensorProto, ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
 */

/** ONNX TensorProto.DataType values used here. */
export const OnnxType = { FLOAT: 1, INT64: 7 } as const;

/** An attribute value: a number is INT unless `float()` wraps it; arrays are INTS or FLOATS. */
export type AttributeValue = number | string | number[] | { float: number } | { floats: number[] };

/** Wraps a number to be written as a FLOAT attribute. */
export function float(v: number): { float: number } {
  return { float: v };
}

/** One node of the graph. Empty-string inputs mark omitted optional inputs (ONNX convention). */
export interface OnnxNode {
  opType: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, AttributeValue>;
}

/** A graph input or output: name, element type, shape (a string for a symbolic dimension). */
export interface OnnxValue {
  name: string;
  type: number;
  shape: (number | string)[];
}

/** A constant stored in the model (a weight, a sizes vector). */
export interface OnnxInitializer {
  name: string;
  type: number;
  dims: number[];
  values: ArrayLike<number>;
}

/** Everything `onnxModel` needs. */
export interface OnnxGraph {
  nodes: OnnxNode[];
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  initializers?: OnnxInitializer[];
  opset?: number;
}

class Writer {
  private bytes: number[] = [];

  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.varint((field << 3) | wireType);
  }

  int(field: number, value: number): this {
    return this.tag(field, 0).varint(value);
  }

  bytesField(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  string(field: number, text: string): this {
    return this.bytesField(field, new TextEncoder().encode(text));
  }

  message(field: number, build: (w: Writer) => void): this {
    const inner = new Writer();
    build(inner);
    return this.bytesField(field, inner.finish());
  }

  float32(field: number, value: number): this {
    this.tag(field, 5);
    const b = new Uint8Array(new Float32Array([value]).buffer);
    for (const x of b) this.bytes.push(x);
    return this;
  }

  packedInts(field: number, values: readonly number[]): this {
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    return this.bytesField(field, inner.finish());
  }

  packedFloats(field: number, values: readonly number[]): this {
    return this.bytesField(field, new Uint8Array(new Float32Array(values).buffer));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

function attribute(w: Writer, name: string, value: AttributeValue): void {
  // AttributeProto: name=1, f=2, i=3, s=4, floats=7, ints=8, type=20 (FLOAT=1, INT=2, STRING=3, FLOATS=6, INTS=7)
  w.string(1, name);
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new Error(`onnx attribute ${name}: use float() for non-integer ${value}`);
    w.int(3, value).int(20, 2);
  } else if (typeof value === "string") {
    w.string(4, value).int(20, 3);
  } else if (Array.isArray(value)) {
    w.packedInts(8, value).int(20, 7);
  } else if ("float" in value) {
    w.float32(2, value.float).int(20, 1);
  } else {
    w.packedFloats(7, value.floats).int(20, 6);
  }
}

function valueInfo(w: Writer, v: OnnxValue): void {
  // ValueInfoProto: name=1, type=2; TypeProto.tensor_type=1; Tensor: elem_type=1, shape=2;
  // TensorShapeProto.dim=1; Dimension: dim_value=1, dim_param=2
  w.string(1, v.name);
  w.message(2, (t) =>
    t.message(1, (tt) => {
      tt.int(1, v.type);
      tt.message(2, (s) => {
        for (const d of v.shape) s.message(1, (dim) => (typeof d === "number" ? dim.int(1, d) : dim.string(2, d)));
      });
    }),
  );
}

function initializer(w: Writer, t: OnnxInitializer): void {
  // TensorProto: dims=1, data_type=2, name=8, raw_data=9 (little-endian)
  for (const d of t.dims) w.int(1, d);
  w.int(2, t.type);
  w.string(8, t.name);
  const raw =
    t.type === OnnxType.FLOAT
      ? new Uint8Array(Float32Array.from(t.values).buffer)
      : new Uint8Array(BigInt64Array.from(Array.from(t.values, (v) => BigInt(v))).buffer);
  w.bytesField(9, raw);
}

/** Serialises a one-graph ONNX model (IR version 8, default opset 17). */
export function onnxModel(graph: OnnxGraph): Uint8Array {
  const w = new Writer();
  // ModelProto: ir_version=1, producer_name=2, graph=7, opset_import=8
  w.int(1, 8);
  w.string(2, "upsampling-lab");
  w.message(7, (g) => {
    // GraphProto: node=1, name=2, initializer=5, input=11, output=12
    graph.nodes.forEach((n, i) =>
      g.message(1, (nw) => {
        // NodeProto: input=1, output=2, name=3, op_type=4, attribute=5
        for (const name of n.inputs) nw.string(1, name);
        for (const name of n.outputs) nw.string(2, name);
        nw.string(3, `${n.opType}_${i}`);
        nw.string(4, n.opType);
        for (const [k, v] of Object.entries(n.attributes ?? {})) nw.message(5, (a) => attribute(a, k, v));
      }),
    );
    g.string(2, "graph");
    for (const t of graph.initializers ?? []) g.message(5, (tw) => initializer(tw, t));
    for (const v of graph.inputs) g.message(11, (vw) => valueInfo(vw, v));
    for (const v of graph.outputs) g.message(12, (vw) => valueInfo(vw, v));
  });
  w.message(8, (o) => o.string(1, "").int(2, graph.opset ?? 17));
  return w.finish();
}
