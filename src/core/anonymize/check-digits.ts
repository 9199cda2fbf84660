/** The Luhn check digit that makes `payload + digit` pass the Luhn test (cards). */
export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // Walking from the right, the digit next to the (future) check digit is doubled first.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (d < 0 || d > 9) throw new RangeError(`Luhn payload must be digits, got ${JSON.stringify(payload)}.`);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * The two ISO 13616 check digits for an IBAN with this country code and BBAN: move the country
 * code and `00` to the end, read letters as 10–35, and take 98 − (number mod 97).
 */
export function ibanCheckDigits(countryCode: string, bban: string): string {
  const rearranged = `${bban}${countryCode}00`.toUpperCase();
  let remainder = 0;
  for (const c of rearranged) {
    const code = c.charCodeAt(0);
    let digits: number;
    if (code >= 48 && code <= 57) digits = code - 48;
    else if (code >= 65 && code <= 90) digits = code - 55;
    else throw new RangeError(`IBAN characters must be letters or digits, got ${JSON.stringify(c)}.`);
    // Fold one or two decimal digits at a time; the remainder stays far below 2^53.
    remainder = (remainder * (digits > 9 ? 100 : 10) + digits) % 97;
  }
  return String(98 - remainder).padStart(2, '0');
}
