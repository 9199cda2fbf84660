// Observable Plot output made to fit a strict Content-Security-Policy and screen readers.
//
// Plot appends one <style> element to every SVG it draws (default font, `display: block`,
// `--plot-background`). A nonce-only `style-src` blocks such an element, so it is removed here and
// the same rules live in the shipped stylesheet (webview/shared/webview.css, `.rml-plot`). Plot's
// other styling goes through SVG presentation attributes and the CSSOM (`element.style`), neither
// of which `style-src` governs, so no 'unsafe-inline' is needed.
import { h, uid } from './dom';

/** The class every chart gets; webview.css styles it in place of Plot's inline <style>. */
export const PLOT_CLASS = 'rml-plot';

/** Removes Plot's inline <style> elements (see above). */
export function stripInlineStyles(node: Element): void {
  for (const style of node.querySelectorAll('style')) style.remove();
  if (node instanceof HTMLStyleElement) node.remove();
}

/**
 * Wraps a chart in a <figure> whose caption names it, and ties the SVG (role=img) to the data
 * table that carries the same numbers, so a screen reader can go from the picture to the table.
 */
export function chartFigure(chart: SVGSVGElement | HTMLElement, caption: string, tableId: string): HTMLElement {
  stripInlineStyles(chart);
  const captionId = uid('chart-caption');
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-labelledby', captionId);
  chart.setAttribute('aria-describedby', tableId);
  chart.classList.add(PLOT_CLASS);
  return h('figure', { class: 'chart' }, h('figcaption', { id: captionId }, caption), chart);
}
