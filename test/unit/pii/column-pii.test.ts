import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyColumnName, nameTokens } from '../../../src/core/lint/pii/column-names';
import { detectColumnPii } from '../../../src/core/lint/pii/column-pii';

test('column names: tokens from snake, camel, kebab and paths', () => {
  assert.deepEqual(nameTokens('dateOfBirth'), ['date', 'of', 'birth']);
  assert.deepEqual(nameTokens('first_name'), ['first', 'name']);
  assert.deepEqual(nameTokens('E-Mail'), ['email']);
  assert.deepEqual(nameTokens('user.contact.phone[0]'), ['phone']);
  assert.deepEqual(nameTokens('IPAddress'), ['ip', 'address']);
  assert.deepEqual(nameTokens('address2'), ['address', '2']);
});

test('column names: what names PII and what does not', () => {
  const cases: Array<[string, string | undefined]> = [
    ['name', 'PERSON'], ['first', 'PERSON'], ['last', 'PERSON'], ['first_name', 'PERSON'], ['lastname', 'PERSON'],
    ['surname', 'PERSON'], ['full_name', 'PERSON'], ['customerName', 'PERSON'], ['fname', 'PERSON'],
    ['last_login', undefined], ['first_seen', undefined], ['filename', undefined], ['file_name', undefined],
    ['model_name', undefined], ['dataset_name', undefined], ['product_name', undefined], ['username', undefined],
    ['user_name', undefined], ['company_name', 'ORGANIZATION'], ['employer', 'ORGANIZATION'],
    ['email', 'EMAIL'], ['E-Mail', 'EMAIL'], ['email_address', 'EMAIL'], ['email_verified', undefined],
    ['phone', 'PHONE'], ['tel', 'PHONE'], ['mobile', 'PHONE'], ['mobile_number', 'PHONE'], ['is_mobile', undefined],
    ['mobile_app', undefined], ['phone_type', undefined], ['ssn', 'US_SSN'], ['social_security_number', 'US_SSN'],
    ['dob', 'DATE_OF_BIRTH'], ['birthdate', 'DATE_OF_BIRTH'], ['date_of_birth', 'DATE_OF_BIRTH'], ['DateOfBirth', 'DATE_OF_BIRTH'],
    ['birth_year', 'DATE_OF_BIRTH'], ['birth_weight', undefined], ['place_of_birth', 'LOCATION'],
    ['address', 'LOCATION'], ['street', 'LOCATION'], ['city', 'LOCATION'], ['zip', 'LOCATION'], ['postcode', 'LOCATION'],
    ['postal_code', 'LOCATION'], ['mac_address', undefined], ['ip', 'IP_ADDRESS'], ['ip_address', 'IP_ADDRESS'],
    ['client_ipv4', 'IP_ADDRESS'], ['iban', 'IBAN'], ['cc_number', 'CREDIT_CARD'], ['card_number', 'CREDIT_CARD'],
    ['credit_card', 'CREDIT_CARD'], ['card_type', undefined], ['api_key', 'SECRET'], ['password', 'SECRET'],
    ['password_hash', undefined], ['access_token', 'SECRET'], ['tokens', undefined], ['input_ids', undefined],
  ];
  for (const [name, entity] of cases) assert.equal(classifyColumnName(name)?.entity, entity, name);
});

test('column pii: the COMPAS header flags names and dob, not screening dates, jail times, age, sex or race', () => {
  const header = 'id,name,first,last,compas_screening_date,sex,dob,age,age_cat,race,juv_fel_count,decile_score,juv_misd_count,juv_other_count,priors_count,days_b_screening_arrest,c_jail_in,c_jail_out,c_case_number,c_offense_date,c_arrest_date,c_days_from_compas,c_charge_degree,c_charge_desc,is_recid,r_case_number'.split(',');
  // Values made up here in the shape of such a file.
  const samples: Record<string, string[]> = {
    id: ['1', '2', '3', '4', '5'],
    name: ['ann lee', 'bo diaz', 'cy moss', 'di park', 'ed ruiz'],
    first: ['ann', 'bo', 'cy', 'di', 'ed'],
    last: ['lee', 'diaz', 'moss', 'park', 'ruiz'],
    compas_screening_date: ['2013-08-14', '2013-01-27', '2013-04-14', '2013-01-13', '2013-03-26'],
    sex: ['Male', 'Female', 'Male', 'Male', 'Female'],
    dob: ['1947-04-18', '1982-01-22', '1991-05-14', '1993-01-21', '1973-01-22'],
    age: ['69', '34', '24', '23', '43'],
    race: ['Other', 'African-American', 'Caucasian', 'Hispanic', 'Other'],
    c_jail_in: ['2013-08-13 06:03:42', '2013-01-26 03:45:27', '2013-04-13 04:58:34', '', '2013-03-25 10:11:12'],
    c_case_number: ['13011352CF10A', '13001275CF10A', '13005330CF10A', '13000570CF10A', '12014130CF10A'],
  };
  const flagged = header
    .map((h) => [h, detectColumnPii(h, samples[h] ?? [])] as const)
    .filter(([, r]) => r !== undefined)
    .map(([h, r]) => `${h}:${r!.entity}`);
  assert.deepEqual(flagged, ['name:PERSON', 'first:PERSON', 'last:PERSON', 'dob:DATE_OF_BIRTH']);
  const dob = detectColumnPii('dob', samples.dob)!;
  assert.equal(dob.score, 0.95);
  assert.match(dob.reason, /dob/);
  assert.match(dob.reason, /5 of 5/);
});

test('column pii: values decide when the header does not, and contradict a header they do not fit', () => {
  const emails = ['a@acme.io', 'b.c@acme.io', 'dd@x-y.org', '', 'e@f.co', 'g@h.io'];
  const byValues = detectColumnPii('contact', emails)!;
  assert.equal(byValues.entity, 'EMAIL');
  assert.match(byValues.reason, /5 of 5 sampled values/);
  assert.equal(detectColumnPii('notes', ['see a@acme.io', 'hello', 'world', 'fine', 'ok']), undefined);
  // Text that merely mentions an address is not an email column.
  assert.equal(detectColumnPii('message', ['write to a@acme.io please', 'or b@acme.io', 'c@acme.io is mine']), undefined);
  assert.equal(detectColumnPii('email', ['true', 'false', 'true', 'true', 'false', 'true']), undefined);
  assert.equal(detectColumnPii('email', ['x@acme.io', 'true', 'false'])?.entity, 'EMAIL');
  assert.equal(detectColumnPii('phone', ['+44 20 7946 0958', '(650) 253-0000', '030 12345678'])?.score, 0.95);
  assert.equal(detectColumnPii('ip', [])?.score, 0.7);
  assert.equal(detectColumnPii('x', ['1', '2']), undefined);
});
