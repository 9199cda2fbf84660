import type * as vscode from 'vscode';
import {
  FAIRNESS_REPORT_VIEW_TYPE,
  type FairnessExportFormat,
  type FairnessPayload,
  type FairnessToHost,
  type HostToFairness,
  type RenderedFairnessSummary,
} from '../../protocol/fairness-report-protocol';
import { ReportPanelBase } from '../report/report-panel-base';

/** What the panel asks of whoever computes the report. */
export interface FairnessPanelActions {
  rerun(panel: FairnessReportPanel, threshold?: number): void;
  /** The slider came to rest at `threshold` (undefined: back to the mapping's own): recompute quietly, intervals included. */
  settle(panel: FairnessReportPanel, threshold: number | undefined): void;
  remap(panel: FairnessReportPanel): void;
  export(panel: FairnessReportPanel, format: FairnessExportFormat, threshold?: number): void;
  addToModelCard(panel: FairnessReportPanel, threshold?: number): void;
}

/**
 * The webview panel of one predictions file's fairness report; the page keeps its selection and
 * slider in setState (see ReportPanelBase for the reload protocol).
 */
export class FairnessReportPanel extends ReportPanelBase<HostToFairness, FairnessToHost, RenderedFairnessSummary> {
  /** The last report shown, with its context and bins. */
  payload?: FairnessPayload;

  constructor(
    uri: vscode.Uri,
    label: string,
    extensionUri: vscode.Uri,
    private readonly actions: FairnessPanelActions,
  ) {
    super(uri, label, extensionUri, {
      viewType: FAIRNESS_REPORT_VIEW_TYPE,
      title: `Fairness: ${label.split('/').pop()}`,
      pageTitle: `Fairness Report: ${label}`,
      bundle: 'fairness-report',
      name: 'Fairness Report',
    });
  }

  protected hasResult(): boolean {
    return this.payload !== undefined;
  }

  showReport(payload: FairnessPayload): void {
    this.payload = payload;
    this.showResult({ type: 'report', ...payload });
  }

  protected onPageMessage(m: FairnessToHost): void {
    const threshold = (t: unknown) => (typeof t === 'number' && Number.isFinite(t) ? t : undefined);
    switch (m.type) {
      case 'export':
        if (m.format === 'json' || m.format === 'markdown' || m.format === 'html') this.actions.export(this, m.format, threshold(m.threshold));
        break;
      case 'addToModelCard':
        this.actions.addToModelCard(this, threshold(m.threshold));
        break;
      case 'thresholdSettled':
        if (threshold(m.threshold) !== undefined) this.actions.settle(this, m.threshold);
        break;
      case 'resetThreshold':
        this.actions.settle(this, undefined);
        break;
      case 'remap':
        this.actions.remap(this);
        break;
      case 'rerun':
        this.actions.rerun(this, this.payload?.context.threshold);
        break;
    }
  }
}
