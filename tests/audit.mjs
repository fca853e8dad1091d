// `npm audit --omit=dev`: fails on any known vulnerability in what the site build ships with.
// When the registry's audit service cannot be reached, says so and does not fail: that is not a
// finding about our dependencies.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = null;
}
if (!report || report.error) {
  const why = (report?.error?.summary || run.stderr.trim().split('\n').find((line) => line.trim() !== '') || `npm audit exited with ${run.status}`).replace(/\s*-?\s*[A-Z]+ https?:\/\/\S+/g, '');
  console.log(`npm audit: the audit service could not be reached (${why}); no vulnerability check ran.`);
  process.exit(0);
}
const counts = report.metadata?.vulnerabilities ?? {};
const total = Object.values(counts).reduce((a, b) => a + (typeof b === 'number' ? b : 0), 0) - (counts.total ?? 0);
if (total > 0) {
  console.error(`npm audit --omit=dev found vulnerabilities: ${JSON.stringify(counts)}`);
  process.exit(1);
}
console.log('npm audit --omit=dev: no known vulnerabilities.');
