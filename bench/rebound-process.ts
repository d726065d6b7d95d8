// Rebound in its own process for the bench, so its RSS and CPU are its own: the same
// startRebound(loadConfig()) that `npm start` runs, plus an IPC channel through which the
// bench asks for follow-up ticks (what node-cron would otherwise trigger) and a stop.

import { startRebound } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { errorCode } from '../src/error-code.js';
import { boundHeapGrowth } from '../src/heap-growth.js';

export type ToRebound =
  | { type: 'followUps'; id: number; now: string }
  | { type: 'memory'; id: number }
  | { type: 'stop' };
export type FromRebound =
  | { type: 'ready' }
  | { type: 'followUps'; id: number; report?: unknown; error?: string }
  | { type: 'memory'; id: number; usage: NodeJS.MemoryUsage };

const send = (message: FromRebound) => process.send?.(message);

const rebound = await startRebound(loadConfig());
await boundHeapGrowth(); // as src/main.ts does once Rebound serves
send({ type: 'ready' });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await rebound.stop();
  process.exit(0);
};

process.on('message', (message: ToRebound) => {
  if (message.type === 'stop') void stop();
  if (message.type === 'memory') send({ type: 'memory', id: message.id, usage: process.memoryUsage() });
  if (message.type === 'followUps') {
    rebound.runFollowUps(new Date(message.now)).then(
      (report) => send({ type: 'followUps', id: message.id, report }),
      (error: unknown) => send({ type: 'followUps', id: message.id, error: errorCode(error) }),
    );
  }
});
process.on('disconnect', () => void stop());
