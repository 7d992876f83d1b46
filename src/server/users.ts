/**
 * Users of the HTTP interface, from a JSON config file:
 *
 * ```json
 * { "users": {
 *     "default": { "password": "" },
 *     "alice":   { "password_sha256_hex": "<hex of sha256(password)>", "database": "logs" },
 *     "grafana": { "password": "secret", "readonly": 1,
 *                  "settings": { "max_execution_time": 30 },
 *                  "constraints": { "max_result_rows": { "max": 100000 }, "readonly": { "readonly": true } } } } }
 * ```
 *
 * Without a file there is one user, `default`, with an empty password. `readonly` is 0/1/2 as the
 * setting; `settings` are the user's defaults; `constraints` bound the settings a request may set
 * (`min`, `max`, or `readonly: true` = may not be changed).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { EddyError } from '../core/errors.ts';
import { parseSettingValue, type SettingValue } from '../core/settings.ts';
import { quoteToken } from '../core/types.ts';

/** Limits on one setting for a user. */
export interface SettingConstraint {
  readonly min?: number;
  readonly max?: number;
  readonly readonly?: boolean;
}

/** One user. */
export interface User {
  readonly name: string;
  readonly password?: string;
  readonly passwordSha256Hex?: string;
  readonly readonly: number;
  readonly database?: string;
  readonly settings: Readonly<Record<string, SettingValue>>;
  readonly constraints: Readonly<Record<string, SettingConstraint>>;
}

/** The users the server accepts. */
export type Users = ReadonlyMap<string, User>;

/** The built-in configuration: `default` with an empty password. */
export function defaultUsers(): Users {
  return new Map([['default', { name: 'default', password: '', readonly: 0, settings: {}, constraints: {} }]]);
}

/** Parse a users config object (the format above). */
export function parseUsers(config: unknown): Users {
  const users = (config as { users?: Record<string, Record<string, unknown>> } | null)?.users;
  if (!users || typeof users !== 'object') throw new EddyError('BAD_ARGUMENTS', 'Users config must have a "users" object');
  const out = new Map<string, User>();
  for (const [name, u] of Object.entries(users)) {
    const settings: Record<string, SettingValue> = {};
    for (const [k, v] of Object.entries((u.settings ?? {}) as Record<string, string | number | boolean>)) settings[k] = parseSettingValue(k, v);
    const constraints: Record<string, SettingConstraint> = {};
    for (const [k, v] of Object.entries((u.constraints ?? {}) as Record<string, SettingConstraint>)) {
      parseSettingValue(k, 0);
      constraints[k] = v;
    }
    out.set(name, {
      name,
      ...(typeof u.password === 'string' ? { password: u.password } : {}),
      ...(typeof u.password_sha256_hex === 'string' ? { passwordSha256Hex: u.password_sha256_hex.toLowerCase() } : {}),
      readonly: Number(u.readonly ?? 0),
      ...(typeof u.database === 'string' ? { database: u.database } : {}),
      settings,
      constraints,
    });
  }
  return out;
}

/** Load users from a JSON file. */
export async function loadUsers(path: string): Promise<Users> {
  return parseUsers(JSON.parse(await readFile(path, 'utf8')));
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Check a user's password; throws AUTHENTICATION_FAILED like ClickHouse (no hint which part was wrong). */
export function authenticate(users: Users, name: string, password: string): User {
  const u = users.get(name);
  const ok = u !== undefined && (
    u.passwordSha256Hex !== undefined
      ? sameText(createHash('sha256').update(password).digest('hex'), u.passwordSha256Hex)
      : sameText(u.password ?? '', password));
  if (!ok) {
    throw new EddyError('AUTHENTICATION_FAILED',
      `${name}: Authentication failed: password is incorrect, or there is no user with such name`);
  }
  return u;
}

/** Check the settings a request sets against the user's constraints and readonly level. */
export function checkSettingChanges(user: User, readonly: number, changes: Readonly<Record<string, SettingValue>>): void {
  for (const [k, v] of Object.entries(changes)) {
    if (readonly === 1) throw new EddyError('READONLY', `Cannot modify ${quoteToken(k)} setting in readonly mode`);
    if (readonly === 2 && k === 'readonly' && Number(v) < 2) throw new EddyError('READONLY', `Cannot modify 'readonly' setting in readonly mode`);
    const c = user.constraints[k];
    if (!c) continue;
    if (c.readonly) throw new EddyError('SETTING_CONSTRAINT_VIOLATION', `Setting ${k} should not be changed`);
    if (typeof v === 'number' && c.max !== undefined && v > c.max) {
      throw new EddyError('SETTING_CONSTRAINT_VIOLATION', `Setting ${k} shouldn't be greater than ${c.max}`);
    }
    if (typeof v === 'number' && c.min !== undefined && v < c.min) {
      throw new EddyError('SETTING_CONSTRAINT_VIOLATION', `Setting ${k} shouldn't be less than ${c.min}`);
    }
  }
}
