// Charts read their colours from the workbench theme's CSS variables (light, dark and both
// high-contrast themes), and redraw when the theme changes.

export interface ChartColors {
  foreground: string;
  muted: string;
  background: string;
  grid: string;
  /** Observed values. */
  primary: string;
  /** Reference values. */
  reference: string;
  ok: string;
  warn: string;
  fail: string;
  /** High-contrast themes draw an outline around marks. */
  contrastBorder: string | undefined;
  highContrast: boolean;
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The current theme's chart colours. */
export function chartColors(): ChartColors {
  const cls = document.body.classList;
  const highContrast = cls.contains('vscode-high-contrast') || cls.contains('vscode-high-contrast-light');
  const dark = cls.contains('vscode-dark') || (cls.contains('vscode-high-contrast') && !cls.contains('vscode-high-contrast-light'));
  const foreground = cssVar('--vscode-foreground', dark ? '#cccccc' : '#3b3b3b');
  return {
    foreground,
    muted: cssVar('--vscode-descriptionForeground', foreground),
    background: cssVar('--vscode-editor-background', dark ? '#1f1f1f' : '#ffffff'),
    grid: cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', dark ? '#454545' : '#c8c8c8')),
    primary: cssVar('--vscode-charts-blue', dark ? '#3794ff' : '#1a85ff'),
    reference: cssVar('--vscode-charts-orange', dark ? '#d18616' : '#d18616'),
    ok: cssVar('--vscode-charts-green', '#388a34'),
    warn: cssVar('--vscode-charts-yellow', '#bf8803'),
    fail: cssVar('--vscode-charts-red', '#e51400'),
    contrastBorder: highContrast ? cssVar('--vscode-contrastBorder', foreground) : undefined,
    highContrast,
  };
}

/** Calls `redraw` when the workbench theme (the body's classes, the theme id or the variables) changes. */
export function onThemeChange(redraw: () => void): void {
  // VS Code sets the variables on <html style> and the theme kind and id on <body>.
  const key = () => `${document.body.className}|${document.body.dataset.vscodeThemeId ?? ''}|${document.documentElement.getAttribute('style') ?? ''}`;
  let last = key();
  const check = () => {
    const now = key();
    if (now === last) return;
    last = now;
    redraw();
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-id'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
}
