import { fromMarkdown } from 'mdast-util-from-markdown';
import { parseDocument, type Document } from 'yaml';
import { sectionIdOf, type SectionId } from './card-sections';

/** A 1-based line and a 1-based column counted in UTF-16 code units (as findings count). */
export interface TextPosition {
  line: number;
  column: number;
}

export interface CardHeading {
  depth: number;
  /** The heading's text, without `#` marks and inline markup. */
  title: string;
  /** Offset of the heading's first character (a `#`, or the text of a setext heading). */
  start: number;
  /** Offset just after the heading's last line, its line break included. */
  lineEnd: number;
  /** The canonical section this heading names, when it names one. */
  sectionId?: SectionId;
}

/** A heading and the text it governs. */
export interface CardSection {
  heading: CardHeading;
  /** Where the text under the heading starts (= heading.lineEnd). */
  bodyStart: number;
  /** Start of the next heading of any depth (or the end): the section's own text. */
  contentEnd: number;
  /** Start of the next heading of the same or a higher level (or the end): subsections included. */
  end: number;
}

/** A problem in the YAML front matter, at absolute offsets of the card. */
export interface YamlProblem {
  message: string;
  start: number;
  end: number;
}

export interface CardFrontMatter {
  /** Offsets of the whole block, fences included; `end` is after the closing fence's line break. */
  start: number;
  end: number;
  /** Offsets of the YAML between the fences. */
  contentStart: number;
  contentEnd: number;
  /** The YAML document (node ranges are relative to contentStart). */
  yaml: Document;
  errors: YamlProblem[];
}

export interface ParsedCard {
  text: string;
  /** The document's line break, reused by edits so a CRLF file stays CRLF. */
  eol: '\n' | '\r\n';
  frontMatter?: CardFrontMatter;
  /** True when the card opens with `---` but no closing fence follows. */
  unclosedFrontMatter: boolean;
  /** The front matter as plain data; undefined when absent or invalid. */
  metadata?: Record<string, unknown>;
  /** Every heading, in document order, with the text it governs. */
  sections: CardSection[];
  /** [start, end) offsets of code blocks and inline code (placeholder words there are code). */
  codeRanges: Array<[number, number]>;
  /** 1-based line/column of an offset. */
  positionAt(offset: number): TextPosition;
}

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function plainText(node: MdNode): string {
  if (typeof node.value === 'string' && node.type !== 'html') return node.value;
  return (node.children ?? []).map(plainText).join('');
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Offset just after the line break that ends the line holding `offset` (or the text's end). */
function afterLine(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

/** Parses the YAML between the fences; errors are moved to absolute offsets. */
function readFrontMatter(text: string, closingStart: number, end: number): CardFrontMatter {
  const contentStart = afterLine(text, 0);
  const contentEnd = Math.max(contentStart, closingStart);
  const yaml = parseDocument(text.slice(contentStart, contentEnd), { prettyErrors: false, uniqueKeys: true, strict: true });
  const errors: YamlProblem[] = yaml.errors.map((e) => ({
    message: e.message.split('\n')[0]!,
    start: contentStart + e.pos[0],
    end: contentStart + Math.max(e.pos[1], e.pos[0] + 1),
  }));
  return { start: 0, end, contentStart, contentEnd, yaml, errors };
}

/**
 * The end of a YAML front matter block (after the closing fence's line break), when the text
 * opens with one: a `---` line first, closed by the next `---` line — the rule of
 * micromark-extension-frontmatter, applied here so the (slow) Markdown parser never sees the
 * YAML, which is often half of a generated card.
 */
function frontMatterEnd(text: string): { closingStart: number; end: number } | undefined {
  const open = /^---[ \t]*(\r?\n|$)/.exec(text);
  if (!open) return undefined;
  const close = /^---[ \t]*\r?$/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m || !open[1]) return undefined;
  const closingStart = open[0].length + m.index;
  return { closingStart, end: afterLine(text, closingStart + m[0].length) };
}

/**
 * Parses a model card: the YAML front matter (kept as a yaml Document, so every value has its
 * source range) and the heading structure with offsets, for lint positions and byte-exact edits.
 */
export function parseCard(text: string): ParsedCard {
  const starts = lineStarts(text);
  const positionAt = (offset: number): TextPosition => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };

  const fence = frontMatterEnd(text);
  const frontMatter = fence ? readFrontMatter(text, fence.closingStart, fence.end) : undefined;
  const bodyStart = fence?.end ?? 0;
  const tree = fromMarkdown(text.slice(bodyStart)) as MdNode;
  const headings: CardHeading[] = [];
  for (const node of tree.children ?? []) {
    if (node.type !== 'heading') continue;
    const start = bodyStart + (node.position?.start.offset ?? 0);
    const end = bodyStart + (node.position?.end.offset ?? 0);
    const title = plainText(node).trim();
    const id = sectionIdOf(title);
    headings.push({ depth: node.depth ?? 1, title, start, lineEnd: afterLine(text, Math.max(start, end - 1)), ...(id ? { sectionId: id } : {}) });
  }
  const codeRanges: Array<[number, number]> = [];
  const collectCode = (node: MdNode) => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position) codeRanges.push([bodyStart + (node.position.start.offset ?? 0), bodyStart + (node.position.end.offset ?? 0)]);
    node.children?.forEach(collectCode);
  };
  collectCode(tree);
  const sections: CardSection[] = headings.map((h, i) => {
    const next = headings[i + 1];
    const sameOrHigher = headings.slice(i + 1).find((x) => x.depth <= h.depth);
    return { heading: h, bodyStart: h.lineEnd, contentEnd: next ? next.start : text.length, end: sameOrHigher ? sameOrHigher.start : text.length };
  });

  let metadata: Record<string, unknown> | undefined;
  if (frontMatter && frontMatter.errors.length === 0) {
    const js: unknown = frontMatter.yaml.toJS();
    metadata = js && typeof js === 'object' && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
  }
  const unclosedFrontMatter = !frontMatter && /^---[ \t]*\r?\n/.test(text);
  return { text, eol: text.includes('\r\n') ? '\r\n' : '\n', frontMatter, unclosedFrontMatter, metadata, sections, codeRanges, positionAt };
}

/** The outermost section whose heading names `id`, if the card has one. */
export function findSection(card: ParsedCard, id: SectionId): CardSection | undefined {
  let best: CardSection | undefined;
  for (const s of card.sections) if (s.heading.sectionId === id && (!best || s.heading.depth < best.heading.depth)) best = s;
  return best;
}

/** Sub-sections (any depth) inside a section, in document order. */
export function subsectionsOf(card: ParsedCard, parent: CardSection): CardSection[] {
  return card.sections.filter((s) => s.heading.start > parent.heading.start && s.heading.start < parent.end);
}

/** The text a section governs, subsections included. */
export function sectionText(card: ParsedCard, section: CardSection): string {
  return card.text.slice(section.bodyStart, section.end);
}
