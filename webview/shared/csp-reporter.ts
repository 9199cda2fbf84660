// Reports Content-Security-Policy violations to the host, so a policy that blocks something the
// page needs shows up in the output channel (and fails the tests) instead of silently breaking.

/** Listens for violations and hands each to `report` once. */
export function reportCspViolations(report: (directive: string, blocked: string) => void): void {
  const seen = new Set<string>();
  document.addEventListener('securitypolicyviolation', (e) => {
    const key = `${e.effectiveDirective} ${e.blockedURI}`;
    if (seen.has(key)) return;
    seen.add(key);
    report(e.effectiveDirective, `${e.blockedURI || 'inline'}${e.sample ? `: ${e.sample.slice(0, 80)}` : ''}`);
  });
}
