/** Binary buffers of Jupyter messages (no Node API: the JupyterLite worker uses it too). */

/** Converts outgoing buffers (any view or ArrayBuffer) to byte arrays. */
export function toBytes(buffers: ReadonlyArray<ArrayBuffer | ArrayBufferView> | undefined): Uint8Array[] {
  if (buffers === undefined) return [];
  return buffers.map((buffer, index) => {
    if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer.slice(0));
    if (ArrayBuffer.isView(buffer))
      return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
    throw new TypeError(`buffers[${index}] must be an ArrayBuffer or a typed array / DataView, got ${typeof buffer}`);
  });
}
