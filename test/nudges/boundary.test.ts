import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the nudges domain loads no AWS, Slack or logger code', () => {
  it('bundling src/nudges pulls in no SDK, Powertools, Slack, store or log module', async () => {
    const out = await build({
      entryPoints: [
        'src/nudges/sweep.ts',
        'src/nudges/due.ts',
        'src/nudges/records.ts',
        'src/nudges/waiver-reminder.ts',
      ],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      outdir: 'out',
      logLevel: 'silent',
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs).toContain('src/nudges/sweep.ts');
    expect(inputs).toContain('src/redact.ts');
    expect(
      inputs.filter((f) => /@aws-sdk|@aws-lambda-powertools|@slack|^src\/store\/|^src\/log\.ts$/.test(f)),
    ).toEqual([]);
  });
});
