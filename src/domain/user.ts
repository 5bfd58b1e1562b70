import { z } from 'zod';

/** Roles, most to least powerful. See the role matrix in README.md. */
export const Role = z.enum(['admin', 'reviewer', 'operator', 'submitter']);
export type Role = z.infer<typeof Role>;

export const Username = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'use letters, digits, dot, underscore or hyphen');

export const User = z.object({
  id: z.string(),
  username: Username,
  role: Role,
  unit: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof User>;
