/**
 * `npm start` serves the lab: scripts/start-lab.js (what `npm start` runs after installing and
 * building; --no-build here, `npm test` has just built) prints the worked example's URL with
 * its token, the lab answers that URL and refuses the API without the token, and stopping the
 * script by its PID stops the server. Needs Debian's Jupyter like the browser tests.
 */
import { spawn } from 'child_process';
import type { ChildProcess } from 'child_process';
import { join } from 'path';
import { browserEnvironmentProblem, get, ROOT } from './support/browser';

const problem = browserEnvironmentProblem();
const optedOut = problem !== undefined && process.env.RELAXLAB_SKIP_BROWSER === '1' && !process.env.CI;
const describeStart = optedOut ? describe.skip : describe;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describeStart('npm start (scripts/start-lab.js)', () => {
  let child: ChildProcess | undefined;

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  test('prints the URL with the token, serves the lab with token authentication, and stops with its PID', async () => {
    if (problem) throw new Error(`cannot start the lab: ${problem}`);
    child = spawn(process.execPath, [join(ROOT, 'scripts', 'start-lab.js'), '--no-build', '--no-browser', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    const printed = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed in 45 s:\n${stdout}\n${stderr}`)), 45_000);
      child!.stdout!.on('data', (c) => {
        stdout += c;
        if (/Stop with Ctrl\+C/.test(stdout)) {
          clearTimeout(timer);
          resolve(stdout);
        }
      });
      child!.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${stdout}\n${stderr}`)));
    });
    const url = /^\s+(http:\/\/127\.0\.0\.1:\d+\/lab\/tree\/notebooks\/\S+\.ipynb\?token=([0-9a-f]{48}))$/m.exec(printed);
    expect(url).not.toBeNull();
    const [, address, token] = url!;
    const serverPid = Number(/server PID (\d+)/.exec(printed)![1]);
    const base = address.replace(/\/lab\/.*$/, '');

    const page = await get(address);
    expect(page.status).toBe(200);
    expect(page.body).toContain('jupyter-config-data');
    expect((await get(`${base}/api/status`)).status).toBe(403);
    expect((await get(`${base}/api/status?token=${token}`)).status).toBe(200);
    // the worked example's kernel was started for the user
    const sessions = JSON.parse((await get(`${base}/api/sessions?token=${token}`)).body) as Array<{ path: string; kernel: { name: string } }>;
    expect(sessions.map((s) => [s.path, s.kernel.name])).toEqual([[address.replace(/^.*\/lab\/tree\/|\?.*$/g, ''), 'tslab']]);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    process.kill(child.pid!, 'SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(serverPid)).toBe(false);
  }, 90_000);
});
