/**
 * Progress on stderr: one rewritable line on a terminal; elsewhere (a log file) only the lines
 * marked done, so logs stay short.
 */

/** Show `text` as the current progress line; `done` ends the line (and is the only form printed when stderr is not a terminal). */
export function progress(text: string, done = false): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${text}${done ? '\n' : ''}`);
  else if (done) process.stderr.write(`${text}\n`);
}
