import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { LiveLevel } from './liveRecording.ts';

/** What the admin page asked to broadcast from its microphone (checked when the ticket was issued). */
export interface MicRequest {
  zones: string[];
  level: LiveLevel;
  /** The container the browser records in (MediaRecorder): WebM/Opus (Chromium) or Ogg/Opus (Firefox). */
  format: 'webm' | 'ogg';
}

/** How long a ticket may wait for its WebSocket: the page opens it at once. */
export const TICKET_TTL_MS = 30_000;

/**
 * One-time tickets for the microphone's WebSocket. A browser's WebSocket handshake is a GET that the
 * CSRF check does not cover and that any page could start with the user's cookie; the ticket comes
 * from a CSRF-protected POST whose answer only the daemon's own page can read, so a socket that
 * shows it was opened by that page, for that user. Kept in memory: a restart forgets them, and they
 * live seconds.
 */
export function createLiveTickets(clock: Clock, ttlMs = TICKET_TTL_MS) {
  const tickets = new Map<string, { userId: string; request: MicRequest; expiresAt: number }>();

  const sweep = (now: number) => {
    for (const [ticket, t] of tickets) if (t.expiresAt <= now) tickets.delete(ticket);
  };

  return {
    /** A fresh ticket for `userId`'s request, valid once within the TTL. */
    issue(userId: string, request: MicRequest): { ticket: string; expiresAt: number } {
      const now = clock.now();
      sweep(now);
      const ticket = randomBytes(32).toString('base64url');
      const expiresAt = now + ttlMs;
      tickets.set(ticket, { userId, request, expiresAt });
      return { ticket, expiresAt };
    },

    /** The request of a ticket issued to `userId` and not yet used or expired, or null; a ticket is spent by any attempt. */
    redeem(ticket: string, userId: string): MicRequest | null {
      const found = tickets.get(ticket);
      tickets.delete(ticket);
      if (!found || found.userId !== userId || found.expiresAt <= clock.now()) return null;
      return found.request;
    },
  };
}

export type LiveTickets = ReturnType<typeof createLiveTickets>;
