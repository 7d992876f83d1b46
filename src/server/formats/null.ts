/** The Null format: runs the query and sends nothing. */
import type { OutputFormat } from './format.ts';
import { EMPTY } from './format.ts';

/** Null output format. */
export const NULL_FORMAT: OutputFormat = {
  name: 'Null',
  contentType: 'text/plain; charset=UTF-8',
  create() {
    return { header: () => EMPTY, batch: () => EMPTY, footer: () => EMPTY };
  },
};
