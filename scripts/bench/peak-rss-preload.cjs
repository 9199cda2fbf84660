// Preloaded with `node --require` into a measured process: on exit it writes the process's peak
// resident set size (getrusage ru_maxrss, the same figure as VmHWM in /proc/<pid>/status) to the
// file named by RML_BENCH_RSS_FILE, with the CPU seconds it used. Needs nothing beyond Node itself.
'use strict';
const { writeFileSync } = require('node:fs');

const out = process.env.RML_BENCH_RSS_FILE;
if (out) {
  process.on('exit', () => {
    // resourceUsage(): maxRSS in kilobytes, CPU times in microseconds (all threads, GC included).
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ pid: process.pid, maxRssBytes: u.maxRSS * 1024, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
  });
}
