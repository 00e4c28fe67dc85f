package dev.batpak.kafka.append;

import dev.batpak.kafka.receipt.AppendReceipt;
import java.util.List;
import java.util.UUID;

/**
 * What {@code appendBatch} returns once the batch's transaction committed: one append receipt per
 * item, in item order.
 *
 * @param batchId the batch's id (carried by every item's proposal and event)
 * @param items the item receipts, in item order
 */
public record BatchReceipt(UUID batchId, List<AppendReceipt> items) {

    /** Copies the list. */
    public BatchReceipt {
        items = List.copyOf(items);
    }

    /** The receipt of item {@code index}. */
    public AppendReceipt item(int index) {
        return items.get(index);
    }
}
