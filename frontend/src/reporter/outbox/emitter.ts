/** A tiny event emitter: the outbox tells its watchers about every change. */

/** Listeners of one kind of value. */
export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  /** Adds `listener`; returns the function that removes it. */
  on(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls every listener with `value`; one throwing listener does not silence the others. */
  emit(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Whether anyone listens (so work for nobody can be skipped). */
  get size(): number {
    return this.listeners.size;
  }
}
