/**
 * A map that keeps only the `max` most recently written keys, forgetting the oldest first: per-chat
 * facts kept in memory (a channel's keyboards, the language a chat was last seen in) stay bounded however
 * many chats the process has seen.
 */
export class RecentMap<K, V> {
  private readonly map = new Map<K, V>();

  constructor(private readonly max: number) {}

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  /** Writes `key` as the most recent one; the oldest key goes when there are more than `max`. */
  set(key: K, value: V): this {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  get size(): number {
    return this.map.size;
  }
}
