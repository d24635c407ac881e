// The cold-start baseline (bench/cold-start.ts): a Lambda bundle that only imports Bolt's App,
// and as its first piece of work builds one the way Bosun does (own receiver, no auth.test).
import { App, LogLevel } from '@slack/bolt';

const receiver = { init() {}, async start() {}, async stop() {} };

export function init() {
  return new App({
    receiver,
    token: 'xoxb-bench',
    botId: 'B0',
    botUserId: 'U0',
    tokenVerificationEnabled: false,
    logLevel: LogLevel.WARN,
  });
}
