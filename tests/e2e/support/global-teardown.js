// Stops the server started by global-setup.js and removes its temp dir. The server log
// is kept in .out/serve.log for failures to be read after the run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export default async function globalTeardown() {
  const pid = Number(process.env.SILIAN_E2E_PID || 0);
  if (pid > 0 && alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  const dir = process.env.SILIAN_E2E_DIR;
  if (dir && fs.existsSync(dir)) {
    const out = path.resolve(here, '..', '.out');
    fs.mkdirSync(out, { recursive: true });
    const log = path.join(dir, 'serve.log');
    if (fs.existsSync(log)) fs.copyFileSync(log, path.join(out, 'serve.log'));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
