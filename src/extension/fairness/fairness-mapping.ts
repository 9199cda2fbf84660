// The column mapping of a predictions file: read from `fairness.reports[]` of
// responsible-ml.config.json when the file has an entry, else proposed by name and content and
// confirmed by the user in quick picks, then written back so the next open asks nothing.
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, DEFAULT_FAIRNESS_THRESHOLDS, type FairnessReportSpec, type ProjectConfig } from '../../core/config/project-config';
import { looksLikeLabel, looksLikeScore, needsPositiveLabel, proposePredictionMapping } from '../../core/config/prediction-columns';
import { sensitiveReason } from '../../core/config/sensitive-columns';
import type { ColumnSummary, FairnessMapping } from '../../protocol/fairness-report-protocol';
import { heavy } from '../load-heavy';
import { log } from '../logger';

/** A file's path as a `fairness.reports[].file` names it: relative to the config's folder, with forward slashes. */
export function specPath(configDir: string, file: string): string {
  return relative(configDir, file).split('\\').join('/');
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');
  return norm(a) === norm(b);
}

/** The mapping part of an entry (everything but `file` and `thresholds`). */
export function mappingOf(spec: FairnessReportSpec): FairnessMapping {
  const { file: _file, thresholds: _thresholds, ...mapping } = spec;
  return mapping;
}

/**
 * The `fairness.reports[]` entry for `file` in `configFile`, with the config it came from.
 * Throws the config's ConfigError (file:line:column) when the file is invalid.
 */
export function findFairnessSpec(configFile: string, configDir: string, file: string): { config: ProjectConfig; spec?: FairnessReportSpec } {
  const config = heavy().loadConfigFile(configFile);
  const rel = specPath(configDir, file);
  const spec = config.fairness?.reports?.find((r) => samePath(r.file, rel));
  return { config, ...(spec ? { spec } : {}) };
}

/** "about 578,000" above a thousand, where the distinct count is an estimate. */
function valueCount(n: number): string {
  return n > 1000 ? `about ${Number(n.toPrecision(3)).toLocaleString('en-US')} values` : `${n.toLocaleString('en-US')} values`;
}

function preview(c: ColumnSummary): string {
  const shown = c.values.slice(0, 4).map((v) => `${v.value || '(empty)'} (${v.count.toLocaleString('en-US')})`);
  const more = c.distinct > shown.length ? `, … ${valueCount(c.distinct)}` : '';
  return c.numeric && c.distinct > 12 ? `${c.min}…${c.max}, ${valueCount(c.distinct)}` : shown.join(', ') + more;
}

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

/** A single choice with the proposal first (Enter confirms it), then the other candidates, then the rest. */
async function pickOne<T>(title: string, placeHolder: string, items: Array<Pick<T>>): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true, ignoreFocusOut: true });
  return picked?.value;
}

function columnItem(c: ColumnSummary, proposed: boolean, why?: string): Pick<string> {
  return { label: c.name, value: c.name, description: proposed ? `proposed${why ? `: ${why}` : ''}` : undefined, detail: preview(c) };
}

/** Proposed column first, then columns that fit the role, then the others. */
function ordered(columns: ColumnSummary[], proposal: string | undefined, fits: (c: ColumnSummary) => boolean, why: string): Array<Pick<string>> {
  const first = columns.filter((c) => c.name === proposal);
  const fitting = columns.filter((c) => c.name !== proposal && fits(c));
  const rest = columns.filter((c) => c.name !== proposal && !fits(c));
  return [...first.map((c) => columnItem(c, true, why)), ...fitting.map((c) => columnItem(c, false)), ...rest.map((c) => columnItem(c, false))];
}

/**
 * Asks for the mapping in quick picks: y_true, y_pred, score, the sensitive columns, and the
 * positive label when the labels are not 0/1. Proposals (or the `previous` mapping) come first
 * and pre-ticked; nothing is taken without the user confirming it. Undefined when cancelled.
 */
export async function askFairnessMapping(fileLabel: string, columns: ColumnSummary[], previous?: FairnessMapping): Promise<FairnessMapping | undefined> {
  const proposal = previous ?? proposePredictionMapping(columns);
  const title = (step: number, what: string) => `Fairness Report for ${fileLabel} (${step}/4): ${what}`;
  const byName = new Map(columns.map((c) => [c.name, c]));

  const y_true = await pickOne(title(1, 'true label (y_true)'), 'Which column holds the true outcome?', ordered(columns, proposal.y_true, looksLikeLabel, 'named like a label'));
  if (y_true === undefined) return undefined;

  const others = columns.filter((c) => c.name !== y_true);
  const scoreCandidates = others.filter(looksLikeScore);
  const NONE = '\u0000none';
  const predItems: Array<Pick<string>> = ordered(others, proposal.y_pred, looksLikeLabel, 'named like a prediction');
  if (scoreCandidates.length > 0) {
    const noPred: Pick<string> = { label: '(none: predict score ≥ threshold)', value: NONE, description: 'predictions from a score column and a threshold' };
    if (proposal.y_pred === undefined && proposal.score !== undefined) predItems.unshift(noPred);
    else predItems.push(noPred);
  }
  const y_pred = await pickOne(title(2, 'predicted label (y_pred)'), "Which column holds the model's prediction?", predItems);
  if (y_pred === undefined) return undefined;

  const scoreItems: Array<Pick<string>> = ordered(
    others.filter((c) => c.name !== y_pred && looksLikeScore(c)),
    proposal.score,
    () => true,
    'numeric, named like a score',
  );
  const noScore: Pick<string> = { label: '(no score)', value: NONE, description: 'no threshold slider and no ROC AUC' };
  if (y_pred !== NONE) {
    if (proposal.score === undefined) scoreItems.unshift(noScore);
    else scoreItems.push(noScore);
  }
  let score: string | undefined;
  if (scoreItems.length > 0) {
    score = await pickOne(title(3, 'score (optional)'), 'Which column holds the score or probability of the positive class?', scoreItems);
    if (score === undefined) return undefined;
    if (score === NONE) score = undefined;
  }
  let threshold: number | undefined;
  if (y_pred === NONE) {
    if (!score) return undefined;
    const s = byName.get(score)!;
    const mid = s.min !== undefined && s.max !== undefined && (s.min < 0 || s.max > 1) ? (s.min + s.max) / 2 : 0.5;
    const typed = await vscode.window.showInputBox({
      title: title(3, 'decision threshold'),
      prompt: `Rows with ${score} ≥ this are predicted positive (${score} ranges ${s.min}…${s.max}).`,
      value: String(previous?.threshold ?? mid),
      ignoreFocusOut: true,
      validateInput: (v) => (Number.isFinite(Number(v.trim())) && v.trim() !== '' ? undefined : 'a number'),
    });
    if (typed === undefined) return undefined;
    threshold = Number(typed.trim());
  }

  const used = new Set([y_true, y_pred, score].filter((x): x is string => !!x && x !== NONE));
  const proposedSensitive = new Set(proposal.sensitive);
  const sensitivePicks = await vscode.window.showQuickPick(
    columns
      .filter((c) => !used.has(c.name))
      .map((c) => ({
        label: c.name,
        picked: proposedSensitive.has(c.name),
        description: [sensitiveReason(c.name) ? `looks like ${sensitiveReason(c.name)}` : '', c.distinct > 50 ? `⚠ ${valueCount(c.distinct)}, each its own group` : ''].filter(Boolean).join(' · ') || undefined,
        detail: preview(c),
      })),
    {
      title: title(4, 'sensitive attributes'),
      placeHolder: proposedSensitive.size > 0 ? 'Proposed by column name — confirm, add or remove' : 'No column looks sensitive by name — pick the ones that are',
      canPickMany: true,
      ignoreFocusOut: true,
      matchOnDescription: true,
    },
  );
  if (!sensitivePicks || sensitivePicks.length === 0) {
    if (sensitivePicks) void vscode.window.showWarningMessage('Responsible ML: a fairness report needs at least one sensitive attribute.');
    return undefined;
  }

  let positive_label: string | undefined;
  const labels = byName.get(y_true)!.values;
  if (needsPositiveLabel(labels)) {
    const keep = previous?.positive_label !== undefined ? String(previous.positive_label) : undefined;
    const items = labels.map((v) => ({ label: v.value, value: v.value, description: `${v.count.toLocaleString('en-US')} rows${v.value === keep ? ' · current' : ''}` }));
    items.sort((a, b) => Number(b.value === keep) - Number(a.value === keep));
    positive_label = await pickOne(`Fairness Report for ${fileLabel}: positive label`, `${y_true} is not 0/1: which value is the positive (favourable or predicted) outcome?`, items);
    if (positive_label === undefined) return undefined;
  }

  const sensitive = sensitivePicks.map((p) => p.label);
  return {
    y_true,
    ...(y_pred !== NONE ? { y_pred } : {}),
    ...(score ? { score } : {}),
    ...(threshold !== undefined ? { threshold } : {}),
    sensitive,
    ...(previous?.intersections ? { intersections: previous.intersections.filter((i) => i.every((a) => sensitive.includes(a))) } : {}),
    ...(positive_label !== undefined ? { positive_label } : {}),
  };
}

/**
 * Writes the entry into the folder's responsible-ml.config.json through the editor (undoable,
 * comments kept), saving it without taking focus from the report. Returns the config file.
 */
export async function saveFairnessSpec(folder: string, spec: FairnessReportSpec): Promise<string | undefined> {
  const configFile = join(folder, CONFIG_FILE_NAME);
  const entry: FairnessReportSpec = { ...spec, thresholds: { ...DEFAULT_FAIRNESS_THRESHOLDS, ...spec.thresholds } };
  try {
    const before = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '{}\n';
    const after = heavy().upsertFairnessReportSpec(before, entry);
    const uri = vscode.Uri.file(configFile);
    const doc = await vscode.workspace.openTextDocument(existsSync(configFile) ? uri : uri.with({ scheme: 'untitled' }));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), after);
    if (!(await vscode.workspace.applyEdit(edit)) || !(await doc.save())) throw new Error('the editor did not apply the change');
    log().info(`Fairness Report: saved the mapping of ${spec.file} in ${configFile}`);
    return configFile;
  } catch (err) {
    void vscode.window.showWarningMessage(`Responsible ML: could not save the column mapping in ${CONFIG_FILE_NAME}: ${(err as Error).message}. The report uses it for now.`);
    return undefined;
  }
}
