import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tempPathFor } from './atomic-file';

/** Name of the salt file inside the workspace's `.responsible-ml` folder. */
export const SALT_FILE_NAME = 'salt';
/** Environment variable that supplies the salt in CI, where no salt file is committed. */
export const SALT_ENV_VAR = 'RML_SALT';
const MIN_SALT_LENGTH = 16;

/** The workspace salt and where it came from. */
export interface WorkspaceSalt {
  salt: string;
  source: 'env' | 'file' | 'created';
  /** The salt file, unless the salt came from the environment. */
  path?: string;
  /** Set when the salt file can be read by other users (POSIX permissions). */
  warning?: string;
}

/**
 * Returns the per-workspace secret salt: `RML_SALT` when set, else the `salt` file in `stateDir`
 * (the workspace's `.responsible-ml` folder), creating it with 32 random bytes and mode 0600 on
 * first use. The salt must stay out of version control: with it, hashes of low-entropy values
 * (SSNs, phone numbers) in a committed baseline could be reversed by trying every value.
 */
export async function loadOrCreateSalt(stateDir: string, env: NodeJS.ProcessEnv = process.env): Promise<WorkspaceSalt> {
  const fromEnv = env[SALT_ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SALT_LENGTH) {
      throw new Error(`${SALT_ENV_VAR} is too short: use at least ${MIN_SALT_LENGTH} characters (e.g. 64 hex digits).`);
    }
    return { salt: fromEnv, source: 'env' };
  }
  const path = join(stateDir, SALT_FILE_NAME);
  const existing = await readSaltFile(path);
  if (existing) return existing;
  if (await createSaltFile(path)) return { salt: (await readSaltFile(path))!.salt, source: 'created', path };
  // Another process created it between our read and our create: use theirs.
  const raced = await readSaltFile(path);
  if (!raced) throw new Error(`Could not read the workspace salt ${path}.`);
  return raced;
}

async function readSaltFile(path: string): Promise<WorkspaceSalt | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`Could not read the workspace salt ${path}: ${(error as Error).message}`);
  }
  const salt = text.trim();
  if (salt.length < MIN_SALT_LENGTH) {
    throw new Error(
      `The workspace salt ${path} is empty or shorter than ${MIN_SALT_LENGTH} characters; ` +
        'delete it to create a new one (existing baselines will no longer match).',
    );
  }
  const { mode } = await stat(path);
  const warning =
    process.platform !== 'win32' && (mode & 0o077) !== 0
      ? `The workspace salt ${path} is readable by other users; run chmod 600 on it.`
      : undefined;
  return { salt, source: 'file', path, ...(warning ? { warning } : {}) };
}

/**
 * Writes a complete salt file to a temp name, then hard-links it into place: `link` fails when
 * the file already exists, so two processes can never end up with different salts, and no
 * reader ever sees a half-written file. Returns false when someone else won.
 */
async function createSaltFile(path: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  await writeFile(temp, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // File systems without hard links: exclusive create is the next best thing.
    try {
      await writeFile(path, await readFile(temp), { mode: 0o600, flag: 'wx' });
      return true;
    } catch (fallbackError) {
      if ((fallbackError as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw fallbackError;
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}
