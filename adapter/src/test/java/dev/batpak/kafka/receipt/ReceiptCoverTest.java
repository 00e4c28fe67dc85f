package dev.batpak.kafka.receipt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.batpak.kafka.schemas.JournalEvent;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ReceiptCoverTest {

    private static final HexFormat HEX = HexFormat.of();

    static final String GOLDEN_PREIMAGE = "01" // version
            + "00000017" + "62617470616b2d6b61666b612f726563656970742f7631" // "batpak-kafka/receipt/v1"
            + "000102030405060708090a0b0c0d0e0f" // eventId
            + "00000003" // lane
            + "0000000000000001" // clock
            + "0000000000000007" // proposalOffset
            + "00000008" + "6f726465723a3432" // entity
            + "00000004" + "73686f70" // scope
            + "1001" // kind
            + "018bcfe568000002" // hlc
            + "aa".repeat(32) // prevHash
            + EventHashingTest.GOLDEN_EVENT_HASH
            + EventHashingTest.GOLDEN_CONTENT_HASH
            + "00000001" + "0000000a" + "6170702e74656e616e74" + "00000002" + "7431"; // extensions
    static final String GOLDEN_COVER = "a74288b3564d2cb9895af1a397225d7cd948e706f2f534497bb20b5e2b9a0c5c";
    /** Signed with the RFC 8032 test 1 key; OpenSSL's Ed25519 gives the same bytes. */
    static final String GOLDEN_SIGNATURE = "ced641806199c8eb57697a17746e43ffa451f34b9c934de5e1991029a3fb51b1"
            + "77e708c28486041b62350c12353aa031edf43f9a134d34068a003c481aa42a00";

    @Provide
    Arbitrary<CommitReceipt> receipts() {
        return TestEvents.events().map(CommitReceipt::fromJournal);
    }

    @Test
    void goldenCoverAndSignatureArePinned() {
        CommitReceipt golden = CommitReceipt.fromJournal(TestEvents.golden());
        assertEquals(GOLDEN_PREIMAGE, HEX.formatHex(ReceiptCover.preimage(golden)),
                "PROPERTY: the cover layout of docs/receipts.md is pinned; changing it invalidates every signature");
        assertEquals(GOLDEN_COVER, HEX.formatHex(ReceiptCover.cover(golden)));
        assertEquals(GOLDEN_SIGNATURE, HEX.formatHex(ReceiptSigner.of(Keys.PRIMARY).sign(golden).signature()),
                "PROPERTY: Ed25519 is deterministic: same key and cover, same signature");
    }

    @Property
    void changingAnySignedFieldChangesTheCover(@ForAll("receipts") CommitReceipt receipt, @ForAll ReceiptField field) {
        assertFalse(Arrays.equals(ReceiptCover.cover(receipt), ReceiptCover.cover(field.mutate.apply(receipt))),
                "PROPERTY: " + field + " is inside the signed cover");
    }

    @Property(tries = 300) // each try signs with Ed25519
    void theSignatureBlockIsOutsideTheCover(@ForAll("receipts") CommitReceipt receipt) {
        CommitReceipt signed = ReceiptSigner.of(Keys.PRIMARY).signed(receipt);
        assertArrayEquals(ReceiptCover.cover(receipt.withoutSignature()), ReceiptCover.cover(signed));
    }

    @Test
    void movingABoundaryBetweenEntityAndScopeChangesTheCover() {
        JournalEvent g = TestEvents.golden();
        CommitReceipt a = CommitReceipt.fromJournal(JournalEvent.newBuilder(g).setEntity("ab").setScope("c").build());
        CommitReceipt b = CommitReceipt.fromJournal(JournalEvent.newBuilder(g).setEntity("a").setScope("bc").build());
        assertFalse(Arrays.equals(ReceiptCover.cover(a), ReceiptCover.cover(b)));
    }
}
