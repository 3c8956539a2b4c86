// Coloured, prefixed log lines, one colour per service, so a newcomer can tell who said what.
const COLOURS = { db: 34, temporal: 35, worker: 36, idp: 33, api: 32, push: 1 } as const;
export type Service = keyof typeof COLOURS;

const useColour = process.stdout.isTTY && !process.env.NO_COLOR;

export function logger(service: Service): (line: string) => void {
  const label = service.padEnd(8);
  const prefix = useColour ? `\x1b[${COLOURS[service]}m${label}\x1b[0m│ ` : `${label}│ `;
  return (line: string) => {
    for (const part of line.split('\n')) if (part.trim()) console.log(prefix + part);
  };
}
