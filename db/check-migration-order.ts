// Fails when the migration journal's timestamps do not strictly increase (merged branches can
// produce that, and drizzle then silently skips a migration on databases that ran the later one).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Journal = { entries: { idx: number; when: number; tag: string }[] };

export function journalProblems(journal: Journal): string[] {
  const problems: string[] = [];
  journal.entries.forEach((entry, i) => {
    if (entry.idx !== i) problems.push(`entry ${entry.tag} has idx ${entry.idx}, expected ${i}`);
    const prev = journal.entries[i - 1];
    if (prev && entry.when <= prev.when)
      problems.push(`${entry.tag} (${entry.when}) is not later than ${prev.tag} (${prev.when})`);
  });
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = fileURLToPath(new URL('./migrations/meta/_journal.json', import.meta.url));
  const problems = journalProblems(JSON.parse(readFileSync(path, 'utf8')) as Journal);
  if (problems.length > 0) {
    console.error(`Migration journal out of order:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('migration journal: timestamps strictly increase');
}
