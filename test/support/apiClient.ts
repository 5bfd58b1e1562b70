import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

/** A tiny client of a running daemon over real HTTP, as an operator's script would use it. */
export function apiClient(baseUrl: string) {
  let token = '';
  async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T };
  }
  return {
    call,
    async login(username: string, password: string): Promise<void> {
      const res = await call<{ token: string }>('POST', '/api/auth/login', { username, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
      token = res.body.token;
    },
    /** Uploads a file and waits until ingest leaves it pending review. */
    async uploadPending(file: string, fields: Record<string, string>): Promise<{ id: string; durationMs: number }> {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      form.append('file', new Blob([await readFile(file)]), basename(file));
      const res = await fetch(`${baseUrl}/api/items`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      if (res.status !== 202) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      for (let i = 0; i < 300; i++) {
        const item = (await call<{ status: string; durationMs: number; failureReason: string | null }>('GET', `/api/items/${id}`)).body;
        if (item.status === 'pending') return { id, durationMs: item.durationMs };
        if (item.status === 'failed') throw new Error(`ingest failed: ${item.failureReason}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('ingest did not finish');
    },
    /** Uploads a file, waits for ingest and approves it (admin may approve its own uploads). */
    async uploadApproved(file: string, fields: Record<string, string>): Promise<{ id: string; durationMs: number }> {
      const item = await this.uploadPending(file, fields);
      const approved = await call('POST', `/api/items/${item.id}/approve`, {});
      if (approved.status !== 200) throw new Error(`approve failed: ${approved.status}`);
      return item;
    },
  };
}
