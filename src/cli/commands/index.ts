import type { Subcommand } from '../cli-types';
import { configCommand } from './config-command';
import { lintCommand } from './lint-command';
import { anonymizeCommand } from './anonymize-command';
import { profileCommand } from './profile-command';
import { trainCommand } from './train-command';
import { runsCommand } from './runs-command';

/** Every `rml` subcommand, in the order `rml --help` lists them. */
export const SUBCOMMANDS: Subcommand[] = [lintCommand, profileCommand, anonymizeCommand, configCommand];
SUBCOMMANDS.push(trainCommand, runsCommand);
