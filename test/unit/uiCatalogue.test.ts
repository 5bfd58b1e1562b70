/**
 * The admin page's words: one catalogue, both languages for every key, no key defined twice, and
 * every `t('…')` the page's modules call exists (a missing key would show its code to the operator).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueProblems, uiMessages } from '../../src/i18n/ui/index.ts';

const PUBLIC = join(import.meta.dirname, '..', '..', 'src', 'http', 'admin', 'public');

function modules(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? modules(path) : path.endsWith('.js') ? [path] : [];
  });
}

describe('admin page catalogue', () => {
  it('has both languages for every key and no key twice', () => {
    expect(catalogueProblems()).toEqual([]);
  });

  it('defines every key the page asks for by name', () => {
    const vi = uiMessages('vi');
    const missing: string[] = [];
    for (const file of modules(PUBLIC)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.-]+)'/g)) {
        if (!(m[1]! in vi)) missing.push(`${file.slice(PUBLIC.length + 1)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('gives the API messages to the page under api.<code>', () => {
    expect(uiMessages('vi')['api.login-failed']).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    expect(uiMessages('en')['api.login-failed']).toBe('Wrong username or password.');
  });
});
