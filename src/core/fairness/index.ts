/**
 * The fairness engine (issue #5): Fairlearn-exact metric frames per sensitive attribute and
 * intersection, seeded bootstrap intervals, thresholds and per-group threshold suggestions.
 *
 *   const table = await loadPredictions('preds.csv', { yTrue: 'y', yPred: 'p', score: 's', sensitive: ['race', 'sex'] });
 *   const report = computeFairnessReport(table, { intersect: true, bootstrap: { n_boot: 1000, seed: 42 } });
 *   const bins = buildScoreBins(table, { intersect: true });       // post to the webview
 *   reportAtThreshold(bins, 0.6);                                  // a few ms, any threshold
 *   suggestThresholds(bins, 'equal_opportunity', { threshold: 0.5 });
 *
 * Webview code imports './browser' (no Node APIs) instead of this file.
 */
export * from './browser';
export { loadPredictions, FairnessInputError, type LoadOptions } from './load-predictions';
export { decideLabels, LabelError, type LabelDecision } from './label-mapping';
