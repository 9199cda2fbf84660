import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Blocks the network for this process: fetch, http(s).request, DNS lookups and raw sockets all
 * fail as on a machine without a network, and every attempt is recorded so a test can assert
 * that none was made.
 */
export function blockNetwork(): { attempts: string[]; restore: () => void } {
  const attempts: string[] = [];
  const fail = (what: string): Error => {
    attempts.push(what);
    return Object.assign(new Error(`getaddrinfo ENOTFOUND (network blocked in tests): ${what}`), { code: 'ENOTFOUND' });
  };
  const saved = { fetch: globalThis.fetch, connect: net.Socket.prototype.connect, lookup: dns.lookup, httpRequest: http.request, httpsRequest: https.request, httpGet: http.get, httpsGet: https.get };
  globalThis.fetch = (async (input: unknown) => {
    throw fail(`fetch ${String(input instanceof URL ? input.href : typeof input === 'string' ? input : (input as { url?: string }).url)}`);
  }) as typeof fetch;
  net.Socket.prototype.connect = function blocked(this: net.Socket, ...args: unknown[]): net.Socket {
    throw fail(`socket ${JSON.stringify(args[0])}`);
  } as typeof net.Socket.prototype.connect;
  (dns as { lookup: unknown }).lookup = (host: string, ...rest: unknown[]) => {
    const cb = rest[rest.length - 1] as (err: Error) => void;
    process.nextTick(() => cb(fail(`dns ${host}`)));
  };
  const blockedRequest = ((...args: unknown[]) => {
    throw fail(`http ${String(args[0])}`);
  }) as typeof http.request;
  (http as { request: unknown }).request = blockedRequest;
  (https as { request: unknown }).request = blockedRequest;
  (http as { get: unknown }).get = blockedRequest;
  (https as { get: unknown }).get = blockedRequest;
  return {
    attempts,
    restore: () => {
      globalThis.fetch = saved.fetch;
      net.Socket.prototype.connect = saved.connect;
      (dns as { lookup: unknown }).lookup = saved.lookup;
      (http as { request: unknown }).request = saved.httpRequest;
      (https as { request: unknown }).request = saved.httpsRequest;
      (http as { get: unknown }).get = saved.httpGet;
      (https as { get: unknown }).get = saved.httpsGet;
    },
  };
}
