// A person watching their inbox: one poll of the task list serves everyone waiting for a task of theirs,
// found by its title as a person finds it, so fifty procedures do not poll fifty times.
import type { ApiSession } from '../../tests/support/sign-in';
import type { ResilientClient } from './client';

interface TaskList { items: { id: string; titolo: string }[]; total: number }

interface Waiter {
  titolo: string;
  exclude: Set<string>;
  deadline: number;
  resolve: (taskId: string | null) => void;
}

const POLL_EVERY_MS = 700;
const PAGE = 100;

export class Inbox {
  private readonly waiters = new Set<Waiter>();
  private polling = false;

  constructor(private readonly client: ResilientClient, private readonly session: ApiSession, private readonly query: string) {}

  /** The id of the open task titled `titolo` (not one of `exclude`), or null past `timeoutMs`. */
  waitFor(titolo: string, exclude: Set<string>, timeoutMs: number): Promise<string | null> {
    return new Promise((resolve) => {
      this.waiters.add({ titolo, exclude, deadline: Date.now() + timeoutMs, resolve });
      if (!this.polling) void this.poll();
    });
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      while (this.waiters.size > 0) {
        const tasks = await this.openTasks().catch(() => []);
        for (const waiter of [...this.waiters]) {
          const found = tasks.find((task) => task.titolo === waiter.titolo && !waiter.exclude.has(task.id));
          if (found || Date.now() > waiter.deadline) {
            this.waiters.delete(waiter);
            waiter.resolve(found?.id ?? null);
          }
        }
        if (this.waiters.size > 0) await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
      }
    } finally {
      this.polling = false;
    }
  }

  private async openTasks(): Promise<{ id: string; titolo: string }[]> {
    const all: { id: string; titolo: string }[] = [];
    for (let pagina = 1; pagina <= 20; pagina++) {
      const { status, body } = await this.client.call<TaskList>(this.session, 'GET', `/api/tasks?${this.query}&perPagina=${PAGE}&pagina=${pagina}`);
      if (status !== 200) break;
      all.push(...body.items);
      if (pagina * PAGE >= body.total) break;
    }
    return all;
  }
}
