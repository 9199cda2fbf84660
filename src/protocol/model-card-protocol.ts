// Messages of the model card features, typed both ways: the extension host and its model card
// worker thread (src/core/model-card/model-card.worker.ts), and the Model Card Editor's panel
// host (src/extension/model-card) and its webview (webview/model-card). Plain data throughout.
import type { ProjectConfig } from '../core/config/project-config';
import type { Finding } from '../core/lint/finding';
import type { HumanFieldId, SectionId } from '../core/model-card/card-sections';
import type { TextEdit } from '../core/model-card/card-edits';
import type { CardInputPaths } from '../core/model-card/card-input-paths';

/** The custom text editor's view type (contributed for *.modelcard.md). */
export const MODEL_CARD_EDITOR_VIEW_TYPE = 'responsibleMl.modelCardEditor';

/** One human field as the form shows it. */
export interface FieldState {
  id: HumanFieldId;
  label: string;
  help: string;
  multiline: boolean;
  value: string;
  /** Empty or still a placeholder. */
  needsHuman: boolean;
}

/** What inspecting a card's text yields: its findings and its human fields. */
export interface CardInspection {
  findings: Finding[];
  fields: FieldState[];
  /** Placeholders anywhere in the card (fields and generated lines alike). */
  placeholders: number;
  /** The card's H1 title, when it has one. */
  title?: string;
  missingSections: SectionId[];
}

/** Host → worker. */
export type ModelCardWorkerRequest =
  | { type: 'inspect'; id: number; text: string; thresholds?: Record<string, number>; rules?: ProjectConfig['rules'] }
  | { type: 'setField'; id: number; text: string; field: HumanFieldId; value: string }
  | { type: 'insertSections'; id: number; text: string; sections: SectionId[] }
  | { type: 'generate'; id: number; paths: CardInputPaths; cwd: string; root: string; outDir: string; configFile?: string }
  | { type: 'datasheet'; id: number; file: string; display: string; configFile?: string; configDir: string; version: string }
  | { type: 'cancel'; id: number };

/** Worker → host. */
export type ModelCardWorkerResponse =
  | { type: 'inspected'; id: number; inspection: CardInspection }
  | { type: 'edits'; id: number; edits: TextEdit[] }
  | { type: 'text'; id: number; text: string; warnings: string[]; placeholders: number }
  | { type: 'error'; id: number; message: string; cancelled?: boolean };

/** Host → editor webview. */
export type HostToEditor = {
  type: 'document';
  /** The file name shown in the header. */
  file: string;
  text: string;
  version: number;
  inspection: CardInspection;
};

/** What the editor webview put on screen (the integration tests' view of its DOM). */
export interface EditorRendered {
  file: string;
  version: number;
  /** Field ids in the form, with the value each control shows. */
  fields: Array<{ id: HumanFieldId; value: string; needsHuman: boolean }>;
  /** Headings of the rendered preview, in order. */
  previewHeadings: string[];
  /** Tables in the preview. */
  previewTables: number;
  /** The "N fields need you" counter text. */
  counter: string;
}

/** Editor webview → host. */
export type EditorToHost =
  | { type: 'ready' }
  | { type: 'setField'; field: HumanFieldId; value: string }
  | { type: 'insertMissingSections' }
  | { type: 'save' }
  | { type: 'openText' }
  | { type: 'rendered'; summary: EditorRendered }
  | { type: 'cspViolation'; directive: string; blocked: string };
