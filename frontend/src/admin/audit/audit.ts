// The audit log's filters as the form holds them and as the server takes them, and how a record's details read.
import type { AuditFilter } from '../../api/types';

/** The actions the servers record. */
export const AUDIT_ACTIONS = [
  'user.disable',
  'user.enable',
  'user.role.grant',
  'user.role.revoke',
  'room.ban',
  'room.unban',
  'room.mute',
  'room.unmute',
  'room.update',
  'room.role',
  'room.member.remove',
  'room.delete',
  'message.delete',
  'message.pin',
  'message.unpin',
  'audit.export',
  'search.rebuild',
] as const;

/** The filter form: an actor id, an action ('' for any), and a first and last day (YYYY-MM-DD, '' for open). */
export interface AuditFilterForm {
  actor: string;
  action: string;
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilterForm = { actor: '', action: '', from: '', to: '' };

/** The start of a day in the user's time zone, as an instant. */
function startOfDay(date: string): string {
  return new Date(`${date}T00:00:00`).toISOString();
}

/**
 * What the server is asked for: the days become instants in the user's time zone, from the
 * start of the first day to the start of the day after the last (so the last day is included).
 */
export function auditFilter(form: AuditFilterForm): AuditFilter {
  const filter: AuditFilter = {};
  if (form.actor.trim()) filter.actor = form.actor.trim();
  if (form.action) filter.action = form.action;
  if (form.from) filter.from = startOfDay(form.from);
  if (form.to) {
    const end = new Date(`${form.to}T00:00:00`);
    end.setDate(end.getDate() + 1); // the calendar's next day, whatever the clock change
    filter.to = end.toISOString();
  }
  return filter;
}

/** The last day not before the first: both given and in the wrong order is a mistake to point out. */
export function rangeIsValid(form: AuditFilterForm): boolean {
  return !form.from || !form.to || form.from <= form.to;
}

const MAX_SUMMARY = 140;

/** A record's details on one line: `key: value` pairs, long ones cut with an ellipsis. */
export function summarizeDetails(details: Record<string, unknown> | undefined): string {
  if (!details) return '';
  const text = Object.entries(details)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

/** The exported file's name: the day it was exported (UTC). */
export function csvFileName(now: number = Date.now()): string {
  return `blau-audit-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
