import type { CardInspection } from '../../protocol/model-card-protocol';
import { HUMAN_FIELDS } from './card-sections';
import { fieldNeedsHuman, fieldValue, missingSections } from './card-edits';
import { findPlaceholders, lintModelCard, type CardLintOptions } from './lint-card';
import { parseCard } from './parse-card';

/** Everything the editor and the diagnostics need from a card's text, in one parse. */
export function inspectCard(text: string, options: CardLintOptions = {}): CardInspection {
  const card = parseCard(text);
  const title = card.sections.find((s) => s.heading.depth === 1)?.heading.title;
  return {
    findings: lintModelCard(text, options),
    fields: HUMAN_FIELDS.map((f) => ({ id: f.id, label: f.label, help: f.help, multiline: f.multiline, value: fieldValue(card, f.id), needsHuman: fieldNeedsHuman(card, f.id) })),
    placeholders: findPlaceholders(card).length,
    ...(title ? { title } : {}),
    missingSections: missingSections(card),
  };
}
