// Starts a fresh Silian server for the whole run: temp dir, `silian demo`, `silian serve`
// on a free loopback port, wait for /healthz. Exports the URL as SILIAN_E2E_BASE_URL
// (workers inherit the runner's environment).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2eDir = path.resolve(here, '..');


async function waitForHealth(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `silian serve exited early (code ${child.exitCode}, signal ${child.signalCode}):\n` +
          fs.readFileSync(logFile, 'utf8').slice(-4000),
      );
    }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) {
        const body = await res.json();
        if (body.status === 'ok') return;
      }
      lastError = `status ${res.status}`;
    } catch (e) {
      lastError = String(e);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`silian serve did not become healthy at ${url}: ${lastError}`);
}

export default async function globalSetup() {
  const bin = path.resolve(e2eDir, process.env.SILIAN_BIN || '../../build/src/silian');
  if (!fs.existsSync(bin)) throw new Error(`Silian binary not found at ${bin} (set SILIAN_BIN)`);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'silian-e2e-'));
  const db = `sqlite:${path.join(dir, 'silian.db')}`;
  const env = {
    ...process.env,
    SILIAN_SECRET_FILE: path.join(dir, 'secret.key'),
    SILIAN_PASSWORD_COST: 'minimal',
  };
  delete env.SILIAN_DB;

  const demo = spawnSync(bin, ['demo', '--db', db], { cwd: dir, env, encoding: 'utf8' });
  if (demo.status !== 0)
    throw new Error(`silian demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`);

  const port = await freePort();
  const logFile = path.join(dir, 'serve.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  process.env.SILIAN_E2E_PID = String(child.pid);
  process.env.SILIAN_E2E_DIR = dir;

  const baseURL = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${baseURL}/healthz`, child, logFile, 20_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  process.env.SILIAN_E2E_BASE_URL = baseURL;
  console.log(`[e2e] silian serving ${baseURL} (pid ${child.pid}, data in ${dir})`);
}
