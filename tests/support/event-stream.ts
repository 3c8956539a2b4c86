// Reads a server-sent event stream as a browser's EventSource would: one event per block, each awaited.
import type { ApiSession } from './sign-in';

export interface ServerEvent {
  event: string;
  data: string;
}

export interface EventStream {
  /** The next event (comments and the `retry` line are not events), or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ServerEvent>;
  close(): void;
}

export async function openEventStream(session: ApiSession, path: string): Promise<EventStream> {
  const controller = new AbortController();
  const response = await session.fetch(path, { signal: controller.signal, headers: { accept: 'text/event-stream' } });
  if (response.status !== 200 || !response.body) throw new Error(`${path} answered ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';

  async function next(timeoutMs = 30_000): Promise<ServerEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = block.split('\n').filter((line) => !line.startsWith(':'));
        const value = (name: string) => fields.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trim()).join('\n');
        if (fields.some((line) => line.startsWith('data:'))) return { event: value('event') || 'message', data: value('data') };
        continue;
      }
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no event on ${path} within ${timeoutMs} ms`)), Math.max(0, deadline - Date.now())).unref());
      const chunk = await Promise.race([reader.read(), timeout]);
      if (chunk.done) throw new Error(`${path} ended`);
      buffer += chunk.value;
    }
  }

  return { next, close: () => controller.abort() };
}
