package dev.batpak.kafka.receipt;

import java.util.HexFormat;

/** Fixed signing keys for tests, so failures reproduce. */
final class Keys {

    private Keys() {}

    /** RFC 8032 §7.1 test 1 secret key. */
    static final byte[] RFC8032_SEED = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    /** RFC 8032 §7.1 test 1 public key. */
    static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    static final SigningKey PRIMARY = SigningKey.fromSeed(RFC8032_SEED);

    static final SigningKey OTHER = SigningKey.fromSeed(HexFormat.of().parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
}
