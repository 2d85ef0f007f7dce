// Console: the decision log, newest first, paged with an opaque `before` cursor.
import { Hono } from 'hono';
import { logPage } from '../console/log-page.js';
import type { ConsoleEnv } from '../http/console-guard.js';
import { viewerOf } from '../http/console-page.js';
import { decisionLog, LogQuery } from '../services/decision-log.js';
import { ApiError } from '../services/errors.js';

export const consoleLogRoutes = new Hono<ConsoleEnv>();

consoleLogRoutes.get('/console/log', async (c) => {
  const q = LogQuery.pick({ before: true }).safeParse(c.req.query());
  if (!q.success) throw new ApiError(400, 'invalid_request', 'unreadable page link; start from the newest decisions');
  const { entries, before } = await decisionLog(c.env, { limit: 100, before: q.data.before });
  const older = before ? `/console/log?before=${encodeURIComponent(before)}` : null;
  return c.html(logPage({ viewer: viewerOf(c.var.session), entries, older, paged: Boolean(q.data.before) }));
});
