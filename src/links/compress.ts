// Raw DEFLATE through the platform's CompressionStream: built into browsers, workers and
// Node 20, so links need no compression library.

async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    // A hostile link may inflate to gigabytes: stop reading long before that.
    if (size > limit) {
      await reader.cancel();
      throw new RangeError(`expands to more than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}

function streamOf(bytes: Uint8Array): ReadableStream<BufferSource> {
  return new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
}

export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  return collect(streamOf(bytes).pipeThrough(new CompressionStream('deflate-raw')) as ReadableStream<Uint8Array>, Infinity);
}

export async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  return collect(streamOf(bytes).pipeThrough(new DecompressionStream('deflate-raw')) as ReadableStream<Uint8Array>, limit);
}
