// The webview side of the VS Code API, typed by each panel's protocol. acquireVsCodeApi() may be
// called only once per page, so every module shares this one handle.

interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<Out, State>(): VsCodeApi<Out, State>;

let api: VsCodeApi<unknown, unknown> | undefined;

/** The page's VS Code API handle, typed with the panel's outgoing messages and saved state. */
export function vscodeApi<Out, State>(): VsCodeApi<Out, State> {
  api ??= acquireVsCodeApi<unknown, unknown>();
  return api as VsCodeApi<Out, State>;
}
