package dev.batpak.kafka.gate;

import dev.batpak.kafka.BatpakException;

/**
 * A {@link GuardReceipt} or {@link BypassReceipt} was consumed a second time.
 *
 * <p>A receipt stands for exactly one write: consuming it twice would let one gate evaluation
 * (or one approved bypass) authorise two events. Evaluate the proposal again to get a new
 * receipt.
 */
public final class ReceiptConsumedException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** The stable code of this failure. */
    public static final String CODE = "RECEIPT_ALREADY_CONSUMED";

    private final String receiptType;

    ReceiptConsumedException(String receiptType) {
        super(CODE, "this " + receiptType + " was already consumed: a receipt authorises one write;"
                + " evaluate the proposal again to get a new one");
        this.receiptType = receiptType;
    }

    /** The simple name of the receipt type, {@code GuardReceipt} or {@code BypassReceipt}. */
    public String receiptType() {
        return receiptType;
    }
}
