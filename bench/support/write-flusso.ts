// Writes one ARCA's flusso of N units to a file, in a process of its own so the benchmark's memory
// figure measures the platform's work, not the generator's. Usage: tsx write-flusso.ts <file> <units> <date>
import { generateEnteFlusso, writeFlusso } from '../../scripts/generate-stock';

const [file, units, dataRiferimento] = process.argv.slice(2);
writeFlusso(generateEnteFlusso('720000', { unita: Number(units), dataRiferimento: dataRiferimento! }), file!).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
