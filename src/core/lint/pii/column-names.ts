import type { PiiEntity } from '../finding';

/** What a column or field name says about the values under it. */
export interface ColumnNameVerdict {
  entity: PiiEntity;
  /** The name tokens that decided it, for messages (`first name`). */
  matched: string;
}

/**
 * Tokens that describe something *about* a value rather than the value itself: `email_verified`,
 * `phone_type`, `password_hash`, `is_mobile`, `zip_file`. A name holding any of them names no PII.
 */
const DESCRIBES_NOT_HOLDS = new Set([
  'is', 'has', 'count', 'cnt', 'verified', 'valid', 'validated', 'enabled', 'flag', 'type',
  'status', 'format', 'length', 'len', 'hash', 'hashed', 'domain', 'provider', 'sent', 'opt', 'optin',
  'optout', 'consent', 'confirmed', 'bounced', 'template', 'id', 'ids', 'uuid', 'idx', 'model',
  'brand', 'os', 'version', 'make', 'manufacturer', 'prefix', 'regex', 'pattern', 'policy',
  'required', 'changed', 'updated', 'file', 'path', 'dir', 'column', 'field', 'col', 'placeholder',
]);

/** Qualifiers that make `name` a person's name (`first_name`, `patient_name`, `cardholder_name`). */
const PERSON_QUALIFIERS = new Set([
  'first', 'last', 'full', 'given', 'family', 'middle', 'maiden', 'sur', 'nick', 'legal', 'birth',
  'customer', 'patient', 'employee', 'client', 'contact', 'person', 'member', 'student', 'author',
  'applicant', 'defendant', 'beneficiary', 'recipient', 'sender', 'holder', 'cardholder', 'guardian',
  'parent', 'mother', 'father', 'spouse', 'emergency', 'doctor', 'physician', 'teacher', 'driver',
  'passenger', 'guest', 'tenant', 'buyer', 'seller', 'witness', 'victim', 'suspect', 'officer',
  'candidate', 'participant', 'subject', 'owner', 'reviewer', 'signer', 'insured', 'policyholder',
]);

/** Single tokens that name a person's name however they are combined (`lastname`, `fname`). */
const PERSON_TOKENS = new Set([
  'firstname', 'lastname', 'surname', 'fullname', 'givenname', 'familyname', 'middlename',
  'maidenname', 'forename', 'fname', 'lname', 'nickname', 'patientname', 'customername',
]);

/** Qualifiers that make `name` an organization's name. */
const ORGANIZATION_QUALIFIERS = new Set(['company', 'org', 'organization', 'organisation', 'business', 'employer', 'firm', 'institution', 'school', 'university']);
/** Qualifiers that make `name` a place's name. */
const LOCATION_QUALIFIERS = new Set(['city', 'street', 'town', 'place', 'village', 'road']);

/** `address` with these is not a postal address (`mac_address`, `wallet_address`, `bind_address`). */
const NOT_POSTAL = new Set([
  'mac', 'wallet', 'memory', 'web', 'url', 'contract', 'bitcoin', 'btc', 'eth', 'server', 'host',
  'remote', 'local', 'base', 'bind', 'listen', 'proxy', 'return', 'broadcast', 'multicast', 'network',
]);

/** Tokens that show a number-ish column (`mobile_number`, `cell_no`). */
const NUMBER_TOKENS = new Set(['number', 'num', 'no', 'nr', 'nbr', 'phone', 'home', 'work', 'primary', 'personal']);

/** Splits `dateOfBirth`, `first_name`, `E-Mail`, `user.phone[0]` into lowercase word tokens. */
export function nameTokens(name: string): string[] {
  // A field path names its value by its last segment: `user.contact.email`, `phones[0]`.
  const segments = name.replace(/\[\d*\]/g, '').split(/[./]/).filter((s) => s.length > 0);
  const last = segments.length > 0 ? segments[segments.length - 1] : name;
  return last
    .replace(/(^|[^a-zA-Z])[eE][-_ ]?[mM]ail/g, '$1email')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)|(\d)([a-zA-Z])/g, '$1$3 $2$4')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/**
 * What a column header or field name says the values are, or undefined when it names no PII.
 * Decisions worth knowing: `name` alone and `name` with a person qualifier (`first_name`,
 * `patient_name`) are PERSON; `name` with anything else (`file_name`, `model_name`,
 * `dataset_name`, `product_name`) is not, and `company_name` is ORGANIZATION. `first`/`last` count
 * only as the whole header (COMPAS-style), so `last_login` is not a name. `username`/`user_name`
 * is an account handle, not a PERSON. Names describing a value (`email_verified`, `is_mobile`,
 * `password_hash`) are not PII.
 */
export function classifyColumnName(name: string): ColumnNameVerdict | undefined {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return undefined;
  if (tokens.some((t) => DESCRIBES_NOT_HOLDS.has(t))) return undefined;
  const has = (t: string): boolean => tokens.includes(t);
  const hasAny = (set: ReadonlySet<string>): string | undefined => tokens.find((t) => set.has(t));
  const only = tokens.length === 1 ? tokens[0] : undefined;
  const verdict = (entity: PiiEntity, ...matched: string[]): ColumnNameVerdict => ({ entity, matched: matched.join(' ') });

  // Secrets first: `api_key`, `access_token`, `password`.
  for (const t of ['password', 'passwd', 'pwd', 'passphrase', 'secret', 'apikey', 'accesskey', 'secretkey', 'privatekey']) {
    if (has(t)) return verdict('SECRET', t);
  }
  if (has('key') && (has('api') || has('access') || has('private') || has('secret'))) return verdict('SECRET', ...tokens);
  // `token` alone is a text token in NLP data; only credential tokens count.
  if (has('token') && ['access', 'auth', 'refresh', 'bearer', 'api', 'session', 'oauth'].some(has)) return verdict('SECRET', ...tokens);

  if (has('email') || has('emailaddress') || has('emails') || only === 'mail') return verdict('EMAIL', 'email');
  if (has('ip') || has('ipaddr') || has('ipaddress') || has('ipv')) return verdict('IP_ADDRESS', 'ip');

  for (const t of ['phone', 'phones', 'telephone', 'tel', 'cellphone', 'phonenumber', 'mobilephone', 'msisdn', 'fax']) {
    if (has(t)) return verdict('PHONE', t);
  }
  for (const t of ['mobile', 'cell']) {
    if (only === t || (has(t) && hasAny(NUMBER_TOKENS))) return verdict('PHONE', ...tokens);
  }

  if (has('ssn') || (has('social') && has('security'))) return verdict('US_SSN', ...tokens.filter((t) => t === 'ssn' || t === 'social' || t === 'security'));
  if (has('iban')) return verdict('IBAN', 'iban');
  if (has('creditcard') || has('cardnumber') || has('ccnumber') || has('ccnum') || (has('credit') && has('card'))) return verdict('CREDIT_CARD', ...tokens);
  if ((has('card') || has('cc')) && (has('number') || has('num') || has('no') || has('nr'))) return verdict('CREDIT_CARD', ...tokens);

  // Birth: a date (`dob`, `birth_date`, `year_of_birth`) unless it is a place or a measure.
  for (const t of ['dob', 'birthdate', 'birthday', 'dateofbirth', 'birthdt', 'yob', 'born']) {
    if (has(t)) return verdict('DATE_OF_BIRTH', t);
  }
  if (has('birth') || has('birthplace')) {
    if (has('birthplace') || ['place', 'country', 'city', 'town', 'location', 'state'].some(has)) return verdict('LOCATION', ...tokens);
    if (!['weight', 'order', 'rate', 'rank', 'name', 'cert', 'certificate', 'count'].some(has)) return verdict('DATE_OF_BIRTH', ...tokens);
  }

  if (only === 'company' || only === 'employer' || only === 'organization' || only === 'organisation' || has('companyname')) return verdict('ORGANIZATION', ...tokens);

  if (has('address') || has('addr')) {
    if (!hasAny(NOT_POSTAL)) return verdict('LOCATION', ...tokens);
    return undefined;
  }
  for (const t of ['street', 'city', 'zip', 'zipcode', 'postcode', 'postalcode', 'latitude', 'longitude', 'geolocation']) {
    if (has(t)) return verdict('LOCATION', t);
  }
  if (has('postal') && has('code')) return verdict('LOCATION', 'postal code');

  const personToken = hasAny(PERSON_TOKENS);
  if (personToken !== undefined) return verdict('PERSON', personToken);
  if (only === 'name' || only === 'first' || only === 'last' || only === 'middle') return verdict('PERSON', only);
  if (has('name') || has('names')) {
    if (hasAny(ORGANIZATION_QUALIFIERS)) return verdict('ORGANIZATION', ...tokens);
    if (hasAny(LOCATION_QUALIFIERS)) return verdict('LOCATION', ...tokens);
    const qualifier = hasAny(PERSON_QUALIFIERS);
    if (qualifier !== undefined) return verdict('PERSON', ...tokens);
  }
  return undefined;
}

const FIELD_CACHE_LIMIT = 4096;
const fieldCache = new Map<string, PiiEntity | null>();

/** The entity a field name suggests (cached: the same few field paths repeat in every record). */
export function entityForFieldName(field: string): PiiEntity | undefined {
  const cached = fieldCache.get(field);
  if (cached !== undefined) return cached ?? undefined;
  const entity = classifyColumnName(field)?.entity;
  if (fieldCache.size >= FIELD_CACHE_LIMIT) fieldCache.clear();
  fieldCache.set(field, entity ?? null);
  return entity;
}
