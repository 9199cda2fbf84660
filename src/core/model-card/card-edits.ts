import { isMap, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { HUMAN_FIELDS, headingFieldsOf, humanField, normaliseTitle, PLACEHOLDER, SECTIONS, sectionInfo, type HumanFieldId, type SectionId } from './card-sections';
import { findSection, subsectionsOf, type CardSection, type ParsedCard } from './parse-card';

/** Replace the text between two offsets of the card (UTF-16) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits to a text (any order). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The section sub-heading that holds a human field: inside its section first, else anywhere. */
export function findFieldSection(card: ParsedCard, id: HumanFieldId): CardSection | undefined {
  const where = humanField(id).where;
  if (where.kind !== 'heading') return undefined;
  const matches = (s: CardSection) => where.aliases.includes(normaliseTitle(s.heading.title));
  const parent = findSection(card, where.section);
  return (parent && subsectionsOf(card, parent).find(matches)) ?? card.sections.find(matches);
}

function frontMatterPair(card: ParsedCard, key: string): Pair<Node, Node | null> | undefined {
  const contents = card.frontMatter?.yaml.contents;
  if (!isMap(contents)) return undefined;
  return contents.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair<Node, Node | null> | undefined;
}

/** A human field's current text ('' when absent); list values are joined with ", ". */
export function fieldValue(card: ParsedCard, id: HumanFieldId): string {
  const where = humanField(id).where;
  if (where.kind === 'front-matter') {
    const v = card.metadata?.[where.key];
    if (Array.isArray(v)) return v.map(String).join(', ');
    return v === undefined || v === null ? '' : String(v);
  }
  const s = findFieldSection(card, id);
  return s ? card.text.slice(s.bodyStart, s.contentEnd).trim().replace(/\r\n/g, '\n') : '';
}

/** True when a field is empty or still holds a placeholder. */
export function fieldNeedsHuman(card: ParsedCard, id: HumanFieldId): boolean {
  const v = fieldValue(card, id);
  return v === '' || v.includes(PLACEHOLDER) || /\bTODO\b/.test(v);
}

/** A YAML scalar for a value: plain when that is safe, else double-quoted (JSON is valid YAML). */
export function yamlScalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._+/-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~|[0-9.e+-]+)$/i.test(value) ? value : JSON.stringify(value);
}

function frontMatterEdit(card: ParsedCard, key: string, value: string, list: boolean): TextEdit {
  const eol = card.eol;
  const items = list ? value.split(',').map((x) => x.trim()).filter(Boolean) : [value.trim()];
  const shown = items.length > 0 ? items : [PLACEHOLDER];
  const fm = card.frontMatter;
  if (!fm) {
    const v = list && shown.length > 1 ? `[${shown.map(yamlScalar).join(', ')}]` : yamlScalar(shown[0]!);
    return { start: 0, end: 0, text: `---${eol}${key}: ${v}${eol}---${eol}${card.text.length > 0 ? eol : ''}` };
  }
  const pair = frontMatterPair(card, key);
  const node = pair?.value;
  if (pair && node?.range) {
    const start = fm.contentStart + node.range[0];
    let end = fm.contentStart + node.range[1];
    // A block collection's range runs on to the next key's line: stop after its last character.
    while (end > start && /\s/.test(card.text[end - 1]!)) end--;
    if (isSeq(node) && !node.flow) {
      // Keep a block list a block list, at the indentation its first item had.
      const lineStart = card.text.lastIndexOf('\n', start - 1) + 1;
      const indent = card.text.slice(lineStart, start);
      return { start, end, text: shown.map((x, i) => `${i === 0 ? '' : indent}- ${yamlScalar(x)}`).join(eol) };
    }
    const text = list && (shown.length > 1 || isSeq(node)) ? `[${shown.map(yamlScalar).join(', ')}]` : yamlScalar(shown[0]!);
    return { start, end, text };
  }
  // A new key goes last, just before the closing fence.
  const v = list && shown.length > 1 ? `[${shown.map(yamlScalar).join(', ')}]` : yamlScalar(shown[0]!);
  const needsBreak = fm.contentEnd > fm.contentStart && !card.text.slice(0, fm.contentEnd).endsWith('\n');
  return { start: fm.contentEnd, end: fm.contentEnd, text: `${needsBreak ? eol : ''}${key}: ${v}${eol}` };
}

/**
 * The edit that sets a human field, touching nothing else: a front matter value is replaced at
 * its source range (a missing key is added last); a section field's text is replaced between
 * its heading and the next heading, keeping the whitespace around it. A field whose heading is
 * missing is inserted with its section skeleton. An empty value writes the placeholder back.
 */
export function setFieldEdit(card: ParsedCard, id: HumanFieldId, value: string): TextEdit {
  const info = humanField(id);
  const where = info.where;
  if (where.kind === 'front-matter') return frontMatterEdit(card, where.key, value, id === 'language');
  const eol = card.eol;
  const text = (value.trim() === '' ? PLACEHOLDER : value.trim()).replace(/\r?\n/g, eol);
  const s = findFieldSection(card, id);
  if (s) {
    const body = card.text.slice(s.bodyStart, s.contentEnd);
    const lead = /^\s*/.exec(body)![0];
    const trail = /\s*$/.exec(body.slice(lead.length))![0];
    if (body.trim() === '') {
      const after = s.contentEnd < card.text.length ? `${eol}${eol}` : eol;
      return { start: s.bodyStart, end: s.contentEnd, text: `${eol}${text}${after}` };
    }
    return { start: s.bodyStart + lead.length, end: s.contentEnd - trail.length, text };
  }
  const parent = findSection(card, where.section);
  if (parent) {
    // Append the sub-heading at the end of its section. When the section was recognised by a
    // heading that is itself a field (HF's "### Recommendations"), the new one is its sibling.
    const parentIsField = HUMAN_FIELDS.some((f) => f.where.kind === 'heading' && f.where.aliases.includes(normaliseTitle(parent.heading.title)));
    const depth = parent.heading.depth + (parentIsField ? 0 : 1);
    const at = parent.end;
    return { start: at, end: at, text: separated(card, at, `${'#'.repeat(depth)} ${where.title}${eol}${eol}${text}${eol}${at < card.text.length ? eol : ''}`) };
  }
  return insertSectionsEdits(card, [where.section], { [id]: text })[0]!;
}

/** Prefixes a blank line when the insertion point does not follow one. */
function separated(card: ParsedCard, at: number, text: string): string {
  const before = card.text.slice(0, at);
  if (before.length === 0 || /\r?\n\r?\n$/.test(before)) return text;
  return (before.endsWith('\n') ? card.eol : card.eol + card.eol) + text;
}

/** The heading depth of the card's canonical sections (2 when it has none). */
function headingDepth(card: ParsedCard): number {
  const depths = card.sections.filter((s) => s.heading.sectionId).map((s) => s.heading.depth);
  return depths.length > 0 ? Math.min(...depths) : 2;
}

/** The skeleton of a section: heading, prompt, and its human-field sub-headings with placeholders. */
export function sectionSkeleton(id: SectionId, depth: number, eol = '\n', values: Partial<Record<HumanFieldId, string>> = {}): string {
  const info = sectionInfo(id);
  const lines = [`${'#'.repeat(depth)} ${info.title}`, '', `<!-- ${info.prompt} -->`, ''];
  const fields = headingFieldsOf(id);
  if (fields.length === 0) lines.push(PLACEHOLDER, '');
  for (const f of fields) lines.push(`${'#'.repeat(depth + 1)} ${(f.where as { title: string }).title}`, '', values[f.id] ?? PLACEHOLDER, '');
  return lines.join(eol);
}

/** Canonical sections the card has no heading for, in catalogue order. */
export function missingSections(card: ParsedCard): SectionId[] {
  return SECTIONS.map((s) => s.id).filter((id) => !findSection(card, id));
}

/**
 * Edits that insert skeletons for the given sections where they belong in the catalogue order:
 * after the nearest earlier section the card has, else before the nearest later one, else at the
 * end. Sections the card already has are skipped.
 */
export function insertSectionsEdits(card: ParsedCard, ids: SectionId[], values: Partial<Record<HumanFieldId, string>> = {}): TextEdit[] {
  const order = SECTIONS.map((s) => s.id);
  const wanted = order.filter((id) => ids.includes(id) && !findSection(card, id));
  const depth = headingDepth(card);
  const byOffset = new Map<number, SectionId[]>();
  for (const id of wanted) {
    const i = order.indexOf(id);
    const before = order.slice(0, i).reverse().map((x) => findSection(card, x)).find(Boolean);
    const after = order.slice(i + 1).map((x) => findSection(card, x)).find(Boolean);
    const at = before ? before.end : after ? after.heading.start : card.text.length;
    byOffset.set(at, [...(byOffset.get(at) ?? []), id]);
  }
  return [...byOffset.entries()].map(([at, list]) => {
    const body = list.map((id) => sectionSkeleton(id, depth, card.eol, values)).join(card.eol);
    // At the end of the text the last skeleton needs no blank line after it.
    const text = at >= card.text.length ? body.replace(/(\r?\n)+$/, card.eol) : body + card.eol;
    return { start: at, end: at, text: separated(card, at, text) };
  });
}
