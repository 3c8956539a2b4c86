// Closing an HTTP server without cutting the answers it is writing: new connections are refused at once,
// the requests being handled are let finish (for a bounded time), and only then is every connection
// closed — the open inboxes' event streams too, which never end by themselves. A handler cut short would
// go on working after its process, or its test, believes it stopped.
import type { Server, ServerResponse } from 'node:http';

const isEventStream = (res: ServerResponse) => String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');

/** Tracks `server`'s answers from now on; `close(graceMs)` stops it as above. */
export function closesGracefully(server: Server): { close(graceMs: number): Promise<void> } {
  const answering = new Set<ServerResponse>();
  let settled: (() => void) | undefined;
  const checkSettled = () => {
    if (settled && [...answering].every(isEventStream)) settled();
  };
  server.on('request', (_req, res: ServerResponse) => {
    answering.add(res);
    // Ended, not closed: a response whose client went away is still being worked on until its handler ends it.
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      answering.delete(res);
      checkSettled();
      return end(...args);
    }) as ServerResponse['end'];
  });
  return {
    async close(graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const answered = new Promise<void>((resolve) => (settled = resolve));
      checkSettled();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([answered, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      server.closeAllConnections();
      await closed;
    },
  };
}
