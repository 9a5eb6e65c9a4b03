#!/usr/bin/env node
// The `sluice` command: loads the TypeScript core through tsx and runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../app/cli.ts');
const io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  env: process.env,
  isTty: Boolean(process.stdin.isTTY && process.stdout.isTTY),
};
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`error INTERNAL: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
