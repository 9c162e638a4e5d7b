/** A promise-chain mutex: tasks run one after another, in call order, never interleaved. */

/** Serializes async tasks; a failing task does not block the ones after it. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every task queued before it has settled. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
