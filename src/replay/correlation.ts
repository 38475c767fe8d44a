/**
 * The replay's door to the granted-then-used correlation: the module the
 * `GrantedThenUsedMonitor` function runs, here on an in-memory store.
 */
import {
  correlateRead, DEFAULT_WINDOW_SECONDS, GrantedThenUsedAlert,
} from '../investigation/grant-correlation';
import { MemoryWatchStore } from '../investigation/memory-watch-store';

export { alertSummary } from '../investigation/grant-correlation';
export type { GrantedThenUsedAlert } from '../investigation/grant-correlation';

/** The window the function uses when its environment names none. */
export const DEFAULT_CORRELATION_WINDOW = DEFAULT_WINDOW_SECONDS;

/**
 * One monitor's correlation over a replay. Time is each record's eventTime: a watch ends
 * `windowSeconds` after its grant and is dropped once a later record is past its end, so
 * memory holds only the watches still open.
 *
 * Records are judged in the order they arrive, as the function judges events in the order
 * EventBridge delivers them: a use that comes before its grant in the input is not
 * correlated, and a record older than the latest one seen finds the watches that ended
 * before that latest time already gone. Only order within one window matters.
 */
export class ReplayCorrelation {
  private readonly store = new MemoryWatchStore();

  constructor(public readonly windowSeconds: number) {}

  /** Watches still open at the latest eventTime seen. */
  public get openWatches(): number {
    return this.store.size;
  }

  /** Runs one record (one the monitor's rule receives); returns the alerts it raises. */
  public process(record: any): GrantedThenUsedAlert[] {
    this.store.advanceToRecord(record);
    const { changes, alerts } = correlateRead((principal) => this.store.peek(principal), record,
      { windowSeconds: this.windowSeconds });
    this.store.apply(changes);
    return alerts;
  }
}
