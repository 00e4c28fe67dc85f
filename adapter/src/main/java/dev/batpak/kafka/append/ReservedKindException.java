package dev.batpak.kafka.append;

import dev.batpak.kafka.BatpakException;

/** An append named a kind in a reserved category (system 0x0 or effect 0xD), which only the store itself writes. Nothing was sent; use a product category (0x1-0xC, 0xE, 0xF). */
public final class ReservedKindException extends BatpakException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with its message. */
    public ReservedKindException(String message) {
        super("RESERVED_KIND", message);
    }
}
