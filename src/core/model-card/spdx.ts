import ids from 'spdx-license-ids/index.json';

const LOWER = new Set((ids as string[]).map((id) => id.toLowerCase()));

/**
 * True when `license` is an SPDX license id, compared without case as the Hugging Face Hub
 * writes them (apache-2.0, mit, cc-by-4.0). Simple expressions (`MIT OR Apache-2.0`, `… WITH …`
 * exceptions are left to SPDX) count when every id in them is known.
 */
export function isSpdxLicense(license: string): boolean {
  const parts = license
    .replace(/[()]/g, ' ')
    .split(/\s+(?:OR|AND)\s+/i)
    .map((p) => p.split(/\s+WITH\s+/i)[0]!.trim().replace(/\+$/, ''));
  return parts.length > 0 && parts.every((p) => LOWER.has(p.toLowerCase()));
}

/** The SPDX ids closest to an unknown license (for the message), at most three. */
export function closestLicenses(license: string): string[] {
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]+/g, '');
  const target = norm(license);
  if (!target) return [];
  return (ids as string[])
    .filter((id) => {
      const n = norm(id);
      return n.startsWith(target) || target.startsWith(n.replace(/only$|orlater$/, ''));
    })
    .sort((a, b) => a.length - b.length)
    .slice(0, 3);
}
