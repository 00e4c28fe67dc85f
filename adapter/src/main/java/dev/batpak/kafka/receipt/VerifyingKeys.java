package dev.batpak.kafka.receipt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The public keys a verifier trusts, looked up by {@link KeyId}.
 *
 * <p>Why several: keys rotate. The sequencer signs with its current key, while receipts signed
 * with earlier keys must keep verifying, so a verifier holds every key it still trusts and picks
 * the one a receipt names. Why "none" matters: with no keys at all an unsigned receipt is
 * accepted as {@link ReceiptVerification.UnsignedAccepted}; once any key is configured, unsigned
 * receipts are rejected, so a signing deployment cannot be downgraded by stripping signatures.
 * Immutable and thread-safe.
 */
public final class VerifyingKeys {

    private static final VerifyingKeys NONE = new VerifyingKeys(Map.of());

    private final Map<KeyId, VerifyingKey> byId;
    /** Decoded curve points, kept so that verifying a journal does not decode the key per receipt. */
    private final Map<KeyId, Ed25519PublicKeyParameters> decoded;

    private VerifyingKeys(Map<KeyId, VerifyingKey> byId) {
        this.byId = byId;
        Map<KeyId, Ed25519PublicKeyParameters> points = new LinkedHashMap<>();
        byId.forEach((id, key) -> points.put(id, new Ed25519PublicKeyParameters(key.raw(), 0)));
        this.decoded = Collections.unmodifiableMap(points);
    }

    /** No keys: only unsigned receipts verify (as {@code UnsignedAccepted}). */
    public static VerifyingKeys none() {
        return NONE;
    }

    /** These keys (duplicates are collapsed). */
    public static VerifyingKeys of(VerifyingKey... keys) {
        Objects.requireNonNull(keys, "keys");
        return of(List.of(keys));
    }

    /** These keys (duplicates are collapsed). */
    public static VerifyingKeys of(Collection<VerifyingKey> keys) {
        Objects.requireNonNull(keys, "keys");
        Map<KeyId, VerifyingKey> map = new LinkedHashMap<>();
        for (VerifyingKey key : keys) {
            Objects.requireNonNull(key, "a verifying key is null");
            map.put(key.keyId(), key);
        }
        return map.isEmpty() ? NONE : new VerifyingKeys(Collections.unmodifiableMap(map));
    }

    /** These keys plus {@code key}. */
    public VerifyingKeys with(VerifyingKey key) {
        Objects.requireNonNull(key, "key");
        List<VerifyingKey> all = new ArrayList<>(byId.values());
        all.add(key);
        return of(all);
    }

    /** The key with this id, if trusted. */
    public Optional<VerifyingKey> find(KeyId keyId) {
        Objects.requireNonNull(keyId, "keyId");
        return Optional.ofNullable(byId.get(keyId));
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code message} under the trusted key {@code keyId}. */
    boolean verifies(KeyId keyId, byte[] message, byte[] signature) {
        Ed25519PublicKeyParameters key = decoded.get(keyId);
        if (key == null || signature.length != ReceiptSignature.SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** Whether no key is configured. */
    public boolean isEmpty() {
        return byId.isEmpty();
    }

    /** The number of distinct keys. */
    public int size() {
        return byId.size();
    }

    /** The keys, in the order first given. */
    public List<VerifyingKey> keys() {
        return List.copyOf(byId.values());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifyingKeys other && byId.equals(other.byId);
    }

    @Override
    public int hashCode() {
        return byId.hashCode();
    }

    @Override
    public String toString() {
        return "VerifyingKeys" + byId.keySet();
    }
}
