// Follows run folders for the Training Dashboard off the extension host's main thread: the first
// read of a metrics.jsonl with a million lines parses for seconds, and later reads must never
// make the editor wait either. Points leave as columns of Float64Arrays whose buffers are
// transferred, not copied.
import { parentPort, workerData } from 'node:worker_threads';
import type { FeedRequest, FeedResponse } from '../../protocol/run-feed-protocol';
import { chunkBuffers } from './metric-columns';
import { RunFeed } from './run-feed';

const port = parentPort!;
const feeds = new Map<string, RunFeed>();
const options = (workerData ?? {}) as { pollMs?: number; watch?: boolean };

function send(message: FeedResponse): void {
  port.postMessage(message, message.type === 'points' ? chunkBuffers(message.chunks) : []);
}

port.on('message', (m: FeedRequest) => {
  if (m.type === 'follow') {
    if (feeds.has(m.run)) return;
    const feed = new RunFeed(m.run, m.dir, send);
    feeds.set(m.run, feed);
    feed.start(options);
  } else if (m.type === 'unfollow') {
    feeds.get(m.run)?.dispose();
    feeds.delete(m.run);
  }
});
