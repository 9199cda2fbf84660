// dist/cli-all.js: every subcommand (see rml.ts).
import { SUBCOMMANDS } from '../commands';
import { startCli } from '../run-cli';

startCli(SUBCOMMANDS);
