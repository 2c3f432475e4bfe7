import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { matchProviderRule } from '/work/main/lib/engine/knowledge/index';
it('cov', () => {
  const d = JSON.parse(readFileSync('/work/shared/reference/provider-patterns.json', 'utf8'));
  for (const p of d.patterns) {
    for (const alt of String(p.text_contains).split('|')) {
      const r = matchProviderRule(alt, null);
      console.log(r ? 'OK  ' : 'MISS', p.provider, '|', alt, '|', p.proposed_category, '->', r?.reason ?? '');
    }
  }
  const tsv = readFileSync('/work/shared/reference/provider-responses.tsv', 'utf8').split('\n').slice(1).filter(Boolean);
  let n = 0;
  for (const line of tsv) { const c = line.split('\t'); const r = matchProviderRule(c[5] ?? '', null); if (r) n++; else console.log('TSV MISS', c[2], c[0], (c[5] ?? '').slice(0, 110)); }
  console.log('tsv matched', n, 'of', tsv.length);
});
