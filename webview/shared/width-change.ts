/**
 * Calls `redraw` when `el` has settled at a width at least `minDelta` px from the last one drawn:
 * charts are laid out for their width, but a scrollbar appearing (or a pixel of jitter) must not
 * redraw them all.
 */
export function onWidthChange(el: HTMLElement, redraw: () => void, minDelta = 24, settleMs = 150): void {
  let lastWidth = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  new ResizeObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (Math.abs(el.clientWidth - lastWidth) < minDelta) return;
      lastWidth = el.clientWidth;
      redraw();
    }, settleMs);
  }).observe(el);
}
