/**
 * Chunks produced in parallel, consumed strictly in order, with at most `window` in flight: the
 * output order never depends on timing and memory stays flat at any row count.
 *
 *   for await (const bytes of ordered(tasks, (t) => pool.request(t), 8)) await file.write(bytes);
 */

export async function* ordered<T, R = Uint8Array>(
  tasks: readonly T[],
  produce: (task: T) => Promise<R>,
  window: number,
): AsyncGenerator<R> {
  const queue: Array<Promise<R>> = [];
  let next = 0;
  const fill = () => {
    while (queue.length < window && next < tasks.length) {
      const p = produce(tasks[next++]);
      p.catch(() => undefined); // awaited below, in order; this only silences early rejections
      queue.push(p);
    }
  };
  fill();
  while (queue.length > 0) {
    const bytes = await queue.shift()!;
    fill();
    yield bytes;
  }
}
