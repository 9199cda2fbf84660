import type { Subcommand } from '../cli-types';
import { configCommand } from './config-command';

/** Every `rml` subcommand, in the order `rml --help` lists them. */
export const SUBCOMMANDS: Subcommand[] = [configCommand];
