// Deterministic chat/instruction records (OpenAI `messages` format) for the lint benchmark.
// Ordinary turns are full of things that look like numbers but are not personal: prices,
// versions, UUIDs, dates, order ids, ports. About one record in five carries one personal value.
import { Faker, base, en } from '@faker-js/faker';
import { pickEntity, piiSentence, type PlantedEntity } from './pii-values';

/** Bump when the output for a given seed changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 20250611;
/** Share of records that carry one planted personal value. */
export const PII_RECORD_SHARE = 0.2;

export interface GeneratedRecord {
  /** One JSONL line without its newline. */
  line: string;
  planted?: PlantedEntity;
  /** The planted value (to check recall against); never printed by the benchmark. */
  plantedValue?: string;
}

const SYSTEM_PROMPTS = [
  'You are a helpful assistant. Answer concisely and accurately.',
  'You are a customer support agent for an online electronics store. Be polite, confirm order details and never promise refunds you cannot authorise.',
  'You are an expert software engineer. Explain your reasoning step by step and include code when it helps.',
  'You are a travel assistant. Suggest itineraries, mention prices in the local currency and check opening hours.',
  'You are a data analyst. When asked about numbers, show the calculation and state your assumptions.',
  'You are a friendly tutor for high-school students. Use simple words and give one example per concept.',
  'Answer as a senior DevOps engineer. Prefer reproducible commands and point out security risks.',
  'You write product descriptions for an e-commerce catalogue. Keep a warm, factual tone.',
];

type Topic = 'support' | 'coding' | 'general' | 'travel' | 'data';

/** A seeded source of chat records; the same seed always yields the same sequence. */
export class ChatRecordGenerator {
  private readonly f: Faker;
  private index = 0;

  constructor(seed: number = DEFAULT_SEED) {
    this.f = new Faker({ locale: [en, base] });
    this.f.seed(seed);
    // Dates relative to "now" would change from run to run.
    this.f.setDefaultRefDate(new Date('2025-06-01T00:00:00Z'));
  }

  next(): GeneratedRecord {
    const f = this.f;
    const id = `conv-${String(this.index++).padStart(7, '0')}`;
    const topic = f.helpers.arrayElement<Topic>(['support', 'coding', 'general', 'travel', 'data']);
    const messages: Array<{ role: string; content: string }> = [];
    if (f.datatype.boolean(0.7)) messages.push({ role: 'system', content: f.helpers.arrayElement(SYSTEM_PROMPTS) });
    const exchanges = f.helpers.weightedArrayElement([
      { weight: 55, value: 1 },
      { weight: 30, value: 2 },
      { weight: 15, value: 3 },
    ]);
    for (let i = 0; i < exchanges; i++) {
      messages.push({ role: 'user', content: this.userTurn(topic) });
      messages.push({ role: 'assistant', content: this.assistantTurn(topic) });
    }
    let planted: PlantedEntity | undefined;
    let plantedValue: string | undefined;
    if (f.datatype.boolean(PII_RECORD_SHARE)) {
      planted = pickEntity(f);
      const { sentence, value } = piiSentence(f, planted);
      plantedValue = value;
      // Mostly the user gives their details; sometimes the assistant repeats them back.
      const role = f.datatype.boolean(0.8) ? 'user' : 'assistant';
      const target = f.helpers.arrayElement(messages.filter((m) => m.role === role));
      target.content = f.datatype.boolean() ? `${target.content} ${sentence}` : `${sentence} ${target.content}`;
    }
    const meta = { source: topic, created: f.date.past({ years: 2 }).toISOString().slice(0, 10), turns: messages.length };
    return { line: JSON.stringify({ id, messages, meta }), ...(planted ? { planted, plantedValue } : {}) };
  }

  private userTurn(topic: Topic): string {
    const f = this.f;
    const opener = f.helpers.arrayElement([
      `Hi, quick question about ${this.thing(topic)}.`,
      `I have a problem with ${this.thing(topic)}.`,
      `Can you help me understand ${this.thing(topic)}?`,
      `Hello! ${this.numberSentence(topic)}`,
      `${this.proseSentence()}`,
    ]);
    const body = Array.from({ length: f.number.int({ min: 1, max: 4 }) }, () => this.sentence(topic));
    const ask = f.helpers.arrayElement([
      'What should I do next?',
      'Is that expected?',
      `Could you explain it in ${f.number.int({ min: 2, max: 5 })} steps?`,
      'Thanks in advance!',
      'Any ideas?',
    ]);
    return [opener, ...body, ask].join(' ');
  }

  private assistantTurn(topic: Topic): string {
    const f = this.f;
    const paragraphs: string[] = [];
    const n = f.number.int({ min: 2, max: 5 });
    for (let p = 0; p < n; p++) {
      const shape = f.number.int(9);
      if (shape === 0 && topic === 'coding') paragraphs.push(this.codeBlock());
      else if (shape <= 2) paragraphs.push(this.list(topic));
      else paragraphs.push(Array.from({ length: f.number.int({ min: 2, max: 5 }) }, () => this.sentence(topic)).join(' '));
    }
    return paragraphs.join('\n\n');
  }

  private sentence(topic: Topic): string {
    return this.f.datatype.boolean(0.45) ? this.numberSentence(topic) : this.proseSentence();
  }

  private proseSentence(): string {
    const f = this.f;
    return f.helpers.arrayElement([
      () => f.hacker.phrase(),
      () => `${f.commerce.productDescription().replace(/[^.!?]$/, '$&.')}`,
      () => `The ${f.word.adjective()} ${f.word.noun()} usually has to ${f.word.verb()} the ${f.word.noun()} before the ${f.word.noun()} is ready.`,
      () => `${capitalize(f.company.buzzPhrase())} only helps if the team can ${f.hacker.verb()} the ${f.hacker.noun()} reliably.`,
      () => `In my experience the ${f.word.noun()} and the ${f.word.noun()} behave ${f.word.adverb()} differently.`,
      () => `Make sure the ${f.hacker.adjective()} ${f.hacker.noun()} is configured before you ${f.hacker.verb()} anything else.`,
      () => `${capitalize(f.word.words({ count: { min: 6, max: 12 } }))}.`,
    ])();
  }

  private numberSentence(topic: Topic): string {
    const f = this.f;
    const price = (): string =>
      f.helpers.arrayElement([
        () => `$${f.commerce.price({ min: 3, max: 2500 })}`,
        () => `€${f.commerce.price({ min: 3, max: 900 })}`,
        () => `£${f.number.int({ min: 1, max: 40 })},${String(f.number.int(999)).padStart(3, '0')}.${String(f.number.int(99)).padStart(2, '0')}`,
        () => `${f.number.int({ min: 50, max: 9000 })} kr`,
      ])();
    const date = (): string => {
      const d = f.date.between({ from: '2019-01-01', to: '2026-12-31' });
      return f.helpers.arrayElement([
        d.toISOString().slice(0, 10),
        d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
        `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`,
      ]);
    };
    const byTopic: Record<Topic, Array<() => string>> = {
      support: [
        () => `Order ORD-${f.string.numeric(6)} was placed on ${date()} and the total was ${price()}.`,
        () => `The ${f.commerce.productName()} costs ${price()} (${price()} with the extended warranty).`,
        () => `Ticket #${f.string.numeric(5)} was escalated and the refund of ${price()} should arrive within ${f.number.int({ min: 3, max: 14 })} business days.`,
        () => `You ordered ${f.number.int({ min: 1, max: 12 })} x ${f.commerce.productName()} at ${price()} each, tracking code 1Z${f.string.alphanumeric({ length: 16, casing: 'upper' })}.`,
      ],
      coding: [
        () => `Upgrade ${f.hacker.noun()}-${f.word.noun()} to ${f.system.semver()} or later; ${f.system.semver()} had a regression.`,
        () => `Request ${f.string.uuid()} failed with HTTP ${f.helpers.arrayElement([400, 401, 403, 404, 409, 429, 500, 502, 503])} after ${f.number.int({ min: 12, max: 30000 })} ms.`,
        () => `Run \`npm install ${f.word.noun()}@${f.system.semver()}\` and restart the service on port ${f.internet.port()}.`,
        () => `Commit ${f.git.commitSha({ length: 7 })} fixed it, but Node ${f.number.int({ min: 16, max: 22 })}.${f.number.int(20)}.${f.number.int(9)} still logs a warning at line ${f.number.int({ min: 1, max: 4000 })}.`,
        () => `The build took ${f.number.float({ min: 1, max: 600, fractionDigits: 2 })} s and produced ${f.number.int({ min: 1000, max: 9_000_000 }).toLocaleString('en-US')} bytes.`,
      ],
      general: [
        () => `About ${f.number.float({ min: 0.1, max: 99.9, fractionDigits: 1 })}% of the ${f.number.int({ min: 100, max: 50_000 }).toLocaleString('en-US')} respondents agreed in ${f.number.int({ min: 1990, max: 2025 })}.`,
        () => `It weighs ${f.number.float({ min: 0.1, max: 80, fractionDigits: 2 })} kg and measures ${f.number.int({ min: 10, max: 250 })} x ${f.number.int({ min: 10, max: 250 })} cm.`,
        () => `Between ${f.number.int({ min: 1800, max: 1950 })} and ${f.number.int({ min: 1951, max: 2024 })} the population grew from ${f.number.int({ min: 1, max: 900 })} to ${f.number.int({ min: 901, max: 9000 })} thousand.`,
      ],
      travel: [
        () => `Flight ${f.airline.flightNumber({ addLeadingZeros: true })} leaves at ${String(f.number.int(23)).padStart(2, '0')}:${String(f.number.int(59)).padStart(2, '0')} on ${date()} and a return ticket is ${price()}.`,
        () => `The museum opens at 9:30, closes at 17:00 and a family pass for ${f.number.int({ min: 2, max: 6 })} costs ${price()}.`,
        () => `Booking ${f.string.alphanumeric({ length: 6, casing: 'upper' })} covers ${f.number.int({ min: 1, max: 14 })} nights from ${date()} at ${price()} per night.`,
      ],
      data: [
        () => `The table has ${f.number.int({ min: 1000, max: 90_000_000 }).toLocaleString('en-US')} rows; the mean is ${f.number.float({ min: 0, max: 1000, fractionDigits: 3 })} and the p95 is ${f.number.float({ min: 0, max: 5000, fractionDigits: 2 })}.`,
        () => `Batch ${f.string.uuid()} finished at ${f.date.between({ from: '2024-01-01', to: '2025-12-31' }).toISOString()} with ${f.number.int({ min: 0, max: 500 })} errors.`,
        () => `Revenue rose from ${price()} in Q${f.number.int({ min: 1, max: 4 })} ${f.number.int({ min: 2019, max: 2025 })} to ${price()}, a change of ${f.number.float({ min: -40, max: 80, fractionDigits: 1 })}%.`,
      ],
    };
    return f.helpers.arrayElement(byTopic[topic])();
  }

  private thing(topic: Topic): string {
    const f = this.f;
    switch (topic) {
      case 'support':
        return `my order of the ${f.commerce.productName()}`;
      case 'coding':
        return `the ${f.hacker.adjective()} ${f.hacker.noun()} in version ${f.system.semver()}`;
      case 'travel':
        return `a trip to ${f.location.city()} in ${f.date.month()}`;
      case 'data':
        return `the ${f.word.adjective()} ${f.word.noun()} metric`;
      default:
        return `the ${f.word.noun()}`;
    }
  }

  private list(topic: Topic): string {
    const f = this.f;
    const items = Array.from({ length: f.number.int({ min: 2, max: 6 }) }, (_, i) => `${i + 1}. ${this.sentence(topic)}`);
    return `${f.helpers.arrayElement(['Here is what I suggest:', 'Steps:', 'A few options:', 'In short:'])}\n${items.join('\n')}`;
  }

  private codeBlock(): string {
    const f = this.f;
    const fn = `${f.hacker.verb().replace(/\W/g, '')}${capitalize(f.hacker.noun().replace(/\W/g, ''))}`;
    const field = f.word.noun().replace(/\W/g, '');
    return [
      '```js',
      `function ${fn}(items, limit = ${f.number.int({ min: 1, max: 500 })}) {`,
      `  const cutoff = Date.parse('${f.date.past().toISOString()}');`,
      `  return items.filter((x) => x.${field} > ${f.number.float({ min: 0, max: 100, fractionDigits: 2 })} && x.updated > cutoff).slice(0, limit);`,
      '}',
      '```',
    ].join('\n');
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
