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

/**
 * A small text-classification task split in train and test, with the integrity problems the
 * linter should find: exact and near duplicates, a conflicting label, and test rows leaked
 * from train.
 */
function classification(): { train: string; test: string } {
  const templates: Record<string, string[]> = {
    billing: ['I was charged twice for my {p}', 'Why is the invoice for my {p} higher?', 'Please refund the {p} I returned', 'My payment for the {p} failed'],
    account: ['I cannot log in to the account I use for my {p}', 'How do I reset my password for the {p} store?', 'Please delete my account and data about my {p}', 'My profile shows the wrong name on the {p} order'],
    technical: ['The {p} app crashes on start', 'The {p} will not connect to wifi', 'Error 500 when I open the {p} dashboard', 'The {p} screen stays black'],
    shipping: ['Where is my {p}?', 'My {p} arrived damaged', 'Can I change the delivery address for my {p}?', 'The tracking number for my {p} does not work'],
  };
  const labels = Object.keys(templates);
  const row = () => {
    const label = faker.helpers.arrayElement(labels);
    const product = `${faker.commerce.productAdjective()} ${faker.commerce.product()}`.toLowerCase();
    const when = faker.helpers.arrayElement(['since Monday', 'after the update', 'again today', 'for the second time', 'this week', 'since my last order', '']);
    const text = `${faker.helpers.arrayElement(templates[label]!).replace('{p}', product)} ${when}`.trim();
    const gender = faker.helpers.weightedArrayElement([{ value: 'female', weight: 30 }, { value: 'male', weight: 68 }, { value: 'non-binary', weight: 2 }]);
    return { text, label, gender, age: faker.number.int({ min: 18, max: 80 }) };
  };
  const train = Array.from({ length: 400 }, row);
  const test = Array.from({ length: 100 }, row);
  // Deliberate problems, placed by construction so tests know the lines.
  train[10] = { ...train[3]! };                                                // exact duplicate
  train[11] = { ...train[4]!, text: `  ${train[4]!.text.toUpperCase()}!! ` };  // normalised duplicate
  train[12] = { ...train[5]!, label: labels[(labels.indexOf(train[5]!.label) + 1) % labels.length]! }; // conflicting label
  test[0] = { ...train[20]! };                                                 // leaked into test
  test[1] = { ...train[21]!, text: train[21]!.text.toLowerCase() };            // leaked, normalised
  const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  return { train: jsonl(train), test: jsonl(test) };
}

mkdirSync(join(root, 'chat'), { recursive: true });
mkdirSync(join(root, 'classification'), { recursive: true });
mkdirSync(join(root, 'reference'), { recursive: true });
mkdirSync(join(root, 'tabular'), { recursive: true });
mkdirSync(join(root, 'predictions'), { recursive: true });
writeFileSync(join(root, 'chat', 'support-chats.jsonl'), chatDataset(300));
const a = applicants(2000);
writeCsv(join(root, 'tabular', 'loan-applicants.csv'), a.header, a.rows);
const p = predictions(1500);
writeCsv(join(root, 'predictions', 'loan-predictions.csv'), p.header, p.rows);
const cls = classification();
writeFileSync(join(root, 'classification', 'train.jsonl'), cls.train);
writeFileSync(join(root, 'classification', 'test.jsonl'), cls.test);
writeFileSync(
  join(root, 'reference', 'race-shares.csv'),
  'value,proportion\nWhite,0.58\nBlack,0.12\nAsian,0.06\nHispanic,0.19\nOther,0.05\n',
);
writeFileSync(
  join(root, 'responsible-ml.config.json'),
  JSON.stringify(
    {
      datasetGlobs: ['**/*.{jsonl,csv,tsv,parquet}'],
      failOn: 'error',
      maxProblemsPerFile: 1000,
      pii: { minScore: 0.5, phoneRegions: ['US', 'GB', 'DE', 'FR'] },
      datasets: [
        {
          files: 'tabular/*.csv',
          labelField: 'approved',
          positiveLabel: 1,
          sensitive: ['gender', 'race', { name: 'age', column: 'age', bins: [30, 45, 65] }],
          intersections: [['gender', 'race']],
          reference: {
            gender: { source: 'illustrative shares for this synthetic sample', proportions: { female: 0.5, male: 0.49, 'non-binary': 0.01 } },
            race: { source: 'illustrative shares for this synthetic sample, roughly after the US 2020 Census', file: 'reference/race-shares.csv' },
          },
          thresholds: { smallCell: 30 },
        },
        {
          files: 'classification/*.jsonl',
          textFields: ['text'],
          labelField: 'label',
          sensitive: ['gender', { name: 'age', column: 'age', bins: [30, 50] }],
          splits: { train: 'classification/train.jsonl', test: 'classification/test.jsonl' },
          requiredFields: ['text', 'label'],
        },
      ],
    },
    null,
    2,
  ) + '\n',
);
// A fine-tuning spec for the builtin trainer (no Python): under a minute on a laptop. The model
// goes to the run's artifacts/ folder, so training never changes samples/ itself.
writeFileSync(
  join(root, 'train.json'),
  JSON.stringify(
    {
      name: 'support-intent',
      task: 'text-classification',
      data: { train: 'classification/train.jsonl', validation: 'classification/test.jsonl', textField: 'text', labelField: 'label', sensitiveFields: ['gender', 'age'] },
      runner: 'builtin',
      hyperparameters: { epochs: 8, learningRate: 0.01, batchSize: 16, seed: 42, earlyStoppingPatience: 2 },
      builtin: { model: 'fasttext', dim: 32, buckets: 65536, wordNgrams: 2, charNgrams: [3, 5] },
    },
    null,
    2,
  ) + '\n',
);
// The same task with the builtin encoder head: a classifier on frozen embeddings of the shipped
// pii-ner-encoder (no Python, no download).
writeFileSync(
  join(root, 'encoder-head.train.json'),
  JSON.stringify(
    {
      name: 'support-intent-encoder-head',
      task: 'text-classification',
      data: { train: 'classification/train.jsonl', validation: 'classification/test.jsonl', textField: 'text', labelField: 'label', sensitiveFields: ['gender', 'age'] },
      baseModel: 'pii-ner-encoder',
      runner: 'builtin',
      hyperparameters: { epochs: 20, learningRate: 0.01, batchSize: 16, seed: 42, earlyStoppingPatience: 3 },
      builtin: { model: 'encoder-head', hiddenUnits: 0 },
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
// Model cards last: the loan-model card is generated from the datasets written above.
void import('./sample-model-cards').then(({ writeSampleModelCards }) => writeSampleModelCards(root)).then(
  () => console.log(`sample model cards written to ${join(root, 'models')}`),
  (err: Error) => {
    console.error(err);
    process.exitCode = 1;
  },
);
