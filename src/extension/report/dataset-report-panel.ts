import type * as vscode from 'vscode';
import type { DatasetProfile } from '../../core/profile/profile-types';
import {
  DATASET_REPORT_VIEW_TYPE,
  type HostToReport,
  type RenderedSummary,
  type ReportContext,
  type ReportToHost,
} from '../../protocol/dataset-report-protocol';
import { ReportPanelBase } from './report-panel-base';

/** What the panel asks of whoever runs the profile. */
export interface ReportPanelActions {
  rerun(panel: DatasetReportPanel): void;
  configure(panel: DatasetReportPanel): void;
  export(panel: DatasetReportPanel, format: 'markdown' | 'json'): void;
  reveal(panel: DatasetReportPanel, file: string, line: number): void;
}

/**
 * The webview panel of one dataset's report; the page keeps its selected tab with
 * getState/setState (see ReportPanelBase for the reload protocol).
 */
export class DatasetReportPanel extends ReportPanelBase<HostToReport, ReportToHost, RenderedSummary> {
  /** The last profile shown, with its context. */
  profile?: DatasetProfile;
  context?: ReportContext;

  constructor(
    uri: vscode.Uri,
    label: string,
    extensionUri: vscode.Uri,
    private readonly actions: ReportPanelActions,
  ) {
    super(uri, label, extensionUri, { viewType: DATASET_REPORT_VIEW_TYPE, title: `Dataset Report: ${label.split('/').pop()}`, pageTitle: `Dataset Report: ${label}`, bundle: 'dataset-report', name: 'Dataset Report' });
  }

  protected hasResult(): boolean {
    return this.profile !== undefined;
  }

  showProfile(profile: DatasetProfile, context: ReportContext): void {
    this.profile = profile;
    this.context = context;
    this.showResult({ type: 'profile', profile, context });
  }

  protected onPageMessage(m: ReportToHost): void {
    switch (m.type) {
      case 'revealLine':
        if (typeof m.file === 'string' && Number.isInteger(m.line) && m.line > 0) this.actions.reveal(this, m.file, m.line);
        break;
      case 'export':
        if (m.format === 'json' || m.format === 'markdown') this.actions.export(this, m.format);
        break;
      case 'configure':
        this.actions.configure(this);
        break;
      case 'rerun':
        if (!this.running) this.actions.rerun(this);
        break;
    }
  }
}
