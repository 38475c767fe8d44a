/**
 * The in-memory `WatchStore` for offline runs and tests. It honours the TTL as DynamoDB
 * does in the correlation's model: an item whose `expiresAt` has passed is gone. Time is
 * the latest eventTime seen (`advanceTo`), not the clock, so a replay of old records
 * behaves as the function did when they were new. Memory holds only the watches whose
 * window is open at that time. Internal: not exported from the barrel.
 */
import { Watch, WatchChange, WatchStore } from './grant-correlation';

export class MemoryWatchStore implements WatchStore {
  private readonly items = new Map<string, Watch>();
  private now = 0;
  /** The earliest `expiresAt` held, so most calls need not look at every watch. */
  private nextExpiry = Infinity;

  /** Watches still held. */
  public get size(): number {
    this.expire();
    return this.items.size;
  }

  /** Moves the store's time forward to `seconds` (epoch); never back. */
  public advanceTo(seconds: number): void {
    if (seconds > this.now) this.now = seconds;
  }

  /** Moves time to the record's eventTime. */
  public advanceToRecord(record: any): void {
    const ms = typeof record?.eventTime === 'string' ? Date.parse(record.eventTime) : NaN;
    if (!Number.isNaN(ms)) this.advanceTo(Math.floor(ms / 1000));
  }

  /** The watch on a principal, synchronously (`get` for `correlateRead`). */
  public peek(principal: string): Watch | undefined {
    this.expire();
    return this.items.get(principal);
  }

  /** Applies the changes of a step synchronously; a first-use mark already made is ignored. */
  public apply(changes: readonly WatchChange[]): void {
    for (const change of changes) {
      if (change.kind === 'watch') this.hold(change.watch);
      else this.mark(change.principal, change.alertedAt);
    }
  }

  public async get(principal: string): Promise<Watch | undefined> {
    return this.peek(principal);
  }

  public async put(watch: Watch): Promise<void> {
    this.hold(watch);
  }

  public async markAlerted(principal: string, alertedAt: string): Promise<boolean> {
    return this.mark(principal, alertedAt);
  }

  private hold(watch: Watch): void {
    this.items.set(watch.principal, watch);
    if (watch.expiresAt < this.nextExpiry) this.nextExpiry = watch.expiresAt;
  }

  private mark(principal: string, alertedAt: string): boolean {
    const watch = this.peek(principal);
    if (!watch || watch.alertedAt) return false;
    this.items.set(principal, { ...watch, alertedAt });
    return true;
  }

  private expire(): void {
    if (this.nextExpiry >= this.now) return;
    this.nextExpiry = Infinity;
    for (const [principal, watch] of this.items) {
      if (watch.expiresAt < this.now) this.items.delete(principal);
      else if (watch.expiresAt < this.nextExpiry) this.nextExpiry = watch.expiresAt;
    }
  }
}
