// Words and phrases that are NOT names, places or organisations but look like them: capitalised
// products, months, weekdays, job titles, nationalities, holidays, titles of songs and books.
import type { Faker } from '@faker-js/faker';
import type { LocaleFaker } from './locales';
import { COMMON_ADJECTIVES, COMMON_ADVERBS, COMMON_NOUNS, COMMON_VERBS } from './common-words';

const NATIONALITIES = ['English', 'German', 'French', 'Spanish', 'Italian', 'Dutch', 'Swedish', 'Polish', 'Turkish', 'Chinese', 'Japanese', 'Korean', 'Hindi', 'Arabic', 'Russian', 'Portuguese', 'Brazilian', 'Mexican', 'Canadian', 'American', 'British', 'Indian', 'Nigerian', 'Greek', 'Finnish', 'Norwegian', 'Danish', 'Czech', 'Hungarian', 'Romanian', 'Vietnamese', 'Indonesian', 'Latin', 'Catholic', 'Muslim', 'Jewish', 'Buddhist', 'Christian', 'Hindu', 'European', 'Asian', 'African', 'Scandinavian', 'Hispanic', 'Swahili', 'Tamil', 'Bengali', 'Urdu', 'Persian', 'Hebrew'];
const HOLIDAYS = ['Christmas', 'Easter', 'Thanksgiving', 'Halloween', 'New Year', "New Year's Eve", 'Ramadan', 'Eid', 'Diwali', 'Hanukkah', 'Black Friday', 'Cyber Monday', 'Labor Day', 'Memorial Day', 'Boxing Day', 'Good Friday', 'Independence Day', "Valentine's Day", "Mother's Day", 'Lunar New Year', 'Oktoberfest', 'Carnival'];
const TECH = ['Python', 'JavaScript', 'TypeScript', 'Java', 'Rust', 'Go', 'Kotlin', 'Swift', 'SQL', 'PostgreSQL', 'MySQL', 'Excel', 'Word', 'PowerPoint', 'Outlook', 'Windows', 'Linux', 'Android', 'iOS', 'Chrome', 'Firefox', 'Safari', 'Docker', 'Kubernetes', 'GitHub', 'Jira', 'Slack', 'Zoom', 'Teams', 'PDF', 'CSV', 'JSON', 'API', 'SDK', 'VPN', 'Wi-Fi', 'Bluetooth', 'USB', 'HDMI', 'OAuth', 'SSO', 'CRM', 'ERP', 'GPU', 'CPU', 'RAM', 'SSD', 'PyTorch', 'TensorFlow', 'Pandas', 'NumPy', 'Jupyter', 'Markdown', 'YAML', 'HTML', 'CSS'];
const CAP_WORDS = ['Please', 'Thanks', 'Hello', 'Hi', 'Dear', 'Regards', 'Cheers', 'Note', 'Update', 'Urgent', 'Important', 'Reminder', 'Invoice', 'Order', 'Account', 'Support', 'Customer', 'Manager', 'Team', 'Office', 'Product', 'Service', 'Report', 'Summary', 'Meeting', 'Agenda', 'Status', 'Priority', 'Ticket', 'Issue', 'Request', 'Payment', 'Delivery', 'Shipping', 'Refund', 'Billing', 'Monday', 'Subject', 'Re', 'Fwd', 'Total', 'Amount', 'Balance', 'Premium', 'Gold', 'Silver', 'Platinum', 'Basic', 'Pro', 'Enterprise', 'Free', 'Trial', 'North', 'South', 'East', 'West', 'Central', 'Main', 'High', 'Grand', 'Royal', 'National', 'International', 'Global', 'Local', 'General', 'Special', 'Senior', 'Junior', 'Chief', 'Director', 'President', 'Doctor', 'Patient', 'Client', 'User', 'Admin', 'Guest', 'Member', 'Partner', 'Vendor', 'Supplier', 'Employee', 'Staff', 'Student', 'Teacher', 'Parent', 'Mother', 'Father', 'Baby', 'Love', 'Hope', 'Faith', 'Grace', 'Joy', 'Will', 'May', 'June', 'April', 'Rose', 'Lily', 'Summer', 'Winter', 'Spring', 'Autumn', 'Crystal', 'Amber', 'Ruby', 'Jade', 'Victory', 'Liberty', 'Unity', 'Harmony', 'Sky', 'River', 'Ocean', 'Forest', 'Mountain', 'Valley', 'Park', 'Lake', 'Street', 'Avenue', 'Road', 'Bay', 'Hill', 'Field', 'Stone', 'Wood', 'King', 'Queen', 'Prince', 'Bishop', 'Knight', 'Rock', 'Star', 'Sun', 'Moon', 'Earth', 'Mars', 'Orange', 'Mustang', 'Phoenix', 'Titan', 'Atlas', 'Nova', 'Echo', 'Delta', 'Alpha', 'Beta', 'Omega', 'Sigma', 'Zeta', 'Version', 'Release', 'Chapter', 'Section', 'Table', 'Figure', 'Appendix', 'Step', 'Phase', 'Level', 'Room', 'Floor', 'Building', 'Gate', 'Terminal', 'Platform', 'Unit', 'Block', 'Lot', 'Batch', 'Model', 'Series', 'Edition', 'Plan', 'Package', 'Bundle', 'Kit'];

const LAWS = ['Title IX', 'the Clean Air Act', 'the Data Protection Act', 'Section 230', 'Article 17', 'the Fair Housing Act', 'the Patriot Act', 'Chapter 11', 'Rule 34', 'the Bill of Rights', 'the Geneva Convention', 'Amendment 2', 'Schedule B', 'Form W-9', 'Regulation D'];
/** Capitalised names of laws, forms and clauses: not organisations. */
export const law = (rng: Faker): string => rng.helpers.arrayElement(LAWS);

/** A capitalised common word: at the start of a sentence, in a heading, a product tier. */
export const capWord = (rng: Faker): string => rng.helpers.arrayElement(CAP_WORDS);
export const nationality = (rng: Faker): string => rng.helpers.arrayElement(NATIONALITIES);
export const holiday = (rng: Faker): string => rng.helpers.arrayElement(HOLIDAYS);
export const tech = (rng: Faker): string => rng.helpers.arrayElement(TECH);

export function month(lf: LocaleFaker, rng: Faker): string {
  return rng.number.float() < 0.8 ? rng.date.month({ abbreviated: rng.number.float() < 0.2 }) : lf.faker.date.month();
}

export function weekday(lf: LocaleFaker, rng: Faker): string {
  return rng.number.float() < 0.8 ? rng.date.weekday({ abbreviated: rng.number.float() < 0.15 }) : lf.faker.date.weekday();
}

export function product(rng: Faker): string {
  return rng.helpers.weightedArrayElement([
    { weight: 4, value: () => rng.commerce.productName() },
    { weight: 2, value: () => rng.commerce.product() },
    { weight: 1, value: () => `${rng.commerce.productAdjective()} ${rng.commerce.product()} ${rng.number.int({ min: 2, max: 12 })}` },
    { weight: 1, value: () => `${rng.vehicle.model()}` },
    { weight: 1, value: () => `${rng.helpers.arrayElement(['Model', 'Series', 'Type', 'Mark'])} ${rng.string.alpha({ length: 1, casing: 'upper' })}${rng.number.int({ min: 1, max: 900 })}` },
  ])();
}

/** A capitalised phrase that is not an entity: a song, a book, a dish, a job title. */
export function titledThing(rng: Faker): string {
  return rng.helpers.arrayElement([
    () => rng.music.songName(), () => rng.book.title(), () => rng.food.dish(), () => rng.person.jobTitle(),
    () => rng.commerce.department(), () => rng.music.genre(), () => rng.book.genre(), () => rng.hacker.noun(),
    () => rng.science.chemicalElement().name, () => rng.animal.type(), () => rng.color.human(), () => rng.company.buzzPhrase(),
    () => law(rng), () => rng.commerce.productName(),
  ])();
}

/** A lower-case sentence-like phrase from random English words, to widen the vocabulary of "O" text. */
export function wordSalad(rng: Faker, words: number): string {
  const pick = [() => rng.word.noun(), () => rng.word.verb(), () => rng.word.adjective(), () => rng.word.adverb(), () => rng.word.preposition(), () => rng.word.conjunction(),
    () => rng.helpers.arrayElement(COMMON_NOUNS), () => rng.helpers.arrayElement(COMMON_NOUNS), () => rng.helpers.arrayElement(COMMON_VERBS), () => rng.helpers.arrayElement(COMMON_ADJECTIVES), () => rng.helpers.arrayElement(COMMON_ADVERBS)];
  return Array.from({ length: words }, () => rng.helpers.arrayElement(pick)()).join(' ');
}
