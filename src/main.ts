// Entry point for `npm start`: load .env, read the config, start Rebound, and stop it
// cleanly on SIGTERM/SIGINT (finish what is in flight, close the database, exit 0).

import { config as loadDotenv } from 'dotenv';
import { type RunningRebound, startRebound } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { errorCode } from './error-code.js';
import { isReboundError } from './errors.js';
import { boundHeapGrowth } from './heap-growth.js';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  // .env (or the file DOTENV_CONFIG_PATH names) fills what the environment does not set.
  // `quiet`: dotenv 17 announces itself on stdout by default, a line in every log that says
  // nothing about Rebound.
  const dotenvPath = process.env.DOTENV_CONFIG_PATH;
  loadDotenv({ quiet: true, ...(dotenvPath ? { path: dotenvPath } : {}) });
  let running: RunningRebound;
  try {
    running = await startRebound(loadConfig());
    await boundHeapGrowth();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    if (isReboundError(error)) fail(`Rebound could not start: ${error.message}`);
    fail(
      `Rebound could not start (${errorCode(error)}): ${error instanceof Error ? error.message : String(error)}`,
    );
  }

  const shutdown = (signal: string) => {
    running.app.logger.info(`${signal} received; finishing work in flight.`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => fail(`Rebound did not stop cleanly (${errorCode(error)}).`),
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
