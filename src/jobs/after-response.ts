/**
 * "Effects after the answer", locally: work queued while a request is being handled is held until
 * that request's response has gone out (Node's `finish` on the outgoing message), then started.
 * Work queued outside a request (the sweep, the CLI) starts at once. Request scopes are kept apart
 * with AsyncLocalStorage, so concurrent requests never start each other's work early.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type Task = () => void;
const scope = new AsyncLocalStorage<Task[]>();

/** Runs `handle` as one request; `whenAnswered` is called once its response is out. */
export async function withResponseScope<T>(
  handle: () => Promise<T>,
  whenAnswered: (start: () => void) => void,
): Promise<T> {
  const held: Task[] = [];
  const result = await scope.run(held, handle);
  whenAnswered(() => {
    for (const task of held.splice(0)) task();
  });
  return result;
}

/** Starts `task` after the current request's response, or now when there is no request. */
export function afterResponse(task: Task): void {
  const held = scope.getStore();
  if (held) held.push(task);
  else setImmediate(task);
}
