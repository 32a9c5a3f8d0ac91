/** Heap in use after a full collection when the run allows one (node --expose-gc), else as is. */
export function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed;
}

export function canCollect(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

export function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

export function signedMb(bytes: number): string {
  const text = mb(Math.abs(bytes));
  return text === '0.0 MB' ? text : `${bytes < 0 ? '-' : '+'}${text}`;
}

export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
