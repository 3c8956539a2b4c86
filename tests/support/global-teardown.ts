import { stopAll } from './running-servers';

export default async function globalTeardown(): Promise<void> {
  await stopAll();
}
