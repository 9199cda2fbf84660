// Line colours from the workbench theme's chart palette (--vscode-charts-*), so lines follow
// light, dark and high-contrast themes; dash patterns tell compared runs apart where colour
// already means the group.

const VARS: Array<[string, string]> = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#388a34'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'],
  ['--vscode-terminal-ansiMagenta', '#bc3fbc'],
];

/** The theme's series colours, in order. */
export function seriesPalette(): string[] {
  const style = getComputedStyle(document.body);
  return VARS.map(([name, fallback]) => style.getPropertyValue(name).trim() || fallback);
}

/** Dash patterns for the 1st, 2nd, … run on a chart whose colours are groups. */
export const RUN_DASHES = [undefined, '6,3', '2,3', '10,3,2,3', '1,2'];
