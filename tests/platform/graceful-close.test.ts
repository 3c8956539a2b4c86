import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closesGracefully } from '../../platform/graceful-close';

/** A server whose /lento answers when `release` is called, and whose /eventi is an event stream that never ends (asked for as EventSource does). */
async function startServer() {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const arrived: string[] = [];
  let arrival: () => void = () => undefined;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    arrived.push(req.url ?? '');
    arrival();
    if (req.url === '/eventi') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': aperto\n\n');
      return;
    }
    void released.then(() => res.end('fatto'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hasArrived = (path: string) => new Promise<void>((resolve) => {
    arrival = () => arrived.includes(path) && resolve();
    arrival();
  });
  return { server, url, release, hasArrived };
}

describe('closing the API gracefully', () => {
  it('when a request is being answered, then closing waits for its answer, which reaches the client whole', async () => {
    const { server, url, release, hasArrived } = await startServer();
    const closing = closesGracefully(server);
    const answer = fetch(`${url}/lento`).then((response) => response.text());
    await hasArrived('/lento');
    let closed = false;
    const done = closing.close(10_000).then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    release();
    expect(await answer).toBe('fatto');
    await done;
    expect(closed).toBe(true);
  });

  it('when only event streams are open, then closing ends them at once instead of waiting for them', async () => {
    const { server, url, hasArrived } = await startServer();
    const closing = closesGracefully(server);
    const stream = await fetch(`${url}/eventi`, { headers: { accept: 'text/event-stream' } });
    await hasArrived('/eventi');
    const started = Date.now();
    await closing.close(10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect(stream.text()).rejects.toThrow();
  });

  it('when an answer never comes, then closing gives up after the grace time and closes the connection', async () => {
    const { server, url, hasArrived } = await startServer();
    const closing = closesGracefully(server);
    const answer = fetch(`${url}/lento`).then((response) => response.text());
    await hasArrived('/lento');
    await closing.close(200);
    await expect(answer).rejects.toThrow();
  });
});
