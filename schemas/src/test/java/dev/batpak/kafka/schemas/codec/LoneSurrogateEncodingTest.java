package dev.batpak.kafka.schemas.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.batpak.kafka.schemas.Proposal;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;

/** PROPERTY: a string holding an unpaired surrogate never encodes (UTF-8 cannot carry it faithfully). */
class LoneSurrogateEncodingTest {

    @Property
    void stringsWithALoneSurrogateNeverEncode(@ForAll String anything,
                                              @ForAll @CharRange(from = '\uD800', to = '\uDFFF') char surrogate) {
        Proposal p = EncodeValidationTest.proposal();
        p.setEntity(anything + surrogate);
        Assume.that(EncodabilityCheck.firstUnpairedSurrogate(p.getEntity()) >= 0);
        assertThrows(RecordEncodingException.class, () -> Codecs.PROPOSAL.encode(p));
    }
}
