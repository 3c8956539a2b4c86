// Global setup and teardown run in the same process: this registry hands the stop functions across.
type Stop = () => Promise<void>;

const registry = globalThis as typeof globalThis & { __pushServers?: Map<string, Stop> };

export function setRunning(name: string, stop: Stop): void {
  (registry.__pushServers ??= new Map()).set(name, stop);
}

export async function stopAll(): Promise<void> {
  const servers = registry.__pushServers ?? new Map<string, Stop>();
  for (const [name, stop] of [...servers].reverse()) {
    await stop().catch((error: unknown) => console.error(`stopping ${name} failed`, error));
  }
  servers.clear();
}
