import { batch, createSignal } from "solid-js";
import { createKeyKeeper, isTransient, withRetry } from "./retry.js";

/**
 * One write that must not happen twice (a check-in, a ballot, a proposal, an agenda), sent from a
 * venue or a phone with poor reception: the Idempotency-Key keeper and the retry of transient
 * failures from retry.ts, and the state a page shows while it runs.
 *
 * - `pending()`: a request is on its way (callers send nothing else meanwhile);
 * - `retrying()`: the attempt being sent again (2, 3, …), 0 otherwise;
 * - `problem()`: why the last run failed, in words (`lost()` when every retry failed: the write may
 *   or may not have arrived, and sending the same input again is safe); cleared when a run starts;
 * - `run(input)`: sends it; resolves with the answer, or rejects with the error after recording it.
 *
 * The same input (by `fingerprint`) sent again after a failure that `keepKey` accepts (transient
 * ones always) keeps its key, so the server replays the first answer if it did arrive.
 */
export function createWrite<I, O>(
  send: (input: I, key: string, signal: AbortSignal | undefined) => Promise<O>,
  opts: {
    lost?: () => string;
    fingerprint?: (input: I) => unknown;
    keepKey?: (err: unknown) => boolean;
    onRetry?: (attempt: number) => void;
  } = {},
) {
  const [pending, setPending] = createSignal(false);
  const [retrying, setRetrying] = createSignal(0);
  const [problem, setProblem] = createSignal<string>();
  const keeper = createKeyKeeper();
  const fingerprint = opts.fingerprint ?? ((input: I) => input);

  return {
    pending,
    retrying,
    problem,
    /** Forgets the last problem (the page moved on from it). */
    dismiss: () => setProblem(undefined),
    /** Starts afresh: the next input gets a new key whatever it is (the next person at a table). */
    reset() {
      keeper.settled();
      setProblem(undefined);
    },
    async run(input: I): Promise<O> {
      const payload = fingerprint(input);
      const key = keeper.keyFor(payload);
      batch(() => {
        setPending(true);
        setProblem(undefined);
      });
      try {
        const answer = await withRetry(
          (signal) => send(input, key, signal),
          (attempt) => {
            setRetrying(attempt);
            opts.onRetry?.(attempt);
          },
        );
        keeper.settled();
        return answer;
      } catch (err) {
        if (isTransient(err) || opts.keepKey?.(err)) keeper.failed(payload, key);
        else keeper.settled();
        setProblem(isTransient(err) && opts.lost ? opts.lost() : err instanceof Error ? err.message : String(err));
        throw err;
      } finally {
        batch(() => {
          setPending(false);
          setRetrying(0);
        });
      }
    },
  };
}
