import { spawn, type ChildProcess } from 'node:child_process';

/** The raw clients the benchmarks compare with (cp, sync, curl, openssl), run as child processes. */
const running = new Set<ChildProcess>();

/** Stops any command still running (Ctrl-C while a trial runs). */
export function killRunningCommands(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Runs a command to completion; fails with its stderr unless it exits 0. */
export function runCommand(command: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
    child.once('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? code}): ${stderr.trim()}`));
    });
  });
}
