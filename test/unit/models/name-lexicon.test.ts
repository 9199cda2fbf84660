import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LocaleDefinition } from '@faker-js/faker';
import { buildNameLexicon } from '../../../models/train/build-name-lexicon';
import { parseNameLexicon } from '../../../src/core/inference/name-lexicon';

// Two hand-written locales and a small dictionary; the expected lines follow from the rules in the builder's header.
const locales = {
  a: { person: { first_name: { female: ['Hannah', 'June', 'Georgia'], male: ['Derek', 'Will', 'Jean Luc'] }, last_name: { generic: ["O'Brien", 'Lincoln', 'x'] } } },
  b: { person: { first_name: ['Derek'] }, location: { city_name: ['Lincoln'], country: ['Norway', 'Georgia', 'New Zealand'], state: ['Texas'] } },
} as unknown as Record<string, LocaleDefinition>;
const dictionary = ['will', 'battery', "battery's", 'Derek', 'norway', 'texas'];

test('names, names that are something else too, plain words and regions', () => {
  const lines = buildNameLexicon(locales, dictionary);
  assert.deepEqual(lines, ['Derek', 'Georgia\t*', 'Hannah', 'June\t*', 'Lincoln\t*', "O'Brien", 'Will\t*', 'battery\t-', 'norway\t-', 'texas\t-', 'New Zealand\t@', 'Norway\t@', 'Texas\t@']);
  const lexicon = parseNameLexicon(lines.join('\n'));
  assert.ok(lexicon.isOnlyName('Derek') && lexicon.isName('Will') && !lexicon.isOnlyName('Will'));
  assert.ok(!lexicon.isName('Jean Luc') && !lexicon.isName('x'), 'one capitalised word of two letters or more');
  assert.ok(lexicon.isRegion('Norway') && !lexicon.isRegion('Georgia'), 'a region that is also a name is not a region only');
});
