/**
 * No message mixes the two languages (issue 9): an error's placeholders carry words in both
 * languages, never a Vietnamese string that would land inside the English sentence.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES, translate } from '../../src/i18n/messages.ts';
import { ACTIONS, ITEM_STATUS, THINGS } from '../../src/i18n/words.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('messages in one language', () => {
  it('fills placeholders with the word of the sentence\'s own language', () => {
    const params = { action: ACTIONS.archive, status: ITEM_STATUS.processing };
    expect(translate('invalid-transition', 'vi', params)).toBe('Không thể lưu trữ tin bài đang ở trạng thái «đang xử lý âm thanh».');
    expect(translate('invalid-transition', 'en', params)).toBe('Cannot archive an item that is processing.');
    expect(translate('not-found', 'en', { what: THINGS.item, id: 'itm_1' })).toBe('No item "itm_1" was found.');
  });

  it('has no Vietnamese letter in any English sentence of the catalogue', () => {
    const mixed = Object.entries(MESSAGES).filter(([, text]) => VIETNAMESE.test(text.en)).map(([code]) => code);
    expect(mixed).toEqual([]);
  });

  it('throws no ApiError whose parameters are written in Vietnamese in the code', () => {
    const offenders: string[] = [];
    for (const file of tsFiles(SRC)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const call = /new ApiError\([^)]*\{([^}]*)\}/.exec(line);
        if (call && /'[^']*'|`[^`]*`/.test(call[1]!) && VIETNAMESE.test(call[1]!)) offenders.push(`${file.slice(SRC.length + 1)}:${i + 1}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});
