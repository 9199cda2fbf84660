// dist/cli-lint.js: `rml lint` alone (see rml.ts).
import { lintCommand } from '../commands/lint-command';
import { startCli } from '../run-cli';

startCli([lintCommand]);
