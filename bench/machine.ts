// What the figures were measured on, recorded with every run.

import { execFileSync } from 'node:child_process';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { ROOT } from './app-process.js';
import { round } from './stats.js';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  /** 1-minute load average when the bench started: above ~0.5, something else was running. */
  loadAtStart: number;
}

export interface GitInfo {
  commit: string;
  /** src/ had uncommitted changes: the figures are for the working tree, not the commit. */
  srcDirty: boolean;
}

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAtStart: round(loadavg()[0] ?? 0),
  };
}

export function currentLoad(): number {
  return round(loadavg()[0] ?? 0);
}

export function gitInfo(): GitInfo {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    } catch {
      return '';
    }
  };
  return {
    commit: git('rev-parse', '--short', 'HEAD') || 'unknown',
    srcDirty: git('status', '--porcelain', 'src') !== '',
  };
}
