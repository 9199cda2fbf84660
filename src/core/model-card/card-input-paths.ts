// No imports: the protocol shared with webviews and workers uses this type.

/** Where each input is, as the user named them (paths relative to `cwd`). */
export interface CardInputPaths {
  /** A run id under <root>/.responsible-ml/runs, or a path to a run.json. */
  run?: string;
  model?: string;
  fairness?: string;
  profile?: string;
  lintReport?: string;
  name?: string;
  license?: string;
  language?: string[];
}
