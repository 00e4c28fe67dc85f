package dev.batpak.kafka.receipt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * File and PEM plumbing for {@link SigningKey} and {@link VerifyingKey}: the DER prefixes of the
 * two fixed-size Ed25519 encodings (RFC 8410), PEM armour, permission checks and exclusive,
 * owner-only file creation.
 */
final class KeyFiles {

    /** PKCS#8 v1 {@code PrivateKeyInfo} for Ed25519, before the 32-byte seed (RFC 8410 §7). */
    static final byte[] PKCS8_PREFIX = hex("302e020100300506032b657004220420");

    /** X.509 {@code SubjectPublicKeyInfo} for Ed25519, before the 32-byte public key (RFC 8410 §4). */
    static final byte[] SPKI_PREFIX = hex("302a300506032b6570032100");

    static final String PRIVATE_LABEL = "PRIVATE KEY";
    static final String PUBLIC_LABEL = "PUBLIC KEY";

    /** Key files are tiny; anything larger is not a key and is not read into memory. */
    private static final long MAX_FILE_BYTES = 16 * 1024;

    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private KeyFiles() {}

    /** The fixed-size body after {@code prefix}, or a MALFORMED error naming {@code what}. */
    static byte[] unwrapDer(byte[] der, byte[] prefix, String what, String source) {
        if (der.length != prefix.length + 32
                || !Arrays.equals(der, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED, source + " is not " + what
                    + " (expected the " + (prefix.length + 32) + "-byte RFC 8410 encoding, as written by"
                    + " 'openssl genpkey -algorithm ed25519' and 'openssl pkey -pubout')");
        }
        return Arrays.copyOfRange(der, prefix.length, der.length);
    }

    static byte[] wrapDer(byte[] prefix, byte[] body) {
        byte[] der = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, der, prefix.length, body.length);
        return der;
    }

    static String toPem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    /** Whether {@code text} holds a PEM block with {@code label}. */
    static boolean isPem(String text, String label) {
        return text.strip().startsWith("-----BEGIN " + label + "-----");
    }

    static byte[] fromPem(String text, String label, String source) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        String trimmed = text.strip();
        int endAt = trimmed.indexOf(end);
        if (!trimmed.startsWith(begin) || endAt < 0 || !trimmed.substring(endAt + end.length()).isBlank()) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED,
                    source + " is not a PEM '" + label + "' block (" + begin + " ... " + end + ")");
        }
        try {
            return Base64.getMimeDecoder().decode(trimmed.substring(begin.length(), endAt));
        } catch (IllegalArgumentException e) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED, source + " has invalid base64 in its PEM body", e);
        }
    }

    /**
     * Refuses a private key file that grants group or other users any access, as {@code ssh}
     * does. File systems without POSIX permissions (Windows) are not checked.
     */
    static void requireOwnerOnly(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.IO, "cannot read the permissions of key file " + file + ": " + e.getMessage(), e);
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(OPEN_TO_OTHERS);
        if (!open.isEmpty()) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.PERMISSIONS_TOO_OPEN,
                    "private key file " + file + " has permissions " + PosixFilePermissions.toString(permissions)
                            + ", so other users may read it; anyone holding it can forge receipts."
                            + " Run 'chmod 600 " + file + "' (and replace the key if it may have leaked)");
        }
    }

    static String read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ReceiptKeyException(ReceiptKeyException.Reason.MALFORMED,
                        "key file " + file + " is " + size + " bytes; an Ed25519 key file is under 1 KiB");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.IO, "cannot read key file " + file + ": " + e, e);
        }
    }

    /**
     * Creates {@code file} with {@code text}, failing if it exists. With {@code ownerOnly} the
     * file is created with mode 0600 from the start, so the secret is never readable by others,
     * not even for a moment.
     */
    static void createNew(Path file, String text, boolean ownerOnly) {
        try {
            boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
            FileAttribute<?>[] attributes = ownerOnly && posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
                    : new FileAttribute<?>[0];
            Files.createFile(file, attributes);
            Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.ALREADY_EXISTS,
                    "key file " + file + " already exists; refusing to overwrite a key (move it away first)", e);
        } catch (IOException e) {
            throw new ReceiptKeyException(ReceiptKeyException.Reason.IO, "cannot write key file " + file + ": " + e, e);
        }
    }

    private static byte[] hex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}
