/**
 * The Slack, HTTP and CLI adapters only parse, call a use case and render: what they load at run time (following
 * every runtime import, transitively) includes no storage module and no SES code. Stores and the
 * mailer reach them as interfaces (`import type`), wired by `app.ts`.
 *
 * Under `verbatimModuleSyntax`, `import { type X } from 'm'` still loads `m` (as `import {} from
 * 'm'`); only `import type` / `export type` statements are erased.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');

/** The specifiers a file loads at run time. */
function runtimeImports(source: string): string[] {
  const found: string[] = [];
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const m of source.matchAll(statement)) {
    if (!m[2] && m[4]) found.push(m[4]);
  }
  for (const m of source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)) if (m[1]) found.push(m[1]);
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) if (m[1]) found.push(m[1]);
  return found;
}

function resolveLocal(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && p.endsWith('.ts'));
}

/** Every module (repo-relative path, or package name) `entry` loads at run time. */
function runtimeClosure(entry: string): Set<string> {
  const seen = new Set<string>();
  const files = [entry];
  for (let file = files.pop(); file; file = files.pop()) {
    const rel = relative(root, file);
    if (seen.has(rel)) continue;
    seen.add(rel);
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        seen.add(spec);
        continue;
      }
      const target = resolveLocal(file, spec);
      if (target) files.push(target);
    }
  }
  return seen;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const forbidden = (m: string) =>
  m.startsWith('src/store/') || m === 'src/mail/ses-mailer.ts' || m.startsWith('@aws-sdk/client-ses');

describe('Slack adapters', () => {
  const entries = tsFiles(join(root, 'src/slack'));

  it.each(entries.map((e) => [relative(root, e), e]))(
    '%s loads no store module and no SES code',
    (_name, entry) => {
      const loaded = [...runtimeClosure(entry)];
      expect(loaded.filter(forbidden)).toEqual([]);
    },
  );

  it('the listeners reach their use cases only through the services (the check follows imports)', () => {
    const loaded = runtimeClosure(join(root, 'src/slack/commands/index.ts'));
    expect(loaded).toContain('src/slack/render/outcomes.ts');
    expect([...loaded].filter((m) => m.startsWith('src/usecases/'))).toEqual([]);
  });
});

describe('CLI adapters', () => {
  // The verbs parse, call and print; their stores come from the wiring (src/cli-wiring.ts, src/cli.ts).
  const entries = tsFiles(join(root, 'src/cli'));

  it.each(entries.map((e) => [relative(root, e), e]))(
    '%s loads no store module and no SES code',
    (_name, entry) => {
      const loaded = [...runtimeClosure(entry)];
      expect(loaded.filter(forbidden)).toEqual([]);
    },
  );
});

describe('HTTP adapters', () => {
  const entries = [...tsFiles(join(root, 'src/http')), join(root, 'src/http.ts')];

  it.each(entries.map((e) => [relative(root, e), e]))(
    '%s loads no store module and no SES code',
    (_name, entry) => {
      const loaded = [...runtimeClosure(entry)];
      expect(loaded.filter(forbidden)).toEqual([]);
    },
  );

  it('the guest API reaches its use cases (the check follows imports)', () => {
    const loaded = runtimeClosure(join(root, 'src/http/guest-api.ts'));
    expect(loaded).toContain('src/usecases/sign-waiver.ts');
    expect(loaded).toContain('src/guests/invite.ts');
  });

  it('tells a type-only import from one that loads the module', () => {
    expect(
      runtimeImports(
        [
          "import type { GuestStore } from '../store/guests';",
          "import { type CodeStore } from '../store/codes';",
          'import {\n  a,\n  type B,\n} from "./x";',
          "export type { Y } from './y';",
          "export { z } from './z';",
          "import './side-effect';",
          "const lazy = await import('./lazy');",
        ].join('\n'),
      ),
    ).toEqual(['../store/codes', './x', './z', './side-effect', './lazy']);
  });
});
