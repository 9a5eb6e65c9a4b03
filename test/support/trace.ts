/** Startup timing lines on stderr when SLUICE_HARNESS_TRACE=1 (to see where the seconds go). */
const origin = Date.now();

/** Logs `step` with the milliseconds since the harness module was loaded. */
export function trace(step: string): void {
  if (process.env.SLUICE_HARNESS_TRACE === '1') process.stderr.write(`[harness +${Date.now() - origin}ms] ${step}\n`);
}
