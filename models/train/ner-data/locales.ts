// Faker instances for the locales whose names, places and companies the NER model sees.
// Each has English and base as fallbacks, so a locale without (say) cities still answers.
import { Faker, allLocales, base, en, type LocaleDefinition } from '@faker-js/faker';

/** A locale code and how often its entities are drawn (English-speaking locales dominate, as in most datasets). */
const LOCALE_WEIGHTS: ReadonlyArray<[string, number]> = [
  ['en', 10], ['en_US', 4], ['en_GB', 5], ['en_IN', 5], ['en_AU', 3], ['en_NG', 3], ['en_ZA', 2], ['en_GH', 2],
  ['en_HK', 1], ['de', 5], ['de_AT', 2], ['de_CH', 2], ['fr', 5], ['fr_BE', 1], ['fr_CH', 1], ['fr_SN', 1],
  ['es', 4], ['es_MX', 3], ['it', 4], ['nl', 3], ['nl_BE', 1], ['pt_BR', 4], ['pt_PT', 2], ['sv', 2], ['da', 2],
  ['nb_NO', 2], ['fi', 2], ['pl', 3], ['cs_CZ', 2], ['sk', 1], ['hu', 2], ['ro', 2], ['ro_MD', 1], ['hr', 1],
  ['sr_RS_latin', 1], ['lv', 1], ['tr', 3], ['id_ID', 2], ['vi', 2], ['af_ZA', 1], ['zu_ZA', 1], ['yo_NG', 1],
  ['uz_UZ_latin', 1], ['az', 1], ['ru', 2], ['uk', 1], ['el', 1], ['he', 1], ['ar', 1], ['fa', 1], ['ja', 1],
  ['zh_CN', 1], ['ko', 1], ['ka_GE', 1], ['hy', 1], ['th', 1], ['ne', 1],
];

/** Locales whose names and places are written in Latin script. */
const NON_LATIN = new Set(['ru', 'uk', 'el', 'he', 'ar', 'fa', 'ja', 'zh_CN', 'ko', 'ka_GE', 'hy', 'th', 'ne']);

export interface LocaleFaker {
  code: string;
  faker: Faker;
  latin: boolean;
}

/** Builds one seeded Faker per locale; seeds derive from `seed` and the position, so runs repeat exactly. */
export function makeLocaleFakers(seed: number): { fakers: LocaleFaker[]; weights: number[] } {
  const locales = allLocales as Record<string, LocaleDefinition>;
  const fakers: LocaleFaker[] = [];
  const weights: number[] = [];
  LOCALE_WEIGHTS.forEach(([code, weight], i) => {
    const definition = locales[code];
    if (!definition) throw new Error(`faker has no locale ${code}`);
    const faker = new Faker({ locale: [definition, en, base] });
    faker.seed(seed * 1000 + i);
    fakers.push({ code, faker, latin: !NON_LATIN.has(code) });
    weights.push(weight);
  });
  return { fakers, weights };
}
