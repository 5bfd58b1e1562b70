/**
 * The speech engine as a command template (`LOA_TTS_COMMAND`), e.g.
 * `espeak-ng -v {voice} -s {wpm} -w {out} -f {in}`. The template is split into arguments once, the
 * placeholders are filled per argument and the program runs WITHOUT a shell: the text never reaches
 * the command line (it goes through the `{in}` file), so nothing in it can inject a command.
 */
import { spawn } from 'node:child_process';

/** What a template may name: the text file, the audio file to write, the voice, the speed. */
export const PLACEHOLDERS = ['in', 'out', 'voice', 'wpm', 'rate'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The engine of a fresh install: Debian's espeak-ng, writing a WAV file. */
export const DEFAULT_TTS_COMMAND = 'espeak-ng -v {voice} -s {wpm} -w {out} -f {in}';

/**
 * Splits a template into arguments: whitespace separates them, "double" or 'single' quotes keep
 * spaces inside one (a path with spaces). Throws on an unclosed quote.
 */
export function splitTemplate(template: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let started = false;
  for (const c of template) {
    if (quote) {
      if (c === quote) quote = null;
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (/\s/.test(c)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (quote) throw new Error(`the quote ${quote} is not closed`);
  if (started) args.push(current);
  return args;
}

/** What is wrong with a template, one sentence each (empty when it is usable); an empty template is «no engine». */
export function templateProblems(template: string): string[] {
  if (template.trim() === '') return [];
  let args: string[];
  try {
    args = splitTemplate(template);
  } catch (err) {
    return [(err as Error).message];
  }
  const problems: string[] = [];
  const named = new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!));
  for (const name of named) if (!(PLACEHOLDERS as readonly string[]).includes(name)) problems.push(`unknown placeholder {${name}} (use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
  for (const needed of ['in', 'out'] as const) if (!named.has(needed)) problems.push(`must contain {${needed}} (the ${needed === 'in' ? 'text file to read' : 'audio file to write'})`);
  if (args[0]?.includes('{')) problems.push('the program itself cannot be a placeholder');
  return problems;
}

/** The arguments with every placeholder replaced inside each argument (`--voice={voice}` works). */
export function fillTemplate(args: readonly string[], values: Record<Placeholder, string>): string[] {
  return args.map((arg) => arg.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? values[name as Placeholder] : whole)));
}

/** Why an engine run failed: it could not start, it exited non-zero, or it ran past its time. */
export class EngineRunError extends Error {
  override readonly name = 'EngineRunError';
  constructor(
    readonly kind: 'missing' | 'exit' | 'timeout',
    readonly program: string,
    readonly exitCode: number | null,
    /** The last part of what the engine wrote to stderr (its own explanation). */
    readonly stderrTail: string,
    cause?: unknown,
  ) {
    super(`${program}: ${kind}${exitCode !== null ? ` (exit ${exitCode})` : ''}${stderrTail ? `: ${stderrTail}` : ''}`, { cause });
  }
}

const STDERR_TAIL_CHARS = 600;

/**
 * Runs `argv` (no shell), stdin closed, and resolves when it exits 0. Rejects with EngineRunError:
 * 'missing' (not found or not executable), 'exit' (non-zero or killed by a signal), 'timeout' (killed
 * after `timeoutMs`). Aborting `signal` kills it and rejects with the signal's reason.
 */
export function runEngineCommand(argv: readonly string[], opts: { timeoutMs: number; signal?: AbortSignal; env?: NodeJS.ProcessEnv }): Promise<void> {
  const [program = '', ...args] = argv;
  return new Promise<void>((resolve, reject) => {
    opts.signal?.throwIfAborted();
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'pipe'], env: opts.env ?? process.env });
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const tail = () => stderr.trim().slice(-STDERR_TAIL_CHARS);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const onAbort = () => child.kill('SIGKILL');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Only the tail is ever shown; a chatty engine must not grow memory without bound.
      stderr = (stderr + chunk).slice(-4 * STDERR_TAIL_CHARS);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      const missing = err.code === 'ENOENT' || err.code === 'EACCES' || err.code === 'ENOTDIR';
      finish(new EngineRunError(missing ? 'missing' : 'exit', program, null, missing ? err.code ?? '' : err.message, err));
    });
    child.on('close', (code, signal) => {
      if (opts.signal?.aborted) return finish(opts.signal.reason);
      if (timedOut) return finish(new EngineRunError('timeout', program, null, tail()));
      if (code === 0) return finish();
      return finish(new EngineRunError('exit', program, code, tail() || (signal ? `killed by ${signal}` : '')));
    });
  });
}
