// A Silian server of a test's own whose clock the test can move forward.
//
// `silian serve` reads the system clock and has no option for another one (`silian tick
// --at` runs the due jobs at a moment, but the server itself keeps the real time). Flows
// that need days to pass between two steps — a meeting's notice must be published at
// least three days before it starts, and its votes open only once it has started — run
// against a server started under libfaketime (Debian's `libfaketime`, installed by run.sh):
// its clock is the real one plus an offset read from a file on every call, so writing the
// file moves the server's time while it runs. Its own temp dir and database (the demo,
// loaded at the real time) keep the shared server of global-setup.js untouched.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const e2eDir = path.resolve(here, '..');

const LIBFAKETIME = [
  process.env.SILIAN_LIBFAKETIME,
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1',
  '/usr/lib/faketime/libfaketimeMT.so.1',
].filter(Boolean);

export function libfaketime() {
  const lib = LIBFAKETIME.find((p) => fs.existsSync(p));
  if (!lib) throw new Error(`libfaketime not found (apt-get install libfaketime); looked at ${LIBFAKETIME.join(', ')}`);
  return lib;
}


// Starts `silian demo` + `silian serve` in a temp dir with a movable clock. Returns
// { baseURL, now(), advanceTo(ms), stop() }: now() is the server's time in ms since the
// epoch; advanceTo(ms) moves the server's clock to that moment (later moments only: its
// clock then runs on from there).
export async function startServerWithClock(name = 'clock') {
  const bin = path.resolve(e2eDir, process.env.SILIAN_BIN || '../../build/src/silian');
  if (!fs.existsSync(bin)) throw new Error(`Silian binary not found at ${bin} (set SILIAN_BIN)`);
  const lib = libfaketime();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `silian-e2e-${name}-`));
  const db = `sqlite:${path.join(dir, 'silian.db')}`;
  const offsetFile = path.join(dir, 'faketime');
  let offsetSeconds = 0;
  fs.writeFileSync(offsetFile, '+0\n');
  const env = {
    ...process.env,
    SILIAN_SECRET_FILE: path.join(dir, 'secret.key'),
    SILIAN_PASSWORD_COST: 'minimal',
  };
  delete env.SILIAN_DB;

  const demo = spawnSync(bin, ['demo', '--db', db], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  if (demo.status !== 0) throw new Error(`silian demo failed (${demo.status}):\n${demo.stdout}\n${demo.stderr}`);

  const faked = {
    ...env,
    LD_PRELOAD: lib,
    FAKETIME_TIMESTAMP_FILE: offsetFile,
    FAKETIME_NO_CACHE: '1', // read the offset on every call, so a change counts at once
    DONT_FAKE_MONOTONIC: '1', // timers and sleeps keep real time
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
    NO_FAKE_STAT: '1',
  };
  delete faked.FAKETIME;
  // The preload really moves the clock (a libfaketime that did nothing would let a test
  // pass for the wrong reason, or fail far from here).
  fs.writeFileSync(offsetFile, '+86400\n');
  const probe = spawnSync('date', ['+%s'], { env: faked, encoding: 'utf8' });
  const shift = Number(probe.stdout.trim()) - Math.floor(Date.now() / 1000);
  if (probe.status !== 0 || Math.abs(shift - 86400) > 5)
    throw new Error(`libfaketime (${lib}) did not move the clock: date says ${probe.stdout}${probe.stderr}`);
  fs.writeFileSync(offsetFile, '+0\n');

  const port = await freePort();
  const logFile = path.join(dir, 'serve.log');
  const log = fs.openSync(logFile, 'a');
  const child = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: faked,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const baseURL = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 20_000;
  let healthy = false;
  while (!healthy && Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`silian serve exited early:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}`);
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(1000) });
      healthy = res.status === 200 && (await res.json()).status === 'ok';
    } catch {
      // not up yet
    }
    if (!healthy) await new Promise((r) => setTimeout(r, 100));
  }
  if (!healthy) {
    child.kill('SIGKILL');
    throw new Error(`silian serve (${name}) did not become healthy at ${baseURL}`);
  }

  return {
    baseURL,
    dir,
    now: () => Date.now() + offsetSeconds * 1000,
    advanceTo(ms) {
      const target = Math.ceil((ms - Date.now()) / 1000);
      if (target < offsetSeconds) throw new Error('the server clock only moves forward');
      offsetSeconds = target;
      fs.writeFileSync(offsetFile, `+${offsetSeconds}\n`);
    },
    async stop() {
      const running = () => child.exitCode === null && child.signalCode === null;
      if (running()) {
        child.kill('SIGTERM');
        const until = Date.now() + 5000;
        while (running() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
        if (running()) child.kill('SIGKILL');
      }
      const out = path.join(e2eDir, '.out');
      fs.mkdirSync(out, { recursive: true });
      if (fs.existsSync(logFile)) fs.copyFileSync(logFile, path.join(out, `serve-${name}.log`));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
