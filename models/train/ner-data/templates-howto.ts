// How-to, technical and support text: sentences that open with a capitalised imperative verb or
// noun ("Restart…", "Keep…", "Total…"), steps, units, quarters and acronyms. Sentence
// starts are where casing says nothing, so the model must learn that most of them are ordinary
// words; a few templates put a name or place inside the same kind of sentence.
// Written for this project.

/** Instructions and technical notes; most have no entity at all. */
export const HOWTO = [
  '{Verb} the {noun} first, then {verb} the {noun}.',
  '{Verb} it again after {num} minutes.',
  '{Verb} the {noun} only when it is {adj}.',
  '{Verb} the {noun} with a {adj} {noun}.',
  '{Verb} the {tech} script and check the {noun}.',
  'Restart the {tech} service, then clear the cache.',
  '{Verb} the {noun} size to {num} and the timeout to {unit}.',
  'Use {unit} of {noun} per {noun}.',
  'Add {unit} of water and stir for {num} minutes.',
  'Keep the {noun} below {unit}.',
  'Step {num}: {verb} the {noun}.\nStep {num}: {verb} the {adj} {noun}.',
  '{num}. {Verb} the {noun}\n{num}. {Verb} the {noun}\n{num}. {Verb} and {verb}',
  '- {Verb} the {noun}\n- {Verb} the {adj} {noun}\n- {Noun} check',
  '{Noun}: {adj}\n{Noun}: {unit}\n{Noun}: {num}',
  '{Noun} {noun} is {adj} in {quarter}; {noun} is up {num}% over {quarter}.',
  'Revenue in {quarter} was {money}, {num}% above {quarter}.',
  'Targets for {quarter}: {verb} the {noun}, {verb} the {noun}.',
  '{tech} vs {tech}: which one should I {verb} for the {noun}?',
  'The {tech} {noun} uses {unit} of memory and {num} threads.',
  '{Verb} the {adj} plan to {verb} more {noun}s.',
  '{Verb} a {noun} from the {noun} page.',
  '{Verb} the change and open a pull request.',
  '{Verb} {tech} instead of {tech} when the {noun} is {adj}.',
  '{Noun} {id} is delayed by {num} minutes.',
  '{Noun} {id}: {num} {noun}s, {num} {noun}s.',
  '{Noun} {num} is down; the {noun} moved to {noun} {num}.',
  'Check the {noun} and {verb} the {noun} if it is {adj}.',
  'Avoid {verb}ing the {noun} in {adj} weather.',
  'Note: the {noun} takes {unit} to {verb}.',
  'Tip: {verb} the {noun} every {num} days.',
  'Warning: do not {verb} the {noun} above {unit}.',
  'Why does the {tech} {noun} {verb} after the update?',
  'Open {tech}, go to Settings and turn off {adj} {noun}s.',
  'Save the file as {tech} and upload it again.',
  '{Adverb} {verb} the {noun} before the {noun}.',
  'Ask {first} to {verb} the {noun} before {weekday}.',
  '{Verb} the {noun} so that {name} has access.',
  'Send the {noun} to {first} once the {noun} is {adj}.',
  'Ship the {noun} to our office in {city}.',
  '{Verb} the {noun} for {org} by {quarter}.',
];

/** Measurements as they appear in instructions and specs. */
export const UNITS = ['kg', 'g', 'mg', 'lb', 'oz', 'cm', 'mm', 'm', 'km', 'in', 'ft', 'ml', 'l', 'GB', 'MB', 'TB', 'ms', 's', 'min', 'h', 'GHz', 'MHz', 'W', 'kW', 'V', 'mAh', '°C', '°F', 'px', 'dpi', 'rpm', 'psi', 'km/h', 'mph'];

/** Reporting periods: quarters, halves, fiscal years. */
export function quarter(pick: <T>(xs: readonly T[]) => T, int: (min: number, max: number) => number): string {
  const p = pick(['Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2', 'FY']);
  return pick([p, `${p} ${int(2018, 2027)}`, `${p}${p === 'FY' ? '' : ' FY'}${int(18, 27)}`, `${p}/${int(2018, 2027)}`]);
}
