/**
 * Runs `start` with extra environment variables, then puts the environment back as
 * it was (variables that were unset are deleted again). The preview's core reads
 * its sign-in configuration when it starts, so the variables only need to live
 * that long, and nothing leaks into the next test or file.
 */
export async function withEnvironment<T>(variables: Readonly<Record<string, string>>, start: () => Promise<T>): Promise<T> {
  const previous = new Map(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return await start();
  } finally {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
