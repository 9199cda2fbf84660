/**
 * A stop asked for from outside the process that watches a run (`rml runs stop`, another
 * window): a `stop-requested` file in the run folder. Watchers treat the end that follows as
 * "stopped", and the builtin trainer polls for it.
 */
import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const FILE = 'stop-requested';

/** Leaves the stop request in the run folder. */
export async function requestStop(runDir: string, by = 'user'): Promise<void> {
  await writeFile(join(runDir, FILE), `${new Date().toISOString()} ${by}\n`);
}

/** True when someone asked the run to stop. */
export async function stopRequested(runDir: string): Promise<boolean> {
  return access(join(runDir, FILE)).then(
    () => true,
    () => false,
  );
}
