// Writes the demo workspace under samples/ from a fixed seed, so every clone gets the same files.
// Everything here is synthetic (faker); no third-party dataset is copied in.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Faker, en, de, fr, en_GB, base } from '@faker-js/faker';

// An output folder may be given (the determinism test writes to a temp dir).
const root = process.argv[2] ?? join(__dirname, '..', 'samples');
const faker = new Faker({ locale: [en, base] });
const locales = [new Faker({ locale: [en_GB, en, base] }), new Faker({ locale: [de, en, base] }), new Faker({ locale: [fr, en, base] })];
faker.seed(20261122);
locales.forEach((f, i) => f.seed(1000 + i));

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(path: string, header: string[], rows: (string | number)[][]): void {
  writeFileSync(path, [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
}

/** Chat transcripts in the OpenAI messages format; about one in three carries personal data. */
function chatDataset(n: number): string {
  const lines: string[] = [];
  const piiTurns: Array<() => string> = [
    () => `Hi, I'm ${faker.person.fullName()} and my email is ${faker.internet.email()}. I can't log in.`,
    () => `Please call me back on ${faker.phone.number({ style: 'national' })}, I'm free after 5pm.`,
    () => `My card ${faker.finance.creditCardNumber({ issuer: faker.helpers.arrayElement(['visa', 'mastercard', 'amex']) })} was charged twice.`,
    () => `Refund to my account please: IBAN ${faker.finance.iban({ formatted: true, countryCode: faker.helpers.arrayElement(['DE', 'FR', 'GB', 'NL']) })}.`,
    () => `Ship it to ${faker.location.streetAddress(true)}, ${faker.location.city()}.`,
    () => `You can reach me at ${faker.phone.number({ style: 'international' })} or ${faker.internet.email()}.`,
    () => {
      const f = faker.helpers.arrayElement(locales);
      return `Mein Name ist ${f.person.fullName()}, wohnhaft in ${f.location.city()}.`;
    },
    () => `The server at ${faker.internet.ipv4()} keeps rejecting my API calls.`,
  ];
  const neutralTurns = [
    () => `How do I ${faker.hacker.verb()} the ${faker.hacker.noun()} in version ${faker.system.semver()}?`,
    () => `My order ORD-${faker.number.int({ min: 100000, max: 999999 })} for $${faker.commerce.price()} hasn't arrived.`,
    () => `Can you explain what ${faker.hacker.abbreviation()} means in the settings page?`,
    () => `Is the ${faker.commerce.productName()} compatible with the older model?`,
    () => `The upload with id ${faker.string.uuid()} failed at ${faker.date.recent({ refDate: '2026-11-01T00:00:00Z' }).toISOString()}.`,
  ];
  for (let i = 0; i < n; i++) {
    const user = faker.number.float() < 0.35 ? faker.helpers.arrayElement(piiTurns)() : faker.helpers.arrayElement(neutralTurns)();
    const record = {
      id: `conv-${String(i).padStart(4, '0')}`,
      messages: [
        { role: 'system', content: 'You are a helpful support assistant.' },
        { role: 'user', content: user },
        { role: 'assistant', content: faker.helpers.arrayElement(['Thanks, I have passed this on to the team.', 'Sorry about that — let me check.', 'Here is what you can try: restart the app and sign in again.']) },
      ],
      label: faker.helpers.arrayElement(['billing', 'account', 'technical', 'shipping']),
    };
    lines.push(JSON.stringify(record));
  }
  return lines.join('\n') + '\n';
}

/** Loan applicants with deliberately skewed demographics (few women, few older applicants). */
function applicants(n: number): { header: string[]; rows: (string | number)[][] } {
  const header = ['applicant_id', 'gender', 'race', 'age', 'income', 'loan_amount', 'approved'];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < n; i++) {
    const gender = faker.helpers.weightedArrayElement([{ value: 'male', weight: 78 }, { value: 'female', weight: 20 }, { value: 'non-binary', weight: 2 }]);
    const race = faker.helpers.weightedArrayElement([
      { value: 'White', weight: 80 }, { value: 'Black', weight: 6 }, { value: 'Asian', weight: 9 }, { value: 'Hispanic', weight: 4 }, { value: 'Other', weight: 1 },
    ]);
    const age = faker.number.int({ min: 21, max: faker.number.float() < 0.9 ? 45 : 80 });
    const income = faker.number.int({ min: 18, max: 160 }) * 1000;
    const approveP = 0.35 + (gender === 'male' ? 0.2 : 0) + (income > 60000 ? 0.2 : 0);
    rows.push([`A${String(i).padStart(5, '0')}`, gender, race, age, income, faker.number.int({ min: 1, max: 50 }) * 1000, faker.number.float() < approveP ? 1 : 0]);
  }
  return { header, rows };
}

/** A classifier's outputs whose selection rate and true-positive rate differ by group. */
function predictions(n: number): { header: string[]; rows: (string | number)[][] } {
  const header = ['id', 'sex', 'race', 'y_true', 'score', 'y_pred'];
  const rows: (string | number)[][] = [];
  for (let i = 0; i < n; i++) {
    const sex = faker.helpers.arrayElement(['female', 'male']);
    const race = faker.helpers.weightedArrayElement([{ value: 'A', weight: 60 }, { value: 'B', weight: 30 }, { value: 'C', weight: 10 }]);
    const yTrue = faker.number.float() < 0.4 ? 1 : 0;
    const bias = (sex === 'male' ? 0.08 : -0.08) + (race === 'C' ? -0.1 : 0);
    const score = Math.min(0.999, Math.max(0.001, (yTrue ? 0.65 : 0.35) + bias + faker.number.float({ min: -0.3, max: 0.3 })));
    rows.push([i, sex, race, yTrue, score.toFixed(3), score >= 0.5 ? 1 : 0]);
  }
  return { header, rows };
}

mkdirSync(join(root, 'chat'), { recursive: true });
mkdirSync(join(root, 'tabular'), { recursive: true });
mkdirSync(join(root, 'predictions'), { recursive: true });
writeFileSync(join(root, 'chat', 'support-chats.jsonl'), chatDataset(300));
const a = applicants(2000);
writeCsv(join(root, 'tabular', 'loan-applicants.csv'), a.header, a.rows);
const p = predictions(1500);
writeCsv(join(root, 'predictions', 'loan-predictions.csv'), p.header, p.rows);
writeFileSync(
  join(root, 'responsible-ml.config.json'),
  JSON.stringify(
    {
      datasetGlobs: ['**/*.{jsonl,csv,tsv,parquet}'],
      failOn: 'error',
      maxProblemsPerFile: 1000,
      pii: { minScore: 0.5, phoneRegions: ['US', 'GB', 'DE', 'FR'] },
    },
    null,
    2,
  ) + '\n',
);
writeFileSync(
  join(root, 'README.md'),
  '# Responsible ML sample workspace\n\nGenerated by `npm run samples` (synthetic data, fixed seed). Open `chat/support-chats.jsonl` to see PII findings.\n',
);
console.log(`samples written to ${root}`);
