import { stringify } from 'yaml';
import type { CardDraft, CardMetadata } from './card-types';

/** The YAML front matter block, fences included. */
export function renderFrontMatter(metadata: CardMetadata): string {
  // No anchors/aliases (HF tooling reads plain YAML), no line folding, keys in insertion order.
  const yaml = stringify(metadata, { aliasDuplicateObjects: false, lineWidth: 0, indentSeq: true });
  return `---\n${yaml}---\n`;
}

/** Renders a draft as the README.md of a Hugging Face model repository. */
export function renderCard(draft: CardDraft): string {
  const parts = [renderFrontMatter(draft.metadata), `# ${draft.title}`, '', draft.summary, ''];
  for (const s of draft.sections) parts.push(`## ${s.title}`, '', s.body.replace(/\s+$/, ''), '');
  return parts.join('\n');
}
