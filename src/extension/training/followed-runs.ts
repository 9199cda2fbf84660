import { RunColumns, type MetricChunk } from '../../core/training/metric-columns';
import type { RunRecord } from '../../core/training/run-record';
import type { FeedResponse } from '../../protocol/run-feed-protocol';
import type { RunFeedClient } from './run-feed-client';

/** What a followed run tells its subscribers. */
export type FollowedRunEvent =
  | { type: 'points'; chunks: MetricChunk[]; reset: boolean }
  | { type: 'record' }
  | { type: 'stopRequested' }
  | { type: 'problem'; message: string };

/** Everything read of one run so far; a panel that opens late gets it all from here. */
export class FollowedRun {
  readonly columns = new RunColumns();
  record?: RunRecord;
  recordError?: string;
  stopRequested = false;
  readonly problems: string[] = [];
  readonly listeners = new Set<(e: FollowedRunEvent) => void>();
  dispose: () => void = () => undefined;

  constructor(readonly id: string) {}

  take(m: FeedResponse): void {
    let event: FollowedRunEvent;
    switch (m.type) {
      case 'points':
        if (m.reset) this.columns.clear();
        this.columns.append(m.chunks);
        event = { type: 'points', chunks: m.chunks, reset: m.reset };
        break;
      case 'record':
        if (m.record) this.record = m.record;
        this.recordError = m.error;
        event = { type: 'record' };
        break;
      case 'stopRequested':
        this.stopRequested = m.requested;
        event = { type: 'stopRequested' };
        break;
      case 'problem':
        this.problems.push(m.message);
        event = { type: 'problem', message: m.message };
        break;
    }
    for (const l of [...this.listeners]) l(event);
  }
}

/**
 * The runs some dashboard shows, each followed once however many panels show it, and let go
 * when the last one closes.
 */
export class FollowedRuns {
  private readonly runs = new Map<string, FollowedRun>();

  constructor(private readonly client: RunFeedClient) {}

  /** Subscribes to a run (following its folder if nobody does yet); returns it and the unsubscribe function. */
  subscribe(id: string, dir: string, listener: (e: FollowedRunEvent) => void): { run: FollowedRun; dispose: () => void } {
    let run = this.runs.get(id);
    if (!run) {
      const r = new FollowedRun(id);
      r.dispose = this.client.follow(id, dir, (m) => r.take(m));
      this.runs.set(id, (run = r));
    }
    const followed = run;
    followed.listeners.add(listener);
    return {
      run: followed,
      dispose: () => {
        followed.listeners.delete(listener);
        if (followed.listeners.size > 0) return;
        followed.dispose();
        this.runs.delete(id);
      },
    };
  }

  get(id: string): FollowedRun | undefined {
    return this.runs.get(id);
  }
}
