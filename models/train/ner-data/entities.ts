// Entity values (names, places, organisations) and distractors (look-alikes that are not entities).
import type { Faker } from '@faker-js/faker';
import type { LocaleFaker } from './locales';

/** One person as drawn from a locale; the templates render it in several styles. */
export interface Person {
  first: string;
  last: string;
  middle: string;
  /** Written family name first, without a space (Chinese, Korean). */
  familyFirstNoSpace: boolean;
}

export function drawPerson(lf: LocaleFaker, rng: Faker): Person {
  const f = lf.faker;
  let last = f.person.lastName();
  // Double-barrelled and two-part family names are common in Spanish, Portuguese and German data.
  if (lf.latin && rng.number.float() < 0.06) last = `${last}${rng.helpers.arrayElement(['-', ' '])}${f.person.lastName()}`;
  return {
    first: f.person.firstName(),
    last,
    middle: f.person.firstName(),
    familyFirstNoSpace: lf.code === 'zh_CN' || lf.code === 'ko',
  };
}

/** A person's name the way people write it: mostly "First Last", sometimes with initials or reversed. */
export function renderName(p: Person, rng: Faker): string {
  if (p.familyFirstNoSpace) return `${p.last}${p.first}`;
  const initial = (s: string): string => [...s][0] ?? s;
  return rng.helpers.weightedArrayElement([
    { weight: 55, value: () => `${p.first} ${p.last}` },
    { weight: 8, value: () => `${p.first} ${p.middle} ${p.last}` },
    { weight: 10, value: () => `${p.first} ${initial(p.middle)}. ${p.last}` },
    { weight: 3, value: () => `${p.first} ${initial(p.middle)} ${p.last}` },
    { weight: 6, value: () => `${initial(p.first)}. ${p.last}` },
    { weight: 2, value: () => `${initial(p.first)}.${initial(p.middle)}. ${p.last}` },
    { weight: 4, value: () => `${p.last}, ${p.first}` },
    { weight: 2, value: () => `${p.last} ${p.first}` },
    { weight: 1, value: () => `${p.first} ${p.last} ${rng.helpers.arrayElement(['Jr.', 'Sr.', 'II', 'III', 'Jr'])}` },
  ])();
}

const TITLES = ['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Prof.', 'Mr', 'Mrs', 'Ms', 'Dr', 'Miss', 'Sir', 'Herr', 'Frau', 'M.', 'Mme', 'Sr.', 'Sra.', 'Sig.', 'Dhr.', 'Mevr.', 'Pan', 'Pani', 'Capt.', 'Rev.', 'Judge', 'Officer', 'Nurse', 'Coach', 'Uncle', 'Aunt'];
/** A title or honorific; never part of the name span. */
export const title = (rng: Faker): string => rng.helpers.arrayElement(TITLES);

/** Some locales mark a field as not applicable (Hong Kong has no postcodes): fall back to another answer. */
function tryOr(f: () => string, fallback: () => string): string {
  try {
    return f();
  } catch {
    return fallback();
  }
}

const zip = (lf: LocaleFaker, rng: Faker): string => tryOr(() => lf.faker.location.zipCode(), () => rng.location.zipCode());
const stateOf = (lf: LocaleFaker, rng: Faker, abbreviated = false): string => tryOr(() => lf.faker.location.state({ abbreviated }), () => rng.location.state({ abbreviated }));

export function city(lf: LocaleFaker): string {
  return lf.faker.location.city();
}

export function country(lf: LocaleFaker, rng: Faker): string {
  // English country names mostly; sometimes the locale's own spelling ("Deutschland").
  return rng.number.float() < 0.8 ? rng.location.country() : lf.faker.location.country();
}

export function region(lf: LocaleFaker, rng: Faker): string {
  return rng.number.float() < 0.85 ? stateOf(lf, rng) : rng.location.county();
}

export function streetLine(lf: LocaleFaker, rng: Faker): string {
  const f = lf.faker;
  return rng.helpers.weightedArrayElement([
    { weight: 6, value: () => f.location.streetAddress() },
    { weight: 2, value: () => f.location.streetAddress(true) },
    { weight: 1, value: () => `${f.location.street()} ${f.location.buildingNumber()}` },
    { weight: 1, value: () => `${f.location.buildingNumber()} ${f.location.street()}` },
    { weight: 1, value: () => `P.O. Box ${rng.number.int({ min: 1, max: 9999 })}` },
  ])();
}

/** A postal address on one line, as one LOCATION span. */
export function inlineAddress(lf: LocaleFaker, rng: Faker): string {
  const f = lf.faker;
  const street = streetLine(lf, rng);
  const code = zip(lf, rng);
  return rng.helpers.weightedArrayElement([
    { weight: 4, value: () => `${street}, ${code} ${f.location.city()}` },
    { weight: 4, value: () => `${street}, ${f.location.city()}, ${stateOf(lf, rng, rng.datatype.boolean())} ${code}` },
    { weight: 3, value: () => `${street}, ${f.location.city()}` },
    { weight: 2, value: () => `${street}, ${f.location.city()}, ${country(lf, rng)}` },
    { weight: 2, value: () => `${street}, ${code} ${f.location.city()}, ${country(lf, rng)}` },
    { weight: 1, value: () => `${street} ${f.location.city()} ${code}` },
    { weight: 1, value: () => street },
    { weight: 1, value: () => `PSC ${rng.number.int({ min: 1000, max: 9999 })}, Box ${rng.number.int({ min: 1000, max: 9999 })}${rng.helpers.arrayElement([', ', '\n'])}APO ${rng.helpers.arrayElement(['AA', 'AE', 'AP'])} ${rng.location.zipCode('#####')}` },
  ])();
}

/** A postal address over several lines (street, optional unit, city and code, country), as one span. */
export function blockAddress(lf: LocaleFaker, rng: Faker, linePrefix = ''): string {
  const f = lf.faker;
  const lines = [streetLine(lf, rng)];
  if (rng.number.float() < 0.3) lines.push(tryOr(() => f.location.secondaryAddress(), () => rng.location.secondaryAddress()));
  const cityName = f.location.city();
  const upper = rng.number.float() < 0.25 ? cityName.toUpperCase() : cityName;
  lines.push(rng.helpers.arrayElement([`${zip(lf, rng)} ${upper}`, `${upper}, ${stateOf(lf, rng, true)} ${zip(lf, rng)}`, upper]));
  if (rng.number.float() < 0.5) lines.push(`${country(lf, rng)}${rng.number.float() < 0.3 ? ` ${zip(lf, rng)}` : ''}`);
  return lines.join(`\n${linePrefix}`);
}

const ORG_SUFFIXES = ['Inc.', 'Inc', 'Ltd', 'Ltd.', 'LLC', 'GmbH', 'AG', 'S.A.', 'SAS', 'B.V.', 'plc', 'Corp.', 'Corporation', 'Group', 'Holdings', 'Labs', 'Technologies', 'Systems', 'Solutions', 'Partners', 'Associates', '& Co.', 'Consulting', 'Media', 'Logistics', 'Capital', 'Pharma', 'Foods', 'Energy', 'Bank', 'Insurance', 'Foundation', 'Studios', 'Software', 'Networks', 'Analytics', 'Health', 'Motors'];
const INSTITUTIONS = ['University of {c}', '{c} University', '{c} General Hospital', '{c} City Council', '{c} Public Library', 'Bank of {c}', '{c} Chamber of Commerce', '{c} Institute of Technology', '{c} Football Club', '{c} Police Department', '{c} Symphony Orchestra', '{c} Community College', 'St. {f} Hospital', "St. {f}'s School", '{l} & {l2} LLP', '{l} Family Foundation'];

// Well-known companies and institutions, so that real organisation names are not only invented ones.
const KNOWN_ORGS = ['Google', 'Microsoft', 'Amazon', 'Apple', 'Meta', 'IBM', 'Oracle', 'SAP', 'Siemens', 'Bosch', 'Allianz', 'AXA', 'TransUnion', 'Experian', 'Equifax', 'Visa', 'Mastercard', 'PayPal', 'Stripe', 'Deutsche Bank', 'HSBC', 'Barclays', 'BNP Paribas', 'Santander', 'ING', 'Rabobank', 'UBS', 'Nordea', 'Unilever', 'Nestlé', 'Danone', 'Heineken', 'IKEA', 'H&M', 'Zara', 'Volvo', 'Volkswagen', 'Toyota', 'Honda', 'Samsung', 'Sony', 'Nokia', 'Ericsson', 'Philips', 'Shell', 'BP', 'TotalEnergies', 'Uber', 'Airbnb', 'Spotify', 'Netflix', 'Tesla', 'Intel', 'Nvidia', 'Infosys', 'Tata Consultancy Services', 'Wipro', 'Reliance Industries', 'Petrobras', 'Embraer', 'Vodafone', 'Orange S.A.', 'Telefónica', 'the World Health Organization', 'the United Nations', 'the European Commission', 'UNICEF', 'the Red Cross', 'Greenpeace', 'Amnesty International', 'the BBC', 'Reuters', 'the New York Times', 'Harvard University', 'Stanford University', 'the University of Oxford', 'ETH Zurich', 'Sorbonne University', 'FC Barcelona', 'Real Madrid', 'Ajax', 'Juventus'];

/** Made-up brand names ("Redlaser", "Incadence") from two word pieces, as many real ones are. */
export function brand(rng: Faker): string {
  const parts = [rng.word.noun(), rng.word.adjective(), rng.hacker.noun(), rng.word.verb(), rng.science.chemicalElement().name, rng.animal.type()]
    .map((w) => w.replace(/[^A-Za-z]/g, '').toLowerCase()).filter((w) => w.length > 1);
  const a = rng.helpers.arrayElement(parts);
  const b = rng.helpers.arrayElement(parts);
  const cut = (w: string): string => (w.length > 5 && rng.datatype.boolean() ? w.slice(0, rng.number.int({ min: 3, max: w.length - 1 })) : w);
  const joined = `${cut(a)}${b}`;
  const cased = rng.number.float() < 0.15 ? `${a[0]!.toUpperCase()}${cut(a).slice(1)}${b[0]!.toUpperCase()}${b.slice(1)}` : joined[0]!.toUpperCase() + joined.slice(1);
  return cased;
}

export function organization(lf: LocaleFaker, rng: Faker, person: () => Person): string {
  return rng.helpers.weightedArrayElement([
    { weight: 5, value: () => lf.faker.company.name() },
    { weight: 5, value: () => brand(rng) },
    { weight: 4, value: () => `${brand(rng)} ${rng.helpers.arrayElement(ORG_SUFFIXES)}` },
    { weight: 2, value: () => `${lf.faker.person.lastName()} ${rng.helpers.arrayElement(ORG_SUFFIXES)}` },
    { weight: 3, value: () => {
      const p = person();
      return rng.helpers.arrayElement(INSTITUTIONS).replace('{c}', lf.faker.location.city()).replace('{f}', p.first).replace('{l2}', person().last).replace('{l}', p.last);
    } },
    { weight: 1, value: () => rng.airline.airline().name },
    { weight: 2, value: () => rng.helpers.arrayElement(KNOWN_ORGS) },
    { weight: 1, value: () => rng.book.publisher() },
  ])();
}

// Named institutions by kind, for templates about hospitals, schools, banks and public agencies.
const INSTITUTIONS_BY_KIND: Record<'hospital' | 'school' | 'bank' | 'agency', string[]> = {
  hospital: ['{c} General Hospital', 'St. {f} Hospital', '{c} Medical Center', '{l} Memorial Hospital', "{c} Children's Hospital", 'University Hospital {c}', '{c} Regional Medical Centre', '{l} Clinic', '{c} Family Practice', '{c} Eye Clinic', 'Mount {l} Hospital', '{c} Cancer Institute', '{c} Dental Care'],
  school: ['{c} High School', '{l} Elementary School', 'University of {c}', '{c} State University', '{c} Community College', "St. {f}'s Academy", '{l} College', '{c} School of Economics', '{c} Technical Institute', '{l} Middle School', '{c} Grammar School', '{c} Conservatory of Music', '{l} Primary School', '{c} Business School'],
  bank: ['Bank of {c}', '{c} Savings Bank', '{l} Trust', '{c} Credit Union', 'First National Bank of {c}', '{b} Bank', '{c} Federal Credit Union', '{l} & Sons Bank', '{b} Financial', 'HSBC', 'Barclays', 'Santander', 'ING', 'Wells Fargo', 'Chase', 'Lloyds Bank', 'Deutsche Bank', 'Monzo', 'Revolut', 'Citibank'],
  agency: ['{c} City Council', '{c} Police Department', '{c} Housing Authority', '{c} Fire Department', '{c} County Court', '{c} Water Board', 'the {c} Tax Office', '{c} Department of Health', '{c} Transit Authority', 'the Internal Revenue Service', 'the Social Security Administration', 'HM Revenue & Customs', 'the Department of Motor Vehicles', 'the Home Office', '{c} Registry Office', '{c} Job Centre'],
};

/** A hospital, school, bank or agency name, with a city or family name of the locale where the pattern has one. */
export function institution(kind: keyof typeof INSTITUTIONS_BY_KIND, lf: LocaleFaker, rng: Faker): string {
  return rng.helpers.arrayElement(INSTITUTIONS_BY_KIND[kind])
    .replace('{c}', lf.faker.location.city()).replace('{f}', lf.faker.person.firstName())
    .replace('{l}', lf.faker.person.lastName()).replace('{b}', brand(rng));
}
