#!/usr/bin/env node
// A throw-away single-node Slurm cluster for the Slurm runner's tests (see
// ../shared/guides/slurm-local.md for the recipe and its pitfalls). Installs nothing: it needs
// Debian's slurm-wlm, slurmctld, slurmd, slurm-client and munge (`.ci/run` installs them).
//
//   node scripts/slurm-local.mjs start <dir>   # prints SLURM_CONF=<dir>/slurm.conf once the node is idle
//   node scripts/slurm-local.mjs stop <dir>    # cancels jobs, drains, stops the daemons
//   node scripts/slurm-local.mjs check         # exit 1 and the missing binaries when Slurm is not installed
//
// Also importable: startSlurm(dir) → { slurmConf, env }, stopSlurm(dir), slurmAvailable().
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

const BINARIES = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'scancel', 'sinfo', 'scontrol'];
const SBIN = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];

function which(name) {
  for (const dir of [...(process.env.PATH ?? '').split(':'), ...SBIN]) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** The missing binaries (empty when a local cluster can start). */
export function missingSlurmBinaries() {
  return BINARIES.filter((b) => !which(b));
}

export function slurmAvailable() {
  return missingSlurmBinaries().length === 0;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function shortHost() {
  return hostname().split('.')[0];
}

function slurmConf(dir, host) {
  return `ClusterName=rmltest
SlurmctldHost=${host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=${dir}/munge/munge.socket.2
StateSaveLocation=${dir}/state
SlurmdSpoolDir=${dir}/spool
SlurmctldPidFile=${dir}/run/slurmctld.pid
SlurmdPidFile=${dir}/run/slurmd.pid
SlurmctldLogFile=${dir}/log/slurmctld.log
SlurmdLogFile=${dir}/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=${dir}/log/jobcomp.log
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=300
KillWait=5
SlurmctldPort=${6817 + (process.pid % 500) * 2}
SlurmdPort=${6818 + (process.pid % 500) * 2}
NodeName=${host} NodeAddr=127.0.0.1 CPUs=2 Sockets=1 CoresPerSocket=2 ThreadsPerCore=1 RealMemory=2000 State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
`;
}

function envFor(dir) {
  return { ...process.env, SLURM_CONF: join(dir, 'slurm.conf') };
}

function pidOf(file) {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts munged, slurmctld and slurmd from empty state under `dir`; resolves when the node is idle. */
export async function startSlurm(dirArg) {
  const missing = missingSlurmBinaries();
  if (missing.length) throw new Error(`Slurm is not installed (missing ${missing.join(', ')}); apt-get install slurm-wlm slurmctld slurmd slurm-client munge`);
  const dir = resolve(dirArg);
  for (const sub of ['state', 'spool', 'run', 'log']) {
    rmSync(join(dir, sub), { recursive: true, force: true });
    mkdirSync(join(dir, sub), { recursive: true });
  }
  mkdirSync(join(dir, 'munge'), { recursive: true });
  // munged refuses a socket folder others cannot traverse, and a key anyone else can read.
  chmodSync(join(dir, 'munge'), 0o711);
  const key = join(dir, 'munge', 'munge.key');
  if (!existsSync(key)) writeFileSync(key, randomBytes(1024), { mode: 0o600 });
  const host = shortHost();
  writeFileSync(join(dir, 'slurm.conf'), slurmConf(dir, host));
  const env = envFor(dir);
  const run = (bin, args) => {
    const r = spawnSync(which(bin), args, { env, encoding: 'utf8', timeout: 20_000 });
    if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  run('munged', [`--socket=${dir}/munge/munge.socket.2`, `--key-file=${key}`, `--pid-file=${dir}/munge/munged.pid`, `--log-file=${dir}/log/munged.log`, `--seed-file=${dir}/munge/munged.seed`, '--force']);
  run('slurmctld', ['-f', env.SLURM_CONF]);
  run('slurmd', ['-f', env.SLURM_CONF, '-N', host]);
  // slurmctld can exit 0 and die afterwards on a bad config: wait for the node to be idle.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const r = spawnSync(which('sinfo'), ['-h', '-N', '-o', '%T'], { env, encoding: 'utf8', timeout: 5000 });
    if (r.status === 0 && /^idle/m.test(r.stdout)) break;
    if (Date.now() > deadline) {
      const log = (f) => (existsSync(join(dir, 'log', f)) ? readFileSync(join(dir, 'log', f), 'utf8').split('\n').slice(-15).join('\n') : '(no log)');
      throw new Error(`the Slurm node did not become idle in 30 s (sinfo: ${r.stdout || r.stderr})\nslurmctld.log:\n${log('slurmctld.log')}\nslurmd.log:\n${log('slurmd.log')}`);
    }
    await sleep(100);
  }
  return { dir, slurmConf: env.SLURM_CONF, env };
}

/** Cancels every job, waits for the queue to drain, then stops the daemons (SIGTERM, SIGKILL after 5 s). */
export async function stopSlurm(dirArg) {
  const dir = resolve(dirArg);
  const env = envFor(dir);
  if (existsSync(env.SLURM_CONF) && which('scancel')) {
    spawnSync(which('scancel'), ['--full', '-u', process.env.USER ?? 'root'], { env, timeout: 5000 });
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const r = spawnSync(which('squeue'), ['-h', '-o', '%i'], { env, encoding: 'utf8', timeout: 5000 });
      if (r.status !== 0 || r.stdout.trim() === '') break;
      await sleep(100);
    }
  }
  for (const file of [join(dir, 'run', 'slurmd.pid'), join(dir, 'run', 'slurmctld.pid'), join(dir, 'munge', 'munged.pid')]) {
    const pid = pidOf(file);
    if (!pid || !alive(pid)) continue;
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await sleep(50);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

async function main(command, dirArg) {
  if (command === 'check') {
    const missing = missingSlurmBinaries();
    console.log(missing.length ? `missing: ${missing.join(' ')}` : 'ok');
    return missing.length ? 1 : 0;
  }
  if ((command !== 'start' && command !== 'stop') || !dirArg) {
    console.error('usage: node scripts/slurm-local.mjs start|stop <dir> | check');
    return 2;
  }
  try {
    if (command === 'start') console.log(`SLURM_CONF=${(await startSlurm(dirArg)).slurmConf}`);
    else {
      await stopSlurm(dirArg);
      console.log('stopped');
    }
    return 0;
  } catch (err) {
    console.error(err.message);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv[2], process.argv[3]).then((code) => {
    process.exitCode = code;
  });
}
