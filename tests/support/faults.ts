import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { useClientMiddleware } from "../../core/shared/table.js";

/**
 * Makes a share of TransactWriteItems calls fail as real DynamoDB does under contention
 * (TransactionCanceledException with a TransactionConflict reason on item `conflictAt`);
 * DynamoDB Local never does. Returns a counter of the injected failures. resetClient() ends it.
 */
export function injectTransactionConflicts(share: number, conflictAt: number): { count: number } {
  const injected = { count: 0 };
  useClientMiddleware((client) =>
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "TransactWriteItemsCommand" && Math.random() < share) {
          injected.count++;
          const count = ((args.input as { TransactItems: unknown[] }).TransactItems ?? []).length;
          throw new TransactionCanceledException({
            message: "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
            $metadata: {},
            CancellationReasons: Array.from({ length: count }, (_, i) => ({ Code: i === conflictAt ? "TransactionConflict" : "None" })),
          });
        }
        return next(args);
      },
      { step: "initialize", name: "injectConflicts" },
    ),
  );
  return injected;
}
