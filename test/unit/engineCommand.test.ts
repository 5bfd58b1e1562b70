/**
 * The speech engine's command template (LOA_TTS_COMMAND): split into arguments once, placeholders
 * filled inside each argument, never a shell; a template that cannot work stops the daemon at start
 * with the setting named; an empty one means «no engine».
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { DEFAULT_TTS_COMMAND, EngineRunError, fillTemplate, runEngineCommand, splitTemplate, templateProblems } from '../../src/speech/engineCommand.ts';

describe('the command template', () => {
  it('splits on whitespace and keeps quoted arguments whole', () => {
    expect(splitTemplate(DEFAULT_TTS_COMMAND)).toEqual(['espeak-ng', '-v', '{voice}', '-s', '{wpm}', '-w', '{out}', '-f', '{in}']);
    expect(splitTemplate(`"/opt/my engine/say"  --text-file='{in}' -o {out} ""`)).toEqual(['/opt/my engine/say', '--text-file={in}', '-o', '{out}', '']);
    expect(() => splitTemplate('say "{in}')).toThrow(/not closed/);
  });

  it('fills placeholders inside each argument, and only the known ones', () => {
    const args = splitTemplate('piper --model vi.onnx --length={rate} --voice={voice} -f {out} --input {in} {unknown}');
    const filled = fillTemplate(args, { in: '/t/a b.txt', out: '/t/o.wav', voice: 'vi', wpm: '140', rate: '1.2' });
    expect(filled).toEqual(['piper', '--model', 'vi.onnx', '--length=1.2', '--voice=vi', '-f', '/t/o.wav', '--input', '/t/a b.txt', '{unknown}']);
  });

  it('lists what makes a template unusable', () => {
    expect(templateProblems(DEFAULT_TTS_COMMAND)).toEqual([]);
    expect(templateProblems('')).toEqual([]);
    expect(templateProblems('espeak-ng -w {out} {text}')).toEqual([
      'unknown placeholder {text} (use {in}, {out}, {voice}, {wpm}, {rate})',
      'must contain {in} (the text file to read)',
    ]);
    expect(templateProblems('{voice} {in} {out}')).toContain('the program itself cannot be a placeholder');
  });

  it('stops the daemon at start when LOA_TTS_COMMAND cannot work, and takes an empty one as «no engine»', () => {
    expect(() => loadConfig({ LOA_TTS_COMMAND: 'espeak-ng -v vi {in}' })).toThrow(ConfigError);
    try {
      loadConfig({ LOA_TTS_COMMAND: 'espeak-ng -v vi {in}' });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(['LOA_TTS_COMMAND (ttsCommand): must contain {out} (the audio file to write)']);
    }
    expect(loadConfig({ LOA_TTS_COMMAND: '' }).ttsCommand).toBe('');
    expect(loadConfig({}).ttsCommand).toBe(DEFAULT_TTS_COMMAND);
    expect(loadConfig({ LOA_TTS_VOICES: 'vi-vn-x-south, vi' }).ttsVoices).toEqual(['vi-vn-x-south', 'vi']);
    expect(() => loadConfig({ LOA_TTS_VOICES: 'vi;rm -rf' })).toThrow(/LOA_TTS_VOICES/);
  });
});

describe('running the engine', () => {
  it('passes arguments as they are, without a shell', async () => {
    // `sh -c 'test "$1" = …' sh ARG`: the argument arrives byte for byte, quotes and $() unexpanded.
    const nasty = `"; echo hi $(id) \`id\` 'x'`;
    await expect(runEngineCommand(['sh', '-c', 'test "$1" = "$2"', 'sh', nasty, nasty], { timeoutMs: 5000 })).resolves.toBeUndefined();
  });

  it('says why it failed: exit code and stderr tail, a missing program, a timeout', async () => {
    await expect(runEngineCommand(['sh', '-c', 'echo first >&2; echo last words >&2; exit 7'], { timeoutMs: 5000 })).rejects.toMatchObject({
      kind: 'exit', exitCode: 7, stderrTail: 'first\nlast words',
    });
    await expect(runEngineCommand(['/no/such/engine', 'x'], { timeoutMs: 5000 })).rejects.toMatchObject({ kind: 'missing', program: '/no/such/engine' });
    const slow = runEngineCommand([process.execPath, '-e', 'setTimeout(() => {}, 60000)'], { timeoutMs: 300 });
    await expect(slow).rejects.toBeInstanceOf(EngineRunError);
    await expect(slow).rejects.toMatchObject({ kind: 'timeout' });
  });
});
