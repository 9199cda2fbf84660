import * as vscode from 'vscode';
import { DatasetsView } from './datasets-view';
import { ModelsView } from './models-view';
import { TrainingRunsView } from './training-runs-view';

export interface Views {
  datasets: DatasetsView;
  runs: TrainingRunsView;
  models: ModelsView;
}

/** Creates the three sidebar views; their contents load only when a view is shown. */
export function registerViews(context: vscode.ExtensionContext): Views {
  const views: Views = {
    datasets: new DatasetsView(),
    runs: new TrainingRunsView(),
    models: new ModelsView(context.extensionUri),
  };
  context.subscriptions.push(
    vscode.window.registerTreeDataProvider('responsibleMl.datasets', views.datasets),
    vscode.window.registerTreeDataProvider('responsibleMl.trainingRuns', views.runs),
    vscode.window.registerTreeDataProvider('responsibleMl.models', views.models),
  );
  return views;
}
