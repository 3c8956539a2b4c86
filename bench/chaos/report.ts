// What a run prints and keeps: the counts, every finding by name, and bench/results/chaos-<date>.json.
import type { Finding } from './checks';
import { saveResults } from '../stats';

const KIND_TITLES: Record<Finding['kind'], string> = {
  loss: 'LOST',
  duplicate: 'DUPLICATED',
  orphan: 'ORPHAN',
  disagreement: 'INBOX ≠ WORKFLOW',
  stuck: 'STUCK',
  gap: 'PROTOCOL GAP',
  incident: 'UNEXPLAINED INCIDENT',
  process: 'START/STOP/HEALTH',
  abandoned: 'DRIVER GAVE UP',
};

export function printCounts(counts: Record<string, unknown>): void {
  console.log('\nchaos run — counts');
  for (const [name, value] of Object.entries(counts)) console.log(`  ${name.padEnd(28)} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
}

export function printFindings(findings: Finding[]): void {
  if (findings.length === 0) {
    console.log('\nPASS: nothing lost, nothing duplicated, no orphan, protocol numbers gapless, every start recovered.');
    return;
  }
  console.log(`\nFAIL: ${findings.length} finding(s)`);
  for (const kind of Object.keys(KIND_TITLES) as Finding['kind'][]) {
    const ofKind = findings.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) continue;
    console.log(`  ${KIND_TITLES[kind]} (${ofKind.length})`);
    for (const finding of ofKind.slice(0, 25)) console.log(`    - ${finding.subject}: ${finding.detail}`);
    if (ofKind.length > 25) console.log(`    … and ${ofKind.length - 25} more (see the JSON)`);
  }
}

export async function save(results: object): Promise<string> {
  return saveResults('chaos', results);
}
