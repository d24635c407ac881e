/** Jobs: slow work handed off after Slack's 3-second ack (reports, bulk invites). */
import { z } from 'zod';

/** The detail of a `bosun.job` event, as sent to EventBridge and handed to a handler. */
export const jobDetailSchema = z.object({
  jobId: z.string().min(1).max(128),
  kind: z.string().min(1).max(64),
  payload: z.unknown(),
});

/** One job. */
export type Job = z.infer<typeof jobDetailSchema>;

/** Runs one kind of job. Throwing marks the job failed (so a redelivery may run it again). */
export type JobHandler = (job: Job) => Promise<void>;

/** Handlers by job kind. */
export type JobHandlers = Record<string, JobHandler>;

/** The EventBridge event's source and detail-type for jobs. */
export const JOB_EVENT = { source: 'bosun', detailType: 'bosun.job' } as const;

/** The job kind for reports. */
export const REPORT_JOB = 'report';
