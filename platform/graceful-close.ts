// Closing an HTTP server without cutting the answers it is writing: new connections are refused at once,
// the requests being handled are let finish (for a bounded time), and only then is every connection
// closed — the open inboxes' event streams too, which never end by themselves. A handler cut short would
// go on working after its process, or its test, believes it stopped.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** An event stream: asked for as one (EventSource sends this Accept), or answered as one. */
const isEventStream = (req: IncomingMessage, res: ServerResponse) =>
  (req.headers.accept ?? '').includes('text/event-stream') || String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');

/** Tracks `server`'s answers from now on; `close(graceMs)` stops it as above. */
export function closesGracefully(server: Server): { close(graceMs: number): Promise<void> } {
  /** The answers being written, with their requests (an event stream is never waited for). */
  const answering = new Map<ServerResponse, IncomingMessage>();
  let settled: (() => void) | undefined;
  const checkSettled = () => {
    if (settled && [...answering].every(([res, req]) => isEventStream(req, res))) settled();
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    answering.set(res, req);
    // A stream its browser left is done with, though nothing ends it: forgotten, or the map would grow for ever.
    res.once('close', () => {
      if (isEventStream(req, res)) answering.delete(res);
    });
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
