import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pseudonymize } from '../../../src/core/anonymize/pseudonymize';
import { PII_ENTITIES, type PiiEntity } from '../../../src/core/lint/finding';

const salt = 'unit-test-salt-0123456789abcdef';
const otherSalt = 'another-workspace-salt-987654321';
const fake = (entity: PiiEntity, value: string, s = salt): string => pseudonymize(entity, value, { salt: s });

/** Deterministic test inputs: a tiny LCG, so failures reproduce. */
function* numbers(count: number, seed = 7): Generator<number> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield x;
  }
}
const digitsFrom = (n: number, length: number): string => String(n).repeat(4).slice(0, length).padStart(length, '1');

/** Independent of the code under test: the textbook Luhn check. */
function passesLuhn(number: string): boolean {
  const digits = number.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** Independent of the code under test: ISO 13616 mod-97 with BigInt. */
function passesMod97(iban: string): boolean {
  const compact = iban.replace(/\s/g, '').toUpperCase();
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const numeric = [...rearranged].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  return BigInt(numeric) % 97n === 1n;
}

/** Non-digit characters and their positions: the "shape" a fake must keep. */
const shape = (s: string): string => s.replace(/\d/g, '#');

const EMAIL_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$/;

describe('pseudonymize: determinism', () => {
  const samples: [PiiEntity, string][] = [
    ['EMAIL', 'jane.doe@acme.com'],
    ['PHONE', '+1 415-555-2671'],
    ['CREDIT_CARD', '4111 1111 1111 1111'],
    ['IBAN', 'DE89 3704 0044 0532 0130 00'],
    ['US_SSN', '123-45-6789'],
    ['IP_ADDRESS', '10.0.0.1'],
    ['URL', 'https://acme.com/u/1'],
    ['DATE_OF_BIRTH', '1984-03-05'],
    ['SECRET', 'AKIAIOSFODNN7EXAMPLE'],
    ['PERSON', 'Jane Doe'],
    ['LOCATION', 'Springfield'],
    ['ORGANIZATION', 'Acme Corp'],
  ];

  it('covers every entity', () => {
    assert.deepEqual(new Set(samples.map(([e]) => e)), new Set(PII_ENTITIES));
  });

  for (const [entity, value] of samples) {
    it(`${entity}: same value and salt give the same fake, another salt another fake`, () => {
      const first = fake(entity, value);
      assert.notEqual(first, value);
      assert.equal(fake(entity, value), first);
      assert.notEqual(fake(entity, value, otherSalt), first);
    });
  }

  it('does not depend on what was pseudonymized before (no shared generator state)', () => {
    const alone = fake('PERSON', 'Jane Doe');
    fake('ORGANIZATION', 'Acme');
    fake('LOCATION', 'Paris');
    assert.equal(fake('PERSON', 'Jane Doe'), alone);
  });

  it('needs a salt', () => {
    assert.throws(() => pseudonymize('EMAIL', 'a@b.com'), /salt/);
  });
});

describe('pseudonymize: EMAIL', () => {
  it('gives valid addresses on RFC 2606 example domains', () => {
    for (const n of numbers(200)) {
      const out = fake('EMAIL', `user${n}@corp${n % 7}.com`);
      assert.match(out, EMAIL_RE);
      assert.match(out, /@example\.(com|org|net)$/);
    }
  });
});

describe('pseudonymize: CREDIT_CARD', () => {
  const formats = ['################', '#### #### #### ####', '####-####-####-####', '####-######-#####', '#############'];
  it('keeps length, separators and brand prefix, and passes Luhn', () => {
    let i = 0;
    for (const n of numbers(300)) {
      const format = formats[i++ % formats.length];
      const brand = ['4', '51', '37', '6011', '2223', '35'][n % 6];
      let digits = (brand + digitsFrom(n, 19)).slice(0, format.split('#').length - 1);
      let d = 0;
      const value = format.replace(/#/g, () => digits[d++]);
      const out = fake('CREDIT_CARD', value);
      assert.equal(out.length, value.length, value);
      assert.equal(shape(out), shape(value), value);
      assert.ok(passesLuhn(out), `${out} (from ${value}) fails Luhn`);
      assert.ok(out.replace(/\D/g, '').startsWith(brand), `${out} lost brand ${brand}`);
      digits = '';
    }
  });
});

describe('pseudonymize: IBAN', () => {
  const ibans = ['DE89 3704 0044 0532 0130 00', 'GB82WEST12345698765432', 'FR14 2004 1010 0505 0001 3M02 606', 'NL91ABNA0417164300', 'ch9300762011623852957'];
  it('keeps country, length and spacing and passes mod-97', () => {
    for (const iban of ibans) {
      assert.ok(passesMod97(iban), `test data ${iban} should be valid`);
      for (let k = 0; k < 40; k++) {
        const value = k === 0 ? iban : iban.slice(0, 4) + iban.slice(4).replace(/\d/g, (d) => String((Number(d) + k) % 10));
        const out = fake('IBAN', value);
        assert.equal(out.length, value.length);
        assert.equal(out.slice(0, 2), value.slice(0, 2));
        assert.equal(out.replace(/[0-9A-Za-z]/g, 'x'), value.replace(/[0-9A-Za-z]/g, 'x'));
        assert.equal(out.replace(/\d/g, '9').replace(/[A-Z]/g, 'A').replace(/[a-z]/g, 'a'), value.replace(/\d/g, '9').replace(/[A-Z]/g, 'A').replace(/[a-z]/g, 'a'));
        assert.ok(passesMod97(out), `${out} (from ${value}) fails mod-97`);
      }
    }
  });
});

describe('pseudonymize: PHONE', () => {
  it('keeps every separator, the digit count and the country code', () => {
    const phones = ['+1 (415) 555-2671', '+44 20 7946 0958', '+353 1 234 5678', '0049 30 1234567', '020 7946 0958', '(415) 555-2671', '415.555.2671', '+81-3-1234-5678'];
    for (const phone of phones) {
      const out = fake('PHONE', phone);
      assert.equal(shape(out), shape(phone), `${out} vs ${phone}`);
      assert.notEqual(out, phone);
    }
    assert.ok(fake('PHONE', '+44 20 7946 0958').startsWith('+44 '));
    assert.ok(fake('PHONE', '+353 1 234 5678').startsWith('+353 '));
    assert.ok(fake('PHONE', '0049 30 1234567').startsWith('0049 '));
    assert.ok(fake('PHONE', '020 7946 0958').startsWith('0'));
  });

  it('uses the fictional 555-01XX range for North American numbers', () => {
    for (const n of numbers(100)) {
      const value = `+1 (${200 + (n % 700)}) ${digitsFrom(n, 3)}-${digitsFrom(n >> 3, 4)}`;
      const out = fake('PHONE', value);
      assert.match(out, /^\+1 \([2-9][0-8]\d\) 555-01\d\d$/, `${value} → ${out}`);
    }
    assert.match(fake('PHONE', '415-555-2671'), /^[2-9][0-8]\d-555-01\d\d$/);
    assert.match(fake('PHONE', '1-415-555-2671'), /^1-[2-9][0-8]\d-555-01\d\d$/);
  });
});

describe('pseudonymize: US_SSN', () => {
  it('keeps the format and uses never-issued area 9xx with a non-ITIN group 01–49', () => {
    for (const n of numbers(200)) {
      const digits = digitsFrom(n, 9);
      for (const value of [`${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`, digits, `${digits.slice(0, 3)} ${digits.slice(3, 5)} ${digits.slice(5)}`]) {
        const out = fake('US_SSN', value);
        assert.equal(shape(out), shape(value));
        const d = out.replace(/\D/g, '');
        assert.ok(d[0] === '9', out);
        assert.ok(Number(d.slice(3, 5)) >= 1 && Number(d.slice(3, 5)) <= 49, out);
        assert.notEqual(d.slice(5), '0000', out);
      }
    }
  });
});

describe('pseudonymize: IP_ADDRESS and URL', () => {
  it('uses documentation address ranges', () => {
    for (const n of numbers(100)) {
      const v4 = fake('IP_ADDRESS', `10.${n % 256}.${(n >> 8) % 256}.${(n >> 16) % 256}`);
      assert.match(v4, /^(192\.0\.2|198\.51\.100|203\.0\.113)\.(\d{1,3})$/);
      assert.ok(Number(v4.split('.')[3]) >= 1 && Number(v4.split('.')[3]) <= 254);
      const v6 = fake('IP_ADDRESS', `fe80::${n.toString(16)}`);
      assert.match(v6, /^2001:db8(:[0-9a-f]{1,4}){6}$/);
    }
    assert.match(fake('IP_ADDRESS', '10.1.2.0/24'), /\/24$/);
  });

  it('points URLs at example domains, keeping the scheme', () => {
    assert.match(fake('URL', 'https://intranet.acme.com/users/42?token=x'), /^https:\/\/example\.(com|org|net)\/[a-z0-9]+\/[a-z0-9]+$/);
    assert.match(fake('URL', 'http://acme.com'), /^http:\/\/example\.(com|org|net)\/[a-z0-9]+$/);
    assert.match(fake('URL', 'www.acme.com/a'), /^www\.example\.(com|org|net)\/[a-z0-9]+$/);
  });
});

describe('pseudonymize: DATE_OF_BIRTH', () => {
  const dayMs = 86_400_000;
  it('keeps ISO format and shifts by 1–365 days', () => {
    for (const n of numbers(200)) {
      const original = new Date(Date.UTC(1940 + (n % 70), (n >> 4) % 12, 1 + ((n >> 8) % 28)));
      const value = original.toISOString().slice(0, 10);
      const out = fake('DATE_OF_BIRTH', value);
      assert.match(out, /^\d{4}-\d{2}-\d{2}$/);
      const shifted = new Date(`${out}T00:00:00Z`);
      assert.equal(shifted.toISOString().slice(0, 10), out, 'a real calendar date');
      const days = Math.abs(shifted.getTime() - original.getTime()) / dayMs;
      assert.ok(days >= 1 && days <= 365, `${value} → ${out}`);
    }
  });

  it('keeps separators, padding, names, case and ordinal suffix', () => {
    assert.match(fake('DATE_OF_BIRTH', '31.12.1999'), /^\d{2}\.\d{2}\.\d{4}$/);
    assert.match(fake('DATE_OF_BIRTH', '3/5/84'), /^\d{1,2}\/\d{1,2}\/\d{2}$/);
    assert.match(fake('DATE_OF_BIRTH', '19840305'), /^\d{8}$/);
    assert.match(fake('DATE_OF_BIRTH', '5 Sep 1984'), /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$/);
    assert.match(fake('DATE_OF_BIRTH', 'MARCH 5, 1984'), /^[A-Z]+ \d{1,2}, \d{4}$/);
    const long = fake('DATE_OF_BIRTH', 'Tuesday, March 5th, 1985');
    const m = /^(\w+), (\w+) (\d+)(st|nd|rd|th), (\d{4})$/.exec(long);
    assert.ok(m, long);
    const date = new Date(`${m[2]} ${m[3]}, ${m[5]} UTC`);
    assert.equal(date.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' }), m[1], 'weekday matches the new date');
    const suffix = ['th', 'st', 'nd', 'rd'][Number(m[3]) % 10] ?? 'th';
    assert.equal(m[4], Number(m[3]) >= 11 && Number(m[3]) <= 13 ? 'th' : suffix);
  });

  it('keeps an ambiguous day/month date valid under both readings', () => {
    for (const n of numbers(100)) {
      const value = `${String(1 + (n % 12)).padStart(2, '0')}/${String(1 + ((n >> 4) % 12)).padStart(2, '0')}/19${50 + (n % 50)}`;
      const [a, b] = fake('DATE_OF_BIRTH', value).split('/').map(Number);
      assert.ok(a >= 1 && a <= 12 && b >= 1 && b <= 12, `${value} → ${a}/${b}`);
    }
  });

  it('randomizes digits of a value it cannot read as a date', () => {
    const out = fake('DATE_OF_BIRTH', 'around 19-84');
    assert.equal(shape(out), shape('around 19-84'));
  });
});

describe('pseudonymize: SECRET', () => {
  it('keeps length, prefix and alphabet, and marks the fake', () => {
    const aws = fake('SECRET', 'AKIAIOSFODNN7EXAMPLE');
    assert.match(aws, /^AKIAFAKE[A-Z0-9]{12}$/);
    const gh = fake('SECRET', 'ghp_16C7e42F292c6912E7710c838347Ae178B4a');
    assert.match(gh, /^ghp_FAKE[A-Za-z0-9]{32}$/);
    const original = 'xoxb-1234-5678-abcdefghijkl';
    const slack = fake('SECRET', original);
    assert.equal(slack.length, original.length);
    assert.equal(slack.replace(/[a-z0-9]/g, 'x'), original.replace(/[a-z0-9]/g, 'x'), 'dashes stay in place');
    assert.match(slack, /^xoxb-fake[a-z0-9-]+$/);
    const hex = fake('SECRET', 'deadbeef0123456789abcdef01234567');
    assert.match(hex, /^[0-9a-f]{32}$/);
  });
});

describe('pseudonymize: PERSON, LOCATION, ORGANIZATION', () => {
  it('gives names with the same number of parts, keeping a title and all caps', () => {
    assert.match(fake('PERSON', 'Jane'), /^\S+$/);
    assert.match(fake('PERSON', 'Jane Doe'), /^\S+ \S+$/);
    assert.match(fake('PERSON', 'Jane Q Doe'), /^\S+ \S+ \S+$/);
    assert.match(fake('PERSON', 'Dr. Jane Doe'), /^Dr\. \S+ \S+$/);
    const caps = fake('PERSON', 'JANE DOE');
    assert.equal(caps, caps.toUpperCase());
  });

  it('gives a city and a company', () => {
    assert.ok(fake('LOCATION', 'Springfield').length > 0);
    assert.ok(fake('ORGANIZATION', 'Acme Corp').length > 0);
  });
});
