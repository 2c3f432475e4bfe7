/**
 * The suppression goal on the corpus: `npm run --silent bench:suppression` prints how many dead
 * addresses the list catches and how many sender-side, over-quota and temporary bounces it keeps
 * off (see scripts/bench/suppression.ts), then the rows it gets wrong.
 */
import { corpusAvailable } from './bench/corpus';
import { goalLine, measureSuppressionGoal } from './bench/suppression';

if (!corpusAvailable()) {
  process.stderr.write('bench:suppression: corpus not found (set BOUNCE_CORPUS)\n');
  process.exitCode = 1;
} else {
  const goal = measureSuppressionGoal();
  const lines = [goalLine(goal)];
  for (const [name, g] of Object.entries(goal)) for (const w of g.wrong) lines.push(`  ${name}: ${w}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
