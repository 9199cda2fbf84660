import * as vscode from 'vscode';
import { CUDA_REQUIREMENTS, installCudaProvider } from '../../core/inference/gpu/install-cuda-provider';
import { bundledOrt, packageDirOf } from '../../core/inference/ort-runtime';
import { log } from '../logger';
import { ensureTrusted } from '../trust';
import { storageDirs } from './inference-settings';

/**
 * "Enable GPU Acceleration (CUDA)": says what it needs and what it downloads, asks, then puts
 * the CUDA provider beside a copy of ONNX Runtime in the extension's storage. Models loaded
 * after the next window reload use it (a process holds one ONNX Runtime binary).
 */
export async function enableGpu(context: vscode.ExtensionContext): Promise<boolean> {
  if (!(await ensureTrusted('GPU acceleration'))) return false;
  const ort = bundledOrt();
  const { gpuRoot } = storageDirs(context);
  try {
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Responsible ML: GPU acceleration', cancellable: true },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return installCudaProvider({
          gpuRoot,
          version: ort.version,
          bundledPackageDir: ort.packageDir,
          bundledCommonDir: packageDirOf('onnxruntime-common', [ort.packageDir]),
          signal: controller.signal,
          onProgress: (message) => progress.report({ message }),
          confirm: async () => {
            const download = 'Download (about 300 MB)';
            const choice = await vscode.window.showWarningMessage(
              `Enable GPU acceleration? This downloads the ONNX Runtime ${ort.version} CUDA provider (NuGet package microsoft.ml.onnxruntime.gpu.linux) into the extension's storage. It needs ${CUDA_REQUIREMENTS}.`,
              { modal: true },
              download,
            );
            return choice === download;
          },
        });
      },
    );
    if (!outcome.installed) return false;
    log().info(`CUDA provider installed in ${outcome.binaryDir}`);
    const reload = 'Reload Window';
    const choice = await vscode.window.showInformationMessage(
      'Responsible ML: the CUDA provider is installed. Reload the window so models load with it (responsibleMl.inference.device: auto uses CUDA when a driver is present).',
      reload,
    );
    if (choice === reload) await vscode.commands.executeCommand('workbench.action.reloadWindow');
    return true;
  } catch (err) {
    log().error((err as Error).message);
    void vscode.window.showErrorMessage(`Responsible ML: ${(err as Error).message}`);
    return false;
  }
}
