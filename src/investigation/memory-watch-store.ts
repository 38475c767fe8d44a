/**
 * The in-memory `WatchStore` for offline runs and tests. It honours the TTL as DynamoDB
 * does in the correlation's model: an item whose `expiresAt` has passed is gone. Time is
 * the latest eventTime seen (`advanceTo`), not the clock, so a replay of old records
 * behaves as the function did when they were new. Internal: not exported from the barrel.
 */
import { Watch, WatchStore } from './grant-correlation';

export class MemoryWatchStore implements WatchStore {
  private readonly items = new Map<string, Watch>();
  private now = 0;

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

  public async get(principal: string): Promise<Watch | undefined> {
    this.expire();
    return this.items.get(principal);
  }

  public async put(watch: Watch): Promise<void> {
    this.items.set(watch.principal, watch);
  }

  public async markAlerted(principal: string, alertedAt: string): Promise<boolean> {
    const watch = await this.get(principal);
    if (!watch || watch.alertedAt) return false;
    this.items.set(principal, { ...watch, alertedAt });
    return true;
  }

  private expire(): void {
    for (const [principal, watch] of this.items) {
      if (watch.expiresAt < this.now) this.items.delete(principal);
    }
  }
}
